package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// upsertMarkSQL saves one mark. Its SELECT makes it a no-op unless the
// participant and the session exist and belong to the same workshop, and
// supplies that workshop.
const upsertMarkSQL = `INSERT INTO attendance(workshop_id, participant_id, session_id, status, marked_at, note)
	SELECT p.workshop_id, p.id, s.id, ?, ?, ? FROM participants p JOIN sessions s ON s.workshop_id = p.workshop_id
	WHERE p.id = ? AND s.id = ?
	ON CONFLICT(workshop_id, participant_id, session_id) DO UPDATE SET
		status = excluded.status, marked_at = excluded.marked_at, note = excluded.note`

// SetMark records a participant's attendance at a session, replacing any
// earlier mark. It is committed before it returns, so a mark survives the
// program being killed a moment later.
func (s *Store) SetMark(a *Attendance) error { return s.SetMarkContext(context.Background(), a) }

// SetMarkContext is SetMark waiting for another process's write as ctx
// says (see WithWaiting) and giving up when ctx is done.
func (s *Store) SetMarkContext(ctx context.Context, a *Attendance) error {
	if err := a.Validate(); err != nil {
		return err
	}
	a.Note = normalise(a.Note)
	if a.MarkedAt.IsZero() {
		a.MarkedAt = time.Now().UTC().Truncate(time.Second)
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.Stmt(s.markStmt).Exec(a.Mark, a.MarkedAt.Format(time.RFC3339), a.Note, a.ParticipantID, a.SessionID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			return err
		}
		return explainMissingPair(tx, a.ParticipantID, a.SessionID)
	})
}

func explainMissingPair(tx *sql.Tx, participantID, sessionID int64) error {
	var pw, sw sql.NullInt64
	if err := tx.QueryRow(`SELECT (SELECT workshop_id FROM participants WHERE id = ?),
		(SELECT workshop_id FROM sessions WHERE id = ?)`, participantID, sessionID).Scan(&pw, &sw); err != nil {
		return err
	}
	switch {
	case !pw.Valid:
		return &NotFoundError{"participant", participantID}
	case !sw.Valid:
		return &NotFoundError{"session", sessionID}
	}
	return fmt.Errorf("participant %d and session %d belong to different workshops", participantID, sessionID)
}

// ClearMark takes a mark back to "not yet marked".
func (s *Store) ClearMark(participantID, sessionID int64) error {
	return s.ClearMarkContext(context.Background(), participantID, sessionID)
}

// ClearMarkContext is ClearMark waiting as ctx says (see SetMarkContext).
func (s *Store) ClearMarkContext(ctx context.Context, participantID, sessionID int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`DELETE FROM attendance WHERE participant_id = ? AND session_id = ?`, participantID, sessionID)
		return err
	})
}

// MarkEveryone gives every confirmed participant of the session's workshop
// who has no mark yet the given mark, in one transaction, and returns how
// many were marked.
func (s *Store) MarkEveryone(sessionID int64, mark Mark) (int, error) {
	a := Attendance{Mark: mark}
	if err := a.Validate(); err != nil {
		return 0, err
	}
	var n int64
	err := s.write(context.Background(), func(tx *sql.Tx) error {
		res, err := tx.Exec(`INSERT INTO attendance(workshop_id, participant_id, session_id, status, marked_at)
			SELECT s.workshop_id, p.id, s.id, ?, ? FROM sessions s JOIN participants p ON p.workshop_id = s.workshop_id
			WHERE s.id = ? AND p.status = 'confirmed'
			  AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.participant_id = p.id AND a.session_id = s.id)`,
			mark, time.Now().UTC().Format(time.RFC3339), sessionID)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

func scanAttendance(row scanner) (Attendance, error) {
	var a Attendance
	var at string
	err := row.Scan(&a.ParticipantID, &a.SessionID, &a.Mark, &at, &a.Note)
	if err == nil {
		a.MarkedAt, err = time.Parse(time.RFC3339, at)
	}
	return a, err
}

// SessionMarks returns the marks taken for one session, by participant.
func (s *Store) SessionMarks(sessionID int64) (map[int64]Attendance, error) {
	list, err := queryAll(s.r, scanAttendance, `SELECT participant_id, session_id, status, marked_at, note
		FROM attendance WHERE session_id = ?`, sessionID)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]Attendance, len(list))
	for _, a := range list {
		out[a.ParticipantID] = a
	}
	return out, nil
}

// ParticipantMarks returns a participant's marks, by session.
func (s *Store) ParticipantMarks(participantID int64) (map[int64]Attendance, error) {
	list, err := queryAll(s.r, scanAttendance, `SELECT participant_id, session_id, status, marked_at, note
		FROM attendance WHERE participant_id = ?`, participantID)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]Attendance, len(list))
	for _, a := range list {
		out[a.SessionID] = a
	}
	return out, nil
}

// Mark reads one participant's mark for one session (Unmarked if none).
func (s *Store) Mark(participantID, sessionID int64) (Attendance, error) {
	a, err := scanAttendance(s.r.QueryRow(`SELECT participant_id, session_id, status, marked_at, note
		FROM attendance WHERE participant_id = ? AND session_id = ?`, participantID, sessionID))
	if errors.Is(err, sql.ErrNoRows) {
		return Attendance{ParticipantID: participantID, SessionID: sessionID}, nil
	}
	return a, err
}

// SetMarks records many marks in one transaction (a paper sheet typed in
// after the session, or a whole day at once): all of them, or none.
func (s *Store) SetMarks(marks []Attendance) error {
	stamp := time.Now().UTC().Truncate(time.Second)
	for i := range marks {
		if err := marks[i].Validate(); err != nil {
			return err
		}
		marks[i].Note = normalise(marks[i].Note)
		if marks[i].MarkedAt.IsZero() {
			marks[i].MarkedAt = stamp
		}
	}
	return s.write(context.Background(), func(tx *sql.Tx) error {
		stmt := tx.Stmt(s.markStmt)
		for _, a := range marks {
			res, err := stmt.Exec(a.Mark, a.MarkedAt.Format(time.RFC3339), a.Note, a.ParticipantID, a.SessionID)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n != 1 {
				return explainMissingPair(tx, a.ParticipantID, a.SessionID)
			}
		}
		return nil
	})
}
