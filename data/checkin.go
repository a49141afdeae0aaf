package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Check-in by badge: a barcode scanner reads the QR code of a badge (the
// participant's sign-in code) and types it with Enter; the participant is
// then marked in the session being taken: present up to a grace period
// after its start, which the organiser sets per workshop, late after it.

// DefaultGrace is the grace period of a workshop that has not set one.
const DefaultGrace = 10 * time.Minute

// MaxGrace is the longest grace period: a morning.
const MaxGrace = 4 * time.Hour

func graceKey(workshopID int64) string { return fmt.Sprintf("checkin_grace.%d", workshopID) }

// CheckInGrace reads how long after a session starts someone checking in
// is still present rather than late.
func (s *Store) CheckInGrace(workshopID int64) (time.Duration, error) {
	v, ok, err := s.Setting(graceKey(workshopID))
	if err != nil || !ok {
		return DefaultGrace, err
	}
	minutes, err := strconv.Atoi(v)
	if err != nil {
		return DefaultGrace, nil // a value written by hand: the default
	}
	return time.Duration(minutes) * time.Minute, nil
}

// SetCheckInGrace stores a workshop's grace period, in whole minutes.
func (s *Store) SetCheckInGrace(workshopID int64, grace time.Duration) error {
	if grace < 0 || grace > MaxGrace {
		return &ValidationError{Record: "check-in", Fields: []FieldError{{Field: "grace", Key: "error.range",
			Args:    map[string]any{"Field": "Late after", "Min": 0, "Max": int(MaxGrace.Minutes())},
			Message: fmt.Sprintf("Late after must be between 0 and %d minutes.", int(MaxGrace.Minutes()))}}}
	}
	return s.SetSetting(graceKey(workshopID), strconv.Itoa(int(grace.Minutes())))
}

// CheckIn is what scanning a badge did.
type CheckIn struct {
	Participant Participant
	Mark        Mark // what the participant is marked now
	// Already is true when they were already marked present or late: a
	// badge scanned twice keeps the first mark and its time.
	Already bool
}

// Why a scanned code marked nobody.
var (
	ErrUnknownBadge = errors.New("no participant of this workshop has this code")
	ErrNotConfirmed = errors.New("this participant is not confirmed: attendance is taken for confirmed participants")
)

// CheckInError names the code scanned, and the participant when one has it.
type CheckInError struct {
	Code string
	Name string // "" for an unknown code
	Err  error
}

func (e *CheckInError) Error() string {
	if e.Name != "" {
		return fmt.Sprintf("%s (%s): %v", e.Code, e.Name, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Code, e.Err)
}

func (e *CheckInError) Unwrap() error { return e.Err }

// CheckInBadge marks the participant whose sign-in code was scanned in a
// session: present when now (the venue's wall clock, carried in UTC as
// session times are) is at most grace after the session's start, late
// after it. Who has the code, and whether they were marked already, is
// decided in the write transaction that marks them, so that two laptops
// scanning at one door agree.
func (s *Store) CheckInBadge(ctx context.Context, sessionID int64, code string, grace time.Duration,
	now time.Time) (CheckIn, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	var out CheckIn
	err := s.markWrite(ctx, func(tx *sql.Tx) error {
		var ss Session
		var err error
		if ss, err = scanSession(tx.QueryRow(`SELECT `+sessionColumns+` FROM sessions s WHERE s.id = ?`, sessionID)); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return &NotFoundError{"session", sessionID}
			}
			return err
		}
		people, err := participantsIn(tx, ss.WorkshopID, ParticipantFilter{})
		if err != nil {
			return err
		}
		codes := SignInCodes(people)
		found := false
		for _, p := range people {
			if codes[p.ID] == code {
				out.Participant, found = p, true
			}
		}
		switch {
		case !found:
			return &CheckInError{Code: code, Err: ErrUnknownBadge}
		case out.Participant.Status != StatusConfirmed:
			return &CheckInError{Code: code, Name: out.Participant.FullName(), Err: ErrNotConfirmed}
		}
		var mark string
		err = tx.QueryRow(`SELECT status FROM attendance WHERE participant_id = ? AND session_id = ?`,
			out.Participant.ID, sessionID).Scan(&mark)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if Mark(mark) == Present || Mark(mark) == Late {
			out.Mark, out.Already = Mark(mark), true
			return nil
		}
		out.Mark = Present
		if now.After(ss.Start.Add(grace)) {
			out.Mark = Late
		}
		// Entered as any mark made on this computer: in the log too.
		return s.saveMark(tx, &Attendance{ParticipantID: out.Participant.ID, SessionID: sessionID, Mark: out.Mark,
			MarkedAt: time.Now().UTC().Truncate(time.Second)}, "")
	})
	return out, err
}
