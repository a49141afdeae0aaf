package app

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/datatest"
	"github.com/atelier-workshops/atelier/data/importer"
)

// TestHelperImportChild is another Atelier importing a registration list:
// the tests below start the test binary again to run it in a process of
// its own.
func TestHelperImportChild(t *testing.T) {
	db := os.Getenv("ATELIER_IMPORT_DB")
	if db == "" {
		t.Skip("runs only as a child process")
	}
	fail := func(err error) {
		fmt.Println("error", err)
		os.Exit(2)
	}
	st, err := data.Open(db, data.OpenExisting)
	if err != nil {
		fail(err)
	}
	defer st.Close()
	wb, err := importer.Open(os.Getenv("ATELIER_IMPORT_LIST"))
	if err != nil {
		fail(err)
	}
	rows, err := wb.Rows(wb.Sheets[0])
	if err != nil {
		fail(err)
	}
	var workshop int64
	fmt.Sscan(os.Getenv("ATELIER_IMPORT_WORKSHOP"), &workshop)
	p, err := importer.Prepare(st, workshop, rows, importer.Options{})
	if err != nil {
		fail(err)
	}
	fmt.Println("prepared", len(p.Ready))
	res, err := p.Import(context.Background(), st)
	if err != nil {
		fail(err)
	}
	fmt.Println("imported", res.Imported)
}

func TestHelperLockHolder(t *testing.T) { datatest.LockHolder(t) }

// lockHeld waits until another process holds the write lock of path.
func lockHeld(t *testing.T, path string) {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		if _, err := conn.Exec(`BEGIN IMMEDIATE`); err != nil {
			return // busy: the other process writes
		}
		conn.Exec(`ROLLBACK`)
	}
	t.Fatal("the other process never started writing")
}

// A mark saved from the Attendance tab while another process imports
// thousands of rows waits for the import off the UI goroutine, and is then
// saved and shown; the import is whole.
func TestAMarkSavedWhileAnotherProcessImportsIsSaved(t *testing.T) {
	st, w, ss, ps, c, v := classroomAttendance(t)
	q := queueOf(c)
	pickSession(v, 0)

	// Long enough for the import to hold the lock for seconds.
	rows := 60000
	if raceDetector {
		rows = 3000
	}
	list := filepath.Join(t.TempDir(), "applicants.csv")
	var csv strings.Builder
	csv.WriteString("Family name,First name,Email,Country\n")
	for i := range rows {
		fmt.Fprintf(&csv, "Okafor %d,Adaeze,applicant%d@example.org,Nigeria\n", i, i)
	}
	if err := os.WriteFile(list, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	child := exec.Command(os.Args[0], "-test.run=^TestHelperImportChild$", "-test.count=1")
	child.Env = append(os.Environ(), "ATELIER_IMPORT_DB="+st.Path(), "ATELIER_IMPORT_LIST="+list,
		fmt.Sprintf("ATELIER_IMPORT_WORKSHOP=%d", w.ID))
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { child.Process.Kill(); child.Wait() })
	lines := bufio.NewScanner(out)
	if !lines.Scan() || lines.Text() != fmt.Sprintf("prepared %d", rows) {
		t.Fatalf("the import did not get ready: %q", lines.Text())
	}
	lockHeld(t, st.Path())

	start := time.Now()
	v.setMark(0, data.Present)
	if held := time.Since(start); held > 500*time.Millisecond {
		t.Errorf("the UI goroutine was held %s", held)
	}
	if len(c.saves.waiting) != 1 {
		t.Fatal("the mark did not wait for the import: the import was over before it was made")
	}
	if !q.runUntil(2*time.Minute, func() bool { return len(c.saves.waiting) == 0 }) {
		t.Fatal("the mark was never saved")
	}
	if got := marksOf(t, st, ss[0].ID)[ps[0].ID].Mark; got != data.Present || v.marks[ps[0].ID].Mark != data.Present {
		t.Fatalf("the file holds %q, the tab shows %q", got, v.marks[ps[0].ID].Mark)
	}
	if !lines.Scan() || lines.Text() != fmt.Sprintf("imported %d", rows) {
		t.Fatalf("the import said %q", lines.Text())
	}
	if all, _ := st.Participants(w.ID, data.ParticipantFilter{}); len(all) != rows+len(ps)+1 {
		t.Fatalf("%d participants after the import", len(all))
	}
	t.Logf("the mark waited %s for the import", time.Since(start))
}

