package data

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/atelier-workshops/atelier/data/datatest"
)

// folderState is every file of a folder with a hash of its bytes, to show
// that reading changed nothing and left nothing.
func folderState(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	mustNoErr(t, err)
	out := map[string][32]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		mustNoErr(t, err)
		out[e.Name()] = sha256.Sum256(b)
	}
	return out
}

func names[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// privateCopies lists the private copies openReadOnly has in the
// temporary folder.
func privateCopies(t *testing.T) []string {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(os.TempDir(), readCopyPrefix+"*"))
	mustNoErr(t, err)
	return matches
}

// unsavedInWAL makes, in a new folder, an Atelier file whose last change
// (the workshop's title, "Changed in the log") is still only in its -wal,
// as a process killed before closing leaves it; with shm, its -shm too.
func unsavedInWAL(t *testing.T, shm bool) (path string, w Workshop) {
	t.Helper()
	st, live := openTemp(t)
	w = addWorkshop(t, st)
	mustNoErr(t, st.Close())
	st, err := Open(live, OpenExisting)
	mustNoErr(t, err)
	w.Title = "Changed in the log"
	mustNoErr(t, st.SaveWorkshop(&w))
	dir := t.TempDir()
	path = filepath.Join(dir, "shared.db")
	sides := []string{"", "-wal"}
	if shm {
		sides = append(sides, "-shm")
	}
	for _, side := range sides {
		b, err := os.ReadFile(live + side)
		mustNoErr(t, err)
		mustNoErr(t, os.WriteFile(path+side, b, 0o644))
	}
	mustNoErr(t, st.Close())
	if info, _ := os.Stat(path + "-wal"); info.Size() == 0 {
		t.Fatal("the change is not in the -wal")
	}
	return path, w
}

// readOnlyFolder makes dir read-only for real (datatest.ReadOnlyFolder).
func readOnlyFolder(t *testing.T, dir string) { datatest.ReadOnlyFolder(t, dir) }

// A file whose last changes are still in its -wal, in a folder that cannot
// be written (a USB stick locked, a share mounted read-only), is read with
// those changes, never as it was before them; with its -shm beside it or
// not. Nothing in the folder changes, and the private copy read when the
// -wal cannot be applied in place is gone after Close.
func TestReadOnlyFolderWithWALIsReadWithItsChanges(t *testing.T) {
	for _, shm := range []bool{true, false} {
		t.Run(fmt.Sprintf("shm=%v", shm), func(t *testing.T) {
			path, w := unsavedInWAL(t, shm)
			readOnlyFolder(t, filepath.Dir(path))
			before := folderState(t, filepath.Dir(path))
			copies := privateCopies(t)
			for _, mode := range []OpenMode{OpenExisting, OpenReadOnly} {
				st, err := Open(path, mode)
				mustNoErr(t, err)
				if !st.ReadOnly() {
					t.Error("not opened read-only")
				}
				got, err := st.Workshop(w.ID)
				mustNoErr(t, err)
				if got.Title != "Changed in the log" {
					t.Errorf("mode %d: read %q: the changes in the -wal were not seen", mode, got.Title)
				}
				got.Title = "Another change"
				if err := st.SaveWorkshop(&got); !errors.Is(err, ErrReadOnly) {
					t.Errorf("a write to a read-only file: %v", err)
				}
				mustNoErr(t, st.Close())
			}
			if after := folderState(t, filepath.Dir(path)); !equalState(before, after) {
				t.Errorf("the folder changed: %v, then %v", names(before), names(after))
			}
			if now := privateCopies(t); !slices.Equal(now, copies) {
				t.Errorf("private copies left behind: %v (before: %v)", now, copies)
			}
		})
	}
}

func equalState(a, b map[string][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !bytes.Equal(v[:], w[:]) {
			return false
		}
	}
	return true
}

// Opened to read only, a file in a folder that can be written is not
// written either: no -wal or -shm is created or left behind, its bytes do
// not change, and writes are refused.
func TestOpenReadOnlyWritesNothing(t *testing.T) {
	st, path := openTemp(t)
	w := addWorkshop(t, st)
	mustNoErr(t, st.Close())
	dir := filepath.Dir(path)
	before := folderState(t, dir)

	ro, err := Open(path, OpenReadOnly)
	mustNoErr(t, err)
	if got, err := ro.Workshop(w.ID); err != nil || got.Title != w.Title {
		t.Fatalf("read %+v, %v", got, err)
	}
	if after := folderState(t, dir); !equalState(before, after) {
		t.Errorf("while open, the folder went from %v to %v", names(before), names(after))
	}
	if err := ro.SetSetting("x", "y"); !errors.Is(err, ErrReadOnly) {
		t.Errorf("a write: %v", err)
	}
	mustNoErr(t, ro.Close())
	if after := folderState(t, dir); !equalState(before, after) {
		t.Errorf("after, the folder went from %v to %v", names(before), names(after))
	}
}

