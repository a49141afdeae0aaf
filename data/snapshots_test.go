package data

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"modernc.org/sqlite"
)

// TestHelperSnapshotChanger is not a test on its own: the test below starts
// the test binary again to run it as a second Atelier process on the same
// file. For each line "round N" it reads, it changes everything a document
// shows, the way an import and an organiser at work would (a participant
// imported and marked, a session, a trainer, an organisation, an override,
// the title, the signatories, the wording, certificates issued), each in
// transactions of its own, then prints "changed N".
func TestHelperSnapshotChanger(t *testing.T) {
	path := os.Getenv("ATELIER_SNAPSHOT_DB")
	if path == "" {
		t.Skip("runs only as a child process")
	}
	workshopID, _ := strconv.ParseInt(os.Getenv("ATELIER_SNAPSHOT_WORKSHOP"), 10, 64)
	st, err := Open(path, OpenExisting)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	defer st.Close()
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		round, _ := strconv.Atoi(strings.TrimPrefix(in.Text(), "round "))
		if err := changeEverything(st, workshopID, round); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Printf("changed %d\n", round)
	}
}

func changeEverything(st *Store, workshopID int64, round int) error {
	w, err := st.Workshop(workshopID)
	if err != nil {
		return err
	}
	w.Title = fmt.Sprintf("Museums for everyone (round %d)", round)
	if err := st.SaveWorkshop(&w); err != nil {
		return err
	}
	sessions, err := st.Sessions(workshopID)
	if err != nil {
		return err
	}
	// At the time and in the room of the first session: a conflict too.
	s := Session{WorkshopID: workshopID, Title: fmt.Sprintf("Added session %d", round), Kind: KindSeminar,
		Start: sessions[0].Start, End: sessions[0].End, Room: sessions[0].Room, CountsForCertificate: true}
	if err := st.SaveSession(&s); err != nil {
		return err
	}
	p := &Participant{WorkshopID: workshopID, GivenName: "Imported", FamilyName: fmt.Sprintf("Aaron %d", round),
		Country: "GH", Status: StatusConfirmed}
	if err := st.SaveParticipants([]*Participant{p}); err != nil {
		return err
	}
	marks := []Attendance{{ParticipantID: p.ID, SessionID: s.ID, Mark: Present}}
	for _, ss := range sessions {
		marks = append(marks, Attendance{ParticipantID: p.ID, SessionID: ss.ID, Mark: Present})
	}
	if err := st.SetMarks(marks); err != nil {
		return err
	}
	everyone, err := st.Participants(workshopID, ParticipantFilter{})
	if err != nil {
		return err
	}
	for _, q := range everyone {
		if q.ID != p.ID {
			if err := st.SetEligibilityOverride(&EligibilityOverride{ParticipantID: q.ID, Eligible: round%2 == 1,
				Reason: fmt.Sprintf("Decided in round %d", round)}); err != nil {
				return err
			}
		}
	}
	if err := st.SaveTrainer(&Trainer{WorkshopID: workshopID, Name: fmt.Sprintf("Trainer %d", round)}); err != nil {
		return err
	}
	o := Organisation{Name: fmt.Sprintf("Supporter %d", round), Country: "NG"}
	if err := st.SaveOrganisation(&o); err != nil {
		return err
	}
	if err := st.AddOrganisationRole(workshopID, o.ID, RoleSupporter); err != nil {
		return err
	}
	if err := st.SetSignatories(workshopID, []Signatory{{Name: fmt.Sprintf("Signatory %d", round)}}); err != nil {
		return err
	}
	if err := st.SetCertificateWording(workshopID, English, CertificateWording{Title: fmt.Sprintf("Certificate %d", round)}); err != nil {
		return err
	}
	_, err = st.IssueCertificates(workshopID, IssueOptions{})
	return err
}

// changer is the second process, ready to change the file on demand.
type changer struct {
	t      *testing.T
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *bufio.Scanner
	round  int
}

func startChanger(t *testing.T, path string, workshopID int64) *changer {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperSnapshotChanger$", "-test.count=1")
	cmd.Env = append(os.Environ(), "ATELIER_SNAPSHOT_DB="+path, fmt.Sprintf("ATELIER_SNAPSHOT_WORKSHOP=%d", workshopID))
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	mustNoErr(t, err)
	stdout, err := cmd.StdoutPipe()
	mustNoErr(t, err)
	mustNoErr(t, cmd.Start())
	c := &changer{t: t, cmd: cmd, stdin: stdin, stdout: bufio.NewScanner(stdout)}
	t.Cleanup(func() {
		stdin.Close()
		if err := cmd.Wait(); err != nil {
			t.Errorf("the changing process: %v", err)
		}
	})
	return c
}

// change has the other process change everything, and returns once it has
// committed.
func (c *changer) change() error {
	c.round++
	if _, err := fmt.Fprintf(c.stdin, "round %d\n", c.round); err != nil {
		return err
	}
	if !c.stdout.Scan() {
		return fmt.Errorf("the changing process stopped: %v", c.stdout.Err())
	}
	if got, want := c.stdout.Text(), fmt.Sprintf("changed %d", c.round); got != want {
		return fmt.Errorf("the changing process said %q", got)
	}
	return nil
}

