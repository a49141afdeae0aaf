package reports

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/atelier-workshops/atelier/data"
)

// The overview has a row per workshop whose figures match the workshop's
// own, and participants per country adding up to everyone.
func TestOverviewAcrossWorkshops(t *testing.T) {
	st, res := demoStore(t)
	var buf bytes.Buffer
	if err := Overview(st, data.French, &buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "Ateliers" || got[1] != "Pays" {
		t.Fatalf("sheets %q", got)
	}
	rows, err := f.GetRows("Ateliers")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want a header and two workshops", len(rows))
	}
	total := 0
	for _, id := range []int64{res.Lagos, res.Planned} {
		d, err := LoadWorkbook(st, id)
		if err != nil {
			t.Fatal(err)
		}
		total += len(d.Participants)
		found := false
		for i, row := range rows[1:] {
			if row[0] != d.Workshop.Title {
				continue
			}
			found = true
			if row[6] != strconv.Itoa(len(d.Participants)) || row[3] != d.Workshop.StartDate.String() {
				t.Errorf("%s: %q", d.Workshop.City, row)
			}
			for _, col := range []string{"D", "G"} {
				cell := col + strconv.Itoa(i+2)
				if typ, _ := f.GetCellType("Ateliers", cell); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
					t.Errorf("%s is %v, want a number", cell, typ)
				}
			}
		}
		if !found {
			t.Errorf("no row for %s", d.Workshop.Title)
		}
	}
	countries, _ := f.GetRows("Pays")
	sum := 0
	for _, row := range countries[1:] {
		n, err := strconv.Atoi(row[len(row)-1])
		if err != nil {
			t.Fatal(err)
		}
		sum += n
	}
	if sum != total || countries[0][len(countries[0])-1] != "Total" {
		t.Errorf("countries add up to %d, want %d (%q)", sum, total, countries[0])
	}
	for _, sheet := range []string{"Ateliers", "Pays"} {
		if panes, err := f.GetPanes(sheet); err != nil || !panes.Freeze {
			t.Errorf("%s: header not frozen", sheet)
		}
	}
}
