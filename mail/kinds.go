// Package mail is the outbox's sending side: it writes the messages of a
// workshop from their templates (the certificates, the visa, award and
// attendance letters, the secretariat's workbook, the organiser's own
// words), with the very documents the registers hold attached, queues
// them in the database file (data/outbox.go keeps their states) and sends
// them through an SMTP server with github.com/wneessen/go-mail, at the
// rate the user sets, retrying what can be retried and never sending a
// message twice without the user's word.
package mail

import (
	"context"
	"slices"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
)

// Document is what a message of a document kind carries for one person:
// the document the register holds for them.
type Document struct {
	ParticipantID, TrainerID int64
	Serial, Code             string
	Language                 data.Language // the document's, which its message follows
	FileName                 string
	ContentType              string
	Content                  []byte // nil in a preview: printed when the messages are queued
}

// DocumentKind gives the documents of one kind of message: one for each
// person due one, the document of kind K for participant P, issued and
// printed now if need be. The certificates are one; each letter kind
// (visa, award, attendance) is another, registered with RegisterDocuments.
type DocumentKind interface {
	// Preview lists the documents Queue would attach, without writing
	// anything: those not in the register yet have no serial, and none
	// has its content; and the people due none whom the user should hear
	// of (a letter's name the PDF font cannot draw…), with why.
	Preview(st *data.Store, r Request) ([]Document, []data.LetterSkip, error)
	// Queue enters in the register what needs entering, prints each
	// person's document as the register then holds it, and queues the
	// messages compose writes of them, all in one write transaction of
	// st: the register and the outbox change together or not at all.
	Queue(ctx context.Context, st *data.Store, r Request,
		compose func(d data.MailingData, docs []Document) ([]data.OutboxMessage, error)) ([]data.OutboxMessage, error)
}

var documentKinds = map[data.MessageKind]DocumentKind{data.MessageCertificate: certificateDocuments{}}

// RegisterDocuments makes kind send one document each, from k.
func RegisterDocuments(kind data.MessageKind, k DocumentKind) { documentKinds[kind] = k }

// Sendable lists the kinds that can be sent now: the document kinds
// registered, the workbook and the organiser's own words.
func Sendable() []data.MessageKind {
	var out []data.MessageKind
	for _, k := range data.MessageKinds {
		if _, ok := documentKinds[k]; ok || k == data.MessageWorkbook || k == data.MessageText {
			out = append(out, k)
		}
	}
	return out
}

// IsSendable tells whether kind can be sent now.
func IsSendable(kind data.MessageKind) bool { return slices.Contains(Sendable(), kind) }

// certificateDocuments are the certificates of attendance: everyone the
// rule or an override makes eligible, and the trainers if asked.
type certificateDocuments struct{}

func (certificateDocuments) Preview(st *data.Store, r Request) ([]Document, []data.LetterSkip, error) {
	certs, err := st.PreviewCertificates(r.WorkshopID, data.IssueOptions{Trainers: r.Trainers})
	if err != nil {
		return nil, nil, err
	}
	docs := make([]Document, len(certs))
	for i, c := range certs {
		docs[i] = certificateDocument(c, "")
	}
	return docs, nil, nil
}

func (certificateDocuments) Queue(ctx context.Context, st *data.Store, r Request,
	compose func(d data.MailingData, docs []Document) ([]data.OutboxMessage, error)) ([]data.OutboxMessage, error) {
	return st.QueueCertificates(ctx, r.WorkshopID, data.IssueOptions{Trainers: r.Trainers},
		func(d data.MailingData, certs []data.Certificate) ([]data.OutboxMessage, error) {
			if len(certs) == 0 {
				return compose(d, nil)
			}
			cd, err := reports.LoadCertificates(st, r.WorkshopID, certs)
			if err != nil {
				return nil, err
			}
			files, names, err := reports.CertificatePDFs(cd)
			if err != nil {
				return nil, err
			}
			docs := make([]Document, len(certs))
			for i, c := range certs {
				docs[i] = certificateDocument(c, names[i])
				docs[i].Content = files[i]
			}
			return compose(d, docs)
		})
}

func certificateDocument(c data.Certificate, name string) Document {
	return Document{ParticipantID: c.ParticipantID, TrainerID: c.TrainerID, Serial: c.Serial, Code: c.Code,
		Language: c.Language, FileName: name, ContentType: "application/pdf"}
}
