package mail

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/mail/mailtest"
	"github.com/atelier-workshops/atelier/reports"
	"github.com/atelier-workshops/atelier/say"
)

// states counts the outbox's messages by state.
func states(t testing.TB, st *data.Store) map[data.MessageState]int {
	t.Helper()
	counts, err := st.OutboxCounts(0)
	mustNoErr(t, err)
	return counts
}

// textTo queues the organiser's own words to the confirmed participants of
// the demo's Lagos workshop.
func textTo(t testing.TB, st *data.Store, a data.MailAccount, workshop int64) []data.OutboxMessage {
	t.Helper()
	return queue(t, st, a, Request{Kind: data.MessageText, WorkshopID: workshop, Words: map[data.Language]data.MailTemplate{
		data.English: {Subject: "The bus leaves at 8", Body: "Dear {name},\n\nThe bus to the museum leaves at 8.\n\n{sender}"},
		data.French:  {Subject: "Le car part à 8 h", Body: "Bonjour {name},\n\nLe car pour le musée part à 8 h.\n\n{sender}"},
	}})
}

// STARTTLS with a certificate signed by nobody: refused, in words and with
// nothing sent, until the certificate is trusted; then delivered, with
// the password checked by the server.
func TestSTARTTLSWithASelfSignedCertificate(t *testing.T) {
	m := mailtest.Start(t, mailtest.Options{TLS: true, Users: map[string]string{"organiser": "s3cret-ñ"}})
	st, res := demoStore(t)
	a := accountFor(m, data.SecuritySTARTTLS, "organiser")
	msgs := textTo(t, st, a, res.Lagos)

	_, err := Send(context.Background(), st, Server{Account: a, Password: "s3cret-ñ"}, Options{})
	var me *Error
	if !errors.As(err, &me) || me.Key != "mail.error.certificate" {
		t.Fatalf("an untrusted certificate: %v", err)
	}
	if words := say.Of(err, say.Writing).English(); !strings.Contains(words, "certificate is not one this computer trusts") ||
		!strings.Contains(words, a.Address()) {
		t.Errorf("said %q", words)
	}
	if got := states(t, st); got[data.StateQueued] != len(msgs) || m.Count(t) != 0 {
		t.Fatalf("after the refusal: %v, %d delivered", got, m.Count(t))
	}

	// The server takes nothing without STARTTLS (Mailpit's Received
	// header says "with SMTP" either way), which is said as such, not as
	// a wrong password: a delivery below went through the secure
	// connection.
	plain := a
	plain.Security = data.SecurityNone
	_, err = Send(context.Background(), st, Server{Account: plain, Password: "s3cret-ñ"}, Options{})
	if !errors.As(err, &me) || me.Key != "mail.error.needs_tls" || m.Count(t) != 0 || states(t, st)[data.StateQueued] != len(msgs) {
		t.Fatalf("without STARTTLS: %v, %d delivered, %v", err, m.Count(t), states(t, st))
	}
	if words := say.Of(err, say.Writing).English(); !strings.Contains(words, "choose STARTTLS") || strings.Contains(words, "password") {
		t.Errorf("without STARTTLS, said %q", words)
	}

	rep, err := Send(context.Background(), st, Server{Account: a, Password: "s3cret-ñ", TLS: m.Roots}, Options{})
	mustNoErr(t, err)
	if rep.Sent != len(msgs) || m.Count(t) != len(msgs) {
		t.Fatalf("sent %d of %d, Mailpit took %d", rep.Sent, len(msgs), m.Count(t))
	}
}

// TLS from the first byte (port 465, "tls" in the account): delivered
// with the password checked by the server.
func TestImplicitTLSWithASelfSignedCertificate(t *testing.T) {
	m := mailtest.Start(t, mailtest.Options{ImplicitTLS: true, Users: map[string]string{"organiser": "s3cret-ñ"}})
	st, res := demoStore(t)
	msgs := textTo(t, st, accountFor(m, data.SecurityTLS, "organiser"), res.Lagos)

	a := accountFor(m, data.SecurityTLS, "organiser")
	rep, err := Send(context.Background(), st, Server{Account: a, Password: "s3cret-ñ", TLS: m.Roots}, Options{})
	mustNoErr(t, err)
	if rep.Sent != len(msgs) || m.Count(t) != len(msgs) {
		t.Fatalf("sent %d of %d, Mailpit took %d", rep.Sent, len(msgs), m.Count(t))
	}
}

