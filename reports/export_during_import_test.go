package reports

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/unicode/norm"
	"modernc.org/sqlite"

	"github.com/atelier-workshops/atelier/data"
)

// TestHelperListImporter is not a test on its own: the test below starts
// the test binary again to run it as a second Atelier process on the same
// file. For each line "import N" it reads, it imports a list of confirmed
// participants, marks them present at every session, and prints
// "imported N" once both are committed.
func TestHelperListImporter(t *testing.T) {
	path := os.Getenv("ATELIER_IMPORT_DB")
	if path == "" {
		t.Skip("runs only as a child process")
	}
	workshopID, _ := strconv.ParseInt(os.Getenv("ATELIER_IMPORT_WORKSHOP"), 10, 64)
	st, err := data.Open(path, data.OpenExisting)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	defer st.Close()
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		round, _ := strconv.Atoi(strings.TrimPrefix(in.Text(), "import "))
		if err := importList(st, workshopID, round); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Printf("imported %d\n", round)
	}
}

func importList(st *data.Store, workshopID int64, round int) error {
	ps := make([]*data.Participant, 20)
	for k := range ps {
		ps[k] = &data.Participant{WorkshopID: workshopID, GivenName: fmt.Sprintf("Imported %d-%d", round, k),
			FamilyName: "Ọláńrewájú", Country: "NG", Status: data.StatusConfirmed}
	}
	if err := st.SaveParticipants(ps); err != nil {
		return err
	}
	sessions, err := st.Sessions(workshopID)
	if err != nil {
		return err
	}
	var marks []data.Attendance
	for _, p := range ps {
		for _, s := range sessions {
			marks = append(marks, data.Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: data.Present})
		}
	}
	return st.SetMarks(marks)
}

// exportPause stops the reads of the database at path once, as soon as
// SQLite prepares a statement reading another table after one that read
// the participants, and has another process import meanwhile. It works
// through SQLite's authorizer, which SQLite consults for every column a
// statement reads, installed on each read connection the program opens:
// the export under test is the program's own, with no hook of its own.
// While the import runs, the pause holds mu, so that no other read
// connection prepares anything either.
type exportPause struct {
	mu           sync.Mutex
	dsnPath      string
	armed        bool
	during       func() error
	participants bool // a statement has read the participants since armed
	paused       bool
	err          error
}

var (
	pauseOnce sync.Once
	pause     = &exportPause{}
)

func pauseExportReads(path string) *exportPause {
	pauseOnce.Do(func() {
		sqlite.RegisterConnectionHook(func(conn sqlite.ExecQuerierContext, dsn string) error {
			pause.mu.Lock()
			mine := pause.dsnPath != "" && strings.HasPrefix(dsn, "file:"+pause.dsnPath+"?") && strings.Contains(dsn, "query_only")
			pause.mu.Unlock()
			if !mine {
				return nil
			}
			return conn.(sqlite.AuthorizerRegisterer).RegisterAuthorizer(pause.authorize)
		})
	})
	pause.mu.Lock()
	defer pause.mu.Unlock()
	pause.dsnPath = (&url.URL{Path: path}).EscapedPath()
	return pause
}

func (p *exportPause) authorize(action sqlite.AuthorizerActionCode, table, _, _, _ string) sqlite.AuthorizerReturnCode {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case !p.armed || action != sqlite.AuthRead:
	case table == "participants":
		p.participants = true
	case p.participants:
		p.armed, p.paused = false, true
		p.err = p.during()
	}
	return sqlite.AuthorizerOK
}

func (p *exportPause) arm(during func() error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.armed, p.during, p.participants, p.paused, p.err = true, during, false, false, nil
}

func (p *exportPause) result() (bool, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.paused, p.err
}

// openpyxlPython finds a Python that has openpyxl (Debian's
// python3-openpyxl is for the system's Python, which another one on PATH
// may hide), or skips the test.
func openpyxlPython(t *testing.T) string {
	t.Helper()
	for _, python := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(python, "-c", "import openpyxl").Run() == nil {
			return python
		}
	}
	t.Skip("no python3 with openpyxl is installed (Debian: python3-openpyxl)")
	return ""
}

