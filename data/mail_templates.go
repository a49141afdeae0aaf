package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// MailTemplate is the subject and text of a kind of message in one
// language. Placeholders in braces ({name}, {workshop}…) are filled in for
// each recipient; an empty field takes the default (package mail).
type MailTemplate struct {
	Subject string `json:"subject,omitempty"`
	Body    string `json:"body,omitempty"`
}

// Placeholders are the words a template may put in braces.
var Placeholders = []string{"name", "workshop", "place", "dates", "serial", "code", "sender", "organiser"}

var placeholder = regexp.MustCompile(`\{([^{}\s]*)\}`)

// PlaceholdersIn lists the placeholders a text uses, known or not.
func PlaceholdersIn(text string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
	}
	return out
}

// Validate checks a template: lengths, and placeholders it knows.
func (t MailTemplate) Validate() error {
	c := checker{record: "message template"}
	c.text("subject", "Subject", t.Subject, MaxTitleLength, false)
	c.longText("body", "Message", t.Body)
	for field, text := range map[string]string{"subject": t.Subject, "body": t.Body} {
		label := map[string]string{"subject": "Subject", "body": "Message"}[field]
		for _, p := range PlaceholdersIn(text) {
			if !slices.Contains(Placeholders, p) && !c.has(field) {
				c.add(field, label, "error.placeholder",
					fmt.Sprintf("has {%s}, which Atelier cannot fill in: use %s.", p, "{"+strings.Join(Placeholders, "}, {")+"}"),
					map[string]any{"Value": "{" + p + "}", "Allowed": "{" + strings.Join(Placeholders, "}, {") + "}"})
			}
		}
	}
	return c.err()
}

func templateKey(workshopID int64, kind MessageKind, lang Language) string {
	return fmt.Sprintf("mail_template.%d.%s.%s", workshopID, kind, lang)
}

// MailTemplate reads a workshop's own template of a kind in a language;
// its fields are empty where the defaults apply.
func (s *Store) MailTemplate(workshopID int64, kind MessageKind, lang Language) (MailTemplate, error) {
	return mailTemplateIn(s.r, workshopID, kind, lang)
}

func mailTemplateIn(q querier, workshopID int64, kind MessageKind, lang Language) (MailTemplate, error) {
	var t MailTemplate
	v, ok, err := settingIn(q, templateKey(workshopID, kind, lang))
	if err != nil || !ok {
		return t, err
	}
	return t, json.Unmarshal([]byte(v), &t)
}

// SaveMailTemplate keeps a workshop's own template of a kind in a
// language; an empty one goes back to the defaults.
func (s *Store) SaveMailTemplate(workshopID int64, kind MessageKind, lang Language, t MailTemplate) error {
	t.Subject, t.Body = normalise(t.Subject), strings.TrimSpace(t.Body)
	if err := t.Validate(); err != nil {
		return err
	}
	key := templateKey(workshopID, kind, lang)
	if t == (MailTemplate{}) {
		return s.write(context.Background(), func(tx *sql.Tx) error {
			_, err := tx.Exec(`DELETE FROM settings WHERE key = ?`, key)
			return err
		})
	}
	b, err := json.Marshal(t)
	if err != nil {
		return err
	}
	return s.SetSetting(key, string(b))
}

// MailingData is what the messages of a workshop are written from, read
// at one moment: its people and their addresses, its organisers, its own
// templates and its secretariat.
type MailingData struct {
	Workshop      Workshop
	Texts         WorkshopTexts // its title in other languages
	Organisations []WorkshopOrganisation
	Participants  []Participant
	Trainers      []Trainer
	Templates     map[MessageKind]map[Language]MailTemplate
	Secretariat   Secretariat
}

// MailingData reads what the messages of a workshop are written from.
func (s *Store) MailingData(workshopID int64) (MailingData, error) {
	return readOne(s, func(q querier) (MailingData, error) { return mailingDataIn(q, workshopID) })
}

func mailingDataIn(q querier, workshopID int64) (d MailingData, err error) {
	if d.Workshop, err = workshopIn(q, workshopID); err != nil {
		return d, err
	}
	if d.Texts, err = workshopTexts(q, workshopID); err != nil {
		return d, err
	}
	if d.Organisations, err = workshopOrganisationsIn(q, workshopID); err != nil {
		return d, err
	}
	if d.Participants, err = participantsIn(q, workshopID, ParticipantFilter{}); err != nil {
		return d, err
	}
	if d.Trainers, err = trainersIn(q, workshopID); err != nil {
		return d, err
	}
	d.Templates = map[MessageKind]map[Language]MailTemplate{}
	for _, k := range MessageKinds {
		d.Templates[k] = map[Language]MailTemplate{}
		for _, l := range Languages {
			if d.Templates[k][l], err = mailTemplateIn(q, workshopID, k, l); err != nil {
				return d, err
			}
		}
	}
	d.Secretariat, err = secretariatIn(q, workshopID)
	return d, err
}

// queueIssued is how a document kind queues its messages: in one write
// transaction, issue enters in the register what needs entering and
// returns what compose needs of it, then compose writes the messages from
// that and from the workshop's mailing data read in the same transaction,
// and they are queued. Whatever fails, the register and the outbox are as
// they were. The certificates (QueueCertificates) and the letters
// (QueueLetters) each bring their own issue.
func (s *Store) queueIssued(ctx context.Context, workshopID int64, issue func(tx *sql.Tx) (any, error),
	compose func(d MailingData, issued any) ([]OutboxMessage, error)) ([]OutboxMessage, error) {
	var msgs []OutboxMessage
	err := s.write(ctx, func(tx *sql.Tx) error {
		issued, err := issue(tx)
		if err != nil {
			return err
		}
		d, err := mailingDataIn(tx, workshopID)
		if err != nil {
			return err
		}
		if msgs, err = compose(d, issued); err != nil {
			return err
		}
		return queueIn(tx, msgs)
	})
	return msgs, err
}

// QueueCertificates issues the certificates of a workshop as
// IssueCertificates does (everyone eligible, and the trainers if asked)
// and queues, in the same write transaction, the messages compose writes
// of them: compose renders each certificate as the register now holds it.
func (s *Store) QueueCertificates(ctx context.Context, workshopID int64, opt IssueOptions,
	compose func(d MailingData, certs []Certificate) ([]OutboxMessage, error)) ([]OutboxMessage, error) {
	secret, err := s.certificateSecret()
	if err != nil {
		return nil, err
	}
	return s.queueIssued(ctx, workshopID, func(tx *sql.Tx) (any, error) {
		return issueCertificatesIn(tx, secret, workshopID, opt)
	}, func(d MailingData, issued any) ([]OutboxMessage, error) {
		return compose(d, issued.([]Certificate))
	})
}

// issueCertificatesIn decides, in the write transaction tx, who is
// eligible and enters their certificates in the register, as
// IssueCertificatesPrinting does (which prints what it enters), for the
// messages queued in the same transaction.
func issueCertificatesIn(tx *sql.Tx, secret []byte, workshopID int64, opt IssueOptions) ([]Certificate, error) {
	out, w, err := planCertificatesIn(tx, workshopID, opt)
	if err != nil || len(out) == 0 {
		return nil, err
	}
	return issueIn(tx, secret, w, out)
}
