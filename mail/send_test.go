package mail

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/mail/mailtest"
)

// Each eligible participant gets one message, in their language, with the
// very certificate the register holds for them attached byte for byte,
// and names in any letters arrive exact in the headers.
func TestCertificatesGoToEachPersonWithTheirOwnPDF(t *testing.T) {
	m := mailtest.Start(t, mailtest.Options{})
	st, res := demoStore(t)
	a := accountFor(m, data.SecurityNone, "")
	r := Request{Kind: data.MessageCertificate, WorkshopID: res.Lagos, Trainers: true}

	plan, err := Preview(st, a, r)
	mustNoErr(t, err)
	if reg, _ := st.Certificates(res.Lagos); len(reg) != 0 {
		t.Fatalf("the preview entered %d certificates in the register", len(reg))
	}
	if len(plan.Messages) < 10 || plan.People != len(plan.Messages) {
		t.Fatalf("preview: %d messages to %d people", len(plan.Messages), plan.People)
	}
	msgs, err := Queue(context.Background(), st, a, r, &plan)
	mustNoErr(t, err)
	if len(msgs) != len(plan.Messages) {
		t.Fatalf("queued %d messages, the preview said %d", len(msgs), len(plan.Messages))
	}
	rep, err := Send(context.Background(), st, Server{Account: a}, Options{})
	mustNoErr(t, err)
	if rep.Sent != len(msgs) || rep.Failed+rep.Retrying+rep.Unknown != 0 {
		t.Fatalf("report %+v for %d messages", rep, len(msgs))
	}

	register, err := st.Certificates(res.Lagos)
	mustNoErr(t, err)
	serialOf := map[[2]int64]data.Certificate{}
	for _, c := range register {
		serialOf[[2]int64{c.ParticipantID, c.TrainerID}] = c
	}
	d, err := st.MailingData(res.Lagos)
	mustNoErr(t, err)
	names := map[int64]data.Participant{}
	for _, p := range d.Participants {
		names[p.ID] = p
	}

	received := m.Messages(t)
	if len(received) != len(msgs) {
		t.Fatalf("Mailpit took %d messages, %d were queued", len(received), len(msgs))
	}
	byAddress := map[string]mailtest.Summary{}
	for _, s := range received {
		if len(s.To) != 1 {
			t.Fatalf("a message to %d people: %+v", len(s.To), s.To)
		}
		if _, twice := byAddress[s.To[0].Address]; twice {
			t.Errorf("%s received two messages", s.To[0].Address)
		}
		byAddress[s.To[0].Address] = s
	}
	languages := map[data.Language]int{}
	for _, q := range msgs {
		kept, err := st.Message(q.ID)
		mustNoErr(t, err)
		if kept.State != data.StateSent || !strings.Contains(kept.Reply, "queued") {
			t.Errorf("message %d: state %s, reply %q", q.ID, kept.State, kept.Reply)
		}
		s, ok := byAddress[q.ToAddress]
		if !ok {
			t.Errorf("nothing arrived for %s", q.ToAddress)
			continue
		}
		got := m.Message(t, s.ID)
		want := kept.ToName
		if q.ParticipantID != 0 {
			want = norm.NFC.String(names[q.ParticipantID].FullName())
		}
		if got.To[0].Name != want || got.From.Name != a.FromName || got.From.Address != a.FromAddress {
			t.Errorf("headers: to %q (want %q), from %q <%s>", got.To[0].Name, want, got.From.Name, got.From.Address)
		}
		if got.Subject != kept.Subject || kept.Language == data.French && !strings.Contains(got.Subject, "participation\u00a0: ") {
			t.Errorf("subject %q, kept %q", got.Subject, kept.Subject)
		}
		if got.MessageID != strings.Trim(kept.MessageID, "<>") {
			t.Errorf("Message-ID %q, kept %q", got.MessageID, kept.MessageID)
		}
		if got.Text == "" || !strings.Contains(got.HTML, "<p>") {
			t.Errorf("%s: no plain text or no HTML part", q.ToAddress)
		}
		cert := serialOf[[2]int64{q.ParticipantID, q.TrainerID}]
		if cert.Serial == "" || kept.Document != cert.Serial || !strings.Contains(got.Text, cert.Serial) ||
			!strings.Contains(got.Text, cert.Code) {
			t.Errorf("%s: document %q, register %q; the text says %q", q.ToAddress, kept.Document, cert.Serial, got.Text)
		}
		languages[kept.Language]++
		pdf := attachedAsKept(t, m, s.ID, kept)
		if text := pdfText(t, pdf); !strings.Contains(text, cert.Serial) || !strings.Contains(text, cert.HolderName) {
			t.Errorf("%s: the PDF attached is not %s's certificate %s", q.ToAddress, cert.HolderName, cert.Serial)
		}
	}
	if languages[data.French] == 0 || languages[data.English] == 0 {
		t.Errorf("messages by language: %v; the demo has French and English speakers", languages)
	}
}

// What is queued is what the preview showed, or nothing: when someone's
// address changed since, no message is queued and no certificate entered
// in the register; the new preview names the person without an address,
// who gets nothing, and counts one message fewer.
func TestTheQueueIsThePreviewOrNothing(t *testing.T) {
	st, res := demoStore(t)
	a := data.MailAccount{Host: "127.0.0.1", Port: 25, Security: data.SecurityNone, FromAddress: "organiser@example.org"}
	r := Request{Kind: data.MessageCertificate, WorkshopID: res.Lagos}
	seen, err := Preview(st, a, r)
	mustNoErr(t, err)
	if len(seen.Missing) != 0 {
		t.Fatalf("the demo has people without an address: %q", seen.Missing)
	}
	d, err := st.MailingData(res.Lagos)
	mustNoErr(t, err)
	var p data.Participant
	for _, x := range d.Participants {
		if x.ID == seen.Messages[0].ParticipantID {
			p = x
		}
	}
	p.Email = ""
	mustNoErr(t, st.SaveParticipant(&p))

	if _, err := Queue(context.Background(), st, a, r, &seen); !errors.Is(err, ErrChanged) {
		t.Fatalf("queued after the preview changed: %v", err)
	}
	if reg, _ := st.Certificates(res.Lagos); len(reg) != 0 || len(mustOutbox(t, st)) != 0 {
		t.Fatalf("a refused queue left %d certificates and %d messages", len(reg), len(mustOutbox(t, st)))
	}
	again, err := Preview(st, a, r)
	mustNoErr(t, err)
	if len(again.Messages) != len(seen.Messages)-1 || again.People != seen.People-1 || !slices.Equal(again.Missing, []string{p.FullName()}) {
		t.Fatalf("the new preview: %d messages to %d people, missing %q (was %d)", len(again.Messages), again.People, again.Missing, len(seen.Messages))
	}
	msgs, err := Queue(context.Background(), st, a, r, &again)
	mustNoErr(t, err)
	if len(msgs) != len(again.Messages) {
		t.Fatalf("queued %d, previewed %d", len(msgs), len(again.Messages))
	}
}
