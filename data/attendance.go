package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Every mark saved is entered in the attendance log (migration 0008) in
// the transaction that saves it, with the device that made it: the last
// row of a cell is its current mark, the rows before it the marks it
// replaced, so that when two people mark one person the last mark wins
// and the earlier one is kept. Marks made on this computer (the window,
// the command line) have the device ""; a helper's phone marks through
// MarkFromDevice.

// upsertMarkSQL saves one mark. Its SELECT makes it a no-op unless the
// participant and the session exist and belong to the same workshop, and
// supplies that workshop.
const upsertMarkSQL = `INSERT INTO attendance(workshop_id, participant_id, session_id, status, marked_at, note, device)
	SELECT p.workshop_id, p.id, s.id, ?, ?, ?, ? FROM participants p JOIN sessions s ON s.workshop_id = p.workshop_id
	WHERE p.id = ? AND s.id = ?
	ON CONFLICT(workshop_id, participant_id, session_id) DO UPDATE SET
		status = excluded.status, marked_at = excluded.marked_at, note = excluded.note, device = excluded.device`

// logMarkSQL enters a cell's mark, as just saved, in the log.
const logMarkSQL = `INSERT INTO attendance_log(workshop_id, participant_id, session_id, status, marked_at, device)
	SELECT workshop_id, participant_id, session_id, status, marked_at, device FROM attendance
	WHERE participant_id = ? AND session_id = ? RETURNING id`

// markStatements are the statements of saving a mark, prepared on the
// first mark saved (a file of an older schema never prepares them).
type markStatements struct {
	once              sync.Once
	err               error
	read, upsert, log *sql.Stmt
}

func (m *markStatements) prepare(db *sql.DB) error {
	m.once.Do(func() {
		if m.read, m.err = db.Prepare(`SELECT status, note FROM attendance WHERE participant_id = ? AND session_id = ?`); m.err != nil {
			return
		}
		if m.upsert, m.err = db.Prepare(upsertMarkSQL); m.err != nil {
			return
		}
		m.log, m.err = db.Prepare(logMarkSQL)
	})
	return m.err
}

func (m *markStatements) close() error {
	var errs []error
	for _, st := range []*sql.Stmt{m.read, m.upsert, m.log} {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	return errors.Join(errs...)
}

// SetMark records a participant's attendance at a session, replacing any
// earlier mark. It is committed before it returns, so a mark survives the
// program being killed a moment later.
func (s *Store) SetMark(a *Attendance) error { return s.SetMarkContext(context.Background(), a) }

// SetMarkContext is SetMark waiting for another process's write as ctx
// says (see WithWaiting) and giving up when ctx is done. It is a mark made
// on this computer: a.Device becomes "". When the mark stays what it was
// and only the note changes, the mark keeps its time and device and the
// log has nothing new: the note was added, nobody marked again.
func (s *Store) SetMarkContext(ctx context.Context, a *Attendance) error {
	if err := prepareMark(a, time.Now()); err != nil {
		return err
	}
	return s.markWrite(ctx, func(tx *sql.Tx) error { return s.saveMark(tx, a, "") })
}

// markWrite is write for saveMark's callers: the statements are prepared
// first, since the writer's one connection is the transaction's while it
// lasts.
func (s *Store) markWrite(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if !s.readOnly { // else write says so
		if err := s.marks.prepare(s.w); err != nil {
			return s.typed(err)
		}
	}
	return s.write(ctx, fn)
}

// prepareMark checks a mark and fills in its time.
func prepareMark(a *Attendance, now time.Time) error {
	if err := a.Validate(); err != nil {
		return err
	}
	a.Note = normalise(a.Note)
	if a.MarkedAt.IsZero() {
		a.MarkedAt = now.UTC().Truncate(time.Second)
	}
	return nil
}

// saveMark saves a in tx as made by device, enters it in the log and sets
// a.Device and a.Revision. On this computer (device ""), a save that
// leaves the mark as it was changes the note alone (see SetMarkContext);
// a device's mark keeps the cell's note, as a helper's phone has none.
func (s *Store) saveMark(tx *sql.Tx, a *Attendance, device string) error {
	thisComputer := device == ""
	var was Mark
	var note string
	err := tx.Stmt(s.marks.read).QueryRow(a.ParticipantID, a.SessionID).Scan(&was, &note)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		err = nil
	case err != nil:
		return err
	case thisComputer && was == a.Mark && note != a.Note:
		_, err := tx.Exec(`UPDATE attendance SET note = ? WHERE participant_id = ? AND session_id = ?`,
			a.Note, a.ParticipantID, a.SessionID)
		return err
	}
	if !thisComputer {
		a.Note = note
	}
	res, err := tx.Stmt(s.marks.upsert).Exec(a.Mark, a.MarkedAt.Format(time.RFC3339), a.Note, device,
		a.ParticipantID, a.SessionID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		return explainMissingPair(tx, a.ParticipantID, a.SessionID)
	}
	a.Device = device
	return tx.Stmt(s.marks.log).QueryRow(a.ParticipantID, a.SessionID).Scan(&a.Revision)
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
		_, err := clearMark(tx, participantID, sessionID, "", time.Now())
		return err
	})
}

