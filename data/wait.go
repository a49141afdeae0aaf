package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"modernc.org/sqlite"
)

// SQLite lets one process write to a file at a time. A write that finds
// another process writing (a second laptop, the command line beside the
// window, an import of thousands of rows) waits for it instead of failing,
// and says so after a second; only a wait its caller gives up on ends in
// ErrBusy.

// NoteAfter is how long a write waits for another process before its
// Waiting.Note is called: shorter waits are not worth a word.
const NoteAfter = time.Second

// lockAttempt is the busy timeout of the writer connection: how long one
// attempt to take the write lock waits inside SQLite. The wait itself is a
// loop of such attempts in begin, which can say it is waiting and can be
// cancelled between them (SQLite's own busy wait can be neither).
const lockAttempt = 100 * time.Millisecond

// Waiting says what a write does while another process holds the write
// lock.
type Waiting struct {
	// Note, when not nil, is called on the writing goroutine once the
	// write has waited NoteAfter; the function it returns, when not nil,
	// is called when the wait is over, the lock taken or not.
	Note func() (over func())
	// Patience is how long to wait before giving up with ErrBusy; zero
	// waits until the write's context is done. At least one attempt is
	// always made.
	Patience time.Duration
}

// defaultPatience is the wait of a store whose owner said nothing: what the
// busy timeout of SQLite was before writes learnt to wait.
const defaultPatience = 10 * time.Second

// SetWaiting sets how the writes of this store wait for another process,
// unless their context says otherwise (WithWaiting). The command line
// waits as long as it takes and prints a line; the window waits briefly on
// its own goroutine and moves longer waits off it.
func (s *Store) SetWaiting(w Waiting) {
	s.waitMu.Lock()
	defer s.waitMu.Unlock()
	s.waiting = &w
}

type waitingKey struct{}

// WithWaiting makes the writes run with ctx wait as w says, whatever the
// store's own setting.
func WithWaiting(ctx context.Context, w Waiting) context.Context {
	return context.WithValue(ctx, waitingKey{}, w)
}

func (s *Store) waitingFor(ctx context.Context) Waiting {
	if w, ok := ctx.Value(waitingKey{}).(Waiting); ok {
		return w
	}
	s.waitMu.Lock()
	defer s.waitMu.Unlock()
	if s.waiting != nil {
		return *s.waiting
	}
	return Waiting{Patience: defaultPatience}
}

// begin starts an immediate transaction, which takes the write lock before
// anything is read, so that what the transaction decides from its reads
// still holds when it writes. While another process holds the lock it
// tries again, says so once after NoteAfter, and gives up with ErrBusy
// when its patience runs out or ctx is done.
func (s *Store) begin(ctx context.Context) (*sql.Tx, error) {
	w := s.waitingFor(ctx)
	start := time.Now()
	noted := false
	var over func()
	defer func() {
		if over != nil {
			over()
		}
	}()
	for {
		if err := ctx.Err(); err != nil {
			return nil, &WriteError{Path: s.path, Kind: ErrBusy, Err: err}
		}
		tx, err := s.w.BeginTx(ctx, nil)
		if err == nil {
			return tx, nil
		}
		if ctx.Err() != nil {
			return nil, &WriteError{Path: s.path, Kind: ErrBusy, Err: ctx.Err()}
		}
		if !isBusy(err) {
			return nil, s.typed(err)
		}
		waited := time.Since(start)
		if w.Patience > 0 && waited >= w.Patience {
			return nil, &WriteError{Path: s.path, Kind: ErrBusy, Err: err}
		}
		if !noted && waited >= NoteAfter && w.Note != nil {
			noted = true
			over = w.Note()
		}
	}
}

// Why a write did not happen. With ErrReadOnly and ErrCorrupt (see
// errors.go) they are the Kind of a WriteError.
var (
	ErrBusy     = errors.New("another Atelier is writing to this file")
	ErrDiskFull = errors.New("the disk is full")
	ErrIO       = errors.New("the file could not be read or written")
)

// WriteError is a write that did not happen: nothing of it was saved. Kind
// says why in a way the interface can word (ErrBusy, ErrReadOnly,
// ErrDiskFull, ErrCorrupt or ErrIO); Err is what SQLite or the context
// said, for the log.
type WriteError struct {
	Path string
	Kind error
	Err  error
}

func (e *WriteError) Error() string {
	return fmt.Sprintf("%s: nothing was saved: %v", e.Path, e.Kind)
}

// Unwrap gives both the kind and the cause, so that errors.Is finds
// ErrBusy as well as context.Canceled.
func (e *WriteError) Unwrap() []error { return []error{e.Kind, e.Err} }

// Primary result codes of SQLite (https://sqlite.org/rescode.html); the
// extended codes keep them in their low byte.
const (
	sqliteCorrupt  = 11
	sqliteBusy     = 5
	sqliteLocked   = 6
	sqliteReadOnly = 8
	sqliteIOErr    = 10
	sqliteFull     = 13
	sqliteCantOpen = 14
	sqliteNotADB   = 26
)

func sqliteCode(err error) (int, bool) {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return 0, false
	}
	return se.Code() & 0xff, true
}

func isBusy(err error) bool {
	code, ok := sqliteCode(err)
	return ok && (code == sqliteBusy || code == sqliteLocked)
}

// typed turns what SQLite says about the file (locked, read-only, full,
// failing) into a WriteError; any other error (a refused value, a record
// not found) is returned as it is.
func (s *Store) typed(err error) error {
	code, ok := sqliteCode(err)
	if !ok {
		return err
	}
	kind := map[int]error{sqliteBusy: ErrBusy, sqliteLocked: ErrBusy, sqliteReadOnly: ErrReadOnly,
		sqliteFull: ErrDiskFull, sqliteIOErr: ErrIO, sqliteCantOpen: ErrIO, sqliteCorrupt: ErrCorrupt,
		sqliteNotADB: ErrCorrupt}[code]
	if kind == nil {
		return err
	}
	return &WriteError{Path: s.path, Kind: kind, Err: err}
}
