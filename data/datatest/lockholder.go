// Package datatest plays, for the tests of several packages, another
// Atelier process writing to the same file, and a folder that cannot be
// written (ReadOnlyFolder). Each package's tests define
//
//	func TestHelperLockHolder(t *testing.T) { datatest.LockHolder(t) }
//
// and HoldWriteLock starts their test binary again to run it.
package datatest

import (
	"bufio"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the driver Atelier itself uses
)

// LockHolder is the child process: it takes the write lock of
// ATELIER_HOLD_DB, runs the statements of ATELIER_HOLD_SQL in its
// transaction, says "locked", and commits ATELIER_HOLD_FOR later, or as
// soon as its stdin ends when ATELIER_HOLD_UNTIL_RELEASED is set. Run by
// the tests themselves, it skips.
func LockHolder(t *testing.T) {
	path := os.Getenv("ATELIER_HOLD_DB")
	if path == "" {
		t.Skip("runs only as a child process")
	}
	fail := func(err error) {
		fmt.Println("error", err)
		os.Exit(2)
	}
	hold, err := time.ParseDuration(os.Getenv("ATELIER_HOLD_FOR"))
	if err != nil {
		fail(err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_txlock=immediate&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)")
	if err != nil {
		fail(err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		fail(err)
	}
	if statements := os.Getenv("ATELIER_HOLD_SQL"); statements != "" {
		if _, err := tx.Exec(statements); err != nil {
			fail(err)
		}
	}
	fmt.Println("locked")
	released := make(chan struct{})
	if os.Getenv("ATELIER_HOLD_UNTIL_RELEASED") != "" {
		go func() {
			bufio.NewReader(os.Stdin).ReadString('\n')
			close(released)
		}()
	}
	select {
	case <-time.After(hold):
	case <-released:
	}
	if err := tx.Commit(); err != nil {
		fail(err)
	}
}

// HoldWriteLock starts another process that holds the write lock of path
// for d, having run statements in its transaction, and returns once it
// holds it; wait waits for it to commit and end.
func HoldWriteLock(t testing.TB, path string, d time.Duration, statements ...string) (wait func() error) {
	t.Helper()
	_, wait = holdWriteLock(t, path, d, false, statements)
	return wait
}

// HoldWriteLockUntilReleased is HoldWriteLock until release is called, or
// for d at the most: a test that needs others to be waiting for the lock
// before it is let go (whatever the machine's load) releases it then.
func HoldWriteLockUntilReleased(t testing.TB, path string, d time.Duration, statements ...string) (release func(), wait func() error) {
	t.Helper()
	return holdWriteLock(t, path, d, true, statements)
}

func holdWriteLock(t testing.TB, path string, d time.Duration, untilReleased bool, statements []string) (release func(), wait func() error) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperLockHolder$", "-test.count=1")
	cmd.Env = append(os.Environ(), "ATELIER_HOLD_DB="+path, "ATELIER_HOLD_FOR="+d.String(),
		"ATELIER_HOLD_SQL="+strings.Join(statements, ";\n"))
	release = func() {}
	if untilReleased {
		cmd.Env = append(cmd.Env, "ATELIER_HOLD_UNTIL_RELEASED=1")
		in, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		release = func() { in.Close() }
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || line != "locked\n" {
		t.Fatalf("the other process did not take the write lock: %q %v", line, err)
	}
	return release, cmd.Wait
}
