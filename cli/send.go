package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/mail"
	"github.com/atelier-workshops/atelier/say"
)

// PasswordVariable holds the mail account's password for the command
// line; the window keeps it in the system's keychain instead.
const PasswordVariable = "ATELIER_SMTP_PASSWORD"

// sendUsage names the kinds that can be sent: those package mail has
// documents for (certificates and the letters), the workbook and text.
func sendUsage() string {
	return "atelier send --db FILE --workshop ID --what " + strings.Join(whatNames(), "|") + " --from ADDRESS --smtp HOST:PORT " +
		"[--security starttls|tls|none] [--user NAME] [--to ADDRESS] [--rate N] [--yes]\n       atelier send --db FILE --retry [--smtp HOST:PORT …]"
}

// whatName is what --what calls a kind of message.
func whatName(k data.MessageKind) string {
	if k == data.MessageCertificate {
		return "certificates"
	}
	return string(k)
}

// whatNames are the --what of the kinds that can be sent now.
func whatNames() []string {
	var names []string
	for _, k := range mail.Sendable() {
		names = append(names, whatName(k))
	}
	return names
}

// sendFlags are send's flags; those of the account override the account
// kept in the file.
type sendFlags struct {
	db, what, to, from, fromName, smtp, security, user string
	subject, body                                      string
	workshop                                           int64
	rate                                               int
	yes, retry, trainers, anonymous                    bool
	set                                                map[string]bool
}