// readPause stops a store's reads once, while SQLite prepares a statement
// reading a given table, to let the other process commit. It hooks into
// SQLite's authorizer, which SQLite consults for every table a statement
// reads, so the code under test is exactly the program's: the store reads
// through one connection, which carries the hook.
type readPause struct {
	mu     sync.Mutex
	table  string // the table whose read pauses; "" when not armed
	during func() error
	err    error
	paused bool
}

func pauseReads(t *testing.T, st *Store) *readPause {
	t.Helper()
	p := &readPause{}
	// One connection: it is the one with the hook, and any read that left
	// its transaction for the pool would wait for it forever, which the
	// test reports.
	st.r.SetMaxOpenConns(1)
	conn, err := st.r.Conn(context.Background())
	mustNoErr(t, err)
	defer conn.Close()
	mustNoErr(t, conn.Raw(func(dc any) error {
		return dc.(sqlite.AuthorizerRegisterer).RegisterAuthorizer(func(action sqlite.AuthorizerActionCode, table, _, _, _ string) sqlite.AuthorizerReturnCode {
			if action == sqlite.AuthRead {
				p.reading(table)
			}
			return sqlite.AuthorizerOK
		})
	}))
	return p
}

func (p *readPause) reading(table string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.table == "" || table != p.table {
		return
	}
	p.table, p.paused = "", true
	p.err = p.during()
}

// arm makes the next statement that reads table wait for during.
func (p *readPause) arm(table string, during func() error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.table, p.during, p.paused, p.err = table, during, false, nil
}

func (p *readPause) result() (paused bool, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.paused, p.err
}

// Every read made of several queries sees one moment of the file, even
// when another process commits between two of its queries: what it returns
// equals what it returned just before, and what it returns just after
// shows the other process's changes.
func TestEveryDocumentReadSeesOneMoment(t *testing.T) {
	c := newVerdictCase(t)
	st := c.st
	mustNoErr(t, st.SetCertificateWording(c.w.ID, English, CertificateWording{Title: "Certificate"}))
	if _, err := st.IssueCertificates(c.w.ID, IssueOptions{}); err != nil {
		t.Fatal(err)
	}
	other := startChanger(t, st.Path(), c.w.ID)
	pause := pauseReads(t, st)
	id := c.w.ID
	reads := []struct {
		name  string
		table string // read by a query after the first: the pause falls between the two
		read  func() (any, error)
	}{
		{"workbook", "trainers", func() (any, error) { return st.WorkbookData(id) }},
		{"overview", "trainers", func() (any, error) { return st.OverviewData() }},
		{"programme", "trainers", func() (any, error) { return st.ProgrammeData(id) }},
		{"sign-in sheets", "trainers", func() (any, error) { return st.SignInData(id) }},
		{"certificate data", "settings", func() (any, error) { return st.CertificateData(id, nil) }},
		{"verdicts", "eligibility_overrides", func() (any, error) { return st.Verdicts(id) }},
		{"certificates screen", "certificates", func() (any, error) { return st.CertificateStanding(id) }},
		{"participant sheet", "eligibility_overrides", func() (any, error) { return st.ParticipantVerdict(c.dayo.ID) }},
		{"issuing plan", "trainers", func() (any, error) {
			out, _, err := st.planCertificates(id, IssueOptions{Trainers: true})
			return out, err
		}},
		{"programme days", "sessions", func() (any, error) { return st.SessionsByDay(id) }},
		{"conflicts", "trainers", func() (any, error) { return st.Conflicts(id) }},
	}
	for _, r := range reads {
		before, err := r.read()
		mustNoErr(t, err)
		pause.arm(r.table, other.change)
		during, err := readWithin(t, r.name, r.read)
		mustNoErr(t, err)
		paused, err := pause.result()
		mustNoErr(t, err)
		if !paused {
			t.Fatalf("%s: never read %s, so the other process never wrote in between", r.name, r.table)
		}
		after, err := r.read()
		mustNoErr(t, err)
		if !reflect.DeepEqual(during, before) {
			t.Errorf("%s: a commit by another process between two of its queries changed what it read:\nbefore %+v\nduring %+v",
				r.name, before, during)
		}
		if reflect.DeepEqual(after, before) {
			t.Errorf("%s: the other process's commit does not show afterwards either: the test proves nothing", r.name)
		}
	}
}

// readWithin fails the test, rather than hanging it, when a read waits for
// a connection it already holds (a query made outside its transaction).
func readWithin(t *testing.T, name string, read func() (any, error)) (any, error) {
	type result struct {
		v   any
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := read()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-time.After(30 * time.Second):
		t.Fatalf("%s: still reading after 30 s: a query waits for the connection its own transaction holds", name)
		return nil, nil
	}
}
