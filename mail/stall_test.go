package mail

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/mail/mailtest"
)

// stallingProxy stands between a sender and a real SMTP server. It passes
// everything both ways until the sender has handed over a whole message
// (the lone dot that ends DATA); the server gets that too, takes the
// message, and answers, but the answer never reaches the sender, as when
// the line drops or the program dies at that very moment. Only the first
// message is held so; the rest go through.
type stallingProxy struct {
	Port    int
	Stalled chan struct{} // closed once the first message's answer is held back
	taken   atomic.Bool
	mu      sync.Mutex
	conns   []net.Conn
}

func startStallingProxy(t testing.TB, target string) *stallingProxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	mustNoErr(t, err)
	p := &stallingProxy{Port: l.Addr().(*net.TCPAddr).Port, Stalled: make(chan struct{})}
	t.Cleanup(func() {
		l.Close()
		p.mu.Lock()
		defer p.mu.Unlock()
		for _, c := range p.conns {
			c.Close()
		}
	})
	go func() {
		for {
			client, err := l.Accept()
			if err != nil {
				return
			}
			server, err := net.Dial("tcp", target)
			if err != nil {
				client.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, client, server)
			p.mu.Unlock()
			go p.pass(client, server)
		}
	}()
	return p
}

// pass carries one connection; the answers after the held message's end
// are dropped.
func (p *stallingProxy) pass(client, server net.Conn) {
	var holding atomic.Bool
	go func() {
		buf := make([]byte, 32<<10)
		for {
			n, err := server.Read(buf)
			if n > 0 && !holding.Load() {
				if _, werr := client.Write(buf[:n]); werr != nil {
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	end := []byte("\r\n.\r\n")
	var tail []byte
	buf := make([]byte, 32<<10)
	for {
		n, err := client.Read(buf)
		if n > 0 {
			seen := append(tail, buf[:n]...)
			// Held back before the server can answer the end of the
			// message, which it reads after this.
			hold := bytes.Contains(seen, end) && p.taken.CompareAndSwap(false, true)
			if hold {
				holding.Store(true)
			}
			if _, werr := server.Write(buf[:n]); werr != nil {
				return
			}
			if hold {
				close(p.Stalled)
			}
			tail = append([]byte(nil), seen[max(0, len(seen)-len(end)+1):]...)
		}
		if err != nil {
			return
		}
	}
}

// waitFor polls until ok, for at most ten seconds.
func waitFor(t testing.TB, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("waited ten seconds for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A message handed over whole whose answer never comes may have arrived:
// it reads unknown, with why in words, and no run sends it again by
// itself; the rest of the run goes on. The server did take it, once; only
// Resend sends it a second time.
func TestNoAnswerAfterTheMessageIsUnknownNeverSentAgainByItself(t *testing.T) {
	m := mailtest.Start(t, mailtest.Options{})
	p := startStallingProxy(t, "127.0.0.1:"+strconv.Itoa(m.SMTPPort))
	st, res := demoStore(t)
	a := accountFor(m, data.SecurityNone, "")
	a.Port = p.Port
	msgs := textTo(t, st, a, res.Lagos)

	rep, err := Send(context.Background(), st, Server{Account: a, Timeout: time.Second}, Options{})
	mustNoErr(t, err)
	if rep.Unknown != 1 || rep.Sent != len(msgs)-1 {
		t.Fatalf("report %+v for %d messages, the first one's answer held back", rep, len(msgs))
	}
	var unknown data.OutboxMessage
	for _, q := range mustOutbox(t, st) {
		if q.State == data.StateUnknown {
			unknown = q
		}
	}
	if unknown.ID == 0 || unknown.FailureKey != "mail.error.no_answer" {
		t.Fatalf("the message whose answer never came: %+v", unknown)
	}
	if got := deliveries(t, m); got[unknown.MessageID] != 1 || len(got) != len(msgs) {
		t.Fatalf("the server took the held message %d times, and %d messages in all of %d", got[unknown.MessageID], len(got), len(msgs))
	}

	// The next run, told to send all that waits, leaves it alone.
	again, err := Send(context.Background(), st, Server{Account: a}, Options{Waiting: true})
	mustNoErr(t, err)
	if again.Sent != 0 || deliveries(t, m)[unknown.MessageID] != 1 {
		t.Fatalf("a run without the user's word sent %d, the unknown one %d times", again.Sent, deliveries(t, m)[unknown.MessageID])
	}
	// The user's word sends it again, with its Message-ID, so that the
	// recipient's mail program shows the copy once.
	_, err = st.Resend(context.Background(), []int64{unknown.ID})
	mustNoErr(t, err)
	rep, err = Send(context.Background(), st, Server{Account: a}, Options{})
	mustNoErr(t, err)
	if kept, _ := st.Message(unknown.ID); rep.Sent != 1 || kept.State != data.StateSent || deliveries(t, m)[unknown.MessageID] != 2 {
		t.Fatalf("resent at the user's word: %+v, %s, taken %d times", rep, kept.State, deliveries(t, m)[unknown.MessageID])
	}
}

// A sender killed while the server holds its message (handed over, the
// answer not heard) leaves that message "sending"; once the lease is
// past it reads unknown, though the server has it. The next run sends the
// rest once and leaves it alone; only the user's word sends it again.
// Unlike the random kills of the test above, this one always lands there.
func TestKillWhileTheServerHoldsTheMessageLeavesItUnknown(t *testing.T) {
	saved := data.SendingLease
	data.SendingLease = 300 * time.Millisecond
	t.Cleanup(func() { data.SendingLease = saved })
	m := mailtest.Start(t, mailtest.Options{})
	p := startStallingProxy(t, "127.0.0.1:"+strconv.Itoa(m.SMTPPort))
	st, res := demoStore(t)
	a := accountFor(m, data.SecurityNone, "")
	msgs := textTo(t, st, a, res.Lagos)

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperSendTarget$", "-test.count=1")
	cmd.Env = append(os.Environ(), "ATELIER_SEND_DB="+st.Path(), "ATELIER_SEND_PORT="+strconv.Itoa(p.Port),
		"ATELIER_SEND_LEASE="+data.SendingLease.String())
	mustNoErr(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	select {
	case <-p.Stalled:
	case <-time.After(15 * time.Second):
		t.Fatal("the child never handed a message over")
	}
	waitFor(t, "the server to take the held message", func() bool { return m.Count(t) == 1 })
	// The child waits for its answer (a minute), its heartbeat going.
	time.Sleep(2 * data.SendingLease)
	var held data.OutboxMessage
	for _, q := range mustOutbox(t, st) {
		if q.State == data.StateSending {
			held = q
		} else if q.State != data.StateQueued {
			t.Fatalf("before the kill, message %d reads %s", q.ID, q.State)
		}
	}
	if held.ID == 0 {
		t.Fatal("no message reads sending while the server holds it and its sender beats")
	}
	mustNoErr(t, cmd.Process.Kill())
	cmd.Wait()
	time.Sleep(2 * data.SendingLease)
	if q, err := st.Message(held.ID); err != nil || q.State != data.StateUnknown {
		t.Fatalf("the message the dead sender held reads %s (%v)", q.State, err)
	}
	if counts, _ := st.OutboxCounts(0); counts[data.StateUnknown] != 1 {
		t.Fatalf("counts %v", counts)
	}

	rep, err := Send(context.Background(), st, Server{Account: a}, Options{Waiting: true})
	mustNoErr(t, err)
	got := deliveries(t, m)
	if rep.Sent != len(msgs)-1 || got[held.MessageID] != 1 || len(got) != len(msgs) {
		t.Fatalf("the next run sent %d of %d; the held message arrived %d times", rep.Sent, len(msgs)-1, got[held.MessageID])
	}
	for id, n := range got {
		if n != 1 {
			t.Fatalf("%s arrived %d times", id, n)
		}
	}
	if q, _ := st.Message(held.ID); q.State != data.StateUnknown {
		t.Fatalf("after the next run the held message reads %s", q.State)
	}
	_, err = st.Resend(context.Background(), []int64{held.ID})
	mustNoErr(t, err)
	if _, err := Send(context.Background(), st, Server{Account: a}, Options{}); err != nil || deliveries(t, m)[held.MessageID] != 2 {
		t.Fatalf("resent at the user's word: %v, taken %d times", err, deliveries(t, m)[held.MessageID])
	}
}
