package reports

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

// The list sheets of the workbook are tables: a styled header row frozen
// at the top, an autofilter over header and rows, columns as wide as their
// content, and cells of their real type. They are written with excelize's
// stream writer so that a workshop of thousands never holds a sheet's XML
// tree in memory.
//
// Every string reaches the file as an inline string cell, never through a
// formula, so a value a user typed as "=1+1", "+33 6…", "-5" or "@SUM(A1)"
// stays the text it was in every spreadsheet program.

// column is one column of a table.
type column struct {
	header string
	style  int     // the cells' style: a date, time, percent or amount format; 0 for text and counts
	width  float64 // fixed width; 0 sizes the column to its content
	// personal columns (names, emails, phones, notes, and certificate codes,
	// which the verification page turns back into names) are left out of the
	// anonymous variant.
	personal bool
}

// table is a sheet's content before it is written.
type table struct {
	sheet        string
	columns      []column
	rows         [][]any // string, int, int64, float64 or time.Time; nil for an empty cell
	freezeCols   int     // columns kept in view when scrolling right, besides the header row
	headerStyle  int     // 0 for the usual header style
	headerHeight float64 // 0 for the default height
	footer       [][]any // written after a blank row, outside the filtered range
	// decorate adds what must be set before the sheet is streamed, such as
	// conditional formats; lastRow is the table's last row number.
	decorate func(lastRow int) error
}

// Widths are in Excel's units, roughly characters of the default font.
const (
	minWidth = 6
	maxWidth = 60
)

// writeTable streams t into its sheet, which must exist and be empty.
func (b *book) writeTable(t table) error {
	if b.anonymous {
		t = t.withoutPersonal()
	}
	lastRow := len(t.rows) + 1
	lastCol, err := excelize.ColumnNumberToName(len(t.columns))
	if err != nil {
		return err
	}
	// AutoFilter and conditional formats go into the worksheet the stream
	// writer then takes over and closes with them.
	if err := b.f.AutoFilter(t.sheet, "A1:"+lastCol+strconv.Itoa(lastRow), nil); err != nil {
		return err
	}
	if err := b.printOneWide(t.sheet); err != nil {
		return err
	}
	if t.decorate != nil {
		if err := t.decorate(lastRow); err != nil {
			return err
		}
	}
	sw, err := b.f.NewStreamWriter(t.sheet)
	if err != nil {
		return err
	}
	topLeft, _ := excelize.CoordinatesToCellName(t.freezeCols+1, 2)
	pane := "bottomLeft"
	if t.freezeCols > 0 {
		pane = "bottomRight"
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: t.freezeCols, YSplit: 1, TopLeftCell: topLeft,
		ActivePane: pane}); err != nil {
		return err
	}
	for j, w := range t.widths() {
		if err := sw.SetColWidth(j+1, j+1, w); err != nil {
			return err
		}
	}
	headerStyle := t.headerStyle
	if headerStyle == 0 {
		headerStyle = b.styles.header
	}
	header := make([]any, len(t.columns))
	for j, c := range t.columns {
		header[j] = excelize.Cell{StyleID: headerStyle, Value: norm.NFC.String(c.header)}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: t.headerHeight}); err != nil {
		return err
	}
	cells := make([]any, len(t.columns))
	for i, row := range t.rows {
		for j := range cells {
			cells[j] = nil
			if j >= len(row) || row[j] == nil || row[j] == "" {
				continue // an empty cell, not an empty string a filter would list
			}
			if style := t.columns[j].style; style != 0 {
				cells[j] = excelize.Cell{StyleID: style, Value: cellValue(row[j])}
			} else {
				cells[j] = cellValue(row[j])
			}
		}
		if err := sw.SetRow("A"+strconv.Itoa(i+2), cells); err != nil {
			return err
		}
	}
	for k, row := range t.footer {
		values := make([]any, len(row))
		for j, v := range row {
			if v != nil {
				values[j] = excelize.Cell{StyleID: t.footerStyle(b, j, v), Value: cellValue(v)}
			}
		}
		if err := sw.SetRow("A"+strconv.Itoa(lastRow+2+k), values); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// withoutPersonal drops the personal columns from the header and rows.
func (t table) withoutPersonal() table {
	keep := make([]int, 0, len(t.columns))
	for j, c := range t.columns {
		if !c.personal {
			keep = append(keep, j)
		}
	}
	if len(keep) == len(t.columns) {
		return t
	}
	out := t
	out.columns = make([]column, len(keep))
	for k, j := range keep {
		out.columns[k] = t.columns[j]
	}
	out.rows = make([][]any, len(t.rows))
	for i, row := range t.rows {
		out.rows[i] = make([]any, len(keep))
		for k, j := range keep {
			if j < len(row) {
				out.rows[i][k] = row[j]
			}
		}
	}
	return out
}

// footerStyle shows the footer's labels in bold and keeps the column's
// format for its numbers.
func (t table) footerStyle(b *book, j int, v any) int {
	if _, ok := v.(string); ok {
		return b.styles.bold
	}
	if j < len(t.columns) {
		return t.columns[j].style
	}
	return 0
}

// cellValue normalises text to NFC so that a name typed with combining
// accents compares equal to the same name typed precomposed.
func cellValue(v any) any {
	if s, ok := v.(string); ok {
		return norm.NFC.String(s)
	}
	return v
}

// widths sizes each column to its longest value, header included.
func (t table) widths() []float64 {
	out := make([]float64, len(t.columns))
	for j, c := range t.columns {
		if c.width > 0 {
			out[j] = c.width
			continue
		}
		longest := 0
		if t.headerStyle == 0 {
			longest = displayLength(c.header)
		}
		for _, row := range t.rows {
			if j < len(row) {
				longest = max(longest, displayLength(row[j]))
			}
		}
		out[j] = min(max(float64(longest)*1.1+2, minWidth), maxWidth)
	}
	return out
}

// displayLength is about how many characters a value shows as.
func displayLength(v any) int {
	switch v := v.(type) {
	case string:
		longest := 0
		for _, line := range strings.Split(v, "\n") {
			longest = max(longest, utf8.RuneCountInString(line))
		}
		return longest
	case time.Time:
		return 10
	case float64:
		return 10
	case nil:
		return 0
	}
	return len(fmt.Sprint(v))
}