// A wrong password is said in words, and nothing leaves the outbox.
func TestAWrongPasswordIsSaidInWords(t *testing.T) {
	m := mailtest.Start(t, mailtest.Options{TLS: true, Users: map[string]string{"organiser": "right"}})
	st, res := demoStore(t)
	a := accountFor(m, data.SecuritySTARTTLS, "organiser")
	msgs := textTo(t, st, a, res.Lagos)
	_, err := Send(context.Background(), st, Server{Account: a, Password: "wrong", TLS: m.Roots}, Options{})
	var me *Error
	if !errors.As(err, &me) || me.Key != "mail.error.auth" || me.Temporary {
		t.Fatalf("a wrong password: %#v", err)
	}
	words := say.Of(err, say.Writing).English()
	if !strings.Contains(words, "refused the user name or the password") {
		t.Errorf("said %q", words)
	}
	if got := states(t, st); got[data.StateQueued] != len(msgs) || m.Count(t) != 0 {
		t.Fatalf("after a wrong password: %v, %d delivered", got, m.Count(t))
	}
	if _, err := Send(context.Background(), st, Server{Account: a, TLS: m.Roots}, Options{}); !errors.Is(err, ErrNoPassword) {
		t.Errorf("no password: %v", err)
	}
}

// With the server down the messages stay queued and the run says why;
// once it is up, one retry delivers each of them once.
func TestServerDownThenDeliveredOnceOnRetry(t *testing.T) {
	port := mailtest.FreePort(t)
	st, res := demoStore(t)
	a := data.MailAccount{Host: "127.0.0.1", Port: port, Security: data.SecurityNone, FromName: "Ñúñez",
		FromAddress: "organiser@example.org"}
	msgs := textTo(t, st, a, res.Lagos)
	_, err := Send(context.Background(), st, Server{Account: a}, Options{})
	var me *Error
	if !errors.As(err, &me) || me.Key != "mail.error.unreachable" || !me.Temporary {
		t.Fatalf("server down: %v", err)
	}
	if got := states(t, st); got[data.StateQueued] != len(msgs) {
		t.Fatalf("server down: %v", got)
	}
	m := mailtest.Start(t, mailtest.Options{SMTPPort: port})
	rep, err := Send(context.Background(), st, Server{Account: a}, Options{Waiting: true})
	mustNoErr(t, err)
	again, err := Send(context.Background(), st, Server{Account: a}, Options{Waiting: true})
	mustNoErr(t, err)
	if rep.Sent != len(msgs) || again.Sent != 0 || m.Count(t) != len(msgs) {
		t.Fatalf("sent %d then %d of %d; Mailpit took %d", rep.Sent, again.Sent, len(msgs), m.Count(t))
	}
	if got := states(t, st); got[data.StateSent] != len(msgs) {
		t.Fatalf("after the retry: %v", got)
	}
}

// A server that puts messages off (451) has them queued again for later,
// with the reason; they go once it takes them. One that refuses (550)
// fails them, with the reason, for good.
func TestPutOffThenRetriedAndRefusedForGood(t *testing.T) {
	m := mailtest.Start(t, mailtest.Options{})
	st, res := demoStore(t)
	a := accountFor(m, data.SecurityNone, "")
	msgs := textTo(t, st, a, res.Lagos)
	m.Chaos(t, 451)
	rep, err := Send(context.Background(), st, Server{Account: a}, Options{Backoff: func(int) time.Duration { return time.Hour }})
	mustNoErr(t, err)
	if rep.Retrying != len(msgs) || m.Count(t) != 0 {
		t.Fatalf("put off: %+v, %d delivered", rep, m.Count(t))
	}
	list, err := st.Outbox(data.OutboxFilter{WorkshopID: res.Lagos})
	mustNoErr(t, err)
	for _, q := range list {
		if q.State != data.StateQueued || q.FailureKey != "mail.error.put_off" || !strings.HasPrefix(q.FailureDetail, "") ||
			q.Attempts != 1 || time.Until(q.NextAttempt) < 50*time.Minute {
			t.Fatalf("put off: %+v", q)
		}
	}
	m.Chaos(t, 0)
	// Not due for an hour: a run of what is due sends nothing…
	if rep, err := Send(context.Background(), st, Server{Account: a}, Options{}); err != nil || rep.Sent != 0 {
		t.Fatalf("nothing due: %+v %v", rep, err)
	}
	// …and the user's "send now" sends them all.
	if rep, err := Send(context.Background(), st, Server{Account: a}, Options{Waiting: true}); err != nil || rep.Sent != len(msgs) {
		t.Fatalf("send now: %+v %v", rep, err)
	}

	more := textTo(t, st, a, res.Lagos)
	m.Chaos(t, 550)
	rep, err = Send(context.Background(), st, Server{Account: a}, Options{})
	mustNoErr(t, err)
	if rep.Failed != len(more) {
		t.Fatalf("refused: %+v", rep)
	}
	failed, err := st.Message(more[0].ID)
	mustNoErr(t, err)
	if failed.State != data.StateFailed || failed.FailureKey != "mail.error.recipient" || !strings.Contains(failed.FailureDetail, "550") {
		t.Errorf("refused: %s %s %q", failed.State, failed.FailureKey, failed.FailureDetail)
	}
	if m.Count(t) != len(msgs) {
		t.Errorf("Mailpit took %d, want %d", m.Count(t), len(msgs))
	}
}

