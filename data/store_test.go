package data

import (
	"bytes"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenCreatesSchemaAndRecordsMigrations(t *testing.T) {
	st, path := openTemp(t)
	var version, appID, recorded int
	mustNoErr(t, st.r.QueryRow(`PRAGMA user_version`).Scan(&version))
	mustNoErr(t, st.r.QueryRow(`PRAGMA application_id`).Scan(&appID))
	mustNoErr(t, st.r.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&recorded))
	if version != SchemaVersion || appID != ApplicationID || recorded != len(migrations) {
		t.Fatalf("user_version %d, application_id %#x, recorded %d; want %d, %#x, %d",
			version, appID, recorded, SchemaVersion, ApplicationID, len(migrations))
	}
	var fk, journal string
	var sync int
	mustNoErr(t, st.w.QueryRow(`PRAGMA foreign_keys`).Scan(&fk))
	mustNoErr(t, st.w.QueryRow(`PRAGMA journal_mode`).Scan(&journal))
	mustNoErr(t, st.w.QueryRow(`PRAGMA synchronous`).Scan(&sync))
	if fk != "1" || journal != "wal" || sync != 2 {
		t.Fatalf("pragmas: foreign_keys %s, journal_mode %s, synchronous %d", fk, journal, sync)
	}
	if filepath.Base(path) != filepath.Base(st.Path()) {
		t.Fatalf("path %s", st.Path())
	}
}

// An empty file is set up as a database only by a mode that may create
// one; OpenExisting refuses it as not an Atelier database, writing nothing.
func TestOpenMigratesAnEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	mustNoErr(t, os.WriteFile(path, nil, 0o644))
	if _, err := Open(path, OpenExisting); !errors.Is(err, ErrNotAtelier) {
		t.Fatalf("OpenExisting on an empty file: %v", err)
	}
	if info, err := os.Stat(path); err != nil || info.Size() != 0 {
		t.Fatalf("OpenExisting wrote to the empty file: %v, %v", info, err)
	}
	st, err := Open(path, OpenOrCreate)
	if err != nil {
		t.Fatalf("an empty file should become a database: %v", err)
	}
	defer st.Close()
	w := addWorkshop(t, st)
	if got, err := st.Workshop(w.ID); err != nil || got.Title != w.Title {
		t.Fatalf("read back %+v, %v", got, err)
	}
}

func TestOpenRefusesMissingFileUnlessCreating(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing.db")
	_, err := Open(path, OpenExisting)
	if !errors.Is(err, ErrFileNotFound) {
		t.Fatalf("want ErrFileNotFound, got %v", err)
	}
	if _, statErr := os.Stat(path); !os.IsNotExist(statErr) {
		t.Fatal("refusing a missing file must not create it")
	}
	_, err = Open(filepath.Join(t.TempDir(), "no-such-folder", "x.db"), OpenOrCreate)
	if !errors.Is(err, ErrFileNotFound) || !strings.Contains(err.Error(), "folder") {
		t.Fatalf("want a missing-folder error, got %v", err)
	}
}

// assertRefusedUnchanged opens path, expects the reason, and checks that the
// file and its folder are exactly as before.
func assertRefusedUnchanged(t *testing.T, path string, reason error, wantWords string) {
	t.Helper()
	before, err := os.ReadFile(path)
	mustNoErr(t, err)
	entriesBefore, _ := os.ReadDir(filepath.Dir(path))
	_, err = Open(path, OpenOrCreate)
	if !errors.Is(err, reason) {
		t.Fatalf("want %v, got %v", reason, err)
	}
	if !strings.Contains(err.Error(), wantWords) {
		t.Fatalf("message %q does not say %q", err, wantWords)
	}
	after, err := os.ReadFile(path)
	mustNoErr(t, err)
	if !bytes.Equal(before, after) {
		t.Fatal("a refused file was changed")
	}
	entriesAfter, _ := os.ReadDir(filepath.Dir(path))
	if len(entriesAfter) != len(entriesBefore) {
		t.Fatalf("refusing left files behind: %v", entriesAfter)
	}
}

func TestOpenRefusesANonDatabaseFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	mustNoErr(t, os.WriteFile(path, []byte("Participants list, draft 3\nÀdìgún, Ọláńrewájú\n"), 0o644))
	assertRefusedUnchanged(t, path, ErrNotAtelier, "not a SQLite database")
}

func TestOpenRefusesAnotherProgramsSQLiteDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.sqlite")
	db, err := sql.Open("sqlite", path)
	mustNoErr(t, err)
	_, err = db.Exec(`CREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices(total) VALUES (12.5)`)
	mustNoErr(t, err)
	mustNoErr(t, db.Close())
	assertRefusedUnchanged(t, path, ErrNotAtelier, "another program")
}

func TestOpenRefusesANewerSchema(t *testing.T) {
	st, path := openTemp(t)
	addWorkshop(t, st)
	_, err := st.w.Exec(`PRAGMA user_version = 999`)
	mustNoErr(t, err)
	mustNoErr(t, st.Close())
	assertRefusedUnchanged(t, path, ErrNewerSchema, "newer Atelier")
}

func TestReopenKeepsEverything(t *testing.T) {
	st, path := openTemp(t)
	w := addWorkshop(t, st)
	s := addSession(t, st, w, 0, 9, 10, "Opening")
	p := addParticipant(t, st, w, "Ọláńrewájú", "Àdìgún", StatusConfirmed)
	mustNoErr(t, st.SetMark(&Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Late, Note: "traffic"}))
	mustNoErr(t, st.Close())
	if _, err := os.Stat(path + "-wal"); err == nil {
		if fi, _ := os.Stat(path + "-wal"); fi.Size() != 0 {
			t.Fatalf("close left %d bytes in the WAL: the file alone should hold everything", fi.Size())
		}
	}

	st2, err := Open(path, OpenExisting)
	mustNoErr(t, err)
	defer st2.Close()
	got, err := st2.Participant(p.ID)
	mustNoErr(t, err)
	if got.GivenName != "Ọláńrewájú" || got.FamilyName != "Àdìgún" {
		t.Fatalf("names changed: %q %q", got.GivenName, got.FamilyName)
	}
	a, err := st2.Mark(p.ID, s.ID)
	mustNoErr(t, err)
	if a.Mark != Late || a.Note != "traffic" {
		t.Fatalf("mark after reopen: %+v", a)
	}
	var check string
	mustNoErr(t, st2.r.QueryRow(`PRAGMA integrity_check`).Scan(&check))
	if check != "ok" {
		t.Fatal(check)
	}
}

func TestSettingsRoundTrip(t *testing.T) {
	st, _ := openTemp(t)
	if _, ok, err := st.Setting("secret"); ok || err != nil {
		t.Fatalf("unset setting: ok %v, err %v", ok, err)
	}
	mustNoErr(t, st.SetSetting("secret", "a"))
	mustNoErr(t, st.SetSetting("secret", "b"))
	if v, ok, err := st.Setting("secret"); v != "b" || !ok || err != nil {
		t.Fatalf("got %q %v %v", v, ok, err)
	}
}
