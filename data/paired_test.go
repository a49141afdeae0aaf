package data

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"
)

// TestHelperPairedAdder adds one participant per transaction to a file,
// as fast as it can, until its stdin closes or it has added 5,000.
func TestHelperPairedAdder(t *testing.T) {
	path := os.Getenv("ATELIER_PAIRED_DB")
	if path == "" {
		t.Skip("runs only as a child process")
	}
	workshopID, _ := strconv.ParseInt(os.Getenv("ATELIER_PAIRED_WORKSHOP"), 10, 64)
	st, err := Open(path, OpenExisting)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	defer st.Close()
	stop := make(chan struct{})
	go func() {
		bufio.NewScanner(os.Stdin).Scan()
		close(stop)
	}()
	for i := range 5000 {
		select {
		case <-stop:
			return
		default:
		}
		p := Participant{WorkshopID: workshopID, GivenName: "Added", FamilyName: fmt.Sprintf("Number %d", i),
			Country: "GH", Status: StatusConfirmed}
		if err := st.SaveParticipant(&p); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		if i == 0 {
			fmt.Println("adding")
		}
	}
}

// The two transactions of a paired read see one moment of the file while
// another process commits as fast as it can: the participants counted
// through each agree every time, and the reads that could not have their
// pair (the other process held the lock) still read.
func TestPairedReadsSeeOneMomentWhileAnotherProcessCommits(t *testing.T) {
	st, path := openTemp(t)
	w := addWorkshop(t, st)
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperPairedAdder$", "-test.count=1")
	cmd.Env = append(os.Environ(), "ATELIER_PAIRED_DB="+path, fmt.Sprintf("ATELIER_PAIRED_WORKSHOP=%d", w.ID))
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	mustNoErr(t, err)
	stdout, err := cmd.StdoutPipe()
	mustNoErr(t, err)
	mustNoErr(t, cmd.Start())
	defer func() {
		stdin.Close()
		if err := cmd.Wait(); err != nil {
			t.Errorf("the adding process: %v", err)
		}
	}()
	said := bufio.NewScanner(stdout)
	if !said.Scan() || said.Text() != "adding" {
		t.Fatalf("the adding process said %q", said.Text())
	}

	count := func(q querier) (n int, err error) {
		err = q.QueryRow(`SELECT count(*) FROM participants WHERE workshop_id = ?`, w.ID).Scan(&n)
		return n, err
	}
	paired, alone, seen := 0, 0, map[int]bool{}
	deadline := time.Now().Add(10 * time.Second)
	for reads := 0; reads < 20000 && len(seen) < 40 && time.Now().Before(deadline); reads++ {
		err := st.readPaired(context.Background(), func(q querier) error {
			first, err := count(q)
			if err != nil {
				return err
			}
			second, err := count(beside(q))
			if err != nil {
				return err
			}
			if first != second {
				t.Errorf("read %d: %d participants through the first transaction, %d through the second", reads, first, second)
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
	t.Logf("%d paired reads, %d alone, %d moments seen", paired, alone, len(seen))
	if paired == 0 {
		t.Error("no read was paired: the pairing was never tried")
	}
	if len(seen) < 40 {
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
