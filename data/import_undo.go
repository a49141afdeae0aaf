package data

import (
	"database/sql"
	"fmt"
	"reflect"
	"strings"
)

// importBatch is what Undo needs to reverse one import, kept in memory for
// the session as the deletes are: the participants it added, the rows of
// those it changed as they were before, every row it wrote as it left
// them, and the lines of status history it wrote.
//
// It is not kept in the file: an import is undone while the organiser
// still has the list in mind, as a delete is, and a file reopened later
// has its backups (taken at each opening) for going further back. Undo
// puts back the rows exactly, and only when nothing touched them since:
// a participant the import added who has since been marked, certified or
// edited, or one it changed who has been edited again, stops the undo with
// their name, rather than lose what was done after the import.
type importBatch struct {
	workshop int64
	added    []int64
	before   []capturedRows // the participants changed, as they were
	after    []capturedRows // the participants changed, then those added, as the import wrote them
	lines    []int64        // status history the import wrote
}

// participantRow copies one participant's row, every column.
func participantRow(tx *sql.Tx, id int64) (capturedRows, error) {
	r, err := selectRows(tx, "participants", []string{"id"}, []any{id}, map[string]bool{})
	if err == nil && len(r.rows) != 1 {
		err = &NotFoundError{"participant", id}
	}
	return r, err
}

// reverse undoes the import inside tx, or refuses with the name of the
// first participant changed since.
func (b *importBatch) reverse(tx *sql.Tx) error {
	for _, after := range b.after {
		id := after.rows[0][indexOf(after.columns, "id")]
		now, err := selectRows(tx, "participants", []string{"id"}, []any{id}, map[string]bool{})
		if err != nil {
			return err
		}
		if len(now.rows) != 1 || !reflect.DeepEqual(now.rows[0], after.rows[0]) {
			return undoRefused("error.undo_import_changed", after,
				"%s was changed or deleted after the import, so the import was not undone.")
		}
	}
	refs, err := foreignKeys(tx)
	if err != nil {
		return err
	}
	added := map[int64]bool{}
	for _, id := range b.added {
		added[id] = true
	}
	for _, after := range b.after {
		row := after.rows[0]
		if !added[row[indexOf(after.columns, "id")].(int64)] {
			continue
		}
		for _, ref := range refs["participants"] {
			if ref.table == "participant_status_changes" {
				continue // written with the participant, and goes with them
			}
			where := make([]string, len(ref.childColumns))
			key := make([]any, len(ref.childColumns))
			for i, c := range ref.childColumns {
				where[i] = c + " = ?"
				key[i] = row[indexOf(after.columns, ref.parentColumns[i])]
			}
			var n int
			if err := tx.QueryRow(fmt.Sprintf(`SELECT count(*) FROM %s WHERE %s`, ref.table,
				strings.Join(where, " AND ")), key...).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return undoRefused("error.undo_import_used", after,
					"%s, added by the import, has attendance marks, a certificate or other records since, so the import was not undone.")
			}
		}
	}
	for _, id := range b.added {
		if _, err := tx.Exec(`DELETE FROM participants WHERE id = ?`, id); err != nil {
			return err
		}
	}
	for _, before := range b.before {
		var set []string
		var args []any
		for i, c := range before.columns {
			if c != "id" {
				set = append(set, c+" = ?")
				args = append(args, before.rows[0][i])
			}
		}
		args = append(args, before.rows[0][indexOf(before.columns, "id")])
		if _, err := tx.Exec(`UPDATE participants SET `+strings.Join(set, ", ")+` WHERE id = ?`, args...); err != nil {
			return err
		}
	}
	for _, id := range b.lines {
		if _, err := tx.Exec(`DELETE FROM participant_status_changes WHERE id = ?`, id); err != nil {
			return err
		}
	}
	return nil
}

// undoRefused names the participant of row in an error a user reads.
func undoRefused(key string, row capturedRows, english string) error {
	name := strings.TrimSpace(fmt.Sprint(row.rows[0][indexOf(row.columns, "given_name")]) + " " +
		fmt.Sprint(row.rows[0][indexOf(row.columns, "family_name")]))
	return FieldError{Key: key, Args: map[string]any{"Name": name}, Message: fmt.Sprintf(english, name)}
}
