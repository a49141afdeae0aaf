package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/datatest"
)

// TestHelperCLIChild is not a test on its own: the tests below start the
// test binary again to run one command line (ATELIER_CLI_ARGS, split at
// newlines) in a process of its own, as a second terminal would.
func TestHelperCLIChild(t *testing.T) {
	args := os.Getenv("ATELIER_CLI_ARGS")
	if args == "" {
		t.Skip("runs only as a child process")
	}
	// Straight through: the parent reads what it says while it runs.
	os.Exit(Run(strings.Split(args, "\n"), os.Stdout, os.Stderr, Program{Version: "test"}))
}

func cliChild(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperCLIChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "ATELIER_CLI_ARGS="+strings.Join(args, "\n"))
	return cmd
}

func TestHelperLockHolder(t *testing.T) { datatest.LockHolder(t) }

// longWrite starts another process in the middle of a long write to path:
// it adds a participant and commits d later.
func longWrite(t *testing.T, path string, d time.Duration) (wait func() error) {
	t.Helper()
	return datatest.HoldWriteLock(t, path, d, meanwhileSQL)
}

// meanwhileSQL is what the other process writes while it holds the lock.
const meanwhileSQL = `INSERT INTO participants(workshop_id, given_name, family_name, status,
	search_key, sort_key) VALUES (1, 'Written', 'Meanwhile', 'applicant', 'written meanwhile', 'meanwhile')`

// syncBuffer is an output a child process writes to while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func participantCount(t *testing.T, db string, workshop int64) int {
	t.Helper()
	st, err := data.Open(db, data.OpenExisting)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ps, err := st.Participants(workshop, data.ParticipantFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(ps)
}

// Two imports of the same 300-person list, started together in two
// processes, add each person once: the second one checks for duplicates
// inside its write transaction, after the first has written, and says
// which rows it left out. Both read the list while a third process writes,
// so both previews are made before either import writes.
func TestTwoImportsOfOneListAtOnceAddEachPersonOnce(t *testing.T) {
	db := demoFile(t)
	before := participantCount(t, db, 1)
	list := filepath.Join(t.TempDir(), "list.csv")
	var csv strings.Builder
	csv.WriteString("Family name,First name,Email,Country\n")
	for i := range 300 {
		fmt.Fprintf(&csv, "Okafor %d,Ọláńrewájú,person%d@example.org,Nigeria\n", i, i)
	}
	if err := os.WriteFile(list, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	// The other process lets go once both imports wait for it, however
	// long a loaded machine takes to start them (two minutes at the most).
	release, writer := datatest.HoldWriteLockUntilReleased(t, db, 2*time.Minute, meanwhileSQL)
	var outs [2]syncBuffer
	var errs [2]error
	var wg sync.WaitGroup
	for i := range 2 {
		cmd := cliChild("import", "--db", db, "--workshop", "1", "--yes", list)
		cmd.Stdout, cmd.Stderr = &outs[i], &outs[i]
		wg.Go(func() { errs[i] = cmd.Run() })
	}
	const waiting = "another Atelier is writing to this file; waiting…"
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if strings.Contains(outs[0].String(), waiting) && strings.Contains(outs[1].String(), waiting) {
			break
		}
	}
	release()
	wg.Wait()
	if err := writer(); err != nil {
		t.Fatalf("the other process: %v", err)
	}
	imported := regexp.MustCompile(`: (\d+) participants added`)
	var got []string
	for i := range 2 {
		m := imported.FindStringSubmatch(outs[i].String())
		if errs[i] != nil || m == nil || !strings.Contains(outs[i].String(), waiting) {
			t.Fatalf("import %d: %v\n%s", i, errs[i], outs[i].String())
		}
		got = append(got, m[1])
	}
	if after := participantCount(t, db, 1); after != before+300+1 {
		t.Fatalf("%d participants before, %d after two imports of 300 (and one written meanwhile): want %d", before, after, before+301)
	}
	if !(got[0] == "300" && got[1] == "0" || got[0] == "0" && got[1] == "300") {
		t.Fatalf("the imports said they imported %v", got)
	}
	second := outs[0].String()
	if got[0] == "300" {
		second = outs[1].String()
	}
	if !strings.Contains(second, "Left out, because another Atelier changed the workshop after the list was read") || !strings.Contains(second, "row 301, Ọláńrewájú Okafor 299") {
		t.Errorf("the second import does not say what it left out:\n%s", second)
	}
}

