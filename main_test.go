package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data"
)

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
