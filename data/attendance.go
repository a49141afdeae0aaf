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

// upsertMarkSQL saves one mark made by device (?4, "" for this computer).
// Its SELECT makes it a no-op unless the participant and the session
// exist and belong to the same workshop, and supplies that workshop. A
// device's mark keeps the cell's note, as a helper's phone has none. On
// this computer, a mark that leaves the status as it was and changes the
// note is no mark (see SetMarkContext): the WHERE leaves the row alone, so
// that saveMark, told no row changed, saves the note alone. Deciding that
// here rather than reading the cell first saves a statement per mark.
const upsertMarkSQL = `INSERT INTO attendance(workshop_id, participant_id, session_id, status, marked_at, note, device)
	SELECT p.workshop_id, p.id, s.id, ?1, ?2, ?3, ?4
	FROM participants p JOIN sessions s ON s.workshop_id = p.workshop_id
	WHERE p.id = ?5 AND s.id = ?6
	ON CONFLICT(workshop_id, participant_id, session_id) DO UPDATE SET
		status = excluded.status, marked_at = excluded.marked_at, device = excluded.device,
		note = iif(excluded.device = '', excluded.note, note)
	WHERE excluded.device <> '' OR status <> excluded.status OR note = excluded.note`

// logMarkSQL enters a mark, as just saved, in the log; the row's id is
// the mark's revision (LastInsertId). The workshop is the participant's,
// found by rowid in the pages the upsert has just read: the saved cell,
// found by participant and session alone, would be a scan of the
// participant's marks, as attendance's key leads with the workshop.
const logMarkSQL = `INSERT INTO attendance_log(workshop_id, participant_id, session_id, status, marked_at, device)
	SELECT workshop_id, id, ?2, ?3, ?4, ?5 FROM participants WHERE id = ?1`

// markStatements are the statements of saving a mark, prepared on the
// first mark saved (a file of an older schema never prepares them). A
// device's upsert returns the cell's note; this computer's has no
// RETURNING, as rows read back cost more than the Exec it otherwise is.
type markStatements struct {
	once                      sync.Once
	err                       error
	upsert, upsertDevice, log *sql.Stmt
}

func (m *markStatements) prepare(db *sql.DB) error {
	m.once.Do(func() {
		if m.upsert, m.err = db.Prepare(upsertMarkSQL); m.err != nil {
			return
		}
		if m.upsertDevice, m.err = db.Prepare(upsertMarkSQL + ` RETURNING note`); m.err != nil {
			return
		}
		m.log, m.err = db.Prepare(logMarkSQL)
	})
	return m.err
}

func (m *markStatements) close() error {
	var errs []error
	for _, st := range []*sql.Stmt{m.upsert, m.upsertDevice, m.log} {
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
	at := a.MarkedAt.Format(time.RFC3339)
	args := []any{a.Mark, at, a.Note, device, a.ParticipantID, a.SessionID}
	if device == "" {
		res, err := tx.Stmt(s.marks.upsert).Exec(args...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != 1 {
			return noteAloneOrMissing(tx, a)
		}
	} else {
		err := tx.Stmt(s.marks.upsertDevice).QueryRow(args...).Scan(&a.Note)
		if errors.Is(err, sql.ErrNoRows) {
			return explainMissingPair(tx, a.ParticipantID, a.SessionID)
		}
		if err != nil {
			return err
		}
	}
	a.Device = device
	res, err := tx.Stmt(s.marks.log).Exec(a.ParticipantID, a.SessionID, a.Mark, at, device)
	if err != nil {
		return err
	}
	a.Revision, err = res.LastInsertId()
	return err
}

// noteAloneOrMissing follows an upsert that saved nothing: either the
// cell has this mark already and a new note, which is saved alone, or
// there is no such pair to mark, which is said.
func noteAloneOrMissing(tx *sql.Tx, a *Attendance) error {
	res, err := tx.Exec(`UPDATE attendance SET note = ? WHERE participant_id = ? AND session_id = ? AND status = ?`,
		a.Note, a.ParticipantID, a.SessionID, a.Mark)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err
	}
	return explainMissingPair(tx, a.ParticipantID, a.SessionID)
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
