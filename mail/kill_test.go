package mail

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/mail/mailtest"
)

// TestHelperSendTarget is the child process of the kill test: it sends
// the outbox of a file until it is killed.
func TestHelperSendTarget(t *testing.T) {
	path := os.Getenv("ATELIER_SEND_DB")
	if path == "" {
		t.Skip("runs only as a child process")
	}
	port, _ := strconv.Atoi(os.Getenv("ATELIER_SEND_PORT"))
	// The parent's lease, so that the child beats within it.
	if lease, err := time.ParseDuration(os.Getenv("ATELIER_SEND_LEASE")); err == nil {
		data.SendingLease = lease
	}
	st, err := data.Open(path, data.OpenExisting)
	if err != nil {
		os.Exit(2)
	}
	fmt.Println("ready")
	a := data.MailAccount{Host: "127.0.0.1", Port: port, Security: data.SecurityNone, FromAddress: "organiser@example.org",
		PerMinute: 1200}
	Send(context.Background(), st, Server{Account: a}, Options{PerConnection: 7})
	time.Sleep(time.Hour) // wait for the kill
}

// A sender killed at a random moment: no message reaches anyone twice
// unless the user says so. What was sent reads sent; what the dead run
// was handing over reads unknown and is left alone by the next run; the
// rest goes once; and only Resend sends an unknown one again.
func TestKillDuringSendingNeverSendsTwiceWithoutTheUsersWord(t *testing.T) {
	saved := data.SendingLease
	data.SendingLease = 300 * time.Millisecond
	t.Cleanup(func() { data.SendingLease = saved })
	m := mailtest.Start(t, mailtest.Options{})
	unknownSeen := 0
	for round := range 4 {
		st, res := demoStore(t)
		a := accountFor(m, data.SecurityNone, "")
		queue(t, st, a, Request{Kind: data.MessageCertificate, WorkshopID: res.Lagos, Trainers: true})
		textTo(t, st, a, res.Lagos)
		total := len(mustOutbox(t, st))

		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperSendTarget$", "-test.count=1")
		cmd.Env = append(os.Environ(), "ATELIER_SEND_DB="+st.Path(), "ATELIER_SEND_PORT="+strconv.Itoa(m.SMTPPort))
		out, err := cmd.StdoutPipe()
		mustNoErr(t, err)
		mustNoErr(t, cmd.Start())
		buf := make([]byte, 6)
		if _, err := out.Read(buf); err != nil || string(buf) != "ready\n" {
			t.Fatalf("the child did not start: %q %v", buf, err)
		}
		// At 1,200 a minute the whole outbox takes about two seconds.
		time.Sleep(time.Duration(200+rand.IntN(1500)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		time.Sleep(2 * data.SendingLease)

		before := deliveries(t, m)
		byState := map[data.MessageState][]data.OutboxMessage{}
		for _, q := range mustOutbox(t, st) {
			byState[q.State] = append(byState[q.State], q)
		}
		for _, q := range byState[data.StateSent] {
			if before[q.MessageID] != 1 {
				t.Fatalf("round %d: message %d reads sent and arrived %d times", round, q.ID, before[q.MessageID])
			}
		}
		for _, q := range byState[data.StateQueued] {
			if before[q.MessageID] != 0 {
				t.Fatalf("round %d: message %d reads queued and arrived %d times", round, q.ID, before[q.MessageID])
			}
		}
		if len(byState[data.StateSending]) != 0 {
			t.Fatalf("round %d: %d messages still read sending after the lease", round, len(byState[data.StateSending]))
		}
		unknown := byState[data.StateUnknown]
		unknownSeen += len(unknown)
		t.Logf("round %d: killed with %d sent, %d queued, %d unknown of %d", round, len(byState[data.StateSent]),
			len(byState[data.StateQueued]), len(unknown), total)

		// The next run sends what waits, and leaves the unknown alone.
		_, err = Send(context.Background(), st, Server{Account: a}, Options{Waiting: true})
		mustNoErr(t, err)
		after := deliveries(t, m)
		for _, q := range mustOutbox(t, st) {
			switch {
			case q.State == data.StateUnknown && after[q.MessageID] != before[q.MessageID]:
				t.Fatalf("round %d: message %d, unknown, was sent again without the user's word", round, q.ID)
			case q.State == data.StateSent && after[q.MessageID] != 1:
				t.Fatalf("round %d: message %d arrived %d times", round, q.ID, after[q.MessageID])
			case q.State != data.StateSent && q.State != data.StateUnknown:
				t.Fatalf("round %d: message %d left %s", round, q.ID, q.State)
			}
		}
		// The user's word sends an unknown one again.
		if len(unknown) > 0 {
			_, err := st.Resend(context.Background(), []int64{unknown[0].ID})
			mustNoErr(t, err)
			rep, err := Send(context.Background(), st, Server{Account: a}, Options{})
			mustNoErr(t, err)
			if rep.Sent != 1 || deliveries(t, m)[unknown[0].MessageID] != before[unknown[0].MessageID]+1 {
				t.Fatalf("round %d: resending the unknown message: %+v", round, rep)
			}
		}
	}
	t.Logf("%d messages were caught sending by the kills", unknownSeen)
}

func mustOutbox(t testing.TB, st *data.Store) []data.OutboxMessage {
	t.Helper()
	list, err := st.Outbox(data.OutboxFilter{})
	mustNoErr(t, err)
	return list
}

// deliveries counts what Mailpit took by Message-ID, in angle brackets as
// the outbox keeps it.
func deliveries(t testing.TB, m *mailtest.Mailpit) map[string]int {
	t.Helper()
	counts := map[string]int{}
	for _, s := range m.Messages(t) {
		counts["<"+s.MessageID+">"]++
	}
	return counts
}
