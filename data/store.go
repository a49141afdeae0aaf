package data

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver, pure Go
)

// ApplicationID marks a SQLite file as Atelier's (PRAGMA application_id),
// so that any other SQLite database is told apart before it is touched.
const ApplicationID = 0x41544C52 // "ATLR"

//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations() []migration {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		panic(err)
	}
	var out []migration
	for _, e := range entries {
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			panic("migration file without a number: " + e.Name())
		}
		b, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			panic(err)
		}
		out = append(out, migration{v, name, string(b)})
	}
	slices.SortFunc(out, func(a, b migration) int { return a.version - b.version })
	for i, m := range out {
		if m.version < 1 || i > 0 && m.version == out[i-1].version {
			panic(fmt.Sprintf("migrations must have distinct numbers from 1: found %d twice or below 1", m.version))
		}
	}
	return out
}

var migrations = loadMigrations()

// SchemaVersion is the newest schema this program knows.
var SchemaVersion = lastVersion(migrations)

// lastVersion is the number of the newest of ms. Numbers are reserved
// for work done side by side, so a build may lack some below it for a
// while (see migrate).
func lastVersion(ms []migration) int { return ms[len(ms)-1].version }

// Store is an open Atelier database. Writes go through one connection so
// that they never wait on each other inside SQLite; reads use a small pool
// that WAL lets run beside the writer.
type Store struct {
	path string
	w    *sql.DB
	r    *sql.DB
	// marks are prepared once: attendance is saved one mark at a time,
	// and parsing the statements anew would be a third of each save.
	marks    markStatements
	readOnly bool
	// privateCopy is the folder of the copy a read-only store reads, when
	// the file could not be read as it is (see openReadOnly); Close
	// removes it.
	privateCopy string

	// lastBackup is the backup taken when the file was opened, if any;
	// backupProblem says why none could be taken, when that failed. They
	// are set once backedUp is closed (see Backup).
	lastBackup    string
	backupProblem error
	backedUp      chan struct{}

	undoMu sync.Mutex
	undo   []*Undoable // the deletes and imports of this session, last one last

	waitMu  sync.Mutex
	waiting *Waiting // how writes wait for another process (SetWaiting); nil: defaultPatience

	// OnDelete, when set, hears of every delete that Undo can reverse,
	// once it is committed, so that the interface can offer to undo it.
	OnDelete func(*Undoable)
}

// Option changes how Open opens a file.
type Option func(*openOptions)

type openOptions struct {
	backupDir string
	now       func() time.Time
}

// WithBackups takes a backup of an existing file into dir before anything
// else happens to it (a schema update included), and keeps the rotation
// RotateBackup describes.
func WithBackups(dir string) Option {
	return func(o *openOptions) {
		o.backupDir = dir
		if o.now == nil {
			o.now = time.Now
		}
	}
}

// upToDate reports whether the file has every migration and no newer
// schema: opening it then writes nothing but its backup.
func (s *Store) upToDate() bool {
	var current int
	if err := s.w.QueryRow(`PRAGMA user_version`).Scan(&current); err != nil || current > SchemaVersion {
		return false
	}
	pending, err := s.pendingMigrations()
	return err == nil && len(pending) == 0
}

// Backup is the backup taken when the file was opened ("" for none: a new
// file, or no backup folder), or why none could be taken. It waits for
// the backup when it is still being taken.
func (s *Store) Backup() (path string, problem error) {
	s.waitForBackup()
	return s.lastBackup, s.backupProblem
}

func (s *Store) waitForBackup() {
	if s.backedUp != nil {
		<-s.backedUp
	}
}

func (s *Store) needsMigration() bool {
	pending, err := s.pendingMigrations()
	return err == nil && len(pending) > 0
}

