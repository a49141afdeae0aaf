package data

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestHelperConcurrentMarker is not a test on its own: the tests below start the test
// binary again to run it in a process of its own, which marks attendance
// in a loop and prints each mark once SetMark has returned.
func TestHelperConcurrentMarker(t *testing.T) {
	path := os.Getenv("ATELIER_CONCURRENT_DB")
	if path == "" {
		t.Skip("runs only as a child process")
	}
	st, err := Open(path, OpenExisting)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	defer st.Close()
	var participants, sessions []int64
	for _, f := range strings.Fields(os.Getenv("ATELIER_CONCURRENT_PARTICIPANTS")) {
		id, _ := strconv.ParseInt(f, 10, 64)
		participants = append(participants, id)
	}
	for _, f := range strings.Fields(os.Getenv("ATELIER_CONCURRENT_SESSIONS")) {
		id, _ := strconv.ParseInt(f, 10, 64)
		sessions = append(sessions, id)
	}
	offset, _ := strconv.Atoi(os.Getenv("ATELIER_CONCURRENT_OFFSET"))
	until := time.Now().Add(10 * time.Second)
	if d, err := time.ParseDuration(os.Getenv("ATELIER_CONCURRENT_FOR")); err == nil {
		until = time.Now().Add(d)
	}
	out := bufio.NewWriter(os.Stdout)
	for i := offset; time.Now().Before(until); i++ {
		c := i % (len(participants) * len(sessions))
		a := Attendance{ParticipantID: participants[c/len(sessions)], SessionID: sessions[c%len(sessions)],
			Mark: Marks[i%len(Marks)], Note: fmt.Sprintf("%d", i)}
		if err := st.SetMark(&a); err != nil {
			fmt.Fprintln(out, "error", err)
			out.Flush()
			os.Exit(1)
		}
		fmt.Fprintf(out, "saved %d %d %s %d\n", a.ParticipantID, a.SessionID, a.Mark, i)
		out.Flush() // reported only after the commit returned
	}
}

type markerFixture struct {
	path         string
	participants string
	sessions     string
}

func newMarkerFixture(t *testing.T) markerFixture {
	t.Helper()
	path := filepath.Join(t.TempDir(), "shared.db")
	st, err := Open(path, OpenOrCreate)
	mustNoErr(t, err)
	w := addWorkshop(t, st)
	var f markerFixture
	f.path = path
	for i := range 6 {
		s := addSession(t, st, w, i/3, 9+i%3*2, 10+i%3*2, fmt.Sprintf("S%d", i))
		f.sessions += fmt.Sprintf("%d ", s.ID)
	}
	for i := range 20 {
		p := addParticipant(t, st, w, "P", strconv.Itoa(i), StatusConfirmed)
		f.participants += fmt.Sprintf("%d ", p.ID)
	}
	mustNoErr(t, st.Close())
	return f
}

func (f markerFixture) command(offset int, runFor time.Duration) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperConcurrentMarker$", "-test.count=1")
	cmd.Env = append(os.Environ(), "ATELIER_CONCURRENT_DB="+f.path, "ATELIER_CONCURRENT_PARTICIPANTS="+f.participants,
		"ATELIER_CONCURRENT_SESSIONS="+f.sessions, fmt.Sprintf("ATELIER_CONCURRENT_OFFSET=%d", offset),
		"ATELIER_CONCURRENT_FOR="+runFor.String())
	return cmd
}

// lastSaved reads a child's report: the running number of the last mark it
// saved in each cell (the number is also the mark's note).
func lastSaved(t *testing.T, output string) (last map[[2]int64]string, count int) {
	t.Helper()
	last = map[[2]int64]string{}
	for line := range strings.SplitSeq(output, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if f[0] == "PASS" || f[0] == "ok" {
			continue // the test framework's own last words
		}
		if f[0] != "saved" || len(f) != 5 {
			t.Fatalf("the child reported %q", line)
		}
		p, _ := strconv.ParseInt(f[1], 10, 64)
		s, _ := strconv.ParseInt(f[2], 10, 64)
		last[[2]int64{p, s}] = f[4]
		count++
	}
	return last, count
}

func checkIntegrity(t *testing.T, st *Store) {
	t.Helper()
	var result string
	mustNoErr(t, st.r.QueryRow(`PRAGMA integrity_check`).Scan(&result))
	if result != "ok" {
		t.Fatalf("integrity check: %s", result)
	}
}

// Two Atelier processes on one file (two windows, or a window and the
// command line) mark attendance at once: neither sees an error, and every
// mark either one saved is in the file.
func TestTwoProcessesMarkAtOnce(t *testing.T) {
	f := newMarkerFixture(t)
	runFor := 10 * time.Second
	if testing.Short() {
		runFor = 2 * time.Second
	}
	// The children start on different cells and overlap later, so they
	// also fight over the same rows.
	// Their running numbers, kept in each mark's note, never meet.
	a, b := f.command(0, runFor), f.command(120*1_000_000+60, runFor)
	var outA, outB strings.Builder
	a.Stdout, b.Stdout = &outA, &outB
	mustNoErr(t, a.Start())
	mustNoErr(t, b.Start())
	errA, errB := a.Wait(), b.Wait()
	if errA != nil || errB != nil {
		t.Fatalf("a child failed: %v %v\n%s\n%s", errA, errB, lastLines(outA.String()), lastLines(outB.String()))
	}
	st, err := Open(f.path, OpenExisting)
	mustNoErr(t, err)
	defer st.Close()
	checkIntegrity(t, st)
	savedA, countA := lastSaved(t, outA.String())
	savedB, countB := lastSaved(t, outB.String())
	if len(savedA) == 0 || len(savedB) == 0 {
		t.Fatal("a child saved nothing")
	}
	// A cell holds the last mark saved into it, which is the last one of
	// whichever child wrote to it last.
	cells := map[[2]int64]bool{}
	for cell := range savedA {
		cells[cell] = true
	}
	for cell := range savedB {
		cells[cell] = true
	}
	for cell := range cells {
		got, err := st.Mark(cell[0], cell[1])
		mustNoErr(t, err)
		if got.Note == "" || (got.Note != savedA[cell] && got.Note != savedB[cell]) {
			t.Fatalf("cell %v holds mark number %q; the children last saved %q / %q", cell, got.Note, savedA[cell], savedB[cell])
		}
	}
	t.Logf("two processes saved %d + %d marks in %d cells over %s with no error", countA, countB, len(cells), runFor)
}

func lastLines(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-3):], "\n")
}
