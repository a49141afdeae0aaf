package data

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/atelier-workshops/atelier/data/datatest"
)

func TestHelperLockHolder(t *testing.T) { datatest.LockHolder(t) }

// holdWriteLock starts another process that holds the write lock of path
// for d, having run sql in its transaction; done waits for it to end.
func holdWriteLock(t *testing.T, path string, d time.Duration, sql ...string) (done func()) {
	t.Helper()
	wait := datatest.HoldWriteLock(t, path, d, sql...)
	return func() {
		if err := wait(); err != nil {
			t.Errorf("the other process: %v", err)
		}
	}
}

// A write started while another process writes waits for it, says so
// once after a second, and then is saved.
func TestAWriteWaitsForAnotherProcess(t *testing.T) {
	st, path := openTemp(t)
	w := addWorkshop(t, st)
	p := addParticipant(t, st, w, "Adaeze", "Okafor", StatusConfirmed)
	s := addSession(t, st, w, 0, 9, 10, "Opening")
	var notes, overs atomic.Int32
	var notedAfter time.Duration
	start := time.Now()
	st.SetWaiting(Waiting{Note: func() func() {
		notes.Add(1)
		notedAfter = time.Since(start)
		return func() { overs.Add(1) }
	}})
	const hold = 2500 * time.Millisecond
	done := holdWriteLock(t, path, hold, `INSERT INTO settings(key, value) VALUES ('held by', 'the other process')`)
	start = time.Now()
	a := Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Present}
	if err := st.SetMark(&a); err != nil {
		t.Fatalf("the mark was not saved: %v", err)
	}
	waited := time.Since(start)
	done()
	if got, err := st.Mark(p.ID, s.ID); err != nil || got.Mark != Present {
		t.Fatalf("the mark reads back as %v (%v)", got.Mark, err)
	}
	if held, _, _ := st.Setting("held by"); held != "the other process" {
		t.Errorf("the other process's write is gone: %q", held)
	}
	if waited < hold-500*time.Millisecond || notes.Load() != 1 || overs.Load() != 1 {
		t.Fatalf("waited %s; noted %d times, over %d times", waited, notes.Load(), overs.Load())
	}
	if notedAfter < NoteAfter || notedAfter > NoteAfter+time.Second {
		t.Errorf("the note came after %s, want about %s", notedAfter, NoteAfter)
	}
}

// A wait its caller gives up on, or that runs out of patience, ends in
// ErrBusy, worded by the interface, with nothing saved.
func TestAWaitGivenUpIsErrBusy(t *testing.T) {
	st, path := openTemp(t)
	w := addWorkshop(t, st)
	p := addParticipant(t, st, w, "Adaeze", "Okafor", StatusConfirmed)
	s := addSession(t, st, w, 0, 9, 10, "Opening")
	holdWriteLock(t, path, 10*time.Second)

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	start := time.Now()
	err := st.SetMarkContext(ctx, &Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Present})
	var we *WriteError
	if !errors.Is(err, ErrBusy) || !errors.Is(err, context.Canceled) || !errors.As(err, &we) || we.Path != st.Path() {
		t.Fatalf("cancelled wait: %v", err)
	}
	if waited := time.Since(start); waited > time.Second {
		t.Errorf("a cancel took %s to stop the wait", waited)
	}
	if strings.Contains(err.Error(), "SQLITE") || strings.Contains(err.Error(), "(5)") {
		t.Errorf("raw SQLite text in %q", err)
	}

	st.SetWaiting(Waiting{Patience: 400 * time.Millisecond})
	w.Title = "Changed while locked"
	if err := st.SaveWorkshop(&w); !errors.Is(err, ErrBusy) {
		t.Fatalf("past its patience: %v", err)
	}
	if got, _ := st.Workshop(w.ID); got.Title == w.Title {
		t.Error("a write that gave up was saved")
	}
}

// A full disk is said as such, and the file stays whole.
func TestAFullDiskIsErrDiskFull(t *testing.T) {
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small file system here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	path := filepath.Join(dir, "atelier.db")
	st, err := Open(path, OpenOrCreate)
	mustNoErr(t, err)
	defer st.Close()
	w := addWorkshop(t, st)
	// Fill what is left of the disk.
	filler, err := os.Create(filepath.Join(dir, "filler"))
	mustNoErr(t, err)
	chunk := make([]byte, 4096)
	for {
		if _, err := filler.Write(chunk); err != nil {
			break
		}
	}
	filler.Close()
	var ps []*Participant
	for i := range 300 {
		ps = append(ps, &Participant{WorkshopID: w.ID, GivenName: strings.Repeat("Ọ", 60), FamilyName: fmt.Sprint(i)})
	}
	err = st.SaveParticipants(ps)
	if !errors.Is(err, ErrDiskFull) {
		t.Fatalf("a write onto a full disk: %v", err)
	}
	mustNoErr(t, os.Remove(filepath.Join(dir, "filler")))
	checkIntegrity(t, st)
	if got, err := st.Participants(w.ID, ParticipantFilter{}); err != nil || len(got) != 0 {
		t.Fatalf("%d participants after the failed write (%v)", len(got), err)
	}
}
