package mail

import (
	"context"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
)

// The letters' register plugs into the outbox here: each kind of letter
// goes to everyone File › Letters… writes it to, with the letter the
// register holds for them attached, issued and printed in the write
// transaction that queues its message.
func init() {
	for _, k := range data.LetterKinds {
		RegisterDocuments(data.MessageKind(k), letterDocuments{k})
	}
}

// letterDocuments are the letters of one kind.
type letterDocuments struct{ kind data.LetterKind }

// options are the letters' options: everyone the kind is for, and none to
// a name the PDF font cannot draw, as the letters' own printing does.
func (k letterDocuments) options() data.LetterOptions {
	return data.LetterOptions{Kind: k.kind, CannotDraw: reports.MissingLetters}
}

func (k letterDocuments) Preview(st *data.Store, r Request) ([]Document, []data.LetterSkip, error) {
	run, err := st.PreviewLetters(r.WorkshopID, k.options())
	if err != nil {
		return nil, nil, err
	}
	docs := make([]Document, len(run.Letters))
	for i, l := range run.Letters {
		docs[i] = letterDocument(l, "")
	}
	return docs, run.LeftOut, nil
}

func (k letterDocuments) Queue(ctx context.Context, st *data.Store, r Request,
	compose func(d data.MailingData, docs []Document) ([]data.OutboxMessage, error)) ([]data.OutboxMessage, error) {
	return st.QueueLetters(ctx, r.WorkshopID, k.options(), func(m data.MailingData, d data.LetterData) ([]data.OutboxMessage, error) {
		if len(d.Letters) == 0 {
			return compose(m, nil)
		}
		files, names, err := reports.LetterPDFs(d)
		if err != nil {
			return nil, err
		}
		docs := make([]Document, len(d.Letters))
		for i, l := range d.Letters {
			docs[i] = letterDocument(l.Letter, names[i])
			docs[i].Content = files[i]
		}
		return compose(m, docs)
	})
}

func letterDocument(l data.Letter, name string) Document {
	return Document{ParticipantID: l.ParticipantID, Serial: l.Serial, Code: l.Code, Language: l.Language,
		FileName: name, ContentType: "application/pdf"}
}
