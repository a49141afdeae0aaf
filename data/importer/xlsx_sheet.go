package importer

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
)

// A sheet of a workbook, read row by row as it streams out of the zip.

// rows reads one sheet into rows of cells as text, the first row of the
// sheet first: rows and cells that are missing or blank are empty, and
// trailing ones are left out, as excelize's GetRows gives them.
func (b *xlsxBook) rows(sheet string) ([][]string, error) {
	part, ok := b.sheetPart[sheet]
	if !ok {
		return nil, fmt.Errorf("there is no sheet %q", sheet)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	left := int64(MaxUnpacked)
	if f := b.parts[part]; f != nil && f.UncompressedSize64 > uint64(left) {
		return nil, errUnpacked(b.file)
	}
	shared, err := b.sharedStrings(&left)
	if err != nil {
		return nil, err
	}
	r := sheetReader{book: b, sheet: sheet, shared: shared}
	err = b.scan(part, &left, r.where, r.element)
	if err != nil {
		return nil, err
	}
	r.endRow()
	return r.rows, nil
}

// sheetReader follows a sheet's rows and cells as they stream by.
type sheetReader struct {
	book         *xlsxBook
	sheet        string
	shared       []string
	rows         [][]string
	row          []string
	rowNum, col  int
	cells, bytes int // against MaxCells and MaxText
}

func (r *sheetReader) element(ts *tokens, t xml.StartElement) error {
	switch t.Name.Local {
	case "row":
		r.endRow()
		n, ok := number(attr(t, "r"))
		if !ok || n <= r.rowNum {
			n = r.rowNum + 1
		}
		r.rowNum, r.col = n, 0
	case "c":
		r.col++
		r.cells++ // a blank cell too: a sheet of millions of them is not a list
		if ref := attr(t, "r"); ref != "" {
			if col := columnOf(ref); col > r.col {
				r.col = col
			}
		}
		if r.col > 16384 {
			return fmt.Errorf("%s: %w (%s is beyond the last column)", r.book.file, ErrDamaged, r.where())
		}
		if r.cells > MaxCells {
			return errTooManyCells(r.book.file, r.sheet)
		}
		v, err := r.cellValue(ts, t)
		if err != nil || v == "" {
			return err
		}
		r.cells += max(r.col-len(r.row)-1, 0) // the blank cells it leaves out before it
		r.bytes += len(v)
		if r.cells > MaxCells || r.bytes > MaxText {
			return errTooManyCells(r.book.file, r.sheet)
		}
		// Rows only count when they hold something: Excel writes empty
		// rows down to the bottom of the sheet when they are formatted.
		if r.rowNum > MaxRows {
			return errTooManyRows(r.book.file, r.sheet, r.rowNum)
		}
		for len(r.row) < r.col-1 {
			r.row = append(r.row, "")
		}
		r.row = append(r.row, v)
	}
	return nil
}

// where names the cell being read, for a message.
func (r *sheetReader) where() string {
	return fmt.Sprintf("cell %s of sheet %q", cellName(r.col, r.rowNum), r.sheet)
}

// endRow files the row just read, after the blank rows before it.
func (r *sheetReader) endRow() {
	if len(r.row) == 0 {
		return
	}
	for len(r.rows) < r.rowNum-1 {
		r.rows = append(r.rows, nil)
	}
	r.rows = append(r.rows, r.row)
	r.row = nil
}

// cellValue reads a cell to its end and says what it shows.
func (r *sheetReader) cellValue(ts *tokens, c xml.StartElement) (string, error) {
	kind := attr(c, "t")
	style, _ := number(attr(c, "s"))
	var value string
	for depth := 1; depth > 0; {
		tok, err := ts.inner()
		if err != nil {
			return "", err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "v":
				if value, err = ts.text("v", MaxCellLength, r.where, r.book.file); err != nil {
					return "", err
				}
			case "is":
				if value, err = ts.text("is", MaxCellLength, r.where, r.book.file); err != nil {
					return "", err
				}
				kind = "inlineStr"
			default:
				depth++
			}
		case xml.EndElement:
			depth--
		}
	}
	switch kind {
	case "s":
		i, ok := number(strings.TrimSpace(value))
		if !ok || i < 0 || i >= len(r.shared) {
			return "", nil
		}
		return r.shared[i], nil
	case "":
		if value == "" {
			return "", nil
		}
	case "b":
		return map[string]string{"1": "TRUE", "0": "FALSE"}[strings.TrimSpace(value)], nil
	case "inlineStr", "str", "e", "d":
		return value, nil
	}
	return r.book.number(value, style), nil
}

// number reads a whole number of an attribute without the cost of an
// error for the blank ones that most cells have.
func number(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// columnOf reads the column of a cell reference: "C7" is 3.
func columnOf(ref string) int {
	col := 0
	for _, c := range ref {
		switch {
		case c >= 'A' && c <= 'Z':
			col = col*26 + int(c-'A') + 1
		case c >= 'a' && c <= 'z':
			col = col*26 + int(c-'a') + 1
		case c == '$':
		default:
			return col
		}
		if col > 1<<20 {
			return col
		}
	}
	return col
}

// cellName writes a cell reference: column 3, row 7 is "C7".
func cellName(col, row int) string {
	name := ""
	for ; col > 0; col = (col - 1) / 26 {
		name = string(rune('A'+(col-1)%26)) + name
	}
	return name + strconv.Itoa(row)
}
