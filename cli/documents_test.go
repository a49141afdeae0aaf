package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

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
		{[]string{"programme", "--db", filepath.Join(dir, "missing.db"), "--workshop", "1", "--out", out}, "cannot be found"},
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