// Resending is the user's word: a message sent goes again as a copy (the
// first stays in the log as sent), a failed one goes again as it is.
func TestResendSendsAgainOnlyWhenAsked(t *testing.T) {
	m := mailtest.Start(t, mailtest.Options{})
	st, res := demoStore(t)
	a := accountFor(m, data.SecurityNone, "")
	msgs := queue(t, st, a, Request{Kind: data.MessageCertificate, WorkshopID: res.Lagos})
	_, err := Send(context.Background(), st, Server{Account: a}, Options{})
	mustNoErr(t, err)
	copies, err := st.Resend(context.Background(), []int64{msgs[0].ID})
	mustNoErr(t, err)
	if len(copies) != 1 || copies[0].ID == msgs[0].ID || copies[0].Resends != msgs[0].ID ||
		len(copies[0].Attachments) != 1 {
		t.Fatalf("resend of a sent message: %+v", copies)
	}
	rep, err := Send(context.Background(), st, Server{Account: a}, Options{})
	mustNoErr(t, err)
	if rep.Sent != 1 || m.Count(t) != len(msgs)+1 {
		t.Fatalf("resent %d; Mailpit took %d of %d", rep.Sent, m.Count(t), len(msgs)+1)
	}
	first, err := st.Message(msgs[0].ID)
	mustNoErr(t, err)
	second, err := st.Message(copies[0].ID)
	mustNoErr(t, err)
	if first.State != data.StateSent || second.State != data.StateSent ||
		string(first.Attachments[0].Content) != string(second.Attachments[0].Content) {
		t.Errorf("first %s, copy %s; same attachment: %v", first.State, second.State,
			string(first.Attachments[0].Content) == string(second.Attachments[0].Content))
	}
}

// The workbook goes to the secretariat, exported at that moment in the
// workshop's language, to the address the workshop keeps or the one given.
func TestTheWorkbookGoesToTheSecretariat(t *testing.T) {
	m := mailtest.Start(t, mailtest.Options{})
	st, res := demoStore(t)
	a := accountFor(m, data.SecurityNone, "")
	r := Request{Kind: data.MessageWorkbook, WorkshopID: res.Lagos}
	if _, err := Preview(st, a, r); !errors.Is(err, ErrNoSecretariat) {
		t.Fatalf("no secretariat: %v", err)
	}
	mustNoErr(t, st.SaveSecretariat(res.Lagos, data.Secretariat{Name: "Secrétariat de l’ICOM", Address: "secretariat@icom.example"}))
	msgs := queue(t, st, a, r)
	anon := queue(t, st, a, Request{Kind: data.MessageWorkbook, WorkshopID: res.Lagos, Anonymous: true, To: "stats@icom.example"})
	_, err := Send(context.Background(), st, Server{Account: a}, Options{})
	mustNoErr(t, err)
	for _, q := range []data.OutboxMessage{msgs[0], anon[0]} {
		var found *mailtest.Summary
		for _, s := range m.Messages(t) {
			if s.To[0].Address == q.ToAddress {
				found = &s
			}
		}
		if found == nil {
			t.Fatalf("nothing arrived for %s", q.ToAddress)
		}
		got := m.Message(t, found.ID)
		if len(got.Attachments) != 1 || !strings.HasSuffix(got.Attachments[0].FileName, ".xlsx") {
			t.Fatalf("attachments: %+v", got.Attachments)
		}
		book := m.Attachment(t, found.ID, got.Attachments[0].PartID)
		if string(book[:2]) != "PK" || len(book) < 5000 {
			t.Errorf("%s: not a workbook (%d bytes)", got.Attachments[0].FileName, len(book))
		}
		if q.ToAddress == "secretariat@icom.example" && got.To[0].Name != "Secrétariat de l’ICOM" {
			t.Errorf("to %q", got.To[0].Name)
		}
	}
}

