package data

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// The outbox keeps every message Atelier sends, from the moment it is
// composed: queued until a server takes it, then sent with the server's
// reply, or failed with the reason. A message is claimed ("sending") in a
// write transaction before it is handed to the server, and its outcome is
// written in the transaction that claims the next one, so that two
// senders (the window and `atelier send` on one file) never send the same
// message, and a sender killed half-way leaves its message "sending":
// once its heartbeat is older than SendingLease it reads as unknown, is
// never sent again by itself, and waits for the user's word (Resend).

// MessageKind is what a message carries.
type MessageKind string

const (
	MessageCertificate MessageKind = "certificate" // a certificate of attendance
	MessageVisa        MessageKind = "visa"        // a visa invitation letter
	MessageAward       MessageKind = "award"       // a grant award letter
	MessageAttendance  MessageKind = "attendance"  // an attendance letter
	MessageWorkbook    MessageKind = "workbook"    // the secretariat's workbook
	MessageText        MessageKind = "text"        // the organiser's own words, no document
)

// MessageKinds lists every kind.
var MessageKinds = []MessageKind{MessageCertificate, MessageVisa, MessageAward, MessageAttendance, MessageWorkbook, MessageText}

// MessageState is where a message of the outbox stands.
type MessageState string

const (
	StateQueued  MessageState = "queued"  // waiting for the server, from NextAttempt on
	StateSending MessageState = "sending" // handed to the server by a sender at work
	StateSent    MessageState = "sent"    // the server took it: Reply says what it answered
	StateFailed  MessageState = "failed"  // refused for good: FailureKey says why
	StateUnknown MessageState = "unknown" // a sender died while sending it: it may have gone
)

// MessageStates lists the states in the order a message goes through them.
var MessageStates = []MessageState{StateQueued, StateSending, StateSent, StateFailed, StateUnknown}

// SendingLease is how long a message stays "sending" without its sender's
// heartbeat before it reads as unknown. Senders beat well within it.
var SendingLease = 45 * time.Second

// Attachment is a file sent with a message, kept byte for byte.
type Attachment struct {
	FileName    string
	ContentType string
	Content     []byte // nil in lists (Outbox), which give Size only
	Size        int
}

// OutboxMessage is one message to one person.
type OutboxMessage struct {
	ID         int64
	WorkshopID int64 // 0 when its workshop is gone
	Kind       MessageKind
	// Who it is for: a participant, a trainer, or neither (the
	// secretariat); Document is the serial of the document attached.
	ParticipantID, TrainerID int64
	Document                 string
	Language                 Language
	ToName, ToAddress        string
	FromName, FromAddress    string
	Subject, Text, HTML      string
	// MessageID is the Message-ID header, made when the message is
	// queued: sending it again after an unknown outcome keeps it, so
	// that a mail program shows a copy that did arrive only once.
	MessageID   string
	Attachments []Attachment

	State         MessageState
	Attempts      int
	NextAttempt   time.Time
	Reply         string // the server's answer when sent
	FailureKey    string // why it failed (or why the last try failed, while queued)
	FailureDetail string // what the server said about it, when it did
	QueuedAt      time.Time
	SentAt        time.Time
	Resends       int64 // the message this one sends again, when it does
}

// Validate checks a message before it is queued.
func (m OutboxMessage) Validate() error {
	c := checker{record: "message"}
	oneOf(&c, "kind", "Kind", m.Kind, MessageKinds)
	oneOf(&c, "language", "Language", m.Language, Languages)
	c.required("to_address", "Recipient", m.ToAddress)
	c.email("to_address", "Recipient", m.ToAddress)
	c.required("from_address", "Sender", m.FromAddress)
	c.email("from_address", "Sender", m.FromAddress)
	c.text("to_name", "Recipient's name", m.ToName, MaxNameLength, false)
	c.text("from_name", "Sender's name", m.FromName, MaxNameLength, false)
	c.text("subject", "Subject", m.Subject, MaxTitleLength, true)
	c.required("body", "Message", m.Text)
	for _, a := range m.Attachments {
		c.text("attachment", "Attachment", a.FileName, MaxTitleLength, true)
	}
	return c.err()
}

