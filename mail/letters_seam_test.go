package mail

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/mail/mailtest"
)

// standInVisas is a letter kind as the letters register plugs in: a
// document for each person due one, here three participants of the
// workshop, one in each language, with a small stand-in PDF each (the
// register's own kind prints the letter in the transaction that queues).
type standInVisas struct{ people []data.Participant }

func (k standInVisas) documents(withContent bool) []Document {
	docs := make([]Document, len(k.people))
	for i, p := range k.people {
		docs[i] = Document{ParticipantID: p.ID, Serial: fmt.Sprintf("VISA-%03d", i+1), Code: fmt.Sprintf("CODE-%d", p.ID),
			Language: p.Language, FileName: fmt.Sprintf("Visa %d.pdf", p.ID), ContentType: "application/pdf"}
		if withContent {
			docs[i].Content = fmt.Appendf(nil, "%%PDF-1.4 the visa letter of participant %d", p.ID)
		}
	}
	return docs
}

func (k standInVisas) Preview(*data.Store, Request) ([]Document, error) {
	return k.documents(false), nil
}

func (k standInVisas) Queue(ctx context.Context, st *data.Store, r Request,
	compose func(d data.MailingData, docs []Document) ([]data.OutboxMessage, error)) ([]data.OutboxMessage, error) {
	d, err := st.MailingData(r.WorkshopID)
	if err != nil {
		return nil, err
	}
	msgs, err := compose(d, k.documents(true))
	if err != nil {
		return nil, err
	}
	return st.QueueMessages(ctx, msgs)
}

// A letter kind slots in with RegisterDocuments alone: it becomes
// sendable, its preview counts its people, and each person gets the
// letter's own wording in their language, with their serial and code
// filled in and their document attached byte for byte.
func TestALetterKindSlotsIn(t *testing.T) {
	m := mailtest.Start(t, mailtest.Options{})
	st, res := demoStore(t)
	d, err := st.MailingData(res.Lagos)
	mustNoErr(t, err)
	var people []data.Participant
	for _, lang := range data.Languages {
		i := slices.IndexFunc(d.Participants, func(p data.Participant) bool {
			return cmp.Or(p.Language, d.Workshop.Language) == lang && p.Email != ""
		})
		if i < 0 {
			t.Fatalf("the demo has no participant in %s", lang)
		}
		people = append(people, d.Participants[i])
		people[len(people)-1].Language = lang
	}
	if IsSendable(data.MessageVisa) {
		t.Fatal("visa letters are sendable before their kind is registered")
	}
	kind := standInVisas{people}
	RegisterDocuments(data.MessageVisa, kind)
	t.Cleanup(func() { delete(documentKinds, data.MessageVisa) })
	if !IsSendable(data.MessageVisa) {
		t.Fatal("a registered letter kind is not sendable")
	}

	a := accountFor(m, data.SecurityNone, "")
	r := Request{Kind: data.MessageVisa, WorkshopID: res.Lagos}
	plan, err := Preview(st, a, r)
	mustNoErr(t, err)
	if len(plan.Messages) != 3 || plan.People != 3 {
		t.Fatalf("the preview has %d messages to %d people", len(plan.Messages), plan.People)
	}
	msgs, err := Queue(context.Background(), st, a, r, &plan)
	mustNoErr(t, err)
	rep, err := Send(context.Background(), st, Server{Account: a}, Options{})
	mustNoErr(t, err)
	if rep.Sent != 3 || m.Count(t) != 3 {
		t.Fatalf("sent %d, Mailpit took %d", rep.Sent, m.Count(t))
	}
	delivered := map[string]mailtest.Summary{}
	for _, s := range m.Messages(t) {
		delivered[strings.ToLower(s.To[0].Address)] = s
	}
	for i, p := range people {
		s, ok := delivered[strings.ToLower(p.Email)]
		if !ok {
			t.Fatalf("nothing reached %s", p.Email)
		}
		want := Fill(DefaultTemplate(data.MessageVisa, p.Language).Subject, map[string]string{"workshop": d.Texts.Title(d.Workshop, p.Language)})
		if s.Subject != want {
			t.Errorf("%s (%s): subject %q, want %q", p.Email, p.Language, s.Subject, want)
		}
		got := m.Message(t, s.ID)
		if !strings.Contains(got.Text, fmt.Sprintf("VISA-%03d", i+1)) || !strings.Contains(got.Text, fmt.Sprintf("CODE-%d", p.ID)) {
			t.Errorf("%s: the serial or code is not in %q", p.Email, got.Text)
		}
		if len(got.Attachments) != 1 {
			t.Fatalf("%s: %d attachments", p.Email, len(got.Attachments))
		}
		body := m.Attachment(t, s.ID, got.Attachments[0].PartID)
		if !bytes.Equal(body, fmt.Appendf(nil, "%%PDF-1.4 the visa letter of participant %d", p.ID)) {
			t.Errorf("%s: the attachment is %q", p.Email, body)
		}
	}
	if msgs[0].Kind != data.MessageVisa || msgs[0].Document == "" {
		t.Errorf("queued as %q, document %q", msgs[0].Kind, msgs[0].Document)
	}
}
