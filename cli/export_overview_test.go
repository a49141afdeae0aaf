package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data"
)

// export --all reads three files into one overview: the two demo
// workshops, present in two of the files (one copy with a participant
// more), count once and are said; the third file's workshop is there too;
// each row names the files it was found in. The workbook is read back with
// openpyxl.
func TestExportAllOfThreeFiles(t *testing.T) {
	north := demoFile(t)
	south := filepath.Join(t.TempDir(), "demo.db")
	copyFile(t, north, south)
	st, err := data.Open(south, data.OpenExisting)
	if err != nil {
		t.Fatal(err)
	}
	p := data.Participant{WorkshopID: 1, GivenName: "Ọláńrewájú", FamilyName: "Adébáyọ̀", Country: "NG",
		Status: data.StatusApplicant}
	if err := st.SaveParticipant(&p); err != nil {
		t.Fatal(err)
	}
	st.Close()
	dakar, _ := workshopFile(t)
	out := filepath.Join(t.TempDir(), "overview.xlsx")

	code, stdout, errOut := runCLI("export", "--all", "--language", "fr", "--out", out, north, south, dakar)
	if code != 0 {
		t.Fatalf("code %d, stderr %q", code, errOut)
	}
	northName := filepath.Join(filepath.Base(filepath.Dir(north)), "demo.db")
	southName := filepath.Join(filepath.Base(filepath.Dir(south)), "demo.db")
	if n := strings.Count(stdout, "counted once, from "+northName); n != 2 {
		t.Errorf("%d workshops said to be counted once from the first file, want 2:\n%s", n, stdout)
	}
	if !strings.Contains(stdout, "is in "+northName+" and "+southName) || !strings.Contains(stdout, "the copies differ") ||
		!strings.Contains(stdout, "3 workshops from 3 files") {
		t.Errorf("stdout:\n%s", stdout)
	}

	rows := overviewRows(t, out)
	if len(rows) != 4 {
		t.Fatalf("%d rows, want a header and three workshops: %q", len(rows), rows)
	}
	files := map[string]string{} // city → the File column
	last := len(rows[0]) - 1
	if rows[0][last] != "Fichiers" {
		t.Errorf("header %q", rows[0])
	}
	for _, r := range rows[1:] {
		files[r[1]] = r[last]
	}
	if files["Lagos"] != northName+", "+southName || files["Dakar"] != "atelier.db" {
		t.Errorf("files per workshop %q", files)
	}
}

// An overview refuses to be written over one of the files it reads, and a
// file that is not Atelier's stops it before anything is written, naming
// the file.
func TestExportAllRefusesBadFiles(t *testing.T) {
	db := demoFile(t)
	before, _ := os.ReadFile(db)
	code, _, errOut := runCLI("export", "--all", "--out", db, db)
	if after, _ := os.ReadFile(db); code != 2 || !strings.Contains(errOut, "one of the files to read") || string(after) != string(before) {
		t.Errorf("code %d, stderr %q", code, errOut)
	}
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("not a database"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "overview.xlsx")
	code, _, errOut = runCLI("export", "--all", "--out", out, db, notes)
	if code != 1 || !strings.Contains(errOut, "notes.txt” is not an Atelier database") {
		t.Errorf("code %d, stderr %q", code, errOut)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %d files, want only notes.txt", len(entries))
	}
	if code, _, errOut := runCLI("export", "--all", "--out", out); code != 2 || !strings.Contains(errOut, "--db FILE") {
		t.Errorf("no file: code %d, stderr %q", code, errOut)
	}
}

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// overviewRows reads the first sheet of a workbook with openpyxl, an
// independent reader, every cell as text.
func overviewRows(t *testing.T, path string) [][]string {
	t.Helper()
	python := ""
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import openpyxl").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		t.Skip("no python3 with openpyxl is installed (Debian: python3-openpyxl)")
	}
	const script = `
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print(json.dumps([["" if v is None else str(v) for v in r] for r in ws.iter_rows(values_only=True)]))
`
	out, err := exec.Command(python, "-c", script, path).Output()
	if err != nil {
		t.Fatalf("openpyxl: %v", err)
	}
	var rows [][]string
	if err := json.Unmarshal(out, &rows); err != nil {
		t.Fatal(err)
	}
	return rows
}
