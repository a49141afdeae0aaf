package data

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Helpers mark attendance from their phones through the laptop's venue
// server (package venue): each phone is a device with the name its helper
// gave it, and each of its marks is saved here, in its own transaction,
// with that name beside it. What a phone may mark is decided inside that
// transaction: a session of the shared workshop that is not a break, for a
// confirmed participant of that workshop (the people the laptop's own list
// is taken for).

// Why a device's mark was refused, besides a session or participant not in
// the workshop (a NotFoundError).
var (
	ErrBreak            = errors.New("breaks are not marked")
	ErrNotOnList        = errors.New("not a confirmed participant of this workshop")
	ErrNoSuchSignInCode = errors.New("no participant of this workshop has this sign-in code")
)

// MaxDeviceName is the longest name a device may be given, in characters
// (a letter with its tone marks is one).
const MaxDeviceName = 40

const zwj = '\u200d' // joins emoji into one, as in 👩‍🏫

// DeviceName checks the name a helper gives their device and returns it
// as it is kept: trimmed, in NFC. Control and formatting characters
// (right-to-left overrides among them) are refused, so that a name shown
// beside a mark cannot disguise another.
func DeviceName(name string) (string, error) {
	name = normalise(name)
	bad := name == "" || !utf8.ValidString(name)
	letters := 0
	for _, r := range name {
		switch {
		case unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) && r != zwj:
			bad = true
		case r != zwj && !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Me, r):
			letters++ // a tone mark or an emoji's joiner is part of its letter
		}
	}
	bad = bad || letters > MaxDeviceName
	if bad {
		return "", FieldError{Field: "device", Key: "error.device_name", Args: map[string]any{"Max": MaxDeviceName},
			Message: "Device name: give this device a name of 1 to 40 letters, such as “Room B” or “Ada’s phone”"}
	}
	return name, nil
}

// MarkFromDevice saves a mark a helper made on device for a participant
// of workshopID at one of its sessions, or clears it when a.Mark is
// Unmarked, in one transaction. The last mark wins; the one it replaces
// stays in the log. It sets a.Device, a.MarkedAt and a.Revision (0 when a
// clear found nothing to clear). It refuses, with nothing saved, a session
// or participant of another workshop (NotFoundError), a break (ErrBreak)
// and a participant who is not confirmed (ErrNotOnList).
func (s *Store) MarkFromDevice(ctx context.Context, workshopID int64, device string, a *Attendance) error {
	device, err := DeviceName(device)
	if err != nil {
		return err
	}
	now := time.Now()
	a.MarkedAt, a.Note = time.Time{}, ""
	if a.Mark != Unmarked {
		if err := prepareMark(a, now); err != nil {
			return err
		}
	}
	return s.markWrite(ctx, func(tx *sql.Tx) error {
		if err := markable(tx, workshopID, a.ParticipantID, a.SessionID); err != nil {
			return err
		}
		return s.saveDeviceMark(tx, a, device, now)
	})
}

func (s *Store) saveDeviceMark(tx *sql.Tx, a *Attendance, device string, now time.Time) error {
	if a.Mark != Unmarked {
		return s.saveMark(tx, a, device)
	}
	var err error
	a.Device, a.MarkedAt = device, now.UTC().Truncate(time.Second)
	a.Revision, err = clearMark(tx, a.ParticipantID, a.SessionID, device, now)
	return err
}

// MarkCodeFromDevice is MarkFromDevice for the participant whose sign-in
// code (SignInCodes: the code on the sign-in sheets and the badges) is
// code, typed or scanned, in any case; the code is looked up in the same
// transaction. It returns the participant marked, or ErrNoSuchSignInCode.
func (s *Store) MarkCodeFromDevice(ctx context.Context, workshopID int64, device, code string, a *Attendance) (Participant, error) {
	var who Participant
	device, err := DeviceName(device)
	if err != nil {
		return who, err
	}
	code = strings.ToUpper(strings.TrimSpace(code))
	now := time.Now()
	a.MarkedAt, a.Note = time.Time{}, ""
	if err := prepareMark(a, now); err != nil {
		return who, err
	}
	err = s.markWrite(ctx, func(tx *sql.Tx) error {
		all, err := participantsIn(tx, workshopID, ParticipantFilter{})
		if err != nil {
			return err
		}
		codes := SignInCodes(all)
		found := false
		for _, p := range all {
			if codes[p.ID] == code {
				who, found = p, true
			}
		}
		if !found {
			return ErrNoSuchSignInCode
		}
		a.ParticipantID = who.ID
		if err := markable(tx, workshopID, a.ParticipantID, a.SessionID); err != nil {
			return err
		}
		return s.saveDeviceMark(tx, a, device, now)
	})
	return who, err
}

