package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/say"
)

// runOutbox lists the messages of the outbox and their states, the newest
// first; --resend queues again, at the user's word, messages sent, failed
// or of unknown fate.
func runOutbox(args []string, stdout, stderr io.Writer) int {
	const name = "atelier outbox"
	const usageLine = "atelier outbox --db FILE [--workshop ID] [--resend ID[,ID…]]"
	fs := newFlagSet(name)
	db := fs.String("db", "", "")
	workshop := fs.Int64("workshop", 0, "")
	resend := fs.String("resend", "", "")
	if code := parseArgs(fs, args, usageLine, stdout, stderr); code >= 0 {
		return code
	}
	if fs.NArg() > 0 || *db == "" {
		fmt.Fprintf(stderr, "%s: give --db FILE (usage: %s)\n", name, usageLine)
		return 2
	}
	var ids []int64
	for _, s := range strings.FieldsFunc(*resend, func(r rune) bool { return r == ',' || r == ' ' }) {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			fmt.Fprintf(stderr, "%s: --resend takes message numbers, like 12,13, not %q\n", name, s)
			return 2
		}
		ids = append(ids, id)
	}
	mode := data.OpenReadOnly
	if len(ids) > 0 {
		mode = data.OpenExisting
	}
	st, code := openStore(fs, *db, mode, stderr)
	if st == nil {
		return code
	}
	defer st.Close()
	if len(ids) > 0 {
		waitAloud(st, name, stderr)
		queued, err := st.Resend(context.Background(), ids)
		if err != nil {
			return report(stderr, name, err, say.Saving, "")
		}
		fmt.Fprintf(stdout, "Queued %s again: atelier send --db %s --retry sends %s.\n",
			count(len(queued), "message", "messages"), *db, plural(len(queued), "it", "them"))
		return 0
	}
	list, err := st.Outbox(data.OutboxFilter{WorkshopID: *workshop})
	if err != nil {
		return report(stderr, name, err, say.Reading, "")
	}
	if len(list) == 0 {
		fmt.Fprintln(stdout, "The outbox is empty.")
		return 0
	}
	counts := map[data.MessageState]int{}
	for _, m := range list {
		counts[m.State]++
		when := m.QueuedAt
		if m.State == data.StateSent {
			when = m.SentAt
		}
		fmt.Fprintf(stdout, "%5d  %-8s %-11s %s  %s\n       %s", m.ID, m.State, m.Kind, when.Local().Format("2006-01-02 15:04"),
			addressee(m), m.Subject)
		for _, a := range m.Attachments {
			fmt.Fprintf(stdout, " · %s", a.FileName)
		}
		fmt.Fprintln(stdout)
		switch m.State {
		case data.StateSent:
			fmt.Fprintf(stdout, "       the server answered: %s\n", m.Reply)
		case data.StateUnknown:
			fmt.Fprintf(stdout, "       unknown: check before resending (a sender stopped while handing it over)\n")
		case data.StateFailed, data.StateQueued:
			if m.FailureKey != "" {
				fmt.Fprintf(stdout, "       %s %s\n", say.Words{Key: m.FailureKey}.English(), m.FailureDetail)
			}
			if m.State == data.StateQueued && m.Attempts > 0 {
				fmt.Fprintf(stdout, "       next try from %s\n", m.NextAttempt.Local().Format("2006-01-02 15:04"))
			}
		}
	}
	var parts []string
	for _, s := range data.MessageStates {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
		}
	}
	fmt.Fprintf(stdout, "%s: %s.\n", count(len(list), "message", "messages"), strings.Join(parts, ", "))
	return 0
}
