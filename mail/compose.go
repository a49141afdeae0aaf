package mail

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
)

// Request says what to send for a workshop.
type Request struct {
	Kind       data.MessageKind
	WorkshopID int64
	Trainers   bool // certificates: the trainers' too
	// To sends the workbook to this address rather than the
	// secretariat's.
	To        string
	Anonymous bool // the workbook without names, emails or phones
	// Statuses choose who gets the organiser's own words (free text);
	// nil: the confirmed participants.
	Statuses []data.Status
	// Words are the organiser's own words of a free text, by language;
	// a recipient whose language has none gets the workshop's language's.
	// Other kinds take the workshop's templates, over the defaults.
	Words map[data.Language]data.MailTemplate
}

// Plan is what a request would queue: the messages, before anything is
// written, for the user to read and count first.
type Plan struct {
	Messages []data.OutboxMessage // attachments not printed yet have their name and no content
	People   int                  // how many people they go to
	// Missing are the people due a message who have no email address.
	Missing []string
	// LeftOut are the people the document kind leaves out, and why (a
	// letter to a name the PDF font cannot draw, a visa letter without a
	// passport number).
	LeftOut []data.LetterSkip
}

// ErrNobody is Queue's answer when nobody is due a message.
var ErrNobody = errors.New("nobody to send to")

// ErrChanged is Queue's answer when the recipients are no longer those the
// user saw in the preview (someone became eligible, an address changed):
// nothing was queued, and the preview must be looked at again.
var ErrChanged = errors.New("the recipients changed since the preview")

// ErrNoSecretariat is the answer to sending the workbook of a workshop
// that has no secretariat's address, when none was given.
var ErrNoSecretariat = errors.New("the workshop has no secretariat's address")

// ErrNotSendable is the answer to a kind whose documents cannot be sent yet.
var ErrNotSendable = errors.New("this kind of message cannot be sent yet")

// Preview writes the messages r would queue, without writing anything to
// the file.
func Preview(st *data.Store, account data.MailAccount, r Request) (Plan, error) {
	if !IsSendable(r.Kind) {
		return Plan{}, ErrNotSendable
	}
	d, err := st.MailingData(r.WorkshopID)
	if err != nil {
		return Plan{}, err
	}
	var docs []Document
	var leftOut []data.LetterSkip
	if k, ok := documentKinds[r.Kind]; ok {
		if docs, leftOut, err = k.Preview(st, r); err != nil {
			return Plan{}, err
		}
	}
	plan, err := compose(d, account, r, docs, nil)
	plan.LeftOut = leftOut
	return plan, err
}

// Queue puts in the outbox the messages r makes: for a document kind, it
// issues and prints the documents due in the same write transaction. When
// seen is not nil, it is the preview the user agreed to: if the messages
// would now go to other people, nothing is queued (ErrChanged).
func Queue(ctx context.Context, st *data.Store, account data.MailAccount, r Request, seen *Plan) ([]data.OutboxMessage, error) {
	if err := account.Validate(); err != nil {
		return nil, err
	}
	if !IsSendable(r.Kind) {
		return nil, ErrNotSendable
	}
	check := func(msgs []data.OutboxMessage) error {
		if len(msgs) == 0 {
			return ErrNobody
		}
		if seen != nil && !slices.Equal(recipients(msgs), recipients(seen.Messages)) {
			return ErrChanged
		}
		return nil
	}
	if k, ok := documentKinds[r.Kind]; ok {
		return k.Queue(ctx, st, r, func(d data.MailingData, docs []Document) ([]data.OutboxMessage, error) {
			plan, err := compose(d, account, r, docs, nil)
			if err == nil {
				err = check(plan.Messages)
			}
			return plan.Messages, err
		})
	}
	d, err := st.MailingData(r.WorkshopID)
	if err != nil {
		return nil, err
	}
	var book []byte
	if r.Kind == data.MessageWorkbook {
		var b bytes.Buffer
		if err := reports.Workbook(st, r.WorkshopID, &b, reports.WorkbookOptions{Anonymous: r.Anonymous}); err != nil {
			return nil, err
		}
		book = b.Bytes()
	}
	plan, err := compose(d, account, r, nil, book)
	if err == nil {
		err = check(plan.Messages)
	}
	if err != nil {
		return nil, err
	}
	return st.QueueMessages(ctx, plan.Messages)
}

// recipients lists to whom messages go, for comparing a queue with its
// preview.
func recipients(msgs []data.OutboxMessage) []string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = fmt.Sprintf("%d %d %s", m.ParticipantID, m.TrainerID, strings.ToLower(m.ToAddress))
	}
	slices.Sort(out)
	return out
}

// person is someone a message goes to.
type person struct {
	participantID, trainerID int64
	name, address            string
	language                 data.Language
}