// runSend writes the messages of a workshop (its certificates, its
// workbook for the secretariat, or the organiser's own words), shows how
// many go to how many people and the first of them, and, with --yes,
// queues and sends them; --retry sends what waits in the outbox.
func runSend(args []string, stdout, stderr io.Writer) int {
	const name = "atelier send"
	fs := newFlagSet(name)
	var f sendFlags
	fs.StringVar(&f.db, "db", "", "")
	fs.Int64Var(&f.workshop, "workshop", 0, "")
	fs.StringVar(&f.what, "what", "", "")
	fs.StringVar(&f.to, "to", "", "")
	fs.StringVar(&f.from, "from", "", "")
	fs.StringVar(&f.fromName, "from-name", "", "")
	fs.StringVar(&f.smtp, "smtp", "", "")
	fs.StringVar(&f.security, "security", "", "")
	fs.StringVar(&f.user, "user", "", "")
	fs.StringVar(&f.subject, "subject", "", "")
	fs.StringVar(&f.body, "body", "", "")
	fs.IntVar(&f.rate, "rate", -1, "")
	fs.BoolVar(&f.yes, "yes", false, "")
	fs.BoolVar(&f.retry, "retry", false, "")
	fs.BoolVar(&f.trainers, "trainers", false, "")
	fs.BoolVar(&f.anonymous, "anonymous", false, "")
	if code := parseArgs(fs, args, sendUsage(), stdout, stderr); code >= 0 {
		return code
	}
	f.set = map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	kind, problem := f.check(fs.NArg(), fs.Args())
	if problem != "" {
		fmt.Fprintf(stderr, "%s: %s (usage: %s)\n", name, problem, sendUsage())
		return 2
	}
	mode := data.OpenExisting
	if !f.yes && !f.retry {
		mode = data.OpenReadOnly // the preview writes nothing
	}
	st, code := openStore(fs, f.db, mode, stderr)
	if st == nil {
		return code
	}
	defer st.Close()
	waitAloud(st, name, stderr)
	account, err := f.account(st)
	if errors.Is(err, errNothingWaits) {
		fmt.Fprintln(stdout, "Nothing waits in the outbox: 0 messages sent.")
		return 0
	}
	if err != nil {
		return report(stderr, name, err, say.Reading, "")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if f.retry {
		return sendNow(ctx, st, account, mail.Options{Waiting: true}, stdout, stderr)
	}
	if _, err := st.Workshop(f.workshop); err != nil {
		var nf *data.NotFoundError
		if errors.As(err, &nf) {
			err = message(fmt.Sprintf("there is no workshop %d in %s", f.workshop, f.db))
		}
		return report(stderr, name, err, say.Reading, "")
	}
	r := mail.Request{Kind: kind, WorkshopID: f.workshop, Trainers: f.trainers, To: f.to, Anonymous: f.anonymous}
	if kind == data.MessageText {
		r.Words = map[data.Language]data.MailTemplate{}
		w, _ := st.Workshop(f.workshop)
		r.Words[w.Language] = data.MailTemplate{Subject: f.subject, Body: f.body}
	}
	plan, err := mail.Preview(st, account, r)
	if err != nil {
		return report(stderr, name, sendProblem(err, f), say.Reading, "")
	}
	if len(plan.Messages) == 0 {
		fmt.Fprintf(stdout, "Nobody to send to.\n")
		printMissing(stdout, plan.Missing)
		printLeftOut(stdout, plan.LeftOut)
		return 0
	}
	if !f.yes {
		fmt.Fprintf(stdout, "%s to %s.\n", count(len(plan.Messages), "message", "messages"), count(plan.People, "person", "people"))
		printMissing(stdout, plan.Missing)
		printLeftOut(stdout, plan.LeftOut)
		n := len(plan.Messages)
		fmt.Fprintf(stdout, "\n%s:\n\n", plural(n, "The message", "The first of them"))
		printMessage(stdout, plan.Messages[0])
		fmt.Fprintf(stdout, "\nNothing was sent: add --yes to queue and send %s.\n", plural(n, "it", "them"))
		return 0
	}
	msgs, err := mail.Queue(ctx, st, account, r, nil)
	if err != nil {
		code := report(stderr, name, sendProblem(err, f), say.Saving, "")
		fmt.Fprintf(stderr, "%s: nothing was queued.\n", name)
		return code
	}
	fmt.Fprintf(stdout, "Queued %s to %s.\n", count(len(msgs), "message", "messages"), count(plan.People, "person", "people"))
	printMissing(stdout, plan.Missing)
	ids := make([]int64, len(msgs))
	for i, m := range msgs {
		ids[i] = m.ID
	}
	return sendNow(ctx, st, account, mail.Options{Waiting: true, IDs: ids}, stdout, stderr)
}

// check reads which kind is asked for and says what is wrong with the
// flags, if anything.
func (f *sendFlags) check(nargs int, rest []string) (data.MessageKind, string) {
	kinds := map[string]data.MessageKind{"certificate": data.MessageCertificate}
	for _, k := range data.MessageKinds {
		kinds[whatName(k)] = k
	}
	switch {
	case nargs > 0:
		return "", fmt.Sprintf("unexpected argument %q", rest[0])
	case f.db == "":
		return "", "give --db FILE"
	case f.retry && (f.workshop != 0 || f.what != ""):
		return "", "--retry sends what waits in the outbox: give it without --workshop or --what"
	case f.retry:
		return "", ""
	case f.workshop <= 0 || f.what == "":
		return "", "give --workshop ID and --what"
	}
	kind, ok := kinds[f.what]
	switch {
	case !ok:
		return "", fmt.Sprintf("--what must be one of %s, not %q", strings.Join(whatNames(), ", "), f.what)
	case !mail.IsSendable(kind):
		return "", fmt.Sprintf("--what %s cannot be sent: this build has no documents of that kind", f.what)
	case kind == data.MessageText && strings.TrimSpace(f.body) == "":
		return "", "--what text needs the message: --subject \"…\" --body \"…\""
	case f.to != "" && kind != data.MessageWorkbook:
		return "", "--to is for --what workbook: the others go to each person's own address"
	}
	return kind, ""
}

// errNothingWaits is account's answer to --retry without a sender when
// no message waits to give it one.
var errNothingWaits = errors.New("nothing waits in the outbox")

// account is the file's mail account with the flags over it, and the
// password from the environment.
func (f *sendFlags) account(st *data.Store) (data.MailAccount, error) {
	a, kept, err := st.MailAccount()
	if err != nil {
		return a, err
	}
	if !kept {
		a = data.MailAccount{Security: data.SecuritySTARTTLS, PerMinute: data.DefaultPerMinute}
	}
	if f.set["security"] {
		a.Security = data.Security(f.security)
		if !f.set["smtp"] {
			a.Port = a.Security.DefaultPort()
		}
	}
	if f.set["smtp"] {
		host, port, err := net.SplitHostPort(f.smtp)
		n, perr := strconv.Atoi(port)
		if err != nil || perr != nil {
			return a, message(fmt.Sprintf("--smtp %q: give the server as HOST:PORT, like smtp.example.org:587", f.smtp))
		}
		a.Host, a.Port = host, n
		if n == 465 && !f.set["security"] {
			a.Security = data.SecurityTLS // the port's only security (RFC 8314)
		}
	}
	if f.set["user"] {
		a.User = f.user
	}
	if f.set["from"] {
		a.FromAddress = f.from
	}
	if f.set["from-name"] {
		a.FromName = f.fromName
	}
	if f.set["rate"] {
		a.PerMinute = f.rate
	}
	if a.FromAddress == "" && f.retry {
		// The messages that wait keep the sender they were written
		// with; the account needs one only to be whole.
		waiting, err := st.Outbox(data.OutboxFilter{States: []data.MessageState{data.StateQueued}})
		if err != nil {
			return a, err
		}
		if len(waiting) > 0 {
			a.FromAddress = waiting[0].FromAddress
		}
	}
	switch {
	case a.Host == "":
		return a, message("give the mail server with --smtp HOST:PORT (no mail account is kept in this file)")
	case a.FromAddress == "" && f.retry:
		return a, errNothingWaits
	case a.FromAddress == "":
		return a, message("give the sender's address with --from ADDRESS")
	}
	return a, a.Validate()
}

// sendNow sends what opt chooses and says how it went; it exits 1 when
// anything it was to send is left unsent.
func sendNow(ctx context.Context, st *data.Store, a data.MailAccount, opt mail.Options, stdout, stderr io.Writer) int {
	const name = "atelier send"
	password := os.Getenv(PasswordVariable)
	if a.User != "" && password == "" {
		password, _ = mail.KeptPassword(mail.SystemKeychain, a)
	}
	if a.User != "" && password == "" {
		fmt.Fprintf(stderr, "%s: the account %s needs a password: put it in the environment variable %s\n", name, a.User, PasswordVariable)
		return 1
	}
	opt.Progress = func(r mail.Report) {
		m := r.Last
		switch m.State {
		case data.StateSent:
			fmt.Fprintf(stdout, "sent to %s\n", addressee(*m))
		case data.StateQueued:
			fmt.Fprintf(stdout, "put off for %s: %s\n", addressee(*m), say.Words{Key: m.FailureKey}.English())
		default:
			fmt.Fprintf(stdout, "%s for %s: %s %s\n", m.State, addressee(*m), say.Words{Key: m.FailureKey}.English(), m.FailureDetail)
		}
	}
	rep, err := mail.Send(ctx, st, mail.Server{Account: a, Password: password}, opt)
	fmt.Fprintf(stdout, "%s sent", count(rep.Sent, "message", "messages"))
	if rep.Failed > 0 {
		fmt.Fprintf(stdout, ", %d refused", rep.Failed)
	}
	if rep.Retrying > 0 {
		fmt.Fprintf(stdout, ", %d put off by the server", rep.Retrying)
	}
	fmt.Fprintln(stdout, ".")
	counts, cerr := st.OutboxCounts(0)
	if cerr == nil && counts[data.StateQueued] > 0 {
		fmt.Fprintf(stdout, "%s in the outbox: atelier send --db %s --retry sends %s.\n",
			count(counts[data.StateQueued], "message waits", "messages wait"), st.Path(), plural(counts[data.StateQueued], "it", "them"))
	}
	if cerr == nil && counts[data.StateUnknown] > 0 {
		fmt.Fprintf(stdout, "%s may or may not have gone (a sender stopped while handing %s over): check with %s, then atelier outbox --db %s --resend ID.\n",
			count(counts[data.StateUnknown], "message", "messages"), plural(counts[data.StateUnknown], "it", "them"),
			plural(counts[data.StateUnknown], "its recipient", "their recipients"), st.Path())
	}
	if err != nil {
		return report(stderr, name, err, say.Writing, "")
	}
	if rep.Failed+rep.Retrying+rep.Unknown > 0 {
		return 1
	}
	return 0
}

// sendProblem words what mail says about a request in the terms of the
// command line.
func sendProblem(err error, f sendFlags) error {
	switch {
	case errors.Is(err, mail.ErrNoSecretariat):
		return message(fmt.Sprintf("workshop %d has no secretariat's address: give one with --to ADDRESS, or set it in the window", f.workshop))
	case errors.Is(err, mail.ErrNobody):
		return message("nobody to send to")
	}
	return err
}

func addressee(m data.OutboxMessage) string {
	if m.ToName == "" {
		return m.ToAddress
	}
	return fmt.Sprintf("%s <%s>", m.ToName, m.ToAddress)
}

// printLeftOut names those the documents leave out, and why, as atelier
// letters does.
func printLeftOut(w io.Writer, leftOut []data.LetterSkip) {
	for _, s := range leftOut {
		fmt.Fprintf(w, "Left out: %s\n", say.LetterSkip(s).English())
	}
}

func printMissing(w io.Writer, missing []string) {
	if len(missing) > 0 {
		fmt.Fprintf(w, "%s no email address, and will get nothing: %s\n",
			count(len(missing), "person has", "people have"), strings.Join(missing, ", "))
	}
}

// printMessage shows a message as a mail program would.
func printMessage(w io.Writer, m data.OutboxMessage) {
	from := m.FromAddress
	if m.FromName != "" {
		from = fmt.Sprintf("%s <%s>", m.FromName, m.FromAddress)
	}
	fmt.Fprintf(w, "From:    %s\nTo:      %s\nSubject: %s\n", from, addressee(m), m.Subject)
	for _, a := range m.Attachments {
		size := "printed when sent"
		if a.Size > 0 {
			size = fmt.Sprintf("%d KB", (a.Size+1023)/1024)
		}
		fmt.Fprintf(w, "Attached: %s (%s)\n", a.FileName, size)
	}
	fmt.Fprintf(w, "\n%s\n", m.Text)
}