const outboxColumns = `id, coalesce(workshop_id, 0), kind, coalesce(participant_id, 0), coalesce(trainer_id, 0),
	document, language, to_name, to_address, from_name, from_address, subject, body_text, body_html, message_id,
	state, attempts, next_attempt, heartbeat, reply, failure_key, failure_detail, queued_at, sent_at,
	coalesce(resends, 0)`

// stamp writes a time so that text order is time order.
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

func parseStamp(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// scanMessage reads a row of outboxColumns; a message "sending" whose
// heartbeat is older than the lease reads as unknown.
func scanMessage(row scanner, now time.Time) (OutboxMessage, error) {
	var m OutboxMessage
	var next, beat, queued, sent string
	err := row.Scan(&m.ID, &m.WorkshopID, &m.Kind, &m.ParticipantID, &m.TrainerID, &m.Document, &m.Language,
		&m.ToName, &m.ToAddress, &m.FromName, &m.FromAddress, &m.Subject, &m.Text, &m.HTML, &m.MessageID,
		&m.State, &m.Attempts, &next, &beat, &m.Reply, &m.FailureKey, &m.FailureDetail, &queued, &sent, &m.Resends)
	if err != nil {
		return m, err
	}
	m.NextAttempt, m.QueuedAt, m.SentAt = parseStamp(next), parseStamp(queued), parseStamp(sent)
	if m.State == StateSending && beat < stamp(now.Add(-SendingLease)) {
		m.State = StateUnknown
	}
	return m, nil
}

// NewMessageID makes a Message-ID header for a message from the address
// from: random, at the sender's domain.
func NewMessageID(from string) string {
	b := make([]byte, 12)
	rand.Read(b)
	domain := "atelier.invalid"
	if _, d, ok := strings.Cut(from, "@"); ok && d != "" {
		domain = d
	}
	return "<" + hex.EncodeToString(b) + ".atelier@" + domain + ">"
}

// QueueMessages puts msgs in the outbox, all or none, and returns them with
// their ids.
func (s *Store) QueueMessages(ctx context.Context, msgs []OutboxMessage) ([]OutboxMessage, error) {
	err := s.write(ctx, func(tx *sql.Tx) error { return queueIn(tx, msgs) })
	return msgs, err
}

// queueIn queues msgs in tx, filling in their ids and states.
func queueIn(tx *sql.Tx, msgs []OutboxMessage) error {
	insert, err := tx.Prepare(`INSERT INTO outbox_messages(workshop_id, kind, participant_id, trainer_id, document,
		language, to_name, to_address, from_name, from_address, subject, body_text, body_html, message_id, state,
		next_attempt, queued_at, resends)
		VALUES (nullif(?, 0), ?, nullif(?, 0), nullif(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, nullif(?, 0))`)
	if err != nil {
		return err
	}
	defer insert.Close()
	attach, err := tx.Prepare(`INSERT INTO outbox_attachments(message_id, position, file_name, content_type, content)
		VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer attach.Close()
	now := time.Now()
	for i := range msgs {
		m := &msgs[i]
		m.ToName, m.FromName, m.Subject = normalise(m.ToName), normalise(m.FromName), normalise(m.Subject)
		m.ToAddress, m.FromAddress = strings.TrimSpace(m.ToAddress), strings.TrimSpace(m.FromAddress)
		if err := m.Validate(); err != nil {
			return err
		}
		if m.MessageID == "" {
			m.MessageID = NewMessageID(m.FromAddress)
		}
		m.State, m.Attempts, m.NextAttempt, m.QueuedAt = StateQueued, 0, now, now
		res, err := insert.Exec(m.WorkshopID, m.Kind, m.ParticipantID, m.TrainerID, m.Document, m.Language,
			m.ToName, m.ToAddress, m.FromName, m.FromAddress, m.Subject, m.Text, m.HTML, m.MessageID,
			stamp(now), stamp(now), m.Resends)
		if err != nil {
			return err
		}
		if m.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		for j, a := range m.Attachments {
			if _, err := attach.Exec(m.ID, j, a.FileName, a.ContentType, a.Content); err != nil {
				return err
			}
			m.Attachments[j].Size = len(a.Content)
		}
	}
	return nil
}

// OutboxFilter chooses what Outbox lists.
type OutboxFilter struct {
	WorkshopID int64          // 0: every workshop's
	States     []MessageState // nil: every state
}

// Outbox lists the messages of the outbox, the newest first, with their
// attachments' names and sizes but not their contents.
func (s *Store) Outbox(f OutboxFilter) ([]OutboxMessage, error) {
	var out []OutboxMessage
	err := s.read(context.Background(), func(q querier) error {
		now := time.Now()
		var err error
		out, err = queryAll(q, func(r scanner) (OutboxMessage, error) { return scanMessage(r, now) },
			`SELECT `+outboxColumns+` FROM outbox_messages WHERE (? = 0 OR workshop_id = ?) ORDER BY id DESC`,
			f.WorkshopID, f.WorkshopID)
		if err != nil {
			return err
		}
		kept := out[:0]
		for _, m := range out {
			if len(f.States) == 0 || containsState(f.States, m.State) {
				kept = append(kept, m)
			}
		}
		out = kept
		byID := map[int64]*OutboxMessage{}
		for i := range out {
			byID[out[i].ID] = &out[i]
		}
		type named struct {
			id int64
			a  Attachment
		}
		list, err := queryAll(q, func(r scanner) (named, error) {
			var n named
			return n, r.Scan(&n.id, &n.a.FileName, &n.a.ContentType, &n.a.Size)
		}, `SELECT a.message_id, a.file_name, a.content_type, length(a.content) FROM outbox_attachments a
			JOIN outbox_messages m ON m.id = a.message_id WHERE (? = 0 OR m.workshop_id = ?)
			ORDER BY a.message_id, a.position`, f.WorkshopID, f.WorkshopID)
		for _, n := range list {
			if m := byID[n.id]; m != nil {
				m.Attachments = append(m.Attachments, n.a)
			}
		}
		return err
	})
	return out, err
}

func containsState(list []MessageState, s MessageState) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Message reads one message of the outbox with its attachments.
func (s *Store) Message(id int64) (OutboxMessage, error) {
	var m OutboxMessage
	err := s.read(context.Background(), func(q querier) (err error) {
		m, err = messageIn(q, id, time.Now())
		return err
	})
	return m, err
}

func messageIn(q querier, id int64, now time.Time) (OutboxMessage, error) {
	m, err := scanMessage(q.QueryRow(`SELECT `+outboxColumns+` FROM outbox_messages WHERE id = ?`, id), now)
	if errors.Is(err, sql.ErrNoRows) {
		return m, &NotFoundError{"message", id}
	}
	if err != nil {
		return m, err
	}
	m.Attachments, err = queryAll(q, func(r scanner) (Attachment, error) {
		var a Attachment
		err := r.Scan(&a.FileName, &a.ContentType, &a.Content)
		a.Size = len(a.Content)
		return a, err
	}, `SELECT file_name, content_type, content FROM outbox_attachments WHERE message_id = ? ORDER BY position`, id)
	return m, err
}

// OutboxCounts counts the messages of the outbox by state (unknown ones
// included), for every workshop when workshopID is 0.
func (s *Store) OutboxCounts(workshopID int64) (map[MessageState]int, error) {
	counts := map[MessageState]int{}
	rows, err := s.r.Query(`SELECT state, heartbeat < ? AND state = 'sending', count(*) FROM outbox_messages
		WHERE (? = 0 OR workshop_id = ?) GROUP BY 1, 2`, stamp(time.Now().Add(-SendingLease)), workshopID, workshopID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var state MessageState
		var stale bool
		var n int
		if err := rows.Scan(&state, &stale, &n); err != nil {
			return nil, err
		}
		if stale {
			state = StateUnknown
		}
		counts[state] += n
	}
	return counts, rows.Err()
}

// Pick says which message a sender takes next.
type Pick struct {
	Token string    // the sender run's, made by NewSenderToken
	Now   time.Time // zero: the clock's
	// Waiting also takes queued messages whose next attempt is not due
	// yet, once each: the user asked to send now what waits.
	Waiting    bool
	IDs        []int64 // only these messages; nil: any
	WorkshopID int64   // only this workshop's; 0: any
}

// NewSenderToken names one run of a sender in the outbox.
func NewSenderToken() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Outcome is what became of a message a sender handed to the server.
type Outcome struct {
	ID    int64
	State MessageState // StateSent, StateFailed, StateQueued (to try again at RetryAt) or StateUnknown
	Reply string       // the server's answer, when sent
	// FailureKey words why it failed or will be tried again;
	// FailureDetail is what the server said.
	FailureKey, FailureDetail string
	RetryAt                   time.Time
}

// pickable is the condition a message meets to be the next NextMessage
// claims for a Pick, with pickArgs's arguments. Waiting takes a message
// not due yet only if this run has not tried it: one the server puts off
// now waits its backoff rather than spending every try at once.
const pickable = `state = 'queued' AND (next_attempt <= ? OR ? AND sender_token <> ?)
	AND (? = 0 OR workshop_id = ?) AND (? = 'null' OR id IN (SELECT value FROM json_each(?)))`

func pickArgs(pick Pick, now time.Time, ids []byte) []any {
	return []any{stamp(now), pick.Waiting, pick.Token, pick.WorkshopID, pick.WorkshopID, string(ids), string(ids)}
}

// pickNow is pick's time and its IDs as JSON, for pickable.
func pickNow(pick Pick) (time.Time, []byte, error) {
	now := pick.Now
	if now.IsZero() {
		now = time.Now()
	}
	ids, err := json.Marshal(pick.IDs)
	return now, ids, err
}

// MessageWaits says whether NextMessage would now find a message for
// pick, without claiming it: a sender that must wait before its next
// message asks first, so that it neither waits for nothing at the end of
// its run nor holds a message "sending" that is not being sent.
func (s *Store) MessageWaits(ctx context.Context, pick Pick) (bool, error) {
	now, ids, err := pickNow(pick)
	if err != nil {
		return false, err
	}
	var waits bool
	err = s.read(ctx, func(q querier) error {
		return q.QueryRow(`SELECT EXISTS (SELECT 1 FROM outbox_messages WHERE `+pickable+`)`,
			pickArgs(pick, now, ids)...).Scan(&waits)
	})
	return waits, err
}

// NextMessage writes what became of the message a sender just handed to
// the server (when done is not nil), and claims the next message pick
// allows, with its attachments, in the same write transaction: it is
// "sending" from then on, under pick.Token. ok is false when nothing is
// left to send. Messages a dead sender left "sending" are marked unknown
// first.
func (s *Store) NextMessage(ctx context.Context, done *Outcome, pick Pick) (m OutboxMessage, ok bool, err error) {
	now, ids, err := pickNow(pick)
	if err != nil {
		return m, false, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		if done != nil {
			if err := recordOutcome(tx, *done, pick.Token, now); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(`UPDATE outbox_messages SET state = 'unknown' WHERE state = 'sending' AND heartbeat < ?`,
			stamp(now.Add(-SendingLease))); err != nil {
			return err
		}
		var id int64
		err := tx.QueryRow(`SELECT id FROM outbox_messages WHERE `+pickable+` ORDER BY next_attempt, id LIMIT 1`,
			pickArgs(pick, now, ids)...).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE outbox_messages SET state = 'sending', attempts = attempts + 1,
			sender_token = ?, heartbeat = ? WHERE id = ?`, pick.Token, stamp(now), id); err != nil {
			return err
		}
		m, err = messageIn(tx, id, now)
		ok = err == nil
		return err
	})
	return m, ok, err
}