// While another process writes for long, the save shows a note that says
// so, and its Cancel gives the save up: nothing is saved, and the next
// mark, made once the file is free, is saved at once.
func TestTheWaitingNoteSaysItAndCancels(t *testing.T) {
	st, _, ss, ps, c, v := classroomAttendance(t)
	q := queueOf(c)
	pickSession(v, 0)

	holder := datatest.HoldWriteLock(t, st.Path(), 2500*time.Millisecond)

	v.setMark(0, data.Present)
	v.setMark(1, data.Late) // after the first, in the same queue
	if len(c.saves.waiting) != 2 {
		t.Fatalf("%d saves waiting", len(c.saves.waiting))
	}
	noteShown := func() bool {
		return countOf[waitNote](c) > 0 && hasText(topDialog(c), "Another Atelier is writing to this file; waiting…")
	}
	if !q.runUntil(3*time.Second, noteShown) {
		t.Fatal("no note while waiting")
	}
	test.Tap(findButton(topDialog(c), "Cancel"))
	if !q.runUntil(2*time.Second, func() bool { return len(c.saves.waiting) == 0 }) {
		t.Fatal("the cancel did not end the wait")
	}
	if topDialog(c) != nil {
		t.Error("the note is still shown")
	}
	if got := marksOf(t, st, ss[0].ID); len(got) != 0 {
		t.Fatalf("cancelled marks were saved: %v", got)
	}
	if _, ok := v.marks[ps[0].ID]; ok {
		t.Error("the tab shows a mark that was not saved")
	}
	if err := holder(); err != nil {
		t.Fatal(err)
	}
	v.setMark(2, data.Absent)
	if got := marksOf(t, st, ss[0].ID)[ps[2].ID].Mark; got != data.Absent || len(c.saves.waiting) != 0 {
		t.Errorf("with the file free the mark is %q, %d waiting", got, len(c.saves.waiting))
	}
}

// Issuing from the Certificates tab while another process writes waits
// under the note; Cancel there, or on the tab while printing, leaves the
// register and the folder as they were, and says so.
func TestIssuingCancelledEntersNothing(t *testing.T) {
	st, res := demoStore(t)
	c, q := openAt(t, "en", st, res.Lagos)
	v := certificatesOf(t, c)
	dir := t.TempDir()
	ended := countOf[workEnded](c)
	// cancelled waits up to wait for the issue to end, then checks that the
	// window says said and that nothing was entered in the register.
	cancelled := func(wait time.Duration, said string) {
		t.Helper()
		if !q.runUntil(wait, func() bool { return countOf[workEnded](c) > ended }) {
			t.Fatal("the cancelled issue did not end")
		}
		if top := topDialog(c); !hasText(top, said) {
			t.Errorf("the cancel is not said: %q", visibleTexts(top))
		}
		if register, _ := st.Certificates(res.Lagos); len(register) != 0 {
			t.Errorf("%d certificates entered by a cancelled issue", len(register))
		}
	}

	// Cancelled while printing.
	v.each.SetChecked(true)
	v.issueTo(filepath.Join(dir, "lagos.pdf"))
	test.Tap(v.cancel)
	cancelled(20*time.Second, "Printing was cancelled: no file was written, and nothing was entered in the register.")
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
	notes := countOf[waitNote](c)
	topDialog(c).Hide()

	// Waiting for another process, given up on the note.
	datatest.HoldWriteLock(t, st.Path(), 2500*time.Millisecond)
	ended = countOf[workEnded](c)
	v.issueTo(filepath.Join(dir, "lagos.pdf"))
	if !q.runUntil(3*time.Second, func() bool { return countOf[waitNote](c) > notes && hasText(topDialog(c), "waiting…") }) {
		t.Fatal("no note while waiting")
	}
	test.Tap(findButton(topDialog(c), "Cancel"))
	cancelled(3*time.Second, "nothing was entered in the register")
}
