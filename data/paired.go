package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"time"
)

// pairedRead is a read transaction with a second one that sees the same
// moment of the file, on another connection. A large read (a workshop's
// marks) goes on in the second while the rest of the read goes on in the
// first: SQLite steps one statement at a time on a connection, so this is
// the only way to use a second core without reading two moments.
type pairedRead struct {
	*sql.Tx
	second *sql.Tx
}

// beside is the transaction to read through alongside q: the paired one
// when q has one, else q itself (then the caller reads one after the other).
func beside(q querier) querier {
	if p, ok := q.(pairedRead); ok {
		return p.second
	}
	return q
}

// gateWait is how long a paired read waits for a second connection, or for
// this process's writer connection, before it settles for one
// transaction: other reads, an import or a save may hold them, and the
// read is not worth delaying for its speed-up.
const gateWait = 5 * time.Millisecond

// readPaired runs fn like read, but through a pairedRead when it can.
//
// Two read transactions see one moment when both take their snapshot
// while no one can commit, so they take it while holding the file's write
// lock for the instant that takes (well under a millisecond). When the
// lock is not free at once (another process or this one is writing), or
// the store is read-only, fn gets one plain transaction instead: one
// moment matters, the speed-up does not.
func (s *Store) readPaired(ctx context.Context, fn func(q querier) error) error {
	first, second, release, err := s.beginPair(ctx)
	if err != nil {
		return err
	}
	defer release()
	if second == nil {
		return fn(first)
	}
	return fn(pairedRead{first, second})
}

// beginPair begins the two read transactions at one moment, or only the
// first when a second connection or the write lock cannot be had at once.
// Both transactions hold their connection before the lock is taken, so
// that no one waits on the lock while a connection is found. release ends
// the transactions and gives their connections back.
func (s *Store) beginPair(ctx context.Context) (first, second *sql.Tx, release func(), err error) {
	if first, err = s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true}); err != nil {
		return nil, nil, nil, err
	}
	alone := func() (*sql.Tx, *sql.Tx, func(), error) {
		return first, nil, func() { first.Rollback() }, nil
	}
	if s.readOnly {
		return alone()
	}
	conn, err := connAtOnce(ctx, s.r) // the pool may be taken by other reads
	if err != nil {
		return alone()
	}
	if second, err = conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: true}); err != nil {
		conn.Close()
		return alone()
	}
	both := func() {
		first.Rollback()
		second.Rollback()
		conn.Close()
	}
	gate, err := connAtOnce(ctx, s.w)
	if err != nil || takeWriteLockAtOnce(gate) != nil { // someone is writing: one transaction will do
		if gate != nil {
			gate.Close()
		}
		second.Rollback()
		conn.Close()
		return alone()
	}
	defer gate.Close()
	err = fixMoment(ctx, first)
	if err == nil {
		err = fixMoment(ctx, second)
	}
	// Not ctx: the lock must be let go of even when the read is cancelled.
	if _, rerr := gate.ExecContext(context.Background(), `ROLLBACK`); rerr != nil {
		gate.Raw(func(any) error { return driver.ErrBadConn }) // never reuse a connection that may still hold the lock
		if err == nil {
			err = rerr
		}
	}
	if err != nil {
		both()
		return nil, nil, nil, err
	}
	return first, second, both, nil
}

// connAtOnce takes a connection of db's pool if one is free or soon is.
func connAtOnce(ctx context.Context, db *sql.DB) (*sql.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, gateWait)
	defer cancel()
	return db.Conn(ctx)
}

// takeWriteLockAtOnce takes the write lock on gate without waiting: the busy
// timeout is set to nothing for the attempt and restored after it.
func takeWriteLockAtOnce(gate *sql.Conn) error {
	ctx := context.Background()
	if _, err := gate.ExecContext(ctx, `PRAGMA busy_timeout = 0`); err != nil {
		return err
	}
	_, err := gate.ExecContext(ctx, `BEGIN IMMEDIATE`)
	if _, rerr := gate.ExecContext(ctx, fmt.Sprintf(`PRAGMA busy_timeout = %d`, lockAttempt.Milliseconds())); rerr != nil && err == nil {
		gate.ExecContext(ctx, `ROLLBACK`)
		err = rerr
	}
	return err
}

// fixMoment reads once through tx, which is when SQLite fixes the moment
// a transaction sees.
func fixMoment(ctx context.Context, tx *sql.Tx) error {
	var n int
	return tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&n)
}