// pendingMigrations are the migrations the file has not had: those its
// schema_migrations does not record. A file that a build lacking some
// numbers migrated gets them when a build that has them opens it.
func (s *Store) pendingMigrations() ([]migration, error) {
	var current int
	if err := s.w.QueryRow(`PRAGMA user_version`).Scan(&current); err != nil {
		return nil, fmt.Errorf("reading the schema version: %w", err)
	}
	applied := map[int]bool{}
	if current > 0 {
		rows, err := s.w.Query(`SELECT version FROM schema_migrations`)
		if err != nil {
			return nil, fmt.Errorf("reading the schema's migrations: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var v int
			if err := rows.Scan(&v); err != nil {
				return nil, err
			}
			applied[v] = true
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	var pending []migration
	for _, m := range migrations {
		if !applied[m.version] {
			pending = append(pending, m)
		}
	}
	return pending, nil
}

// OpenMode says whether Open may create a file that does not exist yet,
// or set up one that is empty.
type OpenMode int

const (
	// OpenExisting is for work on a workshop already there: a missing
	// file is refused, and so is an empty one, "not an Atelier database",
	// before anything is written to it, so that a command that then fails
	// (no workshop 1 in a file that has none) never leaves a database
	// where an empty file was.
	OpenExisting OpenMode = iota
	// OpenOrCreate creates a new database when the file is missing, and
	// sets one up in an empty file (atelier demo, the window's own file,
	// File › New).
	OpenOrCreate
	// OpenReadOnly is for a command that only reads: nothing is created
	// or written, not a -wal or -shm file beside the file, not a backup,
	// not a schema update, and a file that is empty or holds no Atelier
	// data is refused. See openReadOnly.
	OpenReadOnly
)

// Open opens an Atelier database, creating or migrating its schema as
// needed. Files that are not Atelier databases, or that a newer Atelier
// wrote, are refused before anything is written to them.
func Open(path string, mode OpenMode, options ...Option) (*Store, error) {
	var o openOptions
	for _, opt := range options {
		opt(&o)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if err := inspect(abs, mode); err != nil {
		return nil, err
	}
	if mode == OpenReadOnly || !writable(abs) {
		return openReadOnly(abs)
	}
	existing := false
	if st, err := os.Stat(abs); err == nil && st.Size() > 0 {
		existing = true
	}
	w, err := sql.Open("sqlite", dsn(abs, false))
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	s := &Store{path: abs, w: w, backedUp: make(chan struct{})}
	migrate := true
	switch {
	case o.backupDir == "" || !existing:
		close(s.backedUp)
	case s.upToDate():
		// Nothing to migrate: the backup is taken while the window
		// draws, not before it (on a file of 37 MB it held the first
		// frame back by 65 ms, and it grows with the file), on the
		// writer's one connection, taken here, so that every write
		// waits for it.
		conn, err := w.Conn(context.Background())
		if err != nil {
			w.Close()
			return nil, err
		}
		migrate = false // upToDate: nothing to do, and the connection is the backup's
		go func() {
			defer close(s.backedUp)
			defer conn.Close()
			s.lastBackup, s.backupProblem = s.rotateBackup(conn, o.backupDir, o.now())
		}()
	default:
		s.lastBackup, s.backupProblem = s.rotateBackup(w, o.backupDir, o.now())
		close(s.backedUp)
		if s.backupProblem != nil && s.needsMigration() {
			w.Close()
			return nil, fmt.Errorf("%s must be updated to this Atelier's schema, but no backup could be taken first, so it was left as it was: %w", abs, s.backupProblem)
		}
	}
	if migrate {
		if err := s.migrate(); err != nil {
			w.Close()
			return nil, fmt.Errorf("%s: %w", abs, err)
		}
	}
	r, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		s.waitForBackup()
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(4)
	s.r = r
	return s, nil
}

func dsn(path string, readOnly bool) string {
	q := url.Values{}
	if readOnly {
		q.Add("_pragma", "busy_timeout(10000)")
	} else {
		// Short: begin waits for another writer in a loop of attempts
		// that it can cancel and speak up in (see wait.go).
		q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", lockAttempt.Milliseconds()))
	}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		// BEGIN IMMEDIATE takes the write lock up front, so a transaction
		// never fails half-way on a lock another process holds.
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// writable reports whether the file and its folder (where SQLite keeps its
// write-ahead log) can be written. A missing file is writable if its
// folder is.
func writable(path string) bool {
	if f, err := os.OpenFile(path, os.O_RDWR, 0); err == nil {
		f.Close()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	probe, err := os.CreateTemp(filepath.Dir(path), ".atelier-write-check-*")
	if err != nil {
		return false
	}
	probe.Close()
	os.Remove(probe.Name())
	return true
}

var sqliteMagic = []byte("SQLite format 3\x00")

// inspect decides from the file's bytes alone whether it may be opened, so
// that a refused file is never written to (not even a journal-mode change).
func inspect(path string, mode OpenMode) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		if mode != OpenOrCreate {
			return &OpenError{Path: path, Kind: ErrFileNotFound}
		}
		if _, err := os.Stat(filepath.Dir(path)); err != nil {
			return &OpenError{Path: path, Kind: ErrFileNotFound, Detail: "its folder does not exist"}
		}
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if st.IsDir() {
		return &OpenError{Path: path, Kind: ErrNotAtelier, Detail: "it is a folder"}
	}
	if st.Size() == 0 {
		if mode != OpenOrCreate {
			return &OpenError{Path: path, Kind: ErrNotAtelier, Detail: "it is empty"}
		}
		return nil // an empty file is an empty database: safe to set up
	}
	header := make([]byte, 100)
	if _, err := io.ReadFull(f, header); err != nil || !bytes.Equal(header[:16], sqliteMagic) {
		return &OpenError{Path: path, Kind: ErrNotAtelier, Detail: "it is not a SQLite database file"}
	}
	userVersion := int(binary.BigEndian.Uint32(header[60:64]))
	appID := binary.BigEndian.Uint32(header[68:72])
	switch {
	case appID == ApplicationID && userVersion > SchemaVersion:
		return &OpenError{Path: path, Kind: ErrNewerSchema, Detail: fmt.Sprintf(
			"its schema is version %d and this Atelier knows up to %d; install the newer Atelier to open it",
			userVersion, SchemaVersion)}
	case appID == ApplicationID:
		if reason := damage(path, header, st.Size()); reason != "" {
			return &OpenError{Path: path, Kind: ErrCorrupt, Detail: reason}
		}
		return nil
	case appID != 0:
		return &OpenError{Path: path, Kind: ErrNotAtelier, Detail: "it belongs to another application"}
	}
	empty, err := hasNoTables(path)
	if err != nil {
		return &OpenError{Path: path, Kind: ErrNotAtelier, Detail: err.Error()}
	}
	if !empty {
		return &OpenError{Path: path, Kind: ErrNotAtelier, Detail: "it is a SQLite database of another program"}
	}
	return nil
}

// damage says what is wrong with an Atelier file that is cut short or
// corrupt, or returns "" when it is sound. It reads without writing.
func damage(path string, header []byte, size int64) string {
	pageSize := int64(binary.BigEndian.Uint16(header[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	pages := int64(binary.BigEndian.Uint32(header[28:32]))
	// The page count is only trusted when SQLite marked it current.
	if binary.BigEndian.Uint32(header[92:96]) == binary.BigEndian.Uint32(header[24:28]) && size < pages*pageSize {
		return fmt.Sprintf("the file is cut short: %d bytes of the %d its header announces", size, pages*pageSize)
	}
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&immutable=1")
	if err != nil {
		return err.Error()
	}
	defer db.Close()
	var result string
	if err := db.QueryRow(`PRAGMA quick_check`).Scan(&result); err != nil {
		return "it could not be read: " + err.Error()
	}
	if result != "ok" {
		return "its integrity check failed: " + result
	}
	return ""
}

// hasNoTables looks inside a SQLite file without changing it: immutable
// mode takes no locks and writes nothing, not even a -shm file.
func hasNoTables(path string) (bool, error) {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&immutable=1")
	if err != nil {
		return false, err
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_schema`).Scan(&n); err != nil {
		return false, errors.New("it could not be read as a database")
	}
	return n == 0, nil
}

func (s *Store) migrate() error {
	ctx := context.Background()
	var current int
	if err := s.w.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&current); err != nil {
		return fmt.Errorf("reading the schema version: %w", err)
	}
	if current > SchemaVersion { // re-checked: another process may have migrated meanwhile
		return &OpenError{Path: s.path, Kind: ErrNewerSchema}
	}
	pending, err := s.pendingMigrations()
	if err != nil {
		return err
	}
	for _, m := range pending {
		err := s.write(ctx, func(tx *sql.Tx) error {
			if _, err := tx.Exec(m.sql); err != nil {
				return fmt.Errorf("schema migration %d (%s): %w", m.version, m.name, err)
			}
			if _, err := tx.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
				version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`); err != nil {
				return err
			}
			if _, err := tx.Exec(`INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, nowStamp()); err != nil {
				return err
			}
			if _, err := tx.Exec(fmt.Sprintf(`PRAGMA application_id = %d`, ApplicationID)); err != nil {
				return err
			}
			_, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, max(current, m.version)))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Path is the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the file was opened without write access (the
// file or its folder is read-only, or it was opened with OpenReadOnly);
// every write then fails with ErrReadOnly instead of half-way.
func (s *Store) ReadOnly() bool { return s.readOnly }

// Close checkpoints the write-ahead log into the database file and closes it,
// so that the file alone holds everything and can be copied.
func (s *Store) Close() error {
	var errs []error
	if s.readOnly {
		errs = append(errs, s.marks.close(), s.r.Close(), s.w.Close())
		if s.privateCopy != "" {
			errs = append(errs, os.RemoveAll(s.privateCopy))
		}
		return errors.Join(errs...)
	}
	s.waitForBackup()
	errs = append(errs, s.marks.close())
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	_, err := s.w.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	errs = append(errs, err, s.w.Close())
	return errors.Join(errs...)
}

// write runs fn in one immediate transaction on the writer connection: all of
// it is saved, or none of it. The write lock is taken first, waiting for
// another process as ctx or the store says (see begin); what SQLite says
// about the file comes back as a WriteError.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.readOnly {
		return &OpenError{Path: s.path, Kind: ErrReadOnly}
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return s.typed(err)
	}
	return s.typed(tx.Commit())
}

// Setting reads a value of the settings table; ok is false when unset.
func (s *Store) Setting(key string) (value string, ok bool, err error) { return settingIn(s.r, key) }

func settingIn(q querier, key string) (value string, ok bool, err error) {
	err = q.QueryRow(`SELECT value FROM settings WHERE key = ?`, key).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return value, err == nil, err
}

// SetSetting stores a value in the settings table.
func (s *Store) SetSetting(key, value string) error {
	return s.write(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO settings(key, value) VALUES (?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// querier is what a read needs. The read pool, a read transaction (one
// moment of the file, see read) and the write transaction (a decision made
// where it is acted on) all have it, so one query function serves all three.
type querier interface {
	Query(query string, args ...any) (*sql.Rows, error)
	QueryRow(query string, args ...any) *sql.Row
}

// read runs fn in one read transaction: every query fn makes sees the file
// as it was at the first of them, whatever other connections or processes
// commit meanwhile (WAL keeps that snapshot for as long as the transaction
// lasts). A read made of several queries that must agree goes through here.
func (s *Store) read(ctx context.Context, fn func(q querier) error) error {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback() // a read transaction has nothing to commit
	return fn(tx)
}

// queryAll runs a read and scans every row with scan.
func queryAll[T any](db querier, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := db.Query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
