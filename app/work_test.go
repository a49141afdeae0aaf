package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"github.com/atelier-workshops/atelier/data"
)

// anotherFile is a closed Atelier file with one workshop, to open.
func anotherFile(t *testing.T) string {
	t.Helper()
	other := tempStore(t)
	saveWorkshop(t, other, data.Workshop{Title: "Museum education", City: "Accra", Country: "GH",
		StartDate: data.NewDate(2025, 3, 10), EndDate: data.NewDate(2025, 3, 14)})
	if err := other.Close(); err != nil {
		t.Fatal(err)
	}
	return other.Path()
}

// File › Open while the workbook is being written waits for it: the file
// stays open under the export, a notice says what is waited for, and the
// other file opens once the workbook is written, whole.
func TestOpeningAFileWaitsForTheExportRunning(t *testing.T) {
	useLanguage(t, "en")
	st, lagos := participantsWorkshop(t)
	c, q := openWindow(t, st)
	otherPath := anotherFile(t)
	book := filepath.Join(t.TempDir(), "workbook.xlsx")
	var exported error
	finished := false
	c.exportWorkbook(lagos.ID, false, book, func(err error) { exported, finished = err, true })

	// The export's end comes back through the UI queue, which this test
	// has not run yet: to the window, it is still running.
	if c.openPath(otherPath, data.OpenExisting) {
		t.Fatal("another file was opened while the export ran")
	}
	if c.st != st {
		t.Fatal("the store was switched under the export")
	}
	notice := topDialog(c)
	if notice == nil || !hasText(notice, "“Workbook for the secretariat” is not finished yet.") {
		t.Fatalf("no notice says what is waited for: %q", visibleTexts(notice))
	}
	if !q.runUntil(60*time.Second, func() bool { return finished && c.st.Path() == otherPath }) {
		t.Fatalf("the other file was not opened after the export (finished %v, open %s)", finished, c.st.Path())
	}
	if exported != nil {
		t.Fatalf("the export failed: %v", exported)
	}
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	defer f.Close()
	if rows, err := f.GetRows("Participants"); err != nil || len(rows) < 5 {
		t.Errorf("the workbook's participants: %d rows (%v)", len(rows), err)
	}
	if _, err := st.Workshops(); err == nil {
		t.Error("the first file is still open")
	}
	if !strings.Contains(c.win.Title(), filepath.Base(otherPath)) || len(c.screen.items) != 1 {
		t.Errorf("title %q, %d workshops listed", c.win.Title(), len(c.screen.items))
	}
}

// classroomWithAQualifier is a file with the classroom workshop, whose
// first participant attended every session: issuing has work to do.
func classroomWithAQualifier(t *testing.T) (*data.Store, data.Workshop) {
	t.Helper()
	st := tempStore(t)
	w, ss, ps := classroom(t, st)
	for _, s := range ss {
		if err := st.SetMark(&data.Attendance{ParticipantID: ps[0].ID, SessionID: s.ID, Mark: data.Present}); err != nil {
			t.Fatal(err)
		}
	}
	return st, w
}

// Called off while waiting, the other file is not opened at all; issuing
// certificates goes on and ends in the file it began in.
func TestCancelledWaitKeepsTheFileOpen(t *testing.T) {
	st, w := classroomWithAQualifier(t)
	c, q := openAt(t, "en", st, w.ID)
	otherPath := anotherFile(t)
	v := certificatesOf(t, c)
	ended := countOf[workEnded](c)
	v.issueTo(filepath.Join(t.TempDir(), "lagos.pdf"))
	if c.openPath(otherPath, data.OpenExisting) {
		t.Fatal("another file was opened while certificates were issued")
	}
	test.Tap(findButton(topDialog(c), "Cancel"))
	if !q.runUntil(60*time.Second, func() bool { return countOf[workEnded](c) > ended }) {
		t.Fatal("issuing did not finish")
	}
	if err := lastOf[workEnded](c).err; err != nil {
		t.Fatalf("issuing failed: %v", err)
	}
	if c.st != st {
		t.Fatal("the other file was opened although the wait was called off")
	}
	if register, err := st.Certificates(w.ID); err != nil || len(register) == 0 {
		t.Errorf("%d certificates in the register (%v)", len(register), err)
	}
	if _, err := os.Stat(otherPath); err != nil {
		t.Error(err)
	}
}

// Quit while certificates are being issued waits for them: the register
// and the PDF are whole, and Atelier closes once they are written. Called
// off, Atelier stays open.
func TestQuitWaitsForCertificatesBeingIssued(t *testing.T) {
	st, w := classroomWithAQualifier(t)
	c, q := openAt(t, "en", st, w.ID)
	v := certificatesOf(t, c)
	ended := countOf[workEnded](c)
	pdf := filepath.Join(t.TempDir(), "lagos.pdf")
	v.issueTo(pdf)
	c.quitAfterWork()
	if c.closed {
		t.Fatal("Quit closed the file under the certificates being issued")
	}
	notice := topDialog(c)
	if notice == nil || !hasText(notice, "Atelier closes as soon as it is.") {
		t.Fatalf("no notice says Atelier closes once the work is done: %q", visibleTexts(notice))
	}
	test.Tap(findButton(notice, "Cancel"))
	c.quitAfterWork()
	if !q.runUntil(60*time.Second, func() bool { return countOf[workEnded](c) > ended && c.closed }) {
		t.Fatalf("Atelier did not close after the certificates (ended %v, closed %v)", countOf[workEnded](c) > ended, c.closed)
	}
	if err := lastOf[workEnded](c).err; err != nil {
		t.Fatalf("issuing failed: %v", err)
	}
	if _, err := st.Workshops(); err == nil {
		t.Error("the file is still open after Quit")
	}
	reopened := reopen(t, st.Path())
	if register, err := reopened.Certificates(w.ID); err != nil || len(register) == 0 {
		t.Errorf("%d certificates in the register (%v)", len(register), err)
	}
	if info, err := os.Stat(pdf); err != nil || info.Size() == 0 {
		t.Errorf("the certificates' PDF: %v", err)
	}
}

// Quit with nothing running closes at once.
func TestQuitWithNothingRunningClosesAtOnce(t *testing.T) {
	st := tempStore(t)
	c, _ := openWindow(t, st)
	c.quitAfterWork()
	if !c.closed {
		t.Fatal("Quit did not close Atelier")
	}
}