// markable says, inside the write transaction, whether a device may mark
// participantID at sessionID for workshopID.
func markable(tx *sql.Tx, workshopID, participantID, sessionID int64) error {
	var sw, pw sql.NullInt64
	var kind, status sql.NullString
	if err := tx.QueryRow(`SELECT
		(SELECT workshop_id FROM sessions WHERE id = ?1), (SELECT kind FROM sessions WHERE id = ?1),
		(SELECT workshop_id FROM participants WHERE id = ?2), (SELECT status FROM participants WHERE id = ?2)`,
		sessionID, participantID).Scan(&sw, &kind, &pw, &status); err != nil {
		return err
	}
	switch {
	case sw.Int64 != workshopID || !sw.Valid:
		return &NotFoundError{"session", sessionID}
	case pw.Int64 != workshopID || !pw.Valid:
		return &NotFoundError{"participant", participantID}
	case SessionKind(kind.String) == KindBreak:
		return ErrBreak
	case Status(status.String) != StatusConfirmed:
		return ErrNotOnList
	}
	return nil
}

// MarkingSheet is what a helper's page shows of one session: the people
// attendance is taken for and their marks, read at one moment.
type MarkingSheet struct {
	Session Session
	People  []Participant        // the confirmed participants, in the list's order
	Marks   map[int64]Attendance // by participant, with the device of each
	// AsOf is the last row of the attendance log when the sheet was read:
	// every mark up to it is in Marks, and any later one comes after it.
	AsOf int64
}

// MarkingSheet reads a session of workshopID for a helper's page, in one
// read transaction. A session of another workshop is a NotFoundError.
func (s *Store) MarkingSheet(workshopID, sessionID int64) (MarkingSheet, error) {
	return readOne(s, func(q querier) (d MarkingSheet, err error) {
		d.Session, err = scanSession(q.QueryRow(`SELECT `+sessionColumns+` FROM sessions s WHERE s.id = ? AND s.workshop_id = ?`,
			sessionID, workshopID))
		if errors.Is(err, sql.ErrNoRows) {
			return d, &NotFoundError{"session", sessionID}
		}
		if err != nil {
			return d, err
		}
		if err = q.QueryRow(`SELECT coalesce(max(id), 0) FROM attendance_log`).Scan(&d.AsOf); err != nil {
			return d, err
		}
		if d.People, err = participantsIn(q, workshopID, ParticipantFilter{Statuses: []Status{StatusConfirmed}}); err != nil {
			return d, err
		}
		marks, err := queryAll(q, scanAttendance, `SELECT `+attendanceColumns+` FROM attendance WHERE session_id = ?`, sessionID)
		d.Marks = make(map[int64]Attendance, len(marks))
		for _, a := range marks {
			d.Marks[a.ParticipantID] = a
		}
		return d, err
	})
}

// MarkLogEntry is a row of the attendance log: a mark as it was saved.
type MarkLogEntry struct {
	ID            int64 // its place in the log: a later mark has a larger one
	ParticipantID int64
	SessionID     int64
	Mark          Mark // Unmarked when the mark was cleared
	MarkedAt      time.Time
	Device        string // "" for this computer
	// Replaced says a later mark of the same cell came after it.
	Replaced bool
}

const markLogColumns = `id, participant_id, session_id, status, marked_at, device`

func scanMarkLog(row scanner) (MarkLogEntry, error) {
	var e MarkLogEntry
	var at string
	err := row.Scan(&e.ID, &e.ParticipantID, &e.SessionID, &e.Mark, &at, &e.Device)
	if err == nil {
		e.MarkedAt, err = time.Parse(time.RFC3339, at)
	}
	return e, err
}

// MarkLogSince lists the marks of workshopID saved after the log's row
// after, oldest first, at most limit of them (limit ≤ 0: all): what
// changed since. Any process's marks are there, the window's and the
// command line's included.
func (s *Store) MarkLogSince(workshopID, after int64, limit int) ([]MarkLogEntry, error) {
	if limit <= 0 {
		limit = -1
	}
	// The new rows are found by their ids, the last ones of the table;
	// "+" keeps SQLite from scanning the workshop's rows instead.
	return queryAll(s.r, scanMarkLog, `SELECT `+markLogColumns+` FROM attendance_log
		WHERE id > ? AND +workshop_id = ? ORDER BY id LIMIT ?`, after, workshopID, limit)
}

// LastMarkRevision is the last row of the attendance log, 0 when empty.
func (s *Store) LastMarkRevision() (int64, error) {
	var id int64
	err := s.r.QueryRow(`SELECT coalesce(max(id), 0) FROM attendance_log`).Scan(&id)
	return id, err
}

// MarkHistory lists the marks of a workshop worth keeping apart from the
// matrix, in the order saved: those a device made and those a later mark
// replaced (each with Replaced set). The marks this computer made and
// nobody changed are the matrix itself.
func (s *Store) MarkHistory(workshopID int64) ([]MarkLogEntry, error) {
	return markHistoryIn(s.r, workshopID)
}

func markHistoryIn(q querier, workshopID int64) ([]MarkLogEntry, error) {
	all, err := queryAll(q, scanMarkLog, `SELECT `+markLogColumns+` FROM attendance_log
		WHERE workshop_id = ? ORDER BY id`, workshopID)
	if err != nil {
		return nil, err
	}
	type cell struct{ participant, session int64 }
	last := map[cell]int{}
	for i, e := range all {
		k := cell{e.ParticipantID, e.SessionID}
		if j, ok := last[k]; ok {
			all[j].Replaced = true
		}
		last[k] = i
	}
	out := all[:0]
	for _, e := range all {
		if e.Device != "" || e.Replaced {
			out = append(out, e)
		}
	}
	return out, nil
}