// Messages go no faster than the rate the account sets.
func TestTheRateIsKept(t *testing.T) {
	m := mailtest.Start(t, mailtest.Options{})
	st, res := demoStore(t)
	a := accountFor(m, data.SecurityNone, "")
	a.PerMinute = 300 // one every 200 ms
	msgs := textTo(t, st, a, res.Lagos)
	ids := []int64{msgs[0].ID, msgs[1].ID, msgs[2].ID, msgs[3].ID}
	start := time.Now()
	rep, err := Send(context.Background(), st, Server{Account: a}, Options{IDs: ids})
	mustNoErr(t, err)
	if took := time.Since(start); rep.Sent != 4 || m.Count(t) != 4 || took < 600*time.Millisecond {
		t.Fatalf("sent %d in %v; at 300 a minute 4 take at least 600 ms", rep.Sent, took)
	}
}

// The rate is kept between messages only: a run ends as soon as its last
// message is done, not an interval later, and while it waits for its next
// message that message stays queued, so that a run killed then leaves
// nothing "sending" that was never handed to the server.
func TestARunEndsWithItsLastMessage(t *testing.T) {
	m := mailtest.Start(t, mailtest.Options{})
	st, res := demoStore(t)
	a := accountFor(m, data.SecurityNone, "")
	a.PerMinute = 30
	const interval = 2 * time.Second
	msgs := textTo(t, st, a, res.Lagos)
	ids := []int64{msgs[0].ID, msgs[1].ID}
	var done []time.Time
	midWait := make(chan data.MessageState, 1)
	progress := func(Report) {
		done = append(done, time.Now())
		if len(done) == 1 {
			go func() {
				time.Sleep(interval / 2)
				q, err := st.Message(ids[1])
				if err != nil {
					t.Error(err)
				}
				midWait <- q.State
			}()
		}
	}
	rep, err := Send(context.Background(), st, Server{Account: a}, Options{IDs: ids, Progress: progress})
	end := time.Now()
	mustNoErr(t, err)
	if rep.Sent != 2 || m.Count(t) != 2 || len(done) != 2 {
		t.Fatalf("sent %+v, Mailpit took %d", rep, m.Count(t))
	}
	if between := done[1].Sub(done[0]); between < interval*3/4 {
		t.Errorf("the second message went %v after the first; at 30 a minute, 2 s", between)
	}
	if after := end.Sub(done[1]); after > interval/2 {
		t.Errorf("the run ended %v after its last message; at 30 a minute it waited for a next one that was not there", after)
	}
	if state := <-midWait; state != data.StateQueued {
		t.Errorf("while the run waited, the next message was %s", state)
	}
}

// A server that puts a message off again and again has it tried later,
// 1, 2, 4… minutes apart, until it fails for good ("gave up"). Sending it
// again is the user's word: it gets its tries afresh, so that a server
// putting it off once more has it wait again rather than fail at once.
func TestGivenUpThenSentAgainGetsItsTriesAfresh(t *testing.T) {
	for attempt, want := range map[int]time.Duration{1: time.Minute, 2: 2 * time.Minute, 3: 4 * time.Minute, 20: 6 * time.Hour} {
		if got := DefaultBackoff(attempt); got != want {
			t.Errorf("wait after the %dth put-off: %v, want %v", attempt, got, want)
		}
	}
	m := mailtest.Start(t, mailtest.Options{})
	st, res := demoStore(t)
	a := accountFor(m, data.SecurityNone, "")
	msgs := textTo(t, st, a, res.Lagos)
	m.Chaos(t, 451)
	opt := Options{IDs: []int64{msgs[0].ID}, MaxAttempts: 3, Backoff: func(int) time.Duration { return 0 }}
	rep, err := Send(context.Background(), st, Server{Account: a}, opt)
	mustNoErr(t, err)
	given, err := st.Message(msgs[0].ID)
	mustNoErr(t, err)
	if rep.Retrying != 2 || rep.Failed != 1 || given.State != data.StateFailed || given.FailureKey != "mail.error.gave_up" ||
		given.Attempts != 3 || m.Count(t) != 0 {
		t.Fatalf("put off three times: %+v; %s %s after %d attempts", rep, given.State, given.FailureKey, given.Attempts)
	}

	_, err = st.Resend(context.Background(), []int64{given.ID})
	mustNoErr(t, err)
	opt.Backoff = func(int) time.Duration { return time.Hour }
	rep, err = Send(context.Background(), st, Server{Account: a}, opt)
	mustNoErr(t, err)
	again, err := st.Message(given.ID)
	mustNoErr(t, err)
	if rep.Retrying != 1 || again.State != data.StateQueued || again.FailureKey != "mail.error.put_off" || again.Attempts != 1 {
		t.Fatalf("sent again and put off once more: %+v; %s %s after %d attempts", rep, again.State, again.FailureKey, again.Attempts)
	}
	m.Chaos(t, 0)
	rep, err = Send(context.Background(), st, Server{Account: a}, Options{Waiting: true, IDs: opt.IDs})
	mustNoErr(t, err)
	if rep.Sent != 1 || m.Count(t) != 1 {
		t.Fatalf("once the server takes it: %+v, Mailpit took %d", rep, m.Count(t))
	}
}

