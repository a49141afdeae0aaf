package mail

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/mail/mailtest"
)

// BenchmarkOutbox500 sends 500 messages, each with a 100 KB attachment, to
// a local Mailpit through the outbox (each claimed and its outcome written
// in the database file, with its attachment read back from it), and the
// same 500 through a bare go-mail loop over one connection, in turns, and
// prints both times and their ratio (the target is 1.5 at most).
func BenchmarkOutbox500(b *testing.B) {
	const count, size = 500, 100 << 10
	m := mailtest.Start(b, mailtest.Options{})
	st, err := data.Open(filepath.Join(b.TempDir(), "bench.db"), data.OpenOrCreate)
	mustNoErr(b, err)
	defer st.Close()
	w := data.Workshop{Title: "Bench", City: "Lagos", Country: "NG", StartDate: data.NewDate(2022, 11, 21),
		EndDate: data.NewDate(2022, 11, 25), Language: data.English}
	mustNoErr(b, st.SaveWorkshop(&w))
	a := data.MailAccount{Host: m.Host, Port: m.SMTPPort, Security: data.SecurityNone, FromName: "Ọláńrewájú Ẹ̀kọ́",
		FromAddress: "organiser@example.org"}
	msgs := make([]data.OutboxMessage, count)
	for i := range msgs {
		pdf := make([]byte, size)
		rand.Read(pdf)
		text := fmt.Sprintf("Dear Ñúñez %d,\n\nYour certificate is attached.\n\nWith our best wishes", i)
		msgs[i] = data.OutboxMessage{WorkshopID: w.ID, Kind: data.MessageCertificate, Language: data.French,
			ToName: fmt.Sprintf("Ñúñez Ọlátúnjí %d", i), ToAddress: fmt.Sprintf("p%d@example.org", i),
			FromName: a.FromName, FromAddress: a.FromAddress, Subject: "Votre attestation de participation", Text: text,
			HTML: HTMLOf(text, data.French), Attachments: []data.Attachment{{FileName: fmt.Sprintf("LAG-2022-%03d Ñúñez.pdf", i),
				ContentType: "application/pdf", Content: pdf}}}
	}
	var bare, outbox time.Duration
	for b.Loop() {
		b.StopTimer()
		queued, err := st.QueueMessages(context.Background(), msgs)
		mustNoErr(b, err)
		m.DeleteAll(b)
		b.StartTimer()

		start := time.Now()
		bareLoop(b, a, queued)
		bare += time.Since(start)
		if n := m.Count(b); n != count {
			b.Fatalf("the bare loop delivered %d", n)
		}

		b.StopTimer()
		m.DeleteAll(b)
		b.StartTimer()
		start = time.Now()
		rep, err := Send(context.Background(), st, Server{Account: a}, Options{})
		outbox += time.Since(start)
		mustNoErr(b, err)
		if rep.Sent != count || m.Count(b) != count {
			b.Fatalf("the outbox sent %d, Mailpit took %d", rep.Sent, m.Count(b))
		}
	}
	b.ReportMetric(bare.Seconds()/float64(b.N), "s/bare")
	b.ReportMetric(outbox.Seconds()/float64(b.N), "s/outbox")
	b.ReportMetric(outbox.Seconds()/bare.Seconds(), "outbox/bare")
}

// bareLoop sends msgs as go-mail alone would: the same messages built the
// same way, through one connection, with no database.
func bareLoop(b *testing.B, a data.MailAccount, msgs []data.OutboxMessage) {
	client, err := gomail.NewClient(a.Host, gomail.WithPort(a.Port), gomail.WithTLSPolicy(gomail.NoTLS))
	mustNoErr(b, err)
	mustNoErr(b, client.DialWithContext(context.Background()))
	defer client.Close()
	for _, q := range msgs {
		msg := gomail.NewMsg()
		mustNoErr(b, msg.FromFormat(q.FromName, q.FromAddress))
		mustNoErr(b, msg.AddToFormat(q.ToName, q.ToAddress))
		msg.Subject(q.Subject)
		msg.SetMessageID()
		msg.SetDate()
		msg.SetBodyString(gomail.TypeTextPlain, q.Text)
		msg.AddAlternativeString(gomail.TypeTextHTML, q.HTML)
		mustNoErr(b, msg.AttachReader(q.Attachments[0].FileName, bytes.NewReader(q.Attachments[0].Content),
			gomail.WithFileContentType("application/pdf")))
		mustNoErr(b, client.Send(msg))
	}
}