// A command started while another process writes waits for it, says so
// after a second, and then does its work.
func TestACommandStartedDuringALongWriteWaitsAndSucceeds(t *testing.T) {
	db := demoFile(t)
	writer := longWrite(t, db, 2500*time.Millisecond)
	out := filepath.Join(t.TempDir(), "lagos.pdf")
	start := time.Now()
	code, stdout, stderr := runCLI("certificates", "--db", db, "--workshop", "1", "--out", out, "--each")
	waited := time.Since(start)
	if err := writer(); err != nil {
		t.Fatalf("the other process: %v", err)
	}
	if code != 0 || !strings.Contains(stdout, "Wrote ") {
		t.Fatalf("code %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if stderr != "atelier certificates: another Atelier is writing to this file; waiting…\n" {
		t.Errorf("stderr %q, want the waiting line once", stderr)
	}
	if waited < 2*time.Second {
		t.Errorf("done after %s: it did not wait for the other write", waited)
	}
	if n := participantCount(t, db, 1); n == 0 {
		t.Fatal("no participants")
	}
	st, err := data.Open(db, data.OpenExisting)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if register, _ := st.Certificates(1); len(register) == 0 {
		t.Error("nothing in the register")
	}
	if ps, _ := st.Participants(1, data.ParticipantFilter{Text: "written meanwhile"}); len(ps) != 1 {
		t.Error("the other process's write is lost")
	}
}

// A folder that does not exist is said in words, and nothing enters the
// register.
func TestCertificatesIntoAMissingFolderSayItAndEnterNothing(t *testing.T) {
	db := demoFile(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "missing-folder", "c.pdf")
	code, _, stderr := runCLI("certificates", "--db", db, "--workshop", "1", "--out", out)
	want := fmt.Sprintf("atelier certificates: Atelier cannot write “%s”: the folder it goes into does not exist.\n"+
		"atelier certificates: nothing was entered in the register.\n", out)
	if code != 1 || stderr != want {
		t.Errorf("code %d, stderr %q\nwant %q", code, stderr, want)
	}
	st, err := data.Open(db, data.OpenExisting)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if register, _ := st.Certificates(1); len(register) != 0 {
		t.Errorf("the register holds %d certificates", len(register))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

// A participant whose name is 62 Adlam letters (4 bytes each) gets a file
// of their own with --each, its name cut at a letter within 255 bytes.
func TestCertificatesEachForA62LetterAdlamName(t *testing.T) {
	db := demoFile(t)
	st, err := data.Open(db, data.OpenExisting)
	if err != nil {
		t.Fatal(err)
	}
	eligible, err := st.PreviewCertificates(1, data.IssueOptions{})
	if err != nil || len(eligible) == 0 {
		t.Fatalf("nobody eligible: %v", err)
	}
	// Adlam capital letters 𞤀… and small ones, 31 each.
	var given, family strings.Builder
	for i := range 31 {
		given.WriteRune(0x1E900 + rune(i%34))
		family.WriteRune(0x1E922 + rune(i%34))
	}
	if err := st.UpdateParticipants([]int64{eligible[0].ParticipantID}, func(p *data.Participant) {
		p.GivenName, p.FamilyName, p.PrintedName = given.String(), family.String(), ""
	}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	dir := t.TempDir()
	code, stdout, stderr := runCLI("certificates", "--db", db, "--workshop", "1", "--out", filepath.Join(dir, "lagos.pdf"), "--each")
	if code != 0 {
		t.Fatalf("code %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "lagos"))
	adlam := ""
	for _, e := range entries {
		if len(e.Name()) > 255 {
			t.Errorf("a file name of %d bytes", len(e.Name()))
		}
		if strings.ContainsRune(e.Name(), 0x1E900) {
			adlam = e.Name()
		}
	}
	if adlam == "" || !strings.HasSuffix(adlam, ".pdf") || !strings.Contains(adlam, given.String()) {
		t.Fatalf("no file for the Adlam name among %d files (%q)", len(entries), adlam)
	}
	st, err = data.Open(db, data.OpenExisting)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if register, _ := st.Certificates(1); len(register) != len(entries) {
		t.Errorf("%d certificates in the register, %d files", len(register), len(entries))
	}
	t.Logf("%s (%d bytes)", adlam, len(adlam))
}
