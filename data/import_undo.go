package data

import (
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// importBatch is what Undo needs to reverse one import, kept in memory for
// the session as the deletes are: the participants it added, the rows of
// those it changed as they were before, a fingerprint of every row it
// wrote as it left them, and the lines of status history it wrote.
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
	added    []int64        // in the order they were added, which is that of their ids
	before   []capturedRows // the participants changed, as they were
	// written are the participants changed, then those added, as the
	// import left them. Only a fingerprint of each row is kept, not the
	// row: a copy of every row added took 111 MB for an import of 100,000,
	// more than the rest of the import together; Undo reads the rows again
	// and compares.
	written []writtenRow
	lines   []int64 // status history the import wrote
}

// writtenRow is one participant's row as the import left it.
type writtenRow struct {
	id   int64
	sum  rowSum
	name string // as the import wrote it, for a refusal to name them
}

// rowSum is a fingerprint of a row's every column: two rows with the same
// sum hold the same values (SHA-256, cut to 128 bits: a collision by
// chance among the rows of a session is out of reach).
type rowSum [16]byte

func sumRow(columns []string, values []any) rowSum {
	h := sha256.New()
	var n [8]byte
	put := func(tag byte, b []byte) {
		binary.LittleEndian.PutUint64(n[:], uint64(len(b)))
		h.Write([]byte{tag})
		h.Write(n[:])
		h.Write(b)
	}
	for i, v := range values {
		put('c', []byte(columns[i]))
		switch v := v.(type) {
		case nil:
			put('n', nil)
		case int64:
			put('i', binary.LittleEndian.AppendUint64(nil, uint64(v)))
		case float64:
			put('f', binary.LittleEndian.AppendUint64(nil, math.Float64bits(v)))
		case bool:
			put('b', []byte(fmt.Sprint(v)))
		case string:
			put('s', []byte(v))
		case []byte:
			put('x', v)
		case time.Time:
			b, _ := v.MarshalBinary()
			put('t', b)
		default:
			put('?', fmt.Appendf(nil, "%T %#v", v, v))
		}
	}
	var s rowSum
	copy(s[:], h.Sum(nil))
	return s
}

// participantRow copies one participant's row, every column.
func participantRow(tx *sql.Tx, id int64) (capturedRows, error) {
	r, err := selectRows(tx, "participants", []string{"id"}, []any{id}, map[string]bool{})
	if err == nil && len(r.rows) != 1 {
		err = &NotFoundError{"participant", id}
	}
	return r, err
}

// eachParticipant calls each with the row of every participant of ids, in
// the order of ids, or with nil values for one that has no row. Ids in
// ascending order, as an import adds them, are read in one query rather
// than 100,000; others one at a time.
func eachParticipant(tx *sql.Tx, ids []int64, each func(i int, columns []string, values []any) error) error {
	if len(ids) == 0 {
		return nil
	}
	if !slices.IsSorted(ids) {
		for i, id := range ids {
			r, err := selectRows(tx, "participants", []string{"id"}, []any{id}, map[string]bool{})
			if err != nil {
				return err
			}
			var values []any
			if len(r.rows) == 1 {
				values = r.rows[0]
			}
			if err := each(i, r.columns, values); err != nil {
				return err
			}
		}
		return nil
	}
	rows, err := tx.Query(`SELECT * FROM participants WHERE id BETWEEN ? AND ? ORDER BY id`, ids[0], ids[len(ids)-1])
	if err != nil {
		return err
	}
	defer rows.Close()
	columns, err := rows.Columns()
	if err != nil {
		return err
	}
	at := indexOf(columns, "id")
	values := make([]any, len(columns))
	ptrs := make([]any, len(values))
	for i := range values {
		ptrs[i] = &values[i]
	}
	i := 0
	for i < len(ids) && rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		id, _ := values[at].(int64)
		for ; i < len(ids) && ids[i] < id; i++ {
			if err := each(i, columns, nil); err != nil { // gone
				return err
			}
		}
		if i < len(ids) && ids[i] == id {
			if err := each(i, columns, values); err != nil {
				return err
			}
			i++
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for ; i < len(ids); i++ {
		if err := each(i, columns, nil); err != nil {
			return err
		}
	}
	return nil
}

// remember keeps the fingerprint and the name of the rows of ids, as they
// are in tx now, in b.written.
func (b *importBatch) remember(tx *sql.Tx, ids []int64) error {
	return eachParticipant(tx, ids, func(i int, columns []string, values []any) error {
		if values == nil {
			return &NotFoundError{"participant", ids[i]}
		}
		b.written = append(b.written, writtenRow{id: ids[i], sum: sumRow(columns, values), name: rowName(columns, values)})
		return nil
	})
}

// reverse undoes the import inside tx, or refuses with the name of the
// first participant changed since.
func (b *importBatch) reverse(tx *sql.Tx) error {
	changed := len(b.written) - len(b.added)
	for _, part := range [][]writtenRow{b.written[:changed], b.written[changed:]} {
		ids := make([]int64, len(part))
		for i, w := range part {
			ids[i] = w.id
		}
		if err := eachParticipant(tx, ids, func(i int, columns []string, values []any) error {
			if values == nil || sumRow(columns, values) != part[i].sum {
				return undoRefused("error.undo_import_changed", part[i].name,
					"%s was changed or deleted after the import, so the import was not undone.")
			}
			return nil
		}); err != nil {
			return err
		}
	}
	refs, err := foreignKeys(tx)
	if err != nil {
		return err
	}
	for _, w := range b.written[changed:] {
		for _, ref := range refs["participants"] {
			if ref.table == "participant_status_changes" {
				continue // written with the participant, and goes with them
			}
			where := make([]string, len(ref.childColumns))
			key := make([]any, len(ref.childColumns))
			for i, c := range ref.childColumns {
				where[i] = c + " = ?"
				if key[i], err = b.addedValue(tx, w.id, ref.parentColumns[i]); err != nil {
					return err
				}
			}
			var n int
			if err := tx.QueryRow(fmt.Sprintf(`SELECT count(*) FROM %s WHERE %s`, ref.table,
				strings.Join(where, " AND ")), key...).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return undoRefused("error.undo_import_used", w.name,
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

// addedValue is the value of a column of a participant the import added,
// whose row is as the import wrote it (reverse has checked): the columns
// other tables refer to are its id and its workshop's, known without
// reading the row.
func (b *importBatch) addedValue(tx *sql.Tx, id int64, column string) (any, error) {
	switch column {
	case "id":
		return id, nil
	case "workshop_id":
		return b.workshop, nil
	}
	var v any
	err := tx.QueryRow(`SELECT `+column+` FROM participants WHERE id = ?`, id).Scan(&v)
	return v, err
}

// rowName is the name of the participant of a row, as a refusal says it.
func rowName(columns []string, values []any) string {
	return strings.TrimSpace(fmt.Sprint(values[indexOf(columns, "given_name")]) + " " +
		fmt.Sprint(values[indexOf(columns, "family_name")]))
}

// undoRefused names the participant in an error a user reads.
func undoRefused(key, name, english string) error {
	return FieldError{Key: key, Args: map[string]any{"Name": name}, Message: fmt.Sprintf(english, name)}
}
