package data

import (
	"context"
	"database/sql"
	"testing"
	"time"
)

// The two transactions of a paired read see one moment of the file while
// another process changes it, round after round, in transactions of its
// own: what each transaction reads of the file agrees every time, and the
// reads that could not have their pair (the other process held the lock)
// still read.
func TestPairedReadsSeeOneMomentWhileAnotherProcessCommits(t *testing.T) {
	c := newVerdictCase(t)
	other := startChanger(t, c.st.Path(), c.w.ID)
	stop, stopped := make(chan struct{}), make(chan error, 1)
	go func() {
		for range 300 {
			select {
			case <-stop:
				stopped <- nil
				return
			default:
			}
			if err := other.change(); err != nil {
				stopped <- err
				return
			}
		}
		stopped <- nil
	}()
	// Every transaction of a round changes one of these.
	fingerprint := func(q querier) (s string, err error) {
		err = q.QueryRow(`SELECT (SELECT title FROM workshops WHERE id = ?) || ' / ' ||
			(SELECT count(*) FROM sessions) || ' / ' || (SELECT count(*) FROM participants) || ' / ' ||
			(SELECT count(*) FROM attendance) || ' / ' || (SELECT count(*) FROM trainers) || ' / ' ||
			(SELECT count(*) FROM organisations) || ' / ' || (SELECT count(*) FROM certificates)`, c.w.ID).Scan(&s)
		return s, err
	}
	paired, alone, seen := 0, 0, map[string]bool{}
	deadline := time.Now().Add(20 * time.Second)
	for reads := 0; reads < 50000 && len(seen) < 60 && time.Now().Before(deadline); reads++ {
		err := c.st.readPaired(context.Background(), func(q querier) error {
			first, err := fingerprint(q)
			if err != nil {
				return err
			}
			second, err := fingerprint(beside(q))
			if err != nil {
				return err
			}
			if first != second {
				t.Errorf("read %d: the first transaction read %q, the second %q", reads, first, second)
			}
			if beside(q) != q {
				paired++
			} else {
				alone++
			}
			seen[first] = true
			return nil
		})
		mustNoErr(t, err)
	}
	close(stop)
	mustNoErr(t, <-stopped)
	t.Logf("%d paired reads, %d alone, %d moments seen", paired, alone, len(seen))
	if paired == 0 {
		t.Error("no read was paired: the pairing was never tried")
	}
	if len(seen) < 60 {
		t.Errorf("the reads saw only %d moments of the file: the other process did not commit between them", len(seen))
	}
}

// While this process writes (an import holds the writer connection), a
// paired read does not wait for it: it reads alone, at once.
func TestPairedReadDoesNotWaitForThisProcesssWrite(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	addParticipant(t, st, w, "Ada", "Obi", StatusConfirmed)
	writing, done := make(chan struct{}), make(chan struct{})
	go func() {
		st.write(context.Background(), func(tx *sql.Tx) error {
			close(writing)
			<-done
			return nil
		})
	}()
	<-writing
	defer close(done)
	var n int
	var pairedDuringWrite bool
	mustNoErr(t, st.readPaired(context.Background(), func(q querier) error {
		pairedDuringWrite = beside(q) != q
		return q.QueryRow(`SELECT count(*) FROM participants`).Scan(&n)
	}))
	if pairedDuringWrite || n != 1 {
		t.Errorf("during a write: paired %v, %d participants; want a read alone of 1", pairedDuringWrite, n)
	}
}