// readBack reads a workbook with openpyxl, an independent reader: the
// first three cells of each row of the Participants sheet, and the name
// and verdict of each participant row of the Attendance sheet.
func readBack(t *testing.T, path string) (participants [][]string, attendance []string) {
	t.Helper()
	const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
part, att = wb[wb.sheetnames[1]], wb[wb.sheetnames[2]]
cell = lambda r, j: "" if j >= len(r) or r[j] is None else str(r[j])
people = [[cell(r, 0), cell(r, 1), cell(r, 2)] for r in list(part.iter_rows(values_only=True))[1:]]
rows = list(att.iter_rows(values_only=True))
last = len([h for h in rows[0] if h is not None]) - 1
matrix = [cell(r, 0) for r in rows[1:] if cell(r, last) in ("yes", "no")]
print(json.dumps({"participants": people, "attendance": matrix}))
`
	out, err := exec.Command(openpyxlPython(t), "-c", script, path).Output()
	if err != nil {
		t.Fatalf("openpyxl: %v", err)
	}
	var got struct {
		Participants [][]string
		Attendance   []string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("openpyxl said %s: %v", out, err)
	}
	return got.Participants, got.Attendance
}

// An export made while another process imports shows one moment of the
// file: everyone on the Attendance sheet is on the Participants sheet (in
// the anonymous variant, by a number that exists), although the import
// commits between two of the export's reads.
func TestExportDuringImportIsConsistent(t *testing.T) {
	openpyxlPython(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.db")
	p := pauseExportReads(path)
	st, res, err := demoStoreIn(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperListImporter$", "-test.count=1")
	cmd.Env = append(os.Environ(), "ATELIER_IMPORT_DB="+path, fmt.Sprintf("ATELIER_IMPORT_WORKSHOP=%d", res.Lagos))
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		stdin.Close()
		if err := cmd.Wait(); err != nil {
			t.Errorf("the importing process: %v", err)
		}
	}()
	answers := bufio.NewScanner(stdout)
	round := 0
	importNow := func() error {
		round++
		if _, err := fmt.Fprintf(stdin, "import %d\n", round); err != nil {
			return err
		}
		if !answers.Scan() || answers.Text() != fmt.Sprintf("imported %d", round) {
			return fmt.Errorf("the importing process said %q (%v)", answers.Text(), answers.Err())
		}
		return nil
	}

	export := func(name string, anonymous bool) string {
		t.Helper()
		var buf bytes.Buffer
		if err := Workbook(st, res.Lagos, &buf, WorkbookOptions{Anonymous: anonymous}); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, name)
		if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, anonymous := range []bool{false, true} {
		p.arm(importNow)
		book := export(fmt.Sprintf("during-%v.xlsx", anonymous), anonymous)
		if paused, err := p.result(); err != nil || !paused {
			t.Fatalf("the import did not run between the export's reads (paused %v): %v", paused, err)
		}
		people, matrix := readBack(t, book)
		known := map[string]bool{}
		for _, row := range people {
			if anonymous {
				known["No. "+row[0]] = true
			} else {
				known[row[2]+" "+row[1]] = true
			}
		}
		if len(matrix) < 10 {
			t.Fatalf("the Attendance sheet lists %d participants", len(matrix))
		}
		for _, name := range matrix {
			if !known[name] || name == "No. 0" {
				t.Errorf("anonymous %v: %q is on the Attendance sheet and not on the Participants sheet", anonymous, name)
			}
		}
		// The export shows the file as it was when it began: this
		// round's list is on neither sheet, and on both of the next export.
		imported := norm.NFC.String(fmt.Sprintf("Imported %d-0 Ọláńrewájú", round))
		next, nextMatrix := readBack(t, export("after.xlsx", anonymous))
		if len(next) != len(people)+20 || len(nextMatrix) != len(matrix)+20 {
			t.Errorf("anonymous %v: %d participants and %d rows during the import, %d and %d after; want 20 more after",
				anonymous, len(people), len(matrix), len(next), len(nextMatrix))
		}
		if !anonymous && (known[imported] || !slices.Contains(nextMatrix, imported)) {
			t.Errorf("%q during the import: %v; after it: %v", imported, known[imported], slices.Contains(nextMatrix, imported))
		}
	}
}