// recordOutcome writes what became of a message, if it is still the
// sender's: "sending" under its token, or marked unknown meanwhile (a
// heartbeat late), in which case the outcome, which is known, wins.
func recordOutcome(tx *sql.Tx, o Outcome, token string, now time.Time) error {
	var err error
	switch o.State {
	case StateSent:
		_, err = tx.Exec(`UPDATE outbox_messages SET state = 'sent', reply = ?, sent_at = ?, failure_key = '',
			failure_detail = '' WHERE id = ? AND sender_token = ? AND state IN ('sending', 'unknown')`,
			o.Reply, stamp(now), o.ID, token)
	case StateQueued, StateFailed, StateUnknown:
		_, err = tx.Exec(`UPDATE outbox_messages SET state = ?, failure_key = ?, failure_detail = ?, next_attempt = ?
			WHERE id = ? AND sender_token = ? AND state IN ('sending', 'unknown')`,
			o.State, o.FailureKey, o.FailureDetail, stamp(o.RetryAt), o.ID, token)
	default:
		err = fmt.Errorf("an outcome cannot be %q", o.State)
	}
	return err
}

// RecordOutcome writes what became of the last message a sender handed to
// the server, when it claims no other.
func (s *Store) RecordOutcome(ctx context.Context, o Outcome, token string) error {
	return s.write(ctx, func(tx *sql.Tx) error { return recordOutcome(tx, o, token, time.Now()) })
}

