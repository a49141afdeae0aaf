package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/atelier-workshops/atelier/data"
)

// A list checked a row at a time from its workbook (as the wizard and
// atelier import do) reads as the same list read whole: a title above the
// header, blank lines, a refused row, a repeated row, the row numbers the
// user is told; a header row given, or past the end, alike.
func TestAWorkbookCheckedRowByRowReadsAsTheWholeList(t *testing.T) {
	st, w := openStore(t)
	var list strings.Builder
	list.WriteString("Applications to the regional training\n\n")
	list.WriteString("Surname;First name;Email;Country;Gender;Question\n")
	for i := range 60 {
		fmt.Fprintf(&list, "Àdìgún-%d;Ọláńrewájú;p%d@example.org;Nigeria;F;une réponse\n", i, i)
		if i%17 == 0 {
			list.WriteString("\n")
		}
	}
	list.WriteString("Kaboré;Issa;issa@;Burkina Faso;X;\n")             // refused
	list.WriteString("Àdìgún-3;Ọláńrewájú;p3@example.org;Nigeria;F;\n") // a repeat
	path := filepath.Join(t.TempDir(), "list.csv")
	if err := os.WriteFile(path, []byte(list.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	wb, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	for _, opt := range []Options{{}, {HeaderRow: 3, Mapping: []Field{FamilyName, GivenName, Email, Ignore, Gender}}} {
		rows, err := wb.Rows("")
		if err != nil {
			t.Fatal(err)
		}
		whole, err := Prepare(st, w.ID, rows, opt)
		if err != nil {
			t.Fatal(err)
		}
		var progress [][2]int
		opt.Progress = func(done, total int) { progress = append(progress, [2]int{done, total}) }
		byRow, err := wb.Prepare(st, w.ID, "", opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []*Preview{whole, byRow} {
			for i := range p.Rejected {
				p.Rejected[i].Cells = nil // kept by both; compared below
			}
		}
		if !reflect.DeepEqual(whole, byRow) {
			t.Errorf("read whole:\n%+v\nrow by row:\n%+v", whole, byRow)
		}
		if len(byRow.Ready) != 60 || len(byRow.Rejected) != 2 || byRow.HeaderRow != 3 || byRow.Blank != 4 {
			t.Errorf("%d to add, %d refused, header on row %d, %d blank", len(byRow.Ready), len(byRow.Rejected), byRow.HeaderRow, byRow.Blank)
		}
		if last := progress[len(progress)-1]; last != [2]int{len(rows) - 3, len(rows) - 3} {
			t.Errorf("progress ends at %v, with %d rows below the header", last, len(rows)-3)
		}
	}
	rows, _ := wb.Rows("")
	_, whole := Prepare(st, w.ID, rows, Options{HeaderRow: 500})
	_, err = wb.Prepare(st, w.ID, "", Options{HeaderRow: 500})
	if err == nil || whole == nil || err.Error() != whole.Error() || !strings.Contains(err.Error(), "row 500 is past the end of the sheet (69 rows)") {
		t.Errorf("a header past the end: %v; read whole: %v", err, whole)
	}
}

// A row corrected by hand is read corrected, the file unchanged; a refused
// row keeps its cells for the correction, for the first thousand refused
// rows only (a list read wrong refuses every row).
func TestCorrectionsReplaceARowAndRefusedRowsKeepTheirCells(t *testing.T) {
	st, w := openStore(t)
	rows := [][]string{{"Surname", "First name", "Email"}}
	for i := range detailedRejections + 5 {
		rows = append(rows, []string{fmt.Sprintf("Diallo-%d", i), "Aïssatou", fmt.Sprintf("a%d@", i)})
	}
	p, err := Prepare(st, w.ID, rows, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rejected) != detailedRejections+5 || !reflect.DeepEqual(p.Rejected[0].Cells, rows[1]) ||
		p.Rejected[detailedRejections-1].Cells == nil || p.Rejected[detailedRejections].Cells != nil {
		t.Fatalf("%d refused; cells of the first %q, of the 1,000th %q, of the 1,001st %q", len(p.Rejected),
			p.Rejected[0].Cells, p.Rejected[detailedRejections-1].Cells, p.Rejected[detailedRejections].Cells)
	}
	p, err = Prepare(st, w.ID, rows, Options{Corrections: map[int][]string{2: {"Diallo", "Aïssatou", "a.diallo@example.sn"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Ready) != 1 || p.Ready[0].Row != 2 || p.Ready[0].Participant.Email != "a.diallo@example.sn" || rows[1][2] != "a0@" {
		t.Fatalf("corrected row 2: %d to add (%+v); the row read %q", len(p.Ready), p.Ready, rows[1])
	}
}

// What the preview keeps of a row to add is copied out of it: none of the
// participant's values points into the row's cells, which would keep the
// whole row (every answer not imported) for as long as the preview.
func TestACandidateKeepsNoneOfItsRow(t *testing.T) {
	st, w := openStore(t)
	row := strings.Join([]string{"Àdìgún", "Ọláńrewájú", "o.adigun@example.org", "Nigeria", "Musée", "F", "selected",
		strings.Repeat("une réponse assez longue ", 40)}, ";")
	rows := ReadCSV("Surname;First name;Email;Country;Institution;Gender;Status;Question\n" + row + "\n")
	p, err := Prepare(st, w.ID, rows, Options{})
	if err != nil || len(p.Ready) != 1 {
		t.Fatalf("%v, %+v", err, p)
	}
	cells := rows[1]
	inRow := func(s string) bool {
		if s == "" {
			return false
		}
		at := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		for _, c := range cells {
			if c == "" {
				continue
			}
			start := uintptr(unsafe.Pointer(unsafe.StringData(c)))
			if at >= start && at < start+uintptr(len(c)) {
				return true
			}
		}
		return false
	}
	got := p.Ready[0].Participant
	v := reflect.ValueOf(got).Elem()
	for _, path := range participantTexts {
		if s := v.FieldByIndex(path).String(); inRow(s) {
			t.Errorf("%s (%q) points into the row", v.Type().FieldByIndex(path).Name, s)
		}
	}
	if got.FamilyName != "Àdìgún" || got.Email != "o.adigun@example.org" || got.Institution != "Musée" || got.Country != "NG" {
		t.Errorf("%+v", got)
	}
}

// compact keeps every text field of a participant, nested ones included.
func TestCompactKeepsEveryValue(t *testing.T) {
	var p data.Participant
	v := reflect.ValueOf(&p).Elem()
	for i, path := range participantTexts {
		v.FieldByIndex(path).SetString(fmt.Sprintf("value %d of %s", i, strings.Repeat("é", i)))
	}
	want := p
	compact(&p)
	if !reflect.DeepEqual(p, want) {
		t.Fatalf("compacted:\n%+v\nwant\n%+v", p, want)
	}
	if len(participantTexts) < 20 || p.Travel.Arrival.Flight == "" || p.Grant.Currency == "" {
		t.Errorf("%d text fields found: %+v", len(participantTexts), p)
	}
}
