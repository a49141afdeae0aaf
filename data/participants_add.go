package data

import (
	"context"
	"database/sql"
	"strings"
)

// AddNewParticipants adds ps to a workshop unless they are already in it,
// in one write transaction that takes the write lock before it reads who
// is: two imports of one list started together then add each person once,
// because the second reads the workshop only after the first has written.
// skip is called inside the transaction with the workshop's participants
// as they are then, and says for each of ps whether to leave it out. The
// rows are checked before the lock is taken, so that a long import holds
// it only while it writes. It returns how many were added: all of those
// not skipped, or none when any fails.
func (s *Store) AddNewParticipants(ctx context.Context, workshopID int64, ps []*Participant,
	skip func(existing []Participant) []bool) (added int, err error) {
	for _, p := range ps {
		p.WorkshopID = workshopID
		p.normalise()
		if err := p.Validate(); err != nil {
			return 0, err
		}
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		existing, err := queryAll(tx, scanParticipant, `SELECT `+participantColumns+` FROM participants
			WHERE workshop_id = ?`+participantOrder, workshopID)
		if err != nil {
			return err
		}
		leftOut := skip(existing)
		var add []*Participant
		for i, p := range ps {
			if i >= len(leftOut) || !leftOut[i] {
				add = append(add, p)
			}
		}
		added = len(add)
		return insertParticipants(tx, add)
	})
	if err != nil {
		for _, p := range ps {
			p.ID = 0 // rolled back: none of them has a row
		}
		return 0, err
	}
	return added, nil
}

// participantBatch is how many participants one INSERT adds: a long
// import holds the write lock while it writes, and one statement per
// row spent most of that time going through database/sql and SQLite's
// statement machinery rather than writing (64 rows × 37 values stays far
// below SQLite's limit of 32,766 values).
const participantBatch = 64

// insertParticipants adds new participants, and their first status to
// their history, filling in their ids.
func insertParticipants(tx *sql.Tx, ps []*Participant) error {
	if len(ps) == 0 {
		return nil
	}
	stmts := map[int]*sql.Stmt{}
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
	}()
	columns, values, _ := strings.Cut(insertParticipantSQL, "VALUES ")
	args := make([]any, 0, participantBatch*strings.Count(values, "?"))
	for start := 0; start < len(ps); start += participantBatch {
		chunk := ps[start:min(start+participantBatch, len(ps))]
		stmt := stmts[len(chunk)]
		if stmt == nil {
			var err error
			rows := strings.TrimSuffix(strings.Repeat(values+", ", len(chunk)), ", ")
			if stmt, err = tx.Prepare(columns + "VALUES " + rows); err != nil {
				return err
			}
			stmts[len(chunk)] = stmt
		}
		args = args[:0]
		for _, p := range chunk {
			args = append(append(args, participantValues(p)...), p.WorkshopID)
		}
		res, err := stmt.Exec(args...)
		if err != nil {
			return err
		}
		last, err := res.LastInsertId()
		if err != nil {
			return err
		}
		// One statement in a transaction that holds the write lock: its
		// rows took the ids up to the last one in a row (AUTOINCREMENT).
		for i, p := range chunk {
			p.ID = last - int64(len(chunk)-1-i)
		}
	}
	_, err := tx.Exec(`INSERT INTO participant_status_changes(participant_id, status, changed_at)
		SELECT id, status, ? FROM participants WHERE id BETWEEN ? AND ? ORDER BY id`,
		nowStamp(), ps[0].ID, ps[len(ps)-1].ID)
	return err
}