// "Send now" (the window's Send what waits, the command line's --yes and
// --retry) sends each waiting message once, whatever its next attempt;
// one the server puts off in that run then waits its backoff, and is not
// tried again at once until the tries run out: a greylisting server,
// which takes a message only minutes after its first try, would
// otherwise see every try within a second and have it fail for good.
func TestSendNowTriesAPutOffMessageOnceThenWaits(t *testing.T) {
	m := mailtest.Start(t, mailtest.Options{})
	st, res := demoStore(t)
	a := accountFor(m, data.SecurityNone, "")
	msgs := textTo(t, st, a, res.Lagos)
	ids := []int64{msgs[0].ID, msgs[1].ID}
	m.Chaos(t, 451)
	start := time.Now()
	rep, err := Send(context.Background(), st, Server{Account: a}, Options{Waiting: true, IDs: ids})
	mustNoErr(t, err)
	if rep.Retrying != len(ids) || rep.Failed != 0 {
		t.Fatalf("send now, put off: %+v", rep)
	}
	for _, id := range ids {
		q, err := st.Message(id)
		mustNoErr(t, err)
		if q.State != data.StateQueued || q.Attempts != 1 || q.NextAttempt.Sub(start) < DefaultBackoff(1) {
			t.Fatalf("message %d: %s after %d attempts, next from %v", id, q.State, q.Attempts, q.NextAttempt.Sub(start))
		}
	}
	// A later "send now" tries them again, once.
	m.Chaos(t, 0)
	rep, err = Send(context.Background(), st, Server{Account: a}, Options{Waiting: true, IDs: ids})
	mustNoErr(t, err)
	if rep.Sent != len(ids) || m.Count(t) != len(ids) {
		t.Fatalf("send now, taken: %+v, Mailpit took %d", rep, m.Count(t))
	}
}

// The workbook goes in the workshop's language, whatever the sender's:
// the message and the file's name, and the workbook itself, whose sheets
// are those the export writes for that workshop (French for the Dakar
// workshop, not the English of Lagos's).
func TestTheWorkbookGoesInTheWorkshopsLanguage(t *testing.T) {
	m := mailtest.Start(t, mailtest.Options{})
	st, res := demoStore(t)
	a := accountFor(m, data.SecurityNone, "")
	dakar, err := st.Workshop(res.Planned)
	mustNoErr(t, err)
	if dakar.Language != data.French {
		t.Fatalf("the demo's planned workshop speaks %s", dakar.Language)
	}
	sheets := func(book []byte) []string {
		f, err := excelize.OpenReader(bytes.NewReader(book))
		mustNoErr(t, err)
		defer f.Close()
		return f.GetSheetList()
	}
	exported := func(id int64) []string {
		var b bytes.Buffer
		mustNoErr(t, reports.Workbook(st, id, &b, reports.WorkbookOptions{}))
		return sheets(b.Bytes())
	}
	if slices.Equal(exported(res.Planned), exported(res.Lagos)) {
		t.Fatalf("the French and English workbooks have the same sheets: %q", exported(res.Lagos))
	}
	queue(t, st, a, Request{Kind: data.MessageWorkbook, WorkshopID: res.Planned, To: "secretariat@icom.example"})
	_, err = Send(context.Background(), st, Server{Account: a}, Options{})
	mustNoErr(t, err)
	got := m.Message(t, m.Messages(t)[0].ID)
	if !strings.HasPrefix(got.Subject, "Classeur de l’atelier «\u00a0") || !strings.HasPrefix(got.Text, "Chers collègues,") ||
		len(got.Attachments) != 1 || got.Attachments[0].FileName != "Classeur Dakar 2027.xlsx" {
		t.Fatalf("subject %q, text %.40q, attachments %+v", got.Subject, got.Text, got.Attachments)
	}
	if sent := sheets(m.Attachment(t, got.ID, got.Attachments[0].PartID)); !slices.Equal(sent, exported(res.Planned)) {
		t.Errorf("the workbook sent has the sheets %q, the export %q", sent, exported(res.Planned))
	}
}
