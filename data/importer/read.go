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
	"sync"
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
	file     io.Closer // the workbook's file, read as sheets are asked for
	// A CSV file is kept as its text, decoded, and its rows read from
	// it each time they are asked for: the rows of the largest list,
	// each cell a string of its own, took twice the text's 42 MB, and
	// the wizard kept them for as long as it was open.
	mu    sync.Mutex // text against Close while rows are read
	text  string
	delim rune
	count int // rows of the CSV file
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
	text = strings.TrimPrefix(text, "\uFEFF")
	delim := sniffDelimiter(text)
	count, err := checkCSV(name, sheet, text, delim)
	if err != nil {
		return nil, err
	}
	return &Workbook{Name: name, Sheets: []string{sheet}, Encoding: encoding, text: text, delim: delim, count: count}, nil
}

// checkCSV holds the rows of a text file to the limits a workbook's are
// read within, reading them one at a time, and counts them. A value
// longer than a cell can be is most often a quote opened and never
// closed, which swallowed the lines after it.
func checkCSV(file, sheet, text string, delim rune) (count int, err error) {
	n, cells := 0, 0
	var long error // the first cell too long
	eachCSV(text, delim, func(row []string) bool {
		n++
		if len(row) > 0 {
			count = n // rows left empty at the end do not count
		}
		cells += len(row)
		for j, v := range row {
			if long == nil && len(v) > MaxCellLength && utf8.RuneCountInString(v) > MaxCellLength {
				long = errCellTooLong(file, fmt.Sprintf("the value in row %d, column %d (a quote left open?)", n, j+1))
			}
		}
		return true
	})
	switch {
	case count > MaxRows:
		return 0, errTooManyRows(file, sheet, count)
	case long != nil:
		return 0, long
	case cells > MaxCells:
		return 0, errTooManyCells(file, sheet)
	}
	return n, nil
}

// Rows returns the cells of one sheet as text, row by row from the first
// row of the sheet; "" means the first sheet.
func (w *Workbook) Rows(sheet string) ([][]string, error) {
	if w.xlsx == nil {
		w.mu.Lock()
		text := w.text
		w.mu.Unlock()
		return parseCSV(text, w.delim), nil
	}
	if sheet == "" && len(w.Sheets) > 0 {
		sheet = w.Sheets[0]
	}
	return w.xlsx.rows(sheet)
}

// rowReader gives the rows of a sheet one at a time, once.
type rowReader struct {
	total int // how many rows there are
	each  func(yield func(cells []string) bool) error
}

// rowsOf reads rows that are all in memory already.
func rowsOf(rows [][]string) rowReader {
	return rowReader{total: len(rows), each: func(yield func([]string) bool) error {
		for _, cells := range rows {
			if !yield(cells) {
				break
			}
		}
		return nil
	}}
}

// reader gives the rows of a sheet one at a time: a CSV file's as they
// are read from its text, none of them kept; a workbook's sheet is read
// whole, and each row let go once given.
func (w *Workbook) reader(sheet string) (rowReader, error) {
	if w.xlsx == nil {
		w.mu.Lock()
		text := w.text
		w.mu.Unlock()
		return rowReader{total: w.count, each: func(yield func([]string) bool) error {
			eachCSV(text, w.delim, yield)
			return nil
		}}, nil
	}
	rows, err := w.Rows(sheet)
	if err != nil {
		return rowReader{}, err
	}
	return rowReader{total: len(rows), each: func(yield func([]string) bool) error {
		for i, cells := range rows {
			rows[i] = nil
			if !yield(cells) {
				break
			}
		}
		return nil
	}}, nil
}

// Close releases the workbook, and the text of a CSV file it holds: the
// caller keeps the rows it took from Rows.
func (w *Workbook) Close() error {
	w.mu.Lock()
	w.text = ""
	w.mu.Unlock()
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
	return parseCSV(text, sniffDelimiter(text))
}

// sniffDelimiter is the delimiter that cuts the first lines of text into
// the most columns, the same number on each line.
func sniffDelimiter(text string) rune {
	best, bestScore := ',', -1
	sample := firstLines(text, 30)
	for _, d := range delimiters {
		if s := delimiterScore(sample, d); s > bestScore {
			best, bestScore = d, s
		}
	}
	return best
}

func parseCSV(text string, delim rune) [][]string {
	var rows [][]string
	eachCSV(text, delim, func(rec []string) bool {
		rows = append(rows, rec)
		return true
	})
	return rows
}

// eachCSV calls each with the cells of every row of text, in order, until
// it returns false: a blank line is a row without cells. Reading stops at
// the first error (none is expected: quotes out of place are read as
// text), which it returns.
func eachCSV(text string, delim rune, each func(cells []string) bool) error {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = delim
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	lastLine := 0 // where the previous record ended
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		// encoding/csv skips blank lines; a spreadsheet shows them as empty
		// rows, and the row numbers the user is told must match it.
		line, _ := r.FieldPos(0)
		for ; lastLine < line-1; lastLine++ {
			if !each(nil) {
				return nil
			}
		}
		if !each(rec) {
			return nil
		}
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
	rows := parseCSV(sample, d)
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
