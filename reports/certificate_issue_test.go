package reports

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/atelier-workshops/atelier/data"
)

// registerSize counts the certificates of a workshop in the file.
func registerSize(t testing.TB, st *data.Store, workshopID int64) int {
	t.Helper()
	list, err := st.Certificates(workshopID)
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

// A PDF into a folder that does not exist cannot be printed, so nothing
// enters the register: no serial is given out for a certificate never
// printed.
func TestIssuingIntoAMissingFolderEntersNothing(t *testing.T) {
	st, res := demoStore(t)
	dir := t.TempDir()
	for _, each := range []bool{false, true} {
		out := filepath.Join(dir, "missing-folder", "c.pdf")
		_, _, err := IssueAndPrintCertificates(context.Background(), st, res.Lagos, data.IssueOptions{Trainers: true}, out, each, nil)
		var fe *FileError
		if !errors.As(err, &fe) || !errors.Is(err, fs.ErrNotExist) || fe.Path != out {
			t.Fatalf("each %v: %v, want the missing folder said", each, err)
		}
		if n := registerSize(t, st, res.Lagos); n != 0 {
			t.Fatalf("each %v: the register holds %d certificates after a failed printing", each, n)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Fatalf("each %v: left behind %v", each, entries)
		}
	}
}

// On a disk too small for the PDF, the register stays as it was, and so
// does the disk.
func TestIssuingOntoAFullDiskEntersNothing(t *testing.T) {
	dir := smallDisk(t)
	st, res := demoStore(t)
	for _, each := range []bool{false, true} {
		_, _, err := IssueAndPrintCertificates(context.Background(), st, res.Lagos, data.IssueOptions{}, filepath.Join(dir, "c.pdf"), each, nil)
		if !errors.Is(err, syscall.ENOSPC) {
			t.Fatalf("each %v: %v, want the disk said full", each, err)
		}
		if n := registerSize(t, st, res.Lagos); n != 0 {
			t.Fatalf("each %v: the register holds %d certificates after a failed printing", each, n)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Fatalf("each %v: left behind %v", each, entries)
		}
	}
}

// Printing into a folder that holds older files puts the new ones in
// place all at once: files for people no longer printed and the user's
// own files stay, older copies are replaced, nothing hidden is left.
func TestEachFilesReplaceTheOldOnesAndKeepTheRest(t *testing.T) {
	st, res := demoStore(t)
	dir := t.TempDir()
	pdf := filepath.Join(dir, "lagos.pdf")
	folder := filepath.Join(dir, "lagos")
	if err := os.MkdirAll(filepath.Join(folder, "kept folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"notes.txt": "mine", "LAG-2022-099 Someone Else.pdf": "old"} {
		if err := os.WriteFile(filepath.Join(folder, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	certs, _, err := IssueAndPrintCertificates(context.Background(), st, res.Lagos, data.IssueOptions{}, pdf, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	names := certificateFileNames(certs)
	// A copy of the first file printed before, to be replaced.
	if err := os.WriteFile(filepath.Join(folder, names[0]), []byte("printed yesterday"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := IssueAndPrintCertificates(context.Background(), st, res.Lagos, data.IssueOptions{}, pdf, true, nil); err != nil {
		t.Fatal(err)
	}
	want := append(slices.Clone(names), "notes.txt", "LAG-2022-099 Someone Else.pdf", "kept folder")
	if got := entryNames(t, folder); !sameSet(got, want) {
		t.Errorf("the folder holds %v,\nwant %v", got, want)
	}
	if b, _ := os.ReadFile(filepath.Join(folder, "notes.txt")); string(b) != "mine" {
		t.Errorf("the user's file holds %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(folder, names[0])); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("the older copy was not replaced: %.20q", b)
	}
	if got := entryNames(t, dir); !sameSet(got, []string{"lagos.pdf", "lagos"}) {
		t.Errorf("beside the PDF: %v", got)
	}
	if pending, _ := plansInFile(t, st.Path()); pending != 0 {
		t.Errorf("%d printing plans left in the file", pending)
	}
}

func entryNames(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// plansInFile counts the printing plans not yet struck off, reading the
// file as any other SQLite program would.
func plansInFile(t testing.TB, path string) (int, error) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int
	err = db.QueryRow(`SELECT count(*) FROM settings WHERE key LIKE 'printing_plan.%'`).Scan(&n)
	return n, err
}

// A run killed after its commit, before its files were in place, leaves
// its plan in the file; the next run, whatever it prints (here: nothing,
// for a workshop where nobody is eligible), first puts those files in
// place.
func TestARunKilledAfterItsCommitIsFinishedByTheNext(t *testing.T) {
	st, d := lagosCertificates(t)
	dir := t.TempDir()
	out, err := newCertificateOutput(filepath.Join(dir, "lagos.pdf"), filepath.Join(dir, "lagos"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(out.Folder, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out.Folder, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The state a kill leaves right after the commit: everything staged,
	// the plan in the file, nothing in place.
	if err := out.stage(d, nil); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", st.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`INSERT INTO settings(key, value) VALUES ('printing_plan.killed', ?)`, out.plan()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(out.PDF); err == nil {
		t.Fatal("the PDF is in place before publishing")
	}

	planned, err := st.Workshops()
	if err != nil {
		t.Fatal(err)
	}
	var other int64
	for _, w := range planned {
		if w.ID != d.Workshop.ID {
			other = w.ID
		}
	}
	_, _, err = IssueAndPrintCertificates(context.Background(), st, other, data.IssueOptions{}, filepath.Join(t.TempDir(), "x.pdf"), true, nil)
	if !errors.Is(err, ErrNobodyEligible) {
		t.Fatalf("the next run: %v", err)
	}
	want := append(certificateFileNames(d.Certificates), "notes.txt")
	if got := entryNames(t, out.Folder); !sameSet(got, want) {
		t.Errorf("after the next run the folder holds %v,\nwant %v", got, want)
	}
	if pdf, err := os.ReadFile(out.PDF); err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("the PDF is not in place: %v", err)
	}
	if got := entryNames(t, dir); !sameSet(got, []string{"lagos.pdf", "lagos"}) {
		t.Errorf("beside the PDF: %v", got)
	}
	if n, err := plansInFile(t, st.Path()); n != 0 || err != nil {
		t.Errorf("%d plans left (%v)", n, err)
	}
}

// TestHelperIssueChild is the child process of the tests below: it issues
// and prints a workshop's certificates, one file each, into ATELIER_OUT.
func TestHelperIssueChild(t *testing.T) {
	path := os.Getenv("ATELIER_ISSUE_DB")
	if path == "" {
		t.Skip("runs only as a child process")
	}
	st, err := data.Open(path, data.OpenExisting)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	if at := os.Getenv("ATELIER_KILL_AT"); at != "" {
		publishStep = func(step string) {
			if step == at {
				self, _ := os.FindProcess(os.Getpid())
				self.Kill() // SIGKILL: nothing deferred runs
			}
		}
	}
	fmt.Println("ready")
	certs, _, err := IssueAndPrintCertificates(context.Background(), st, 1, data.IssueOptions{Trainers: true},
		os.Getenv("ATELIER_OUT"), true, nil)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	st.Close()
	fmt.Println("issued", len(certs))
}

// killableRun is a workshop printed once already (its PDF and folder, with
// a file of the user's beside the certificates), with more participants
// eligible since: a run goes from the state before to the one after.
type killableRun struct {
	db, pdf, folder   string
	before, after     int      // register sizes
	filesBefore       []string // the folder's entries
	pdfBefore         []byte
	filesAfterAtLeast int
}

func newKillableRun(t *testing.T) killableRun {
	t.Helper()
	dir := t.TempDir()
	st, res, err := demoStoreIn(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if res.Lagos != 1 {
		t.Fatalf("the demo's Lagos workshop is %d; the child prints workshop 1", res.Lagos)
	}
	r := killableRun{db: st.Path(), pdf: filepath.Join(dir, "out", "lagos.pdf"), folder: filepath.Join(dir, "out", "lagos")}
	if err := os.MkdirAll(r.folder, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(r.folder, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	certs, _, err := IssueAndPrintCertificates(context.Background(), st, res.Lagos, data.IssueOptions{Trainers: true}, r.pdf, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	r.before = len(certs)
	r.filesBefore = entryNames(t, r.folder)
	if r.pdfBefore, err = os.ReadFile(r.pdf); err != nil {
		t.Fatal(err)
	}
	// More people, present everywhere: enough printing for a kill to land
	// anywhere in it (fewer under the race detector, which makes the
	// printing itself many times slower).
	more := 240
	if raceDetector {
		more = 40
	}
	var ps []*data.Participant
	for i := range more {
		ps = append(ps, &data.Participant{WorkshopID: res.Lagos, GivenName: fmt.Sprintf("Ọláńrewájú %d", i),
			FamilyName: "Àdìgún", Status: data.StatusConfirmed, Country: "NG"})
	}
	if err := st.SaveParticipants(ps); err != nil {
		t.Fatal(err)
	}
	sessions, err := st.Sessions(res.Lagos)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sessions {
		if _, err := st.MarkEveryone(s.ID, data.Present); err != nil {
			t.Fatal(err)
		}
	}
	r.after = r.before + len(ps)
	r.filesAfterAtLeast = len(r.filesBefore) + len(ps)
	return r
}

// copyTo makes a fresh copy of the run's files (database, PDF, folder) in
// dir, for one kill.
func (r killableRun) copyTo(t *testing.T, dir string) killableRun {
	t.Helper()
	c := r
	c.db = filepath.Join(dir, "demo.db")
	c.pdf = filepath.Join(dir, "out", "lagos.pdf")
	c.folder = filepath.Join(dir, "out", "lagos")
	if err := os.CopyFS(filepath.Join(dir, "out"), os.DirFS(filepath.Dir(r.pdf))); err != nil {
		t.Fatal(err)
	}
	src, err := data.Open(r.db, data.OpenExisting)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if err := src.SaveCopy(c.db); err != nil {
		t.Fatal(err)
	}
	return c
}

// check says whether the register, the folder and the PDF are each as
// before or as after, never in between; it returns which.
func (r killableRun) check(t *testing.T, when string) (registerAfter, folderAfter, pdfAfter bool) {
	t.Helper()
	st, err := data.Open(r.db, data.OpenExisting)
	if err != nil {
		t.Fatalf("%s: the database does not open: %v", when, err)
	}
	n := registerSize(t, st, 1)
	st.Close()
	switch n {
	case r.before:
	case r.after:
		registerAfter = true
	default:
		t.Fatalf("%s: the register holds %d certificates, neither %d nor %d", when, n, r.before, r.after)
	}
	// The marker a run killed while publishing leaves in the folder is
	// hidden and empty; the next run removes it.
	files := slices.DeleteFunc(entryNames(t, r.folder), func(s string) bool { return strings.HasPrefix(s, markerPrefix) })
	switch {
	case sameSet(files, r.filesBefore):
	case len(files) >= r.filesAfterAtLeast && slices.Contains(files, "notes.txt") && !slices.ContainsFunc(files, hidden):
		folderAfter = true
	default:
		t.Fatalf("%s: the folder holds %d entries (hidden ones: %v), neither the %d before nor the %d after",
			when, len(files), slices.DeleteFunc(files, func(s string) bool { return !hidden(s) }), len(r.filesBefore), r.filesAfterAtLeast)
	}
	pdf, err := os.ReadFile(r.pdf)
	switch {
	case err != nil:
		t.Fatalf("%s: the PDF is gone: %v", when, err)
	case bytes.Equal(pdf, r.pdfBefore):
	case bytes.HasPrefix(pdf, []byte("%PDF-")) && bytes.Contains(pdf[max(0, len(pdf)-1024):], []byte("%%EOF")) && len(pdf) > len(r.pdfBefore):
		pdfAfter = true
	default:
		t.Fatalf("%s: the PDF is neither the one before nor a whole new one (%d bytes)", when, len(pdf))
	}
	return registerAfter, folderAfter, pdfAfter
}

func hidden(name string) bool { return strings.HasPrefix(name, ".") }

// Killed at any moment of an issue with one file each, the run leaves the
// register, the folder and the PDF each as before or as after, never a
// part of the files or half a PDF; where they disagree (killed between the
// commit and the last rename) the file holds the plan, and the next run
// brings them together. No hidden file is left after that next run.
func TestKillAtRandomDuringEach(t *testing.T) {
	template := newKillableRun(t)
	kills := 8
	if testing.Short() || raceDetector {
		kills = 3
	}
	// How long a whole run takes here, so that the kills spread over it.
	var whole time.Duration
	{
		r := template.copyTo(t, t.TempDir())
		start := time.Now()
		if rest := runIssueChild(t, r, -1); !strings.HasPrefix(rest, "issued") {
			t.Fatalf("a whole run: %q", rest)
		}
		whole = time.Since(start)
	}
	var landed []string
	for i := range kills {
		r := template.copyTo(t, t.TempDir())
		at := time.Duration((float64(i) + rand.Float64()) / float64(kills) * 1.1 * float64(whole))
		if rest := runIssueChild(t, r, at); strings.HasPrefix(rest, "error") {
			t.Fatalf("kill %d: the child failed on its own: %s", i, rest)
		}
		reg, folder, pdf := r.check(t, fmt.Sprintf("kill %d, right after", i))
		pending, err := plansInFile(t, r.db)
		if err != nil {
			t.Fatal(err)
		}
		if (reg != folder || reg != pdf) && pending == 0 {
			t.Fatalf("kill %d: register after %v, folder after %v, PDF after %v, and no plan in the file to bring them together",
				i, reg, folder, pdf)
		}
		landed = append(landed, fmt.Sprintf("%v/%v/%v", reg, folder, pdf))

		// The next run finishes or undoes what the killed one left, then
		// prints again; no hidden file is left anywhere.
		st, err := data.Open(r.db, data.OpenExisting)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := IssueAndPrintCertificates(context.Background(), st, 1, data.IssueOptions{Trainers: true}, r.pdf, true, nil); err != nil {
			t.Fatalf("kill %d: the next run: %v", i, err)
		}
		st.Close()
		if reg, folder, pdf := r.check(t, fmt.Sprintf("kill %d, after the next run", i)); !reg || !folder || !pdf {
			t.Fatalf("kill %d: after the next run: register %v, folder %v, PDF %v", i, reg, folder, pdf)
		}
		for _, d := range []string{filepath.Dir(r.pdf), r.folder} {
			if h := slices.DeleteFunc(entryNames(t, d), func(s string) bool { return !hidden(s) }); len(h) > 0 {
				t.Fatalf("kill %d: hidden files left in %s: %v", i, d, h)
			}
		}
	}
	t.Logf("a whole run takes %s; register/folder/PDF after each kill: %v", whole, landed)
}

// Killed at each step of putting the files in place, after the commit (a
// few renames, which random kills almost never land in), the run leaves
// the register, the folder and the PDF each as before or as after, the
// plan in the file where they disagree; the next run brings them together
// and leaves no hidden file and no plan.
func TestKillAtEachStepOfPublishing(t *testing.T) {
	template := newKillableRun(t)
	for _, step := range []string{"linking", "linked", "swapped", "set aside", "moved back", "unmarked", "renamed"} {
		r := template.copyTo(t, t.TempDir())
		if rest := runIssueChild(t, r, -1, "ATELIER_KILL_AT="+step); rest != "" {
			t.Fatalf("%s: the child was not killed there: %q", step, rest)
		}
		reg, folder, pdf := r.check(t, "killed at "+step)
		pending, err := plansInFile(t, r.db)
		if err != nil {
			t.Fatal(err)
		}
		if !reg || pending != 1 {
			t.Fatalf("%s: register after %v, %d plans in the file; the commit came before publishing", step, reg, pending)
		}
		t.Logf("killed at %s: register after %v, folder after %v, PDF after %v", step, reg, folder, pdf)

		st, err := data.Open(r.db, data.OpenExisting)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := IssueAndPrintCertificates(context.Background(), st, 1, data.IssueOptions{Trainers: true}, r.pdf, true, nil); err != nil {
			t.Fatalf("%s: the next run: %v", step, err)
		}
		st.Close()
		if reg, folder, pdf := r.check(t, step+", after the next run"); !reg || !folder || !pdf {
			t.Fatalf("%s: after the next run: register %v, folder %v, PDF %v", step, reg, folder, pdf)
		}
		for _, d := range []string{filepath.Dir(r.pdf), r.folder} {
			if h := slices.DeleteFunc(entryNames(t, d), func(s string) bool { return !hidden(s) }); len(h) > 0 {
				t.Fatalf("%s: hidden files left in %s: %v", step, d, h)
			}
		}
		if n, err := plansInFile(t, r.db); n != 0 || err != nil {
			t.Fatalf("%s: %d plans left after the next run (%v)", step, n, err)
		}
	}
}

// runIssueChild runs TestHelperIssueChild on r, with env added to its
// environment, and kills it after at (never when at is negative); it
// returns what the child said after "ready".
func runIssueChild(t *testing.T, r killableRun, at time.Duration, env ...string) (said string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperIssueChild$", "-test.count=1")
	cmd.Env = append(append(os.Environ(), "ATELIER_ISSUE_DB="+r.db, "ATELIER_OUT="+r.pdf), env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() || lines.Text() != "ready" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the child did not start: %q", lines.Text())
	}
	if at >= 0 {
		time.AfterFunc(at, func() { cmd.Process.Kill() })
	}
	for lines.Scan() {
		said += lines.Text() + " "
	}
	cmd.Wait()
	return said
}
