package importer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data"
)

// refusedBy opens path and reads its first sheet, and checks that the file
// is refused with the message of the limit whose key is given, and that
// the message says what it names.
func refusedBy(t *testing.T, path, key string, says ...string) {
	t.Helper()
	wb, err := Open(path)
	if err == nil {
		defer wb.Close()
		var rows [][]string
		rows, err = wb.Rows("")
		if err == nil {
			t.Fatalf("%s was read (%d rows); want it refused by %s", filepath.Base(path), len(rows), key)
		}
	}
	var fe data.FieldError
	if !errors.As(err, &fe) || fe.Key != key {
		t.Fatalf("%s: %v; want the limit %s", filepath.Base(path), err, key)
	}
	for _, s := range append(says, filepath.Base(path)) {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("the message %q does not say %q", err, s)
		}
	}
}

func hostileFile(t *testing.T, sheet hostileSheet) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "applicants.xlsx")
	writeHostileXLSX(t, path, sheet)
	return path
}

func TestAnInflatingWorkbookIsRefusedByItsLimit(t *testing.T) {
	// A sheet of 300 MiB of blank rows, its size declared: refused before
	// anything is inflated.
	path := hostileFile(t, inflatingSheet(300<<20))
	if st, _ := os.Stat(path); st.Size() > 4<<20 {
		t.Fatalf("the hostile file is %d bytes; it should be small", st.Size())
	}
	refusedBy(t, path, "error.import_unpacked", "100 MB")

	// The same sheet declaring a megabyte: the zip's own count of what
	// comes out stops it there, as a damaged file.
	lying := inflatingSheet(300 << 20)
	lying.Declared = 1 << 20
	wb, err := Open(hostileFile(t, lying))
	if err == nil {
		_, err = wb.Rows("")
		wb.Close()
	}
	if !errors.Is(err, ErrFormat) || !errors.Is(err, ErrDamaged) {
		t.Fatalf("a sheet that inflates past its declared size: %v", err)
	}
}

func TestAHugeCellIsRefusedByExcelsLimit(t *testing.T) {
	// 64 MiB of letters in one cell: stopped a few hundred kilobytes in.
	refusedBy(t, hostileFile(t, hugeCellSheet(64<<20)), "error.import_cell_too_long", "32,767", `cell B3 of sheet "Applicants"`)

	// Exactly the limit is read; one letter more is not. Each letter here
	// takes three bytes and a mark is a letter of its own.
	cell := func(n int) hostileSheet {
		return hostileSheet{Head: sheetHead + inlineRow(1, "Family name", "Given name") +
			inlineRow(2, "Àdìgún", strings.Repeat("Ọ", n)), Tail: sheetTail}
	}
	wb, err := Open(hostileFile(t, cell(MaxCellLength)))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := wb.Rows("")
	wb.Close()
	if err != nil || len(rows) != 2 || rows[1][1] != strings.Repeat("Ọ", MaxCellLength) {
		t.Fatalf("a cell of exactly %d letters: %v", MaxCellLength, err)
	}
	refusedBy(t, hostileFile(t, cell(MaxCellLength+1)), "error.import_cell_too_long", "cell B2")

	// The same in the texts cells share.
	shared := hostileSheet{Head: sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`, Tail: sheetTail,
		Shared: "<si><t>Family name</t></si><si><r><t>" + strings.Repeat("a", MaxCellLength) + "</t></r><r><t>b</t></r></si>"}
	refusedBy(t, hostileFile(t, shared), "error.import_cell_too_long", "a text shared by cells")
}

func TestASheetSpanningTooMuchIsRefused(t *testing.T) {
	// A cell in the last column of each of 300 rows spans 4.9 million.
	var wide strings.Builder
	for r := 1; r <= 300; r++ {
		fmt.Fprintf(&wide, `<row r="%d"><c r="XFD%d" t="inlineStr"><is><t>x</t></is></c></row>`, r, r)
	}
	refusedBy(t, hostileFile(t, hostileSheet{Head: sheetHead + wide.String(), Tail: sheetTail}),
		"error.import_too_many_cells", "4,000,000 cells")

	// One shared text of 30,000 letters in 3,000 cells: 90 MB of text
	// from a file of a few kilobytes.
	var many strings.Builder
	for r := 1; r <= 3000; r++ {
		fmt.Fprintf(&many, `<row r="%d"><c r="A%d" t="s"><v>0</v></c></row>`, r, r)
	}
	refusedBy(t, hostileFile(t, hostileSheet{Head: sheetHead + many.String(), Tail: sheetTail,
		Shared: "<si><t>" + strings.Repeat("a", 30000) + "</t></si>"}), "error.import_too_many_cells", "64 MB of text")

	// A name on row 100,001 is past the rows Atelier reads; blank rows
	// down to the bottom of the sheet, as formatting leaves them, are not.
	blank := strings.Repeat(`<row/>`, 200_000)
	wb, err := Open(hostileFile(t, hostileSheet{Head: sheetHead + inlineRow(1, "Name") + inlineRow(2, "Ada") + blank, Tail: sheetTail}))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := wb.Rows("")
	wb.Close()
	if err != nil || len(rows) != 2 {
		t.Fatalf("blank rows below a list: %d rows, %v", len(rows), err)
	}
	refusedBy(t, hostileFile(t, hostileSheet{Head: sheetHead + inlineRow(1, "Name") + inlineRow(100_001, "Ada"), Tail: sheetTail}),
		"error.import_too_many_rows", "row 100,001", "100,000 rows")
}

func TestATextFileBeyondTheLimitsIsRefused(t *testing.T) {
	// A quote opened and never closed swallows the rest of the file into
	// one value.
	var b strings.Builder
	b.WriteString("Family name;Given name\n\"Àdìgún;Ọláńrewájú\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "Diallo %d;Aïssatou\n", i)
	}
	refusedBy(t, csvFile(t, "list.csv", []byte(b.String())), "error.import_cell_too_long", "row 2, column 1", "quote")

	big := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(big, []byte("Name\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, MaxTextFile+1); err != nil { // sparse: nothing is written
		t.Fatal(err)
	}
	refusedBy(t, big, "error.import_file_too_big", "50 MB")
	if _, err := OpenReader("big.csv", strings.NewReader(strings.Repeat("a", MaxTextFile+1))); err == nil {
		t.Error("a stream beyond the limit was read")
	}
}

// A list read wrong refuses every row for many reasons; past the first
// thousand refused rows, only the first reason of each is kept, and the
// others are counted.
func TestManyRefusedRowsKeepTheirFirstReason(t *testing.T) {
	st, w := openStore(t)
	rows := [][]string{{"Family name", "Given name", "Email", "Country", "Gender"}}
	for i := range detailedRejections + 5 {
		rows = append(rows, []string{fmt.Sprint("Name ", i), "Given", "not an email", "Narnia", "sometimes"})
	}
	p, err := Prepare(st, w.ID, rows, Options{})
	if err != nil || len(p.Rejected) != detailedRejections+5 {
		t.Fatalf("%v: %d refused", err, len(p.Rejected))
	}
	// From the second row on, each is refused for its country, gender and
	// email, and for the email of the first.
	second, last := p.Rejected[1], p.Rejected[len(p.Rejected)-1]
	if len(second.Reasons) != 4 || second.Unlisted != 0 {
		t.Errorf("the second refused row: %d reasons, %d unlisted", len(second.Reasons), second.Unlisted)
	}
	if len(last.Reasons) != 1 || last.Unlisted != 3 || last.Reasons[0].Key != second.Reasons[0].Key {
		t.Errorf("the last refused row: %+v", last)
	}
}
