package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

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
	if sheets := f.GetSheetList(); len(sheets) != 12 || sheets[0] != "Summary" || sheets[7] != "Marks by device" || sheets[11] != "Per diem" {
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
