package importer

import (
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// The workbook reader is held against excelize's own GetRows on workbooks
// excelize writes: text in every script, numbers of every size, booleans,
// blanks between cells and rows, rich text, several sheets.
func TestReaderAgreesWithExcelize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "list.xlsx")
	f := excelize.NewFile()
	rows := [][]any{
		{"Family name", "Given name", "Phone", "Grant", "Amount", "Notes"},
		{"Àdìgún", "Ọláńrewájú", 2348030000000, true, 1500.5, "needs a visa"},
		{"Diallo", "Aïssatou", "+221 77 000 00 00", false, 0.1 + 0.2, nil},
		{},
		{"Ñúñez", nil, nil, nil, 123456789012345678, "spaces  inside"},
		{"עברית", "العربية", -42, nil, 1e-7, "_x000D_ stays text? _x005F_x0041_"},
		{nil, nil, nil, nil, nil, "far right", nil, nil, "farther"},
		{"  padded  ", "x", math.MaxInt32, "TRUE", 3.0, "line\nbreak"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetCellRichText("Sheet1", "F2", []excelize.RichTextRun{{Text: "needs "}, {Text: "a visa", Font: &excelize.Font{Bold: true}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("Trainers"); err != nil {
		t.Fatal(err)
	}
	f.SetCellValue("Trainers", "B3", "Ẹ̀kọ́")
	f.SetCellValue("Trainers", "A10", 7)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()

	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	wb, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if !reflect.DeepEqual(wb.Sheets, x.GetSheetList()) {
		t.Fatalf("sheets %v, excelize %v", wb.Sheets, x.GetSheetList())
	}
	for _, sheet := range wb.Sheets {
		want, err := x.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		got, err := wb.Rows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("sheet %s:\n got %q\nwant %q", sheet, got, want)
		}
	}
}

// Dates read as dates, whatever the locale's format, and numbers in a
// "000…" format (a phone number typed as a number) keep their zeros.
func TestDatesAndZeroPaddedNumbers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "list.xlsx")
	f := excelize.NewFile()
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	dateTime, _ := f.NewStyle(&excelize.Style{NumFmt: 22})
	custom := "dd/mm/yyyy"
	french, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	zeros := "00000000000"
	phone, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &zeros})
	quoted := `0" days"`
	days, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &quoted})
	for cell, v := range map[string]struct {
		value any
		style int
	}{
		"A1": {time.Date(2022, 11, 21, 0, 0, 0, 0, time.UTC), date},
		"B1": {time.Date(2022, 11, 25, 17, 30, 0, 0, time.UTC), dateTime},
		"C1": {time.Date(1900, 1, 15, 0, 0, 0, 0, time.UTC), french},
		"D1": {8031234567, phone},
		"E1": {5, days},
	} {
		f.SetCellValue("Sheet1", cell, v.value)
		f.SetCellStyle("Sheet1", cell, cell, v.style)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	wb, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	rows, err := wb.Rows("")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"2022-11-21", "2022-11-25 17:30", "1900-01-15", "08031234567", "5"}}
	if !reflect.DeepEqual(rows, want) {
		t.Fatalf("read %q, want %q", rows, want)
	}
	for serial, want := range map[float64]string{1: "1900-01-01", 59: "1900-02-28", 60: "1900-02-29", 61: "1900-03-01",
		44886: "2022-11-21", 44886.75: "2022-11-21 18:00"} {
		if got, _ := excelDate(serial, false); got != want {
			t.Errorf("serial %v: %s, want %s", serial, got, want)
		}
	}
	if got, _ := excelDate(43424, true); got != "2022-11-21" {
		t.Errorf("1904 calendar: %s", got)
	}
}

func TestShortCutsLongValues(t *testing.T) {
	if got := Short("Ọláńrewájú"); got != "Ọláńrewájú" {
		t.Errorf("a short name was cut: %q", got)
	}
	// The 60th letter is a capital with a mark above: it is kept whole.
	long := strings.Repeat("a", 59) + "Ọ\u0300" + strings.Repeat("b", 40)
	want := strings.Repeat("a", 59) + "Ọ\u0300… (40 characters more)"
	if got := Short(long); got != want {
		t.Errorf("Short = %q\nwant %q", got, want)
	}
}
