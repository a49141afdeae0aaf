package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/atelier-workshops/atelier/data"
)

// TestMain lets a test run the command line in a fresh process, where the
// environment is read from the start, as a user's shell would run it.
func TestMain(m *testing.M) {
	if args, ok := os.LookupEnv("ATELIER_TEST_CLI_ARGS"); ok {
		os.Exit(run(strings.Fields(args), os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

func runCLIProcess(t *testing.T, env []string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), append(env, "ATELIER_TEST_CLI_ARGS="+strings.Join(args, " "))...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	return out.String(), errOut.String(), err
}

// Many Linux machines run with LANG=C.UTF-8, which Fyne's locale lookup
// could not parse: it logged an error before main ran. Atelier speaks
// English there, silently.
func TestCLocaleWithCodesetLogsNothing(t *testing.T) {
	for _, env := range [][]string{
		{"LC_ALL=", "LC_MESSAGES=", "LANGUAGE=", "LANG=C.UTF-8"},
		{"LC_ALL=C.utf8", "LANGUAGE="},
		{"LC_ALL=", "LC_MESSAGES=", "LANGUAGE=", "LANG=POSIX"},
	} {
		out, errOut, err := runCLIProcess(t, env, "--version")
		if err != nil || errOut != "" || !strings.HasPrefix(out, "Atelier ") {
			t.Errorf("%v: err %v, stdout %q, stderr %q", env, err, out, errOut)
		}
	}
}

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestHelpListsTheSubcommands(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		code, out, _ := runCLI(args...)
		if code != 0 || !strings.Contains(out, "atelier demo --db FILE") || !strings.Contains(out, "--version") {
			t.Fatalf("%v: code %d, output %q", args, code, out)
		}
	}
}

func TestVersionComesFromFyneAppToml(t *testing.T) {
	toml, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI("--version")
	meta := metadata()
	if code != 0 || meta.Version == "" || !strings.Contains(string(toml), `Version = "`+meta.Version+`"`) ||
		!strings.Contains(out, meta.Version) {
		t.Fatalf("code %d, output %q, metadata %+v", code, out, meta)
	}
	if meta.ID != "org.atelier.workshops" || !meta.Migrations["fyneDo"] {
		t.Fatalf("metadata %+v", meta)
	}
}

// A mistake on the command line gets one line that names it, and a
// non-zero exit.
func TestCommandLineMistakes(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args  []string
		words string
	}{
		{[]string{"--bogus"}, "-bogus"},
		{[]string{"frob"}, `unknown command "frob"`},
		{[]string{"--db", filepath.Join(dir, "missing.db")}, "missing.db: no such file"},
		{[]string{"demo"}, "--db FILE"},
		{[]string{"demo", "--db"}, "flag needs an argument"},
		{[]string{"--db", "x.db", "extra"}, `unexpected argument "extra"`},
	}
	for _, c := range cases {
		code, _, errOut := runCLI(c.args...)
		lines := strings.Split(strings.TrimSpace(errOut), "\n")
		if code == 0 || len(lines) != 1 || !strings.Contains(errOut, c.words) {
			t.Errorf("%v: code %d, stderr %q; want one line with %q", c.args, code, errOut, c.words)
		}
	}
}

func TestDemoRefusesAnotherFileAndLeavesItUnchanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "budget.xlsx")
	content := []byte("PK\x03\x04 not a database")
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI("demo", "--db", path)
	after, _ := os.ReadFile(path)
	if code == 0 || !strings.Contains(errOut, "not an Atelier database") || !bytes.Equal(after, content) {
		t.Fatalf("code %d, stderr %q, file changed: %v", code, errOut, !bytes.Equal(after, content))
	}
}

func TestDemoWritesANewFileAndAddsToAnExistingOne(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	for round := 1; round <= 2; round++ {
		code, out, errOut := runCLI("demo", "--db", path)
		if code != 0 || !strings.Contains(out, "Added the demo workshops") {
			t.Fatalf("round %d: code %d, out %q, err %q", round, code, out, errOut)
		}
		st, err := data.Open(path, data.OpenExisting)
		if err != nil {
			t.Fatal(err)
		}
		ws, err := st.Workshops()
		st.Close()
		if err != nil || len(ws) != 2*round {
			t.Fatalf("round %d: %d workshops, %v", round, len(ws), err)
		}
	}
}

func TestDefaultDatabaseIsInTheUsersDataFolder(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the XDG data folder is a Linux convention")
	}
	t.Setenv("XDG_DATA_HOME", "/home/ada/.data")
	if got := defaultDBPath(); got != "/home/ada/.data/atelier/atelier.db" {
		t.Fatalf("default database %s", got)
	}
}

// demoFile writes the demo workshops to a new file and returns its path.
func demoFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errOut := runCLI("demo", "--db", path); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	return path
}