// clearMark deletes a cell's mark, entering "cleared by device" in the log
// first; it returns the log's row, 0 when the cell had no mark.
func clearMark(tx *sql.Tx, participantID, sessionID int64, device string, now time.Time) (revision int64, err error) {
	err = tx.QueryRow(`INSERT INTO attendance_log(workshop_id, participant_id, session_id, status, marked_at, device)
		SELECT workshop_id, participant_id, session_id, '', ?, ? FROM attendance
		WHERE participant_id = ? AND session_id = ? RETURNING id`,
		now.UTC().Format(time.RFC3339), device, participantID, sessionID).Scan(&revision)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	_, err = tx.Exec(`DELETE FROM attendance WHERE participant_id = ? AND session_id = ?`, participantID, sessionID)
	return revision, err
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
	stamp := time.Now().UTC().Format(time.RFC3339)
	err := s.write(context.Background(), func(tx *sql.Tx) error {
		// The same rows, entered in the log first and then saved.
		for _, table := range []string{"attendance_log", "attendance"} {
			res, err := tx.Exec(`INSERT INTO `+table+`(workshop_id, participant_id, session_id, status, marked_at)
			SELECT s.workshop_id, p.id, s.id, ?, ? FROM sessions s JOIN participants p ON p.workshop_id = s.workshop_id
			WHERE s.id = ? AND p.status = 'confirmed'
			  AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.participant_id = p.id AND a.session_id = s.id)
			ORDER BY p.id`, mark, stamp, sessionID)
			if err != nil {
				return err
			}
			if n, err = res.RowsAffected(); err != nil {
				return err
			}
		}
		return nil
	})
	return int(n), err
}

// attendanceColumns are what scanAttendance reads.
const attendanceColumns = `participant_id, session_id, status, marked_at, note, device`

func scanAttendance(row scanner) (Attendance, error) {
	var a Attendance
	var at string
	err := row.Scan(&a.ParticipantID, &a.SessionID, &a.Mark, &at, &a.Note, &a.Device)
	if err == nil {
		a.MarkedAt, err = time.Parse(time.RFC3339, at)
	}
	return a, err
}

// SessionMarks returns the marks taken for one session, by participant.
func (s *Store) SessionMarks(sessionID int64) (map[int64]Attendance, error) {
	list, err := queryAll(s.r, scanAttendance, `SELECT `+attendanceColumns+`
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
	list, err := queryAll(s.r, scanAttendance, `SELECT `+attendanceColumns+`
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
	a, err := scanAttendance(s.r.QueryRow(`SELECT `+attendanceColumns+`
		FROM attendance WHERE participant_id = ? AND session_id = ?`, participantID, sessionID))
	if errors.Is(err, sql.ErrNoRows) {
		return Attendance{ParticipantID: participantID, SessionID: sessionID}, nil
	}
	return a, err
}

// SetMarks records many marks made on this computer in one transaction (a
// paper sheet typed in after the session, or a whole day at once): all of
// them, or none.
func (s *Store) SetMarks(marks []Attendance) error {
	now := time.Now()
	for i := range marks {
		if err := prepareMark(&marks[i], now); err != nil {
			return err
		}
	}
	return s.markWrite(context.Background(), func(tx *sql.Tx) error {
		for i := range marks {
			if err := s.saveMark(tx, &marks[i], ""); err != nil {
				return err
			}
		}
		return nil
	})
}
