package data

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// openReadOnly opens a file that is only read: the caller asked for it
// (OpenReadOnly), or the file or its folder cannot be written. Reading must
// neither write anything nor show the file older than it is. Where the
// file is read from depends on what lies beside it:
//
//   - no write-ahead log with anything in it: the file alone is the whole
//     of it, and it is read in place in SQLite's immutable mode, which
//     takes no lock and creates no -wal or -shm file;
//   - a -wal and a -shm: another Atelier has the file open (or had, and
//     was killed), and the file is read in place in read-only mode, which
//     shares their -shm and sees what their -wal holds, creating nothing;
//   - a -wal with changes but no -shm beside it (a folder copied with the
//     file, a read-only stick), or a -shm that cannot be used, or a file
//     of an older schema: the file and its -wal are copied into a private
//     temporary folder, the copy brought up to date there, and read;
//     Close removes the folder.
//
// Immutable mode alone, as before, would ignore the -wal and show the file
// as it was before its last changes, without a word.
func openReadOnly(path string) (*Store, error) {
	walSize, shm := sideFiles(path)
	var src string // the DSN the store reads through
	copyDir := ""
	switch {
	case walSize < 0 || (walSize == 0 && !shm):
		src = immutableDSN(path)
	case shm:
		src = sharedReadDSN(path)
		if _, _, err := schemaOf(src); err != nil {
			src = "" // the -shm cannot be used here: read a copy
		}
	}
	if src != "" {
		if appID, version, err := schemaOf(src); err == nil && appID == ApplicationID && version < SchemaVersion {
			src = "" // its schema must be brought up to date: in a copy
		}
	}
	if src == "" {
		var err error
		if copyDir, err = privateCopy(path); err != nil {
			return nil, err
		}
		src = immutableDSN(filepath.Join(copyDir, filepath.Base(path)))
	}
	s, err := openReader(path, src)
	if err != nil {
		if copyDir != "" {
			os.RemoveAll(copyDir)
		}
		return nil, err
	}
	s.privateCopy = copyDir
	return s, nil
}

// openReader opens a read-only store on src, once what src holds is
// known to be an Atelier database of this schema.
func openReader(path, src string) (*Store, error) {
	appID, version, err := schemaOf(src)
	switch {
	case err != nil:
		return nil, &OpenError{Path: path, Kind: ErrCorrupt, Detail: "it could not be read: " + err.Error()}
	case appID != ApplicationID:
		return nil, &OpenError{Path: path, Kind: ErrNotAtelier, Detail: "it holds no Atelier data"}
	case version > SchemaVersion:
		return nil, &OpenError{Path: path, Kind: ErrNewerSchema, Detail: fmt.Sprintf(
			"its schema is version %d and this Atelier knows up to %d; install the newer Atelier to open it",
			version, SchemaVersion)}
	case version < SchemaVersion:
		return nil, &OpenError{Path: path, Kind: ErrCorrupt, Detail: fmt.Sprintf(
			"its schema (version %d) could not be brought up to date", version)}
	}
	w, err := sql.Open("sqlite", src)
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	r, err := sql.Open("sqlite", src)
	if err != nil {
		w.Close()
		return nil, err
	}
	// Connections stay open: one to a private copy could not be made
	// again once the copy is gone.
	r.SetMaxOpenConns(4)
	r.SetMaxIdleConns(4)
	w.SetMaxIdleConns(1)
	s := &Store{path: path, w: w, r: r, readOnly: true}
	return s, nil
}

// sideFiles says how many bytes the -wal beside path holds (-1 when there
// is none) and whether a -shm is there.
func sideFiles(path string) (walSize int64, shm bool) {
	walSize = -1
	if st, err := os.Stat(path + "-wal"); err == nil {
		walSize = st.Size()
	}
	_, err := os.Stat(path + "-shm")
	return walSize, err == nil
}

func uriPath(path string) string { return "file:" + (&url.URL{Path: path}).EscapedPath() }

// immutableDSN reads a file that nothing else changes: no lock, no -shm.
func immutableDSN(path string) string {
	return uriPath(path) + "?mode=ro&immutable=1&_pragma=foreign_keys(1)"
}

// sharedReadDSN reads a file beside its -wal and -shm, with the locks
// that let it see another process's changes, and without writing: a
// read-only connection never checkpoints nor removes them.
func sharedReadDSN(path string) string {
	return uriPath(path) + "?mode=ro&_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)"
}

// schemaOf reads the application id and schema version through dsn, that
// is with the -wal applied when dsn reads it.
func schemaOf(dsn string) (appID uint32, version int, err error) {
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return 0, 0, err
	}
	defer db.Close()
	if err := db.QueryRow(`PRAGMA application_id`).Scan(&appID); err != nil {
		return 0, 0, err
	}
	err = db.QueryRow(`PRAGMA user_version`).Scan(&version)
	return appID, version, err
}

// readCopyPrefix names the private folders of openReadOnly, so that those
// a killed process left behind can be found and removed.
const readCopyPrefix = "atelier-read-"

// privateCopy copies the file and its -wal into a new private folder, and
// there applies the -wal and brings the schema up to date, so that the
// copy alone holds everything and can be read immutably. The folder is
// readable by its owner only: it holds the file's personal data.
func privateCopy(path string) (dir string, err error) {
	removeStaleCopies(os.TempDir(), time.Now())
	dir, err = os.MkdirTemp("", readCopyPrefix+"*")
	if err != nil {
		return "", fmt.Errorf("%s could only be read from a copy, and none could be made: %w", path, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dir)
		}
	}()
	dst := filepath.Join(dir, filepath.Base(path))
	if err := copyFile(path, dst); err != nil {
		return "", fmt.Errorf("%s could only be read from a copy, and none could be made: %w", path, err)
	}
	if err := copyFile(path+"-wal", dst+"-wal"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("%s could only be read from a copy, and none could be made: %w", path, err)
	}
	w, err := sql.Open("sqlite", dsn(dst, false))
	if err != nil {
		return "", err
	}
	w.SetMaxOpenConns(1)
	c := &Store{path: dst, w: w}
	var appID uint32
	if err = w.QueryRow(`PRAGMA application_id`).Scan(&appID); err == nil && appID != ApplicationID {
		w.Close()
		return "", &OpenError{Path: path, Kind: ErrNotAtelier, Detail: "it holds no Atelier data"}
	}
	if err == nil {
		err = c.migrate()
	}
	if err == nil {
		_, err = w.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	}
	if closeErr := w.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return "", &OpenError{Path: path, Kind: ErrCorrupt, Detail: "it could not be read: " + err.Error()}
	}
	return dir, nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// removeStaleCopies removes the private copies older than a week, which
// a process killed while reading left behind. A window left open on a
// read-only file for longer keeps reading its copy even so: its
// connections hold the file open, and Linux and macOS keep a removed file
// for those that have it open (Windows refuses to remove it).
func removeStaleCopies(tmp string, now time.Time) {
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), readCopyPrefix) {
			continue
		}
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > 7*24*time.Hour {
			os.RemoveAll(filepath.Join(tmp, e.Name()))
		}
	}
}
