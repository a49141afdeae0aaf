package data

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// markerDBEnv names the database a TestHelperMarker child marks attendance
// in; without it, TestHelperMarker is an ordinary test that does nothing.
const markerDBEnv = "ATELIER_MARKER_DB"

// TestHelperMarker is the child process of TestMarksSurviveSIGKILL: it
// marks every participant at every session of the file's only workshop,
// one SetMark at a time, and prints each mark once SetMark has returned.
func TestHelperMarker(t *testing.T) {
	path := os.Getenv(markerDBEnv)
	if path == "" {
		t.Skip("runs only as the child of TestMarksSurviveSIGKILL")
	}
	st, err := Open(path, OpenExisting)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	ws, err := st.Workshops()
	if err != nil || len(ws) != 1 {
		fmt.Fprintln(os.Stderr, "workshops:", ws, err)
		os.Exit(2)
	}
	ps, err := st.Participants(ws[0].ID, ParticipantFilter{})
	if err != nil {
		os.Exit(2)
	}
	ss, err := st.Sessions(ws[0].ID)
	if err != nil {
		os.Exit(2)
	}
	out := bufio.NewWriter(os.Stdout)
	for j, s := range ss {
		for i, p := range ps {
			a := Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Marks[(i+j)%len(Marks)], Note: fmt.Sprint("mark ", i, j)}
			if err := st.SetMark(&a); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(2)
			}
			// Unbuffered in effect: a line is out before the next mark starts.
			fmt.Fprintf(out, "%d %d %s\n", a.ParticipantID, a.SessionID, a.Mark)
			out.Flush()
		}
	}
	fmt.Fprintln(out, "done")
	out.Flush()
	os.Exit(0)
}

func TestMarksSurviveSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	st, path := openTemp(t)
	w := addWorkshop(t, st)
	// 6,000 marks: more than the child can write before the kill comes.
	for i := range 60 {
		addSession(t, st, w, i/12, 7+i%12, 8+i%12, fmt.Sprint("Session ", i+1))
	}
	for i := range 100 {
		addParticipant(t, st, w, fmt.Sprint("Ọláńrewájú ", i), "Àdìgún", StatusConfirmed)
	}
	mustNoErr(t, st.Close())

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperMarker$", "-test.count=1")
	cmd.Env = append(os.Environ(), markerDBEnv+"="+path)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	mustNoErr(t, err)
	mustNoErr(t, cmd.Start())

	// The kill comes at a random moment after marking has begun, most
	// likely while a mark is being written.
	lines := bufio.NewScanner(stdout)
	saved := map[[2]int64]Mark{}
	killAfter := time.Duration(20+rand.IntN(300)) * time.Millisecond
	var timer *time.Timer
	done := false
	for lines.Scan() {
		if timer == nil {
			timer = time.AfterFunc(killAfter, func() { cmd.Process.Signal(syscall.SIGKILL) })
		}
		var pid, sid int64
		var mark Mark
		if lines.Text() == "done" {
			done = true
			continue
		}
		if _, err := fmt.Sscanf(lines.Text(), "%d %d %s", &pid, &sid, &mark); err != nil {
			t.Fatalf("child said %q", lines.Text())
		}
		saved[[2]int64{pid, sid}] = mark
	}
	if timer != nil {
		timer.Stop()
	}
	err = cmd.Wait()
	if !done && err == nil {
		t.Fatal("child ended without finishing or being killed")
	}
	if len(saved) == 0 {
		t.Fatal("the child saved nothing before it was killed")
	}
	t.Logf("killed after %v: %d marks reported saved (finished: %v)", killAfter, len(saved), done)

	st, err = Open(path, OpenExisting)
	mustNoErr(t, err)
	defer st.Close()
	var check string
	mustNoErr(t, st.w.QueryRow(`PRAGMA integrity_check`).Scan(&check))
	if check != "ok" {
		t.Fatalf("integrity_check: %s", check)
	}
	for cell, mark := range saved {
		got, err := st.Mark(cell[0], cell[1])
		mustNoErr(t, err)
		if got.Mark != mark {
			t.Errorf("participant %d, session %d: %q after the kill, the child had saved %q", cell[0], cell[1], got.Mark, mark)
		}
	}
	var n int
	mustNoErr(t, st.r.QueryRow(`SELECT count(*) FROM attendance`).Scan(&n))
	// At most one mark may have been committed and not yet reported.
	if n != len(saved) && n != len(saved)+1 {
		t.Errorf("%d marks in the file, %d reported saved", n, len(saved))
	}
}
