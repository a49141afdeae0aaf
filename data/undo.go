package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// A deletion removes a record and everything that hangs from it. Before it
// does, the store copies every row that goes, so that Undo can put them all
// back exactly, with their ids: attendance, grants and links included. An
// import keeps whom it added and, for whom it changed, their rows before
// and after (import_undo.go).

// Undoable is one change of this session that Undo can reverse: a delete,
// or an import.
type Undoable struct {
	Record string // "workshop", "session", "trainer", "participant", or "import"
	ID     int64  // the record deleted; for an import, its workshop
	Name   string // the title or name, for "Undo delete of …"; for an import, the list's name
	// Added and Updated count the participants an import added and changed.
	Added, Updated int
	levels         [][]capturedRows // a delete: every row that went, level by level
	batch          *importBatch     // an import
}

type capturedRows struct {
	table   string
	columns []string
	rows    [][]any
}

// ErrNothingToUndo is returned by Undo when no delete or import is left to undo.
var ErrNothingToUndo = errors.New("there is nothing to undo")

// LastUndoable is the change Undo would reverse, or nil.
func (s *Store) LastUndoable() *Undoable {
	s.undoMu.Lock()
	defer s.undoMu.Unlock()
	if len(s.undo) == 0 {
		return nil
	}
	return s.undo[len(s.undo)-1]
}

// Undo reverses the last delete or import of this session, in one
// transaction: it puts back what a delete removed, or takes out whom an
// import added and gives whom it changed their values from before it. An
// import whose people were changed since is not undone (see importBatch);
// the change stays the one Undo would reverse.
func (s *Store) Undo() (*Undoable, error) {
	s.undoMu.Lock()
	defer s.undoMu.Unlock()
	if len(s.undo) == 0 {
		return nil, ErrNothingToUndo
	}
	d := s.undo[len(s.undo)-1]
	if d.batch != nil {
		if err := s.write(context.Background(), d.batch.reverse); err != nil {
			return nil, err
		}
		s.undo = s.undo[:len(s.undo)-1]
		return d, nil
	}
	err := s.write(context.Background(), func(tx *sql.Tx) error {
		// Rows of one level may refer to each other (a certificate to a
		// participant): the keys are checked once everything is back.
		if _, err := tx.Exec(`PRAGMA defer_foreign_keys = ON`); err != nil {
			return err
		}
		for _, level := range d.levels {
			for _, c := range level {
				stmt := fmt.Sprintf(`INSERT INTO %s(%s) VALUES (%s)`, c.table, strings.Join(c.columns, ", "),
					strings.TrimSuffix(strings.Repeat("?, ", len(c.columns)), ", "))
				for _, row := range c.rows {
					if _, err := tx.Exec(stmt, row...); err != nil {
						return fmt.Errorf("putting back %s: %w", c.table, err)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("undo delete of %s %q: %w", d.Record, d.Name, err)
	}
	s.undo = s.undo[:len(s.undo)-1]
	return d, nil
}

// remember keeps a committed deletion for Undo and tells OnDelete.
func (s *Store) remember(d *Undoable) {
	s.undoMu.Lock()
	s.undo = append(s.undo, d)
	s.undoMu.Unlock()
	if s.OnDelete != nil {
		s.OnDelete(d)
	}
}

// capture copies the row of table with the given id and, level by level,
// every row that refers to it through a foreign key, found in the schema
// itself so that tables added by later migrations are covered too.
func capture(tx *sql.Tx, record, name, table string, id int64) (*Undoable, error) {
	refs, err := foreignKeys(tx)
	if err != nil {
		return nil, err
	}
	d := &Undoable{Record: record, ID: id, Name: name}
	seen := map[string]bool{}
	root, err := selectRows(tx, table, []string{"id"}, []any{id}, seen)
	if err != nil {
		return nil, err
	}
	level := []capturedRows{root}
	for len(level) > 0 {
		d.levels = append(d.levels, level)
		var next []capturedRows
		for _, parent := range level {
			for _, ref := range refs[parent.table] {
				for _, row := range parent.rows {
					key := make([]any, len(ref.parentColumns))
					for i, pc := range ref.parentColumns {
						key[i] = row[indexOf(parent.columns, pc)]
					}
					child, err := selectRows(tx, ref.table, ref.childColumns, key, seen)
					if err != nil {
						return nil, err
					}
					if len(child.rows) > 0 {
						next = append(next, child)
					}
				}
			}
		}
		level = next
	}
	return d, nil
}

type reference struct {
	table         string   // the child table
	childColumns  []string // its columns that refer to the parent
	parentColumns []string
}

// foreignKeys maps each table to the references other tables make to it.
func foreignKeys(tx *sql.Tx) (map[string][]reference, error) {
	tables, err := txStrings(tx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		return nil, err
	}
	out := map[string][]reference{}
	for _, t := range tables {
		rows, err := tx.Query(`SELECT id, "table", "from", "to" FROM pragma_foreign_key_list(?) ORDER BY id, seq`, t)
		if err != nil {
			return nil, err
		}
		type key struct {
			id     int
			parent string
		}
		var order []key
		byKey := map[key]*reference{}
		for rows.Next() {
			var k key
			var from string
			var to sql.NullString
			if err := rows.Scan(&k.id, &k.parent, &from, &to); err != nil {
				rows.Close()
				return nil, err
			}
			r, ok := byKey[k]
			if !ok {
				r = &reference{table: t}
				byKey[k] = r
				order = append(order, k)
			}
			r.childColumns = append(r.childColumns, from)
			r.parentColumns = append(r.parentColumns, cmpOr(to.String, "id"))
		}
		rows.Close()
		for _, k := range order {
			out[k.parent] = append(out[k.parent], *byKey[k])
		}
	}
	return out, nil
}

func cmpOr(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// selectRows reads the rows of table whose columns equal key, skipping rows
// already captured through another path (a session's trainer link is
// reached from both the session and the trainer).
func selectRows(tx *sql.Tx, table string, columns []string, key []any, seen map[string]bool) (capturedRows, error) {
	where := make([]string, len(columns))
	for i, c := range columns {
		where[i] = c + " = ?"
	}
	rows, err := tx.Query(fmt.Sprintf(`SELECT * FROM %s WHERE %s`, table, strings.Join(where, " AND ")), key...)
	if err != nil {
		return capturedRows{}, err
	}
	defer rows.Close()
	out := capturedRows{table: table}
	if out.columns, err = rows.Columns(); err != nil {
		return out, err
	}
	for rows.Next() {
		values := make([]any, len(out.columns))
		ptrs := make([]any, len(values))
		for i := range values {
			ptrs[i] = &values[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return out, err
		}
		id := table + fmt.Sprint(values...)
		if seen[id] {
			continue
		}
		seen[id] = true
		out.rows = append(out.rows, values)
	}
	return out, rows.Err()
}

func txStrings(tx *sql.Tx, query string, args ...any) ([]string, error) {
	rows, err := tx.Query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
