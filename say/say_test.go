package say

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/importer"
)

// The errors a user meets are worded from the translation file, in the
// same words whether the window or the command line says them.
func TestKnownErrorsInEnglish(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("Packing list for Lagos\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, notAtelier := data.Open(notes, data.OpenExisting)
	_, missing := data.Open(filepath.Join(dir, "missing.db"), data.OpenExisting)
	_, notAList := importer.Open(notes + ".xlsx")
	noSpace := fmt.Errorf("cannot write %s: %w", notes, syscall.ENOSPC)
	for _, c := range []struct {
		err   error
		doing Doing
		want  string
	}{
		{notAtelier, Opening, "“notes.txt” is not an Atelier database, so it was left untouched."},
		{missing, Opening, "“missing.db” cannot be found: the file or its folder does not exist."},
		{noSpace, Writing, "The disk is full, so nothing was written. Free some space and try again."},
		{&data.NotFoundError{Record: "session", ID: 7}, Saving, "This is no longer in the file: it was deleted meanwhile"},
		{(&data.Workshop{}).Validate(), Saving, "Title is required."},
		{fmt.Errorf("cannot write: %w", os.ErrNotExist), Writing, "Atelier cannot write “”: the folder it goes into does not exist."},
		{&data.OpenError{Path: "/x/y.db", Kind: data.ErrReadOnly}, Saving, "This file cannot be written to"},
	} {
		if c.err == nil {
			t.Fatalf("no error to word for %q", c.want)
		}
		if got := Of(c.err, c.doing).English(); !strings.HasPrefix(got, c.want) {
			t.Errorf("%v:\n got %q\nwant %q", c.err, got, c.want)
		}
	}
	if notAList == nil {
		t.Fatal("a missing list opened")
	}
	if got := Of(notAList, Reading).With("File", "list.db").English(); strings.Contains(got, "no such file") || got == "" {
		t.Errorf("a missing list: %q", got)
	}
}

// What Atelier does not know becomes a plain sentence of what failed: the
// error's own text is for the log.
func TestUnknownErrorsSayOnlyWhatFailed(t *testing.T) {
	raw := errors.New("sql: transaction has already been committed or rolled back")
	for doing, want := range map[Doing]string{
		Reading: "Atelier could not read this from the file. What went wrong is in its log.",
		Saving:  "Could not save: Atelier could not write the change to the file, which is as it was. What went wrong is in its log.",
		Writing: "The document could not be written; nothing was saved.",
	} {
		if _, known := Cause(raw, doing); known {
			t.Errorf("%v is known", raw)
		}
		if got := Of(raw, doing).English(); got != want {
			t.Errorf("doing %d: %q, want %q", doing, got, want)
		}
	}
	if got := Of(raw, Opening).With("File", "a.db").English(); got != "“a.db” could not be opened." {
		t.Errorf("opening: %q", got)
	}
}

// A file another connection holds the write lock of is "busy", in words,
// never SQLite's.
func TestBusyFileInWords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "busy.db")
	holder, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	if _, err := holder.Exec(`CREATE TABLE t(x)`); err != nil {
		t.Fatal(err)
	}
	conn, err := holder.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(t.Context(), `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(t.Context(), `ROLLBACK`)
	other, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	_, busy := other.Exec(`INSERT INTO t VALUES (1)`)
	if busy == nil {
		t.Fatal("a second writer got in")
	}
	got := Of(fmt.Errorf("saving: %w", busy), Saving).English()
	if !strings.HasPrefix(got, "Another Atelier (a window or the command line) is writing to this file") || strings.Contains(got, "SQLITE") {
		t.Errorf("busy: %q (SQLite said %v)", got, busy)
	}
}

// Plural messages take their form from Count.
func TestEnglishPlurals(t *testing.T) {
	one := Words{Key: "matrix.people", Args: map[string]any{"Count": 1}}.English()
	many := Words{Key: "matrix.people", Args: map[string]any{"Count": 3}}.English()
	if one != "1 participant" || many != "3 participants" || !Plural("matrix.people") {
		t.Errorf("%q, %q", one, many)
	}
	if got := (Words{Key: "no.such.key"}).English(); got != "no.such.key" {
		t.Errorf("an unknown key reads %q", got)
	}
}

// The reasons of a verdict read in English as data wrote them itself
// before their words moved to the translation file.
func TestReasonsInEnglish(t *testing.T) {
	rule := data.DefaultCertificateRule
	visit := data.Session{ID: 5, Title: "Risk management field visit", CountsForCertificate: true, Mandatory: true}
	sessions := []data.Session{{ID: 1, CountsForCertificate: true}, {ID: 2, CountsForCertificate: true},
		{ID: 3, CountsForCertificate: true}, {ID: 4, CountsForCertificate: true}, visit}
	english := func(e data.Eligibility) []string {
		var out []string
		for _, r := range e.Reasons {
			out = append(out, Reason(r).English())
		}
		return out
	}
	granted := &data.EligibilityOverride{Eligible: true, Reason: "Visa appointment at the embassy", DecidedBy: "organiser"}
	for _, c := range []struct {
		marks    []data.Mark
		override *data.EligibilityOverride
		want     []string
	}{
		{[]data.Mark{data.Present, data.Present, data.Present, data.Absent, data.Present}, nil,
			[]string{"attended 4 of 5 counted sessions, 80% ≥ 80%"}},
		{[]data.Mark{data.Present, data.Present, data.Present, data.Present, data.Absent}, nil,
			[]string{"attended 4 of 5 counted sessions, 80% ≥ 80%", "missed mandatory session: Risk management field visit"}},
		{[]data.Mark{data.Unmarked, data.Unmarked, data.Unmarked, data.Unmarked, data.Unmarked}, granted,
			[]string{"granted by the organiser: Visa appointment at the embassy", "attended 0 of 5 counted sessions, 0% < 80%",
				"missed mandatory session: Risk management field visit", "5 sessions not marked yet"}},
		{[]data.Mark{data.Excused, data.Excused, data.Excused, data.Excused, data.Present}, nil,
			[]string{"attended 1 of 1 counted sessions, 100% ≥ 80%"}},
	} {
		e := data.Evaluate(rule, data.Summarize(rule, sessions, c.marks), c.override)
		if got := english(e); !slices.Equal(got, c.want) {
			t.Errorf("%v:\n got %q\nwant %q", c.marks, got, c.want)
		}
	}
	nothing := data.Evaluate(rule, data.Summarize(rule, sessions[:1], []data.Mark{data.Excused}), nil)
	if got := english(nothing); !slices.Equal(got, []string{"no session counts towards the certificate"}) {
		t.Errorf("nothing counted: %q", got)
	}
}

// The limits of a list are written with their digits grouped as the
// reader's language groups them: 32,767 and 100,000 in English, with a
// narrow no-break space in French, with a dot in Spanish.
func TestLimitsGroupTheirDigits(t *testing.T) {
	long := "Nom;Prénom\nDiallo;" + strings.Repeat("a", importer.MaxCellLength+1) + "\n"
	_, tooLong := importer.OpenReader("long.csv", strings.NewReader(long))
	var rows strings.Builder
	rows.WriteString("Nom;Prénom\n")
	for range importer.MaxRows + 1 {
		rows.WriteString("a;b\n")
	}
	_, tooMany := importer.OpenReader("many.csv", strings.NewReader(rows.String()))
	for _, c := range []struct {
		err  error
		want map[data.Language][]string
	}{
		{tooLong, map[data.Language][]string{
			data.English: {"more than 32,767 characters"},
			data.French:  {"32\u202f767"},
			data.Spanish: {"32.767"},
		}},
		{tooMany, map[data.Language][]string{
			data.English: {"row 100,002", "up to 100,000 rows"},
			data.French:  {"100\u202f002", "100\u202f000"},
			data.Spanish: {"100.002", "100.000"},
		}},
	} {
		if c.err == nil {
			t.Fatal("the list was read")
		}
		w := Of(c.err, Reading)
		for _, want := range c.want[data.English] {
			if got := w.English(); !strings.Contains(got, want) {
				t.Errorf("%q does not say %q", got, want)
			}
		}
		for _, l := range []data.Language{data.French, data.Spanish} {
			args := w.ArgsIn(l)
			var said []string
			for _, v := range args {
				if s, ok := v.(string); ok {
					said = append(said, s)
				}
			}
			for _, want := range c.want[l] {
				if !slices.Contains(said, want) {
					t.Errorf("%s: the arguments %q do not hold %q", l, said, want)
				}
			}
		}
	}
}
