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

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// ErrFormat is returned for a file that is neither a workbook nor text.
var ErrFormat = errors.New("not an .xlsx workbook or a .csv text file")

// Workbook is an opened registration list: a workbook's sheets, or the one
// table of a CSV file.
type Workbook struct {
	Name   string   // the file's base name
	Sheets []string // in the workbook's order; one for a CSV file
	xlsx   *excelize.File
	rows   [][]string // the CSV file's rows
}

// Open reads a .xlsx or .csv file. Which one it is comes from the content,
// not the name: a CSV saved with an .xls name is still read.
func Open(path string) (*Workbook, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return OpenReader(filepath.Base(path), f)
}

// OpenReader reads a workbook or CSV from r; name is shown to the user.
func OpenReader(name string, r io.Reader) (*Workbook, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if bytes.HasPrefix(b, []byte("PK\x03\x04")) {
		x, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w (%v)", name, ErrFormat, err)
		}
		return &Workbook{Name: name, Sheets: x.GetSheetList(), xlsx: x}, nil
	}
	text, err := DecodeText(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &Workbook{Name: name, Sheets: []string{strings.TrimSuffix(name, filepath.Ext(name))}, rows: ReadCSV(text)}, nil
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
	return w.xlsx.GetRows(sheet)
}

// Close releases the workbook.
func (w *Workbook) Close() error {
	if w.xlsx != nil {
		return w.xlsx.Close()
	}
	return nil
}

// DecodeText turns the bytes of a text file into a string, whatever Excel
// or another program saved it as: UTF-8 with or without a byte-order mark,
// UTF-16 ("Unicode text"), or Windows-1252, which French and Spanish
// Windows write when told "CSV".
func DecodeText(b []byte) (string, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return string(b[3:]), nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(b)
		return string(out), err
	case looksUTF16(b, 1):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder().Bytes(b)
		return string(out), err
	case looksUTF16(b, 0):
		out, err := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder().Bytes(b)
		return string(out), err
	case bytes.IndexByte(b, 0) >= 0:
		return "", ErrFormat // a binary file: an image, an old .xls, a PDF
	case utf8.Valid(b):
		return string(b), nil
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	return string(out), err
}

// looksUTF16 spots UTF-16 without a byte-order mark: mostly Latin text has
// a zero in every other byte, at odd offsets for little-endian.
func looksUTF16(b []byte, zeroAt int) bool {
	n := min(len(b), 400) &^ 1
	if n < 4 {
		return false
	}
	zeros := 0
	for i := zeroAt; i < n; i += 2 {
		if b[i] == 0 {
			zeros++
		}
	}
	return zeros*10 >= (n/2)*7
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