// Heartbeat says that the sender token is still at work on message id,
// so that it does not read as unknown while a slow server takes it.
func (s *Store) Heartbeat(ctx context.Context, id int64, token string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE outbox_messages SET heartbeat = ? WHERE id = ? AND sender_token = ? AND state = 'sending'`,
			stamp(time.Now()), id, token)
		return err
	})
}

// Resend is the user's word to send messages again. A message sent gets a
// copy, queued, with its attachments (the one sent stays in the log as it
// was); a failed or unknown message is queued again as it is, with its
// Message-ID and its tries afresh; a queued one is made due now. A
// message being sent is left as it is. It returns the messages queued.
func (s *Store) Resend(ctx context.Context, ids []int64) ([]OutboxMessage, error) {
	var out []OutboxMessage
	err := s.write(ctx, func(tx *sql.Tx) error {
		now := time.Now()
		for _, id := range ids {
			m, err := messageIn(tx, id, now)
			if err != nil {
				return err
			}
			switch m.State {
			case StateSent:
				copied := m
				copied.ID, copied.MessageID, copied.Resends = 0, "", m.ID
				copied.Reply, copied.FailureKey, copied.FailureDetail = "", "", ""
				list := []OutboxMessage{copied}
				if err := queueIn(tx, list); err != nil {
					return err
				}
				out = append(out, list[0])
			case StateFailed, StateUnknown, StateQueued:
				// The user's word gives it its tries afresh: one the
				// server put off until it gave up would fail at once.
				if _, err := tx.Exec(`UPDATE outbox_messages SET state = 'queued', next_attempt = ?, sender_token = '',
					attempts = 0, failure_key = '', failure_detail = '' WHERE id = ?`, stamp(now), id); err != nil {
					return err
				}
				m.State, m.NextAttempt, m.Attempts = StateQueued, now, 0
				out = append(out, m)
			}
		}
		return nil
	})
	return out, err
}

// DeleteMessages removes messages from the outbox: those queued that
// should not go after all, or old ones. A message being sent stays.
func (s *Store) DeleteMessages(ctx context.Context, ids []int64) (int, error) {
	n := 0
	err := s.write(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			res, err := tx.Exec(`DELETE FROM outbox_messages WHERE id = ? AND (state <> 'sending' OR heartbeat < ?)`,
				id, stamp(time.Now().Add(-SendingLease)))
			if err != nil {
				return err
			}
			k, err := res.RowsAffected()
			if err != nil {
				return err
			}
			n += int(k)
		}
		return nil
	})
	return n, err
}