// compose writes the messages of r from d: one per document for a document
// kind, one to the secretariat with book for the workbook, one per
// participant of the statuses asked for a free text.
func compose(d data.MailingData, account data.MailAccount, r Request, docs []Document, book []byte) (Plan, error) {
	var plan Plan
	people := map[string]bool{}
	add := func(p person, doc *Document) {
		if p.address == "" {
			plan.Missing = append(plan.Missing, p.name)
			return
		}
		lang := p.language
		if doc != nil && doc.Language != "" {
			lang = doc.Language
		}
		if !slices.Contains(data.Languages, lang) {
			lang = d.Workshop.Language
		}
		words := TemplateFor(d, r.Kind, lang)
		if r.Kind == data.MessageText {
			words = freeWords(d, r, lang)
		}
		values := placeholders(d, account, p, lang)
		m := data.OutboxMessage{WorkshopID: d.Workshop.ID, Kind: r.Kind, ParticipantID: p.participantID,
			TrainerID: p.trainerID, Language: lang, ToName: p.name, ToAddress: p.address,
			FromName: account.FromName, FromAddress: account.FromAddress}
		if doc != nil {
			values["serial"], values["code"] = cmp.Or(doc.Serial, notYetGiven[lang]), cmp.Or(doc.Code, notYetGiven[lang])
			m.Document = doc.Serial
			name := doc.FileName
			if name == "" {
				name = reports.SafeFileName(strings.TrimSpace(doc.Serial+" "+p.name), ".pdf")
			}
			m.Attachments = []data.Attachment{{FileName: name, ContentType: doc.ContentType, Content: doc.Content,
				Size: len(doc.Content)}}
		}
		m.Subject = oneLine(Fill(words.Subject, values))
		m.Text = Fill(words.Body, values)
		m.HTML = HTMLOf(m.Text, lang)
		if r.Kind == data.MessageWorkbook {
			m.Attachments = []data.Attachment{{FileName: workbookFileName(d.Workshop, r.Anonymous),
				ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Content: book, Size: len(book)}}
		}
		plan.Messages = append(plan.Messages, m)
		people[strings.ToLower(p.address)] = true
	}
	switch {
	case r.Kind == data.MessageWorkbook:
		to := strings.TrimSpace(r.To)
		name := d.Secretariat.Name
		if to == "" {
			to = d.Secretariat.Address
		} else if !strings.EqualFold(to, d.Secretariat.Address) {
			name = ""
		}
		if to == "" {
			return plan, ErrNoSecretariat
		}
		add(person{name: name, address: to, language: d.Workshop.Language}, nil)
	case r.Kind == data.MessageText:
		statuses := r.Statuses
		if statuses == nil {
			statuses = []data.Status{data.StatusConfirmed}
		}
		for _, p := range d.Participants {
			if slices.Contains(statuses, p.Status) {
				add(participant(p), nil)
			}
		}
	default:
		byParticipant, byTrainer := map[int64]data.Participant{}, map[int64]data.Trainer{}
		for _, p := range d.Participants {
			byParticipant[p.ID] = p
		}
		for _, t := range d.Trainers {
			byTrainer[t.ID] = t
		}
		for i := range docs {
			doc := &docs[i]
			if p, ok := byParticipant[doc.ParticipantID]; ok && doc.ParticipantID != 0 {
				add(participant(p), doc)
			} else if t, ok := byTrainer[doc.TrainerID]; ok && doc.TrainerID != 0 {
				add(person{trainerID: t.ID, name: t.Name, address: t.Email, language: d.Workshop.Language}, doc)
			}
		}
	}
	plan.People = len(people)
	return plan, nil
}

// oneLine makes a subject one line: line breaks and runs of spaces a
// value brought become one space; no-break spaces (French puts them
// before its colons) stay.
func oneLine(s string) string {
	s = strings.NewReplacer("\r", " ", "\n", " ", "\t", " ").Replace(s)
	for strings.Contains(s, "  ") {
		s = strings.ReplaceAll(s, "  ", " ")
	}
	return strings.TrimSpace(s)
}

func participant(p data.Participant) person {
	return person{participantID: p.ID, name: p.FullName(), address: p.Email, language: p.Language}
}

// freeWords are the organiser's own words for lang, or the workshop's
// language's when lang has none, over the defaults.
func freeWords(d data.MailingData, r Request, lang data.Language) data.MailTemplate {
	words, ok := r.Words[lang]
	if !ok || strings.TrimSpace(words.Body) == "" {
		words = r.Words[d.Workshop.Language]
	}
	def := DefaultTemplate(data.MessageText, lang)
	if words.Subject == "" {
		words.Subject = def.Subject
	}
	if words.Body == "" {
		words.Body = def.Body
	}
	return words
}

// placeholders are the values a template's placeholders take for p.
func placeholders(d data.MailingData, account data.MailAccount, p person, lang data.Language) map[string]string {
	w := d.Workshop
	place := w.City
	if country := data.CountryName(lang, w.Country); country != "" {
		place = strings.TrimPrefix(place+", "+country, ", ")
	}
	organiser := ""
	for _, o := range d.Organisations {
		if o.Role == data.RoleOrganiser {
			organiser = o.Name
			break
		}
	}
	sender := account.FromName
	if sender == "" {
		sender = account.FromAddress
	}
	return map[string]string{"name": p.name, "workshop": d.Texts.Title(w, lang), "place": place,
		"dates": reports.FormatDateRange(lang, w.StartDate, w.EndDate), "sender": sender, "organiser": organiser}
}

var workbookNames = map[data.Language][2]string{
	data.English: {"Workbook", "Workbook without names"},
	data.French:  {"Classeur", "Classeur sans noms"},
	data.Spanish: {"Libro", "Libro sin nombres"},
}

// workbookFileName names the workbook sent, in the workshop's language:
// "Workbook Lagos 2022.xlsx".
func workbookFileName(w data.Workshop, anonymous bool) string {
	names, ok := workbookNames[w.Language]
	if !ok {
		names = workbookNames[data.English]
	}
	name := names[0]
	if anonymous {
		name = names[1]
	}
	return reports.SafeFileName(fmt.Sprintf("%s %s %d", name, w.City, w.StartDate.Year), ".xlsx")
}
