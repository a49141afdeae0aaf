package data

import (
	"context"
	"database/sql"
	"strings"
)

// ImportPlan is what an import writes into a workshop: the people it adds
// and the people already there it changes, with their new values.
type ImportPlan struct {
	Add    []*Participant
	Update []*Participant // each with the ID of the participant it changes
}

// ImportParticipants writes an import in one write transaction that takes
// the write lock before it reads the workshop's participants: decide is
// called inside it with the participants as they are then, and says whom
// to add and whom to change. Two imports of one list started together then
// add each person once, because the second decides only after the first
// has written. The candidates are the participants decide may add; they
// are checked before the lock is taken, so that a long import holds it
// only while it writes (anything else decide returns is checked inside).
// All of the plan is written, or none of it when any part fails. The
// batch returned is what Undo reverses; it is nil when nothing was
// written, and kept for Undo (name is the list's, for "Undo import of …").
func (s *Store) ImportParticipants(ctx context.Context, workshopID int64, name string, candidates []*Participant,
	decide func(existing []Participant) (ImportPlan, error)) (*Undoable, ImportPlan, error) {
	checked := make(map[*Participant]bool, len(candidates))
	for _, p := range candidates {
		p.WorkshopID = workshopID
		p.normalise()
		if err := p.Validate(); err != nil {
			return nil, ImportPlan{}, err
		}
		checked[p] = true
	}
	var plan ImportPlan
	var batch *importBatch
	err := s.write(ctx, func(tx *sql.Tx) error {
		existing, err := queryAll(tx, scanParticipant, `SELECT `+participantColumns+` FROM participants
			WHERE workshop_id = ?`+participantOrder, workshopID)
		if err != nil {
			return err
		}
		if plan, err = decide(existing); err != nil {
			return err
		}
		for _, p := range append(plan.Add[:len(plan.Add):len(plan.Add)], plan.Update...) {
			if checked[p] {
				continue
			}
			p.WorkshopID = workshopID
			p.normalise()
			if err := p.Validate(); err != nil {
				if v, ok := AsValidation(err); ok {
					v.Record = "participant " + p.FullName()
				}
				return err
			}
		}
		batch, err = writeImport(tx, workshopID, plan)
		return err
	})
	if err != nil {
		for _, p := range plan.Add {
			p.ID = 0 // rolled back: none of them has a row
		}
		return nil, ImportPlan{}, err
	}
	if len(plan.Add) == 0 && len(plan.Update) == 0 {
		return nil, plan, nil
	}
	u := &Undoable{Record: "import", ID: workshopID, Name: name, Added: len(plan.Add), Updated: len(plan.Update), batch: batch}
	s.undoMu.Lock()
	s.undo = append(s.undo, u)
	s.undoMu.Unlock()
	return u, plan, nil
}

// writeImport adds and changes the participants of a plan, keeping what
// Undo needs to reverse it: the rows changed as they were before, the
// fingerprint of every row as the import left it, the rows added, and the
// lines of status history the import wrote.
func writeImport(tx *sql.Tx, workshopID int64, plan ImportPlan) (*importBatch, error) {
	b := &importBatch{workshop: workshopID}
	var lastLine int64
	if err := tx.QueryRow(`SELECT coalesce(max(id), 0) FROM participant_status_changes`).Scan(&lastLine); err != nil {
		return nil, err
	}
	for _, p := range plan.Update {
		before, err := participantRow(tx, p.ID)
		if err != nil {
			return nil, err
		}
		if err := saveParticipant(tx, p); err != nil {
			return nil, err
		}
		b.before = append(b.before, before)
	}
	if err := insertParticipants(tx, plan.Add); err != nil {
		return nil, err
	}
	for _, p := range plan.Add {
		b.added = append(b.added, p.ID)
	}
	var err error
	if b.lines, err = queryAll(tx, func(r scanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	}, `SELECT id FROM participant_status_changes WHERE id > ? ORDER BY id`, lastLine); err != nil {
		return nil, err
	}
	// The rows as the import left them: Undo refuses to reverse a row
	// changed since, rather than lose that change.
	ids := make([]int64, len(plan.Update))
	for i, p := range plan.Update {
		ids[i] = p.ID
	}
	b.written = make([]writtenRow, 0, len(plan.Update)+len(plan.Add))
	if err := b.remember(tx, ids); err != nil {
		return nil, err
	}
	if err := b.remember(tx, b.added); err != nil {
		return nil, err
	}
	return b, nil
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