// Beside another Atelier that has the file open and writes to it, a
// reader sees each change the writer commits, and leaves the writer's
// -wal and -shm as they were for it.
func TestOpenReadOnlyBesideAWriterSeesItsChanges(t *testing.T) {
	writer, path := openTemp(t)
	w := addWorkshop(t, writer)
	ro, err := Open(path, OpenReadOnly)
	mustNoErr(t, err)
	defer ro.Close()
	for i := range 3 {
		w.Title = fmt.Sprintf("Version %d", i)
		mustNoErr(t, writer.SaveWorkshop(&w))
		if got, err := ro.Workshop(w.ID); err != nil || got.Title != w.Title {
			t.Fatalf("the reader sees %q (%v) after the writer saved %q", got.Title, err, w.Title)
		}
	}
	mustNoErr(t, ro.Close())
	w.Title = "After the reader"
	mustNoErr(t, writer.SaveWorkshop(&w))
	mustNoErr(t, writer.Close())
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("left beside the file: %v", entries)
	}
	st, err := Open(path, OpenReadOnly)
	mustNoErr(t, err)
	defer st.Close()
	if got, _ := st.Workshop(w.ID); got.Title != "After the reader" {
		t.Errorf("the writer's last change was lost: %q", got.Title)
	}
}

// An empty file, or a SQLite file with nothing in it, is not an Atelier
// database to a reader, and stays exactly as it was.
func TestOpenReadOnlyRefusesAnEmptyFile(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	mustNoErr(t, os.WriteFile(empty, nil, 0o644))
	blank := filepath.Join(dir, "blank.db")
	db, err := sql.Open("sqlite", dsn(blank, false))
	mustNoErr(t, err)
	mustNoErr(t, db.Ping())
	_, err = db.Exec(`PRAGMA user_version = 0`)
	mustNoErr(t, err)
	mustNoErr(t, db.Close())
	before := folderState(t, dir)
	for _, path := range []string{empty, blank, filepath.Join(dir, "missing.db")} {
		_, err := Open(path, OpenReadOnly)
		want := ErrNotAtelier
		if strings.Contains(path, "missing") {
			want = ErrFileNotFound
		}
		if !errors.Is(err, want) {
			t.Errorf("%s: %v; want %v", filepath.Base(path), err, want)
		}
	}
	if after := folderState(t, dir); !equalState(before, after) {
		t.Errorf("the folder went from %v to %v", names(before), names(after))
	}
	if info, _ := os.Stat(empty); info.Size() != 0 {
		t.Errorf("the empty file is now %d bytes", info.Size())
	}
}

// A file of an older Atelier is read, to read only, from a private copy
// brought up to date; the file itself stays as it was.
func TestOpenReadOnlyReadsAnOlderSchemaFromACopy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", dsn(path, false))
	mustNoErr(t, err)
	db.SetMaxOpenConns(1)
	old := &Store{path: path, w: db}
	saved := migrations
	migrations = migrations[:len(migrations)-1]
	err = old.migrate()
	migrations = saved
	mustNoErr(t, err)
	_, err = db.Exec(`INSERT INTO settings(key, value) VALUES ('from', 'the old schema')`)
	mustNoErr(t, err)
	_, err = db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	mustNoErr(t, err)
	mustNoErr(t, db.Close())
	before := folderState(t, filepath.Dir(path))
	copies := privateCopies(t)

	st, err := Open(path, OpenReadOnly)
	mustNoErr(t, err)
	if v, ok, err := st.Setting("from"); err != nil || !ok || v != "the old schema" {
		t.Errorf("read %q %v %v", v, ok, err)
	}
	var version int
	mustNoErr(t, st.r.QueryRow(`PRAGMA user_version`).Scan(&version))
	if version != SchemaVersion {
		t.Errorf("read at schema %d, want %d", version, SchemaVersion)
	}
	mustNoErr(t, st.Close())
	if after := folderState(t, filepath.Dir(path)); !equalState(before, after) {
		t.Errorf("the folder went from %v to %v", names(before), names(after))
	}
	if now := privateCopies(t); !slices.Equal(now, copies) {
		t.Errorf("private copies left behind: %v", now)
	}
}

func TestStalePrivateCopiesAreRemoved(t *testing.T) {
	tmp := t.TempDir()
	now := time.Now()
	for name, age := range map[string]time.Duration{readCopyPrefix + "old": 8 * 24 * time.Hour,
		readCopyPrefix + "fresh": 6 * 24 * time.Hour, "someone-else": 8 * 24 * time.Hour} {
		dir := filepath.Join(tmp, name)
		mustNoErr(t, os.Mkdir(dir, 0o700))
		mustNoErr(t, os.WriteFile(filepath.Join(dir, "atelier.db"), []byte("x"), 0o600))
		mustNoErr(t, os.Chtimes(dir, now.Add(-age), now.Add(-age)))
	}
	removeStaleCopies(tmp, now)
	entries, _ := os.ReadDir(tmp)
	var left []string
	for _, e := range entries {
		left = append(left, e.Name())
	}
	if want := []string{readCopyPrefix + "fresh", "someone-else"}; !slices.Equal(left, want) {
		t.Errorf("left %v, want %v", left, want)
	}
}
