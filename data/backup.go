package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// SaveCopy writes a consistent copy of the database to path, which must not
// exist yet. VACUUM INTO reads one snapshot, so edits made meanwhile are
// either wholly in the copy or not at all; the copy is written beside its
// final name and renamed into place, so that an interrupted copy never
// leaves a half-written file under that name.
func (s *Store) SaveCopy(path string) error { return saveCopy(s.w, path) }

// execer is the writer's pool, or its one connection held for a backup.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func saveCopy(on execer, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if _, err := os.Stat(abs); err == nil {
		return fmt.Errorf("%s already exists; choose another name", abs)
	}
	partial := abs + ".partial"
	os.Remove(partial)
	if _, err := on.ExecContext(context.Background(), `VACUUM INTO ?`, partial); err != nil {
		os.Remove(partial)
		return fmt.Errorf("copying the database to %s: %w", abs, err)
	}
	if err := syncFile(partial); err != nil {
		os.Remove(partial)
		return err
	}
	return os.Rename(partial, abs)
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// backupLayout names backups after the moment they were taken, so that
// their names sort by age and say when they are from.
const backupLayout = "2006-01-02_15-04-05"

// Backup is one file of a database's backup folder.
type Backup struct {
	Path      string
	Taken     time.Time
	Size      int64
	Workshops []string // titles, to recognise the backup by
}

// BackupFolder is where the backups of the database at dbPath are kept
// under root (the app's data folder): one folder per database file name.
func BackupFolder(root, dbPath string) string {
	return filepath.Join(root, "backups", strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath)))
}

// RotateBackup takes a backup of the database into dir, named after now,
// and then removes old ones: the ten newest stay, and so does the newest of
// each of the last seven days.
func (s *Store) RotateBackup(dir string, now time.Time) (string, error) {
	return s.rotateBackup(s.w, dir, now)
}

func (s *Store) rotateBackup(on execer, dir string, now time.Time) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, now.Format(backupLayout)+".db")
	for n := 2; fileExists(path); n++ { // two backups within a second
		path = filepath.Join(dir, fmt.Sprintf("%s-%d.db", now.Format(backupLayout), n))
	}
	if err := saveCopy(on, path); err != nil {
		return "", err
	}
	return path, pruneBackups(dir, now)
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func backupTime(name string) (time.Time, bool) {
	stem := strings.TrimSuffix(name, ".db")
	if len(stem) < len(backupLayout) {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation(backupLayout, stem[:len(backupLayout)], time.Local)
	return t, err == nil
}

func pruneBackups(dir string, now time.Time) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	type dated struct {
		name  string
		taken time.Time
	}
	var all []dated
	for _, e := range entries {
		if t, ok := backupTime(e.Name()); ok && !e.IsDir() && strings.HasSuffix(e.Name(), ".db") {
			all = append(all, dated{e.Name(), t})
		}
	}
	slices.SortFunc(all, func(a, b dated) int { return b.taken.Compare(a.taken) }) // newest first
	keep := map[string]bool{}
	days := map[string]bool{}
	weekAgo := now.AddDate(0, 0, -7)
	for i, b := range all {
		day := b.taken.Format("2006-01-02")
		switch {
		case i < 10:
			keep[b.name] = true
		case b.taken.After(weekAgo) && !days[day]:
			keep[b.name] = true
		}
		days[day] = true
	}
	var errs []error
	for _, b := range all {
		if !keep[b.name] {
			errs = append(errs, os.Remove(filepath.Join(dir, b.name)))
		}
	}
	return errors.Join(errs...)
}

// Backups lists the backups in dir, newest first, with the workshops each
// holds. Files that are not readable Atelier databases are left out.
func Backups(dir string) ([]Backup, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Backup
	for _, e := range entries {
		taken, ok := backupTime(e.Name())
		if !ok || e.IsDir() || !strings.HasSuffix(e.Name(), ".db") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		titles, err := workshopTitles(path)
		if err != nil {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, Backup{Path: path, Taken: taken, Size: info.Size(), Workshops: titles})
	}
	slices.SortFunc(out, func(a, b Backup) int { return b.Taken.Compare(a.Taken) })
	return out, nil
}

// workshopTitles reads a closed Atelier file without changing it.
func workshopTitles(path string) ([]string, error) {
	if err := inspect(path, OpenExisting); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&immutable=1")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return queryAll(db, func(r scanner) (string, error) {
		var t string
		return t, r.Scan(&t)
	}, `SELECT title FROM workshops ORDER BY start_date DESC, id`)
}

// Restore replaces the database file at target with the backup at
// backupPath. The store on target must be closed first. The backup is
// checked before anything is touched, and the file is swapped in with a
// rename, so an interruption leaves either the old file or the restored one.
func Restore(backupPath, target string) error {
	if err := inspect(backupPath, OpenExisting); err != nil {
		return err
	}
	src, err := sql.Open("sqlite", "file:"+(&url.URL{Path: backupPath}).EscapedPath()+"?mode=ro&immutable=1")
	if err != nil {
		return err
	}
	defer src.Close()
	partial := target + ".restoring"
	os.Remove(partial)
	if _, err := src.Exec(`VACUUM INTO ?`, partial); err != nil {
		os.Remove(partial)
		return fmt.Errorf("restoring %s: %w", filepath.Base(backupPath), err)
	}
	if err := syncFile(partial); err != nil {
		os.Remove(partial)
		return err
	}
	// A closed store leaves no write-ahead log behind; one that is there
	// belongs to the file being replaced and must not be applied to the
	// restored one.
	for _, side := range []string{"-wal", "-shm"} {
		if err := os.Remove(target + side); err != nil && !errors.Is(err, fs.ErrNotExist) {
			os.Remove(partial)
			return err
		}
	}
	return os.Rename(partial, target)
}
