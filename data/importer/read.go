// Package importer reads registration lists (.xlsx and .csv files as
// national committees and web forms produce them) into participants. It
// has no interface: it reads, checks against a workshop and saves, and the
// window and the command line show what it found.
package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// ErrFormat is returned for a file that is neither a workbook nor text.
var ErrFormat = errors.New("not an .xlsx workbook or a .csv text file")

// ErrDamaged is returned for a workbook that cannot be read through: a
// zip cut short, parts that do not unpack to what they declare (as a file
// made to exhaust the memory may), XML that breaks off. It is an
// ErrFormat too, told apart so that the user is not told that a workbook
// is not one.
var ErrDamaged = fmt.Errorf("%w: a damaged workbook", ErrFormat)

// Workbook is an opened registration list: a workbook's sheets, or the one
// table of a CSV file.
type Workbook struct {
	Name   string   // the file's base name
	Sheets []string // in the workbook's order; one for a CSV file
	// Encoding is how a text file was read (EncodingUTF8…), for the
	// preview to say; "" for a workbook.
	Encoding string
	xlsx     *xlsxBook
	file     io.Closer  // the workbook's file, read as sheets are asked for
	rows     [][]string // the CSV file's rows
}

// Open reads a .xlsx or .csv file. Which one it is comes from the content,
// not the name: a CSV saved with an .xls name is still read.
func Open(path string) (*Workbook, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	w, err := open(filepath.Base(path), f, st.Size())
	if err != nil || w.xlsx == nil {
		f.Close()
		return w, err
	}
	w.file = f
	return w, nil
}

// OpenReader reads a workbook or CSV from r; name is shown to the user.
// What r holds is read into memory, up to MaxTextFile bytes.
func OpenReader(name string, r io.Reader) (*Workbook, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxTextFile+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxTextFile {
		return nil, errTextFileTooBig(name)
	}
	return open(name, bytes.NewReader(b), int64(len(b)))
}

func open(name string, r io.ReaderAt, size int64) (*Workbook, error) {
	head := make([]byte, 4)
	n, _ := r.ReadAt(head, 0)
	if bytes.Equal(head[:n], []byte("PK\x03\x04")) {
		x, err := openXLSX(name, r, size)
		if err != nil {
			return nil, err
		}
		return &Workbook{Name: name, Sheets: x.sheets, xlsx: x}, nil
	}
	if size > MaxTextFile {
		return nil, errTextFileTooBig(name)
	}
	// Read into a string at once: a UTF-8 file is then never copied.
	var b strings.Builder
	b.Grow(int(size))
	if _, err := io.Copy(&b, io.NewSectionReader(r, 0, size)); err != nil {
		return nil, err
	}
	text, encoding, err := decodeText(b.String())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	sheet := strings.TrimSuffix(name, filepath.Ext(name))
	rows := ReadCSV(text)
	if err := checkRows(name, sheet, rows); err != nil {
		return nil, err
	}
	return &Workbook{Name: name, Sheets: []string{sheet}, Encoding: encoding, rows: rows}, nil
}

// checkRows holds the rows of a text file to the limits a workbook's are
// read within. A value longer than a cell can be is most often a quote
// opened and never closed, which swallowed the lines after it.
func checkRows(file, sheet string, rows [][]string) error {
	for len(rows) > 0 && len(rows[len(rows)-1]) == 0 {
		rows = rows[:len(rows)-1]
	}
	if len(rows) > MaxRows {
		return errTooManyRows(file, sheet, len(rows))
	}
	cells := 0
	for i, row := range rows {
		cells += len(row)
		for j, v := range row {
			if len(v) > MaxCellLength && utf8.RuneCountInString(v) > MaxCellLength {
				return errCellTooLong(file, fmt.Sprintf("the value in row %d, column %d (a quote left open?)", i+1, j+1))
			}
		}
	}
	if cells > MaxCells {
		return errTooManyCells(file, sheet)
	}
	return nil
}

// Rows returns the cells of one sheet as text, row by row from the first
// row of the sheet; "" means the first sheet.
func (w *Workbook) Rows(sheet string) ([][]string, error) {
	if w.xlsx == nil {
		return w.rows, nil
	}
	if sheet == "" && len(w.Sheets) > 0 {
		sheet = w.Sheets[0]
	}
	return w.xlsx.rows(sheet)
}

// Close releases the workbook, and the rows of a CSV file it holds: the
// caller keeps those it took from Rows.
func (w *Workbook) Close() error {
	w.rows = nil
	if f := w.file; f != nil {
		w.file = nil
		return f.Close()
	}
	return nil
}

// delimiters are those spreadsheet programs write: a comma in English, a
// semicolon where the comma is the decimal sign, a tab for "text".
var delimiters = []rune{',', ';', '\t'}

// ReadCSV splits text into rows, choosing the delimiter that cuts the first
// lines into the most columns, the same number on each line. Quotes out of
// place are kept as text rather than refused.
func ReadCSV(text string) [][]string {
	text = strings.TrimPrefix(text, "\uFEFF")
	best, bestScore := ',', -1
	sample := firstLines(text, 30)
	for _, d := range delimiters {
		if s := delimiterScore(sample, d); s > bestScore {
			best, bestScore = d, s
		}
	}
	rows, _ := parseCSV(text, best)
	return rows
}

func parseCSV(text string, delim rune) ([][]string, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = delim
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var rows [][]string
	lastLine := 0 // where the previous record ended
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return rows, err
		}
		// encoding/csv skips blank lines; a spreadsheet shows them as empty
		// rows, and the row numbers the user is told must match it.
		line, _ := r.FieldPos(0)
		for ; lastLine < line-1; lastLine++ {
			rows = append(rows, nil)
		}
		rows = append(rows, rec)
		endLine, _ := r.FieldPos(len(rec) - 1)
		lastLine = endLine + strings.Count(rec[len(rec)-1], "\n")
	}
}

func firstLines(text string, n int) string {
	i := 0
	for ; n > 0 && i < len(text); n-- {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			return text
		}
		i += j + 1
	}
	return text[:i]
}

// delimiterScore favours a delimiter that gives many rows of the same
// width, wider than one column.
func delimiterScore(sample string, d rune) int {
	rows, _ := parseCSV(sample, d)
	widths := map[int]int{}
	for _, r := range rows {
		if len(r) > 1 {
			widths[len(r)]++
		}
	}
	score := 0
	for width, count := range widths {
		score = max(score, count*100+width)
	}
	return score
}