func TestProgrammeAndSignInWriteAPDF(t *testing.T) {
	db := demoFile(t)
	dir := t.TempDir()
	for _, args := range [][]string{
		{"programme", "--db", db, "--workshop", "1", "--out", filepath.Join(dir, "programme.pdf")},
		{"signin", "--db", db, "--workshop", "1", "--out", filepath.Join(dir, "all.pdf")},
		{"signin", "--db", db, "--workshop", "1", "--day", "2022-11-23", "--out", filepath.Join(dir, "day.pdf")},
		{"signin", "--db", db, "--workshop", "1", "--session", "2", "--out", filepath.Join(dir, "one.pdf")},
	} {
		code, out, errOut := runCLI(args...)
		path := args[len(args)-1]
		content, err := os.ReadFile(path)
		if code != 0 || err != nil || !bytes.HasPrefix(content, []byte("%PDF-")) || !strings.Contains(out, path) {
			t.Errorf("%v: code %d, stdout %q, stderr %q, file %v", args, code, out, errOut, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 4 {
		t.Errorf("the folder holds %d files, want the 4 PDFs and no temporary file", len(entries))
	}
}

// A mistake gets one line that names it and a non-zero exit, and a file
// already at --out is left as it was, with no temporary file beside it.
func TestDocumentCommandMistakes(t *testing.T) {
	db := demoFile(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "sheet.pdf")
	before := []byte("the sheet printed yesterday")
	if err := os.WriteFile(out, before, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args  []string
		words string
	}{
		{[]string{"programme", "--db", db, "--workshop", "99", "--out", out}, "no workshop 99"},
		{[]string{"programme", "--db", db, "--workshop", "x", "--out", out}, "invalid value"},
		{[]string{"programme", "--db", db, "--out", out}, "--workshop ID"},
		{[]string{"programme", "--db", filepath.Join(dir, "missing.db"), "--workshop", "1", "--out", out}, "no such file"},
		{[]string{"programme", "--db", db, "--workshop", "1", "--out", filepath.Join(dir, "no", "such", "folder.pdf")}, "cannot write"},
		{[]string{"signin", "--db", db, "--workshop", "1", "--session", "99999", "--out", out}, "no session 99999"},
		{[]string{"signin", "--db", db, "--workshop", "1", "--day", "2001-01-01", "--out", out}, "no session on 2001-01-01"},
		{[]string{"signin", "--db", db, "--workshop", "1", "--day", "Monday", "--out", out}, `"Monday" is not a date`},
		{[]string{"signin", "--db", db, "--workshop", "1", "--day", "2022-11-21", "--session", "2", "--out", out}, "not both"},
		{[]string{"signin", "--db", db, "--workshop", "1", "--out", out, "extra"}, `unexpected argument "extra"`},
	}
	for _, c := range cases {
		code, _, errOut := runCLI(c.args...)
		lines := strings.Split(strings.TrimSpace(errOut), "\n")
		if code == 0 || len(lines) != 1 || !strings.Contains(errOut, c.words) {
			t.Errorf("%v: code %d, stderr %q; want one line with %q", c.args[1:], code, errOut, c.words)
		}
	}
	after, _ := os.ReadFile(out)
	entries, _ := os.ReadDir(dir)
	if !bytes.Equal(after, before) || len(entries) != 1 {
		t.Errorf("the existing file changed (%v) or a temporary file was left (%d files)", !bytes.Equal(after, before), len(entries))
	}
}

func TestImportPreviewsThenImportsWithYes(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "atelier.db")
	st, err := data.Open(db, data.OpenOrCreate)
	if err != nil {
		t.Fatal(err)
	}
	w := data.Workshop{Title: "Atelier régional", City: "Dakar", Country: "SN", Language: data.French,
		StartDate: data.NewDate(2027, 3, 8), EndDate: data.NewDate(2027, 3, 12), Rule: data.DefaultCertificateRule}
	if err := st.SaveWorkshop(&w); err != nil {
		t.Fatal(err)
	}
	st.Close()
	list := filepath.Join(dir, "candidatures.csv")
	csv := "Liste des candidatures\n\nNom;Prénom;Courriel;Pays\n" +
		"Diallo;Aïssatou;a.diallo@example.sn;Sénégal\n" +
		"Bâ;Amadou;amadou@;Mali\n" +
		";;personne@example.org;Mali\n" +
		"DIALLO;aissatou;autre@example.sn;Senegal\n" +
		"Kaboré;Issa;issa@example.bf;Burkina Faso\n"
	if err := os.WriteFile(list, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(w.ID, 10)
	count := func() int {
		st, err := data.Open(db, data.OpenExisting)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		ps, err := st.Participants(w.ID, data.ParticipantFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return len(ps)
	}

	code, out, errOut := runCLI("import", "--db", db, "--workshop", id, list)
	for _, want := range []string{"Column titles on row 3", "Courriel", "→ email", "2 rows to import, 3 rows refused",
		"row 5, Amadou Bâ:", `Courriel "amadou@" is not an email address`, "row 6, (no name):", "No name",
		"row 7, aissatou DIALLO:", "same name and country as row 4", "run again with --yes"} {
		if !strings.Contains(out, want) {
			t.Errorf("preview lacks %q:\n%s", want, out)
		}
	}
	if code != 0 || errOut != "" || count() != 0 {
		t.Fatalf("preview: code %d, stderr %q, %d participants in the file", code, errOut, count())
	}

	code, out, errOut = runCLI("import", "--db", db, "--workshop", id, "--yes", list)
	if code != 0 || !strings.Contains(out, "Imported 2 participants") || count() != 2 {
		t.Fatalf("import: code %d, out %q, err %q, %d participants", code, out, errOut, count())
	}
	// Again: everyone left is now a duplicate of the workshop's participants.
	_, out, _ = runCLI("import", "--db", db, "--workshop", id, list, "--yes")
	if !strings.Contains(out, "0 rows to import") || !strings.Contains(out, "already in this workshop") || count() != 2 {
		t.Fatalf("second import:\n%s", out)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"import", "--db", db, list}, "--workshop ID"},
		{[]string{"import", "--workshop", id, list}, "--db FILE"},
		{[]string{"import", "--db", db, "--workshop", id}, "one .xlsx or .csv file"},
		{[]string{"import", "--db", db, "--workshop", "999", list}, "workshop 999 does not exist"},
		{[]string{"import", "--db", db, "--workshop", id, db}, "not an .xlsx workbook or a .csv text file"},
	} {
		code, _, errOut := runCLI(c.args...)
		if code == 0 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: code %d, stderr %q; want %q", c.args, code, errOut, c.want)
		}
	}
}

// export writes the workbook; a workshop that does not exist leaves no
// file, not even an empty one.
func TestExportWritesTheWorkbookOrNothing(t *testing.T) {
	db := demoFile(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "lagos.xlsx")
	code, stdout, errOut := runCLI("export", "--db", db, "--workshop", "1", "--out", out)
	if code != 0 || !strings.Contains(stdout, out) {
		t.Fatalf("code %d, stdout %q, stderr %q", code, stdout, errOut)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); len(sheets) != 7 || sheets[0] != "Summary" {
		t.Errorf("sheets %q", sheets)
	}
	anonymous := filepath.Join(dir, "shared.xlsx")
	if code, _, errOut := runCLI("export", "--db", db, "--workshop", "1", "--anonymous", "--out", anonymous); code != 0 {
		t.Fatalf("--anonymous: code %d, stderr %q", code, errOut)
	}
	g, err := excelize.OpenFile(anonymous)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if header, _ := g.GetRows("Participants"); len(header) == 0 || slices.Contains(header[0], "Email") {
		t.Errorf("the anonymous workbook has the columns %q", header[0])
	}
	missing := filepath.Join(dir, "none.xlsx")
	code, _, errOut = runCLI("export", "--db", db, "--workshop", "99", "--out", missing)
	if code == 0 || !strings.Contains(errOut, "no workshop 99") {
		t.Errorf("code %d, stderr %q", code, errOut)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("the folder holds %d files, want only the two workbooks", len(entries))
	}
	if code, _, errOut = runCLI("export", "--db", db, "--out", missing); code != 2 || !strings.Contains(errOut, "--workshop ID") {
		t.Errorf("without --workshop: code %d, stderr %q", code, errOut)
	}
	for _, c := range []struct {
		args  []string
		words string
	}{
		{[]string{"--all", "--workshop", "1"}, "not both"},
		{[]string{"--all", "--language", "de"}, `"de" is not one of`},
		{[]string{"--all", "--anonymous"}, "no personal data"},
	} {
		args := append([]string{"export", "--db", db, "--out", missing}, c.args...)
		if code, _, errOut := runCLI(args...); code != 2 || !strings.Contains(errOut, c.words) {
			t.Errorf("%v: code %d, stderr %q", c.args, code, errOut)
		}
	}
	overview := filepath.Join(t.TempDir(), "all.xlsx")
	if code, _, errOut := runCLI("export", "--db", db, "--all", "--language", "es", "--out", overview); code != 0 {
		t.Fatalf("--all: code %d, stderr %q", code, errOut)
	}
	h, err := excelize.OpenFile(overview)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if rows, _ := h.GetRows("Talleres"); len(rows) != 3 {
		t.Errorf("the overview has %d rows, want a header and the two demo workshops", len(rows))
	}
}
