package reports

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/atelier-workshops/atelier/data"
)

// The summary sheet: the workshop's facts, its organisations by role, key
// figures, a table by country, and two native charts, attendance per
// session (read from the schedule sheet) and participants per country.

// summaryWriter fills the summary sheet row by row.
type summaryWriter struct {
	b   *book
	row int
	err error
}

func (s *summaryWriter) set(col int, v any, style int) {
	if s.err != nil {
		return
	}
	cell, _ := excelize.CoordinatesToCellName(col, s.row)
	if err := s.b.f.SetCellValue(s.b.w.Summary, cell, cellValue(v)); err != nil {
		s.err = err
		return
	}
	if style != 0 {
		s.err = s.b.f.SetCellStyle(s.b.w.Summary, cell, cell, style)
	}
}

// line writes a label and its value on a new row.
func (s *summaryWriter) line(label string, v any, style int) {
	s.labelled(s.b.styles.bold, label, v, style)
}

func (s *summaryWriter) labelled(labelStyle int, label string, v any, style int) {
	s.row++
	s.set(1, label, labelStyle)
	if style == 0 {
		style = s.b.styles.wrap
	}
	s.set(2, v, style)
}

// section starts a new block under a heading, after a blank row.
func (s *summaryWriter) section(title string) {
	s.row += 2
	s.set(1, title, s.b.styles.section)
}

func (b *book) summary() error {
	w, d := b.w, b.d
	ws := d.Workshop
	s := &summaryWriter{b: b, row: 1}
	s.set(1, ws.Title, b.styles.title)
	s.section(w.Workshop)
	s.line(w.Theme, ws.Theme, 0)
	s.line(w.City, ws.City, 0)
	s.line(w.Country, countryName(ws.Language, ws.Country), 0)
	s.line(w.Region, ws.Region, 0)
	s.line(w.Venue, ws.Venue, 0)
	s.line(w.Start, dateCell(ws.StartDate), b.styles.date)
	s.line(w.End, dateCell(ws.EndDate), b.styles.date)
	s.line(w.Language, w.LanguageNames[ws.Language], 0)
	s.line(w.Rule, fmt.Sprintf(w.RuleText, data.PercentText(ws.Rule.MinPercent, ws.Language)), 0)
	for _, role := range data.Roles {
		var names []string
		for _, o := range d.Organisations {
			if o.Role == role {
				names = append(names, o.Name)
			}
		}
		if len(names) > 0 {
			s.line(w.Roles[role], strings.Join(names, "; "), 0)
		}
	}

	s.section(w.KeyFigures)
	s.line(w.ParticipantsTotal, len(d.Participants), 0)
	fig := keyFigures(d)
	byStatus, byGender, countries := fig.byStatus, fig.byGender, fig.countries
	for _, st := range data.Statuses {
		s.labelled(b.styles.indent, w.Statuses[st], byStatus[st], 0)
	}
	s.line(w.Represented, len(countries), 0)
	s.line(w.Women, byGender[data.GenderFemale], 0)
	s.line(w.Men, byGender[data.GenderMale], 0)
	if n := byGender[data.GenderOther]; n > 0 {
		s.line(w.GenderOther, n, 0)
	}
	if n := byGender[data.GenderUnspecified]; n > 0 {
		s.line(w.GenderUnknown, n, 0)
	}
	s.line(w.GrantsAwarded, fig.grants, 0)
	for _, c := range fig.currencies() {
		s.line(fmt.Sprintf(w.GrantsTotal, c), amount(data.Grant{AmountMinor: fig.totals[c]}), b.styles.amount)
	}
	s.line(w.AttendanceRate, fig.rate, b.styles.percent)
	s.line(w.CertificatesIssued, len(d.Certificates), 0)

	s.section(w.ByCountry)
	s.row++
	headerRow := s.row
	for j, h := range []string{w.Country, w.Code, w.ParticipantsTotal, w.Women, w.Men, w.GrantsAwarded} {
		s.set(j+1, h, b.styles.header)
	}
	rows := b.byCountry(countries)
	for _, c := range rows {
		s.row++
		for j, v := range []any{b.country(c.code), c.code, c.participants, c.women, c.men, c.grants} {
			s.set(j+1, v, 0)
		}
	}
	if s.err != nil {
		return s.err
	}
	lastRow := max(s.row, headerRow+1)
	if err := b.f.AutoFilter(w.Summary, fmt.Sprintf("A%d:F%d", headerRow, lastRow), nil); err != nil {
		return err
	}
	if err := b.printOneWide(w.Summary); err != nil {
		return err
	}
	if err := b.summaryWidths(); err != nil {
		return err
	}
	return b.summaryCharts(headerRow, len(rows))
}

// summaryWidths sizes the label column to its longest label and leaves
// the others wide enough for values and the table by country.
func (b *book) summaryWidths() error {
	rows, err := b.f.GetRows(b.w.Summary)
	if err != nil {
		return err
	}
	widths := make([]int, 6)
	for r, row := range rows {
		for j, v := range row {
			if j < len(widths) && r > 0 { // the title spans the columns
				widths[j] = max(widths[j], len([]rune(norm.NFC.String(v))))
			}
		}
	}
	for j, wd := range widths {
		name, _ := excelize.ColumnNumberToName(j + 1)
		if err := b.f.SetColWidth(b.w.Summary, name, name, min(max(float64(wd)*1.1+2, 10), maxWidth)); err != nil {
			return err
		}
	}
	// Not every program grows a row to fit wrapped text, so long values
	// get the height of their lines.
	perLine := maxWidth - 6
	for r, row := range rows {
		if len(row) < 2 {
			continue
		}
		lines := 0
		for _, l := range strings.Split(row[1], "\n") {
			lines += max(1, (len([]rune(l))+perLine-1)/perLine)
		}
		if lines > 1 {
			if err := b.f.SetRowHeight(b.w.Summary, r+1, 15*float64(lines)); err != nil {
				return err
			}
		}
	}
	return nil
}

// sheetRef is an absolute reference to a range of another sheet, quoted
// as sheet names with spaces or accents must be.
func sheetRef(sheet string, col string, from, to int) string {
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$" + col + "$" + strconv.Itoa(from) + ":$" + col + "$" +
		strconv.Itoa(to)
}

func (b *book) summaryCharts(countryHeader, countries int) error {
	w := b.w
	same := false // one colour for every bar of the single series
	// Horizontal bars leave room for long session titles and country
	// names; the largest country and the first session come on top.
	bars := func(title, name, categories, values string, n int, cell string) error {
		return b.f.AddChart(w.Summary, cell, &excelize.Chart{
			Type:       excelize.Bar,
			Series:     []excelize.ChartSeries{{Name: name, Categories: categories, Values: values}},
			VaryColors: &same,
			Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title}}},
			Legend:     excelize.ChartLegend{Position: "none"},
			Format:     excelize.GraphicOptions{OffsetX: 10},
			XAxis:      excelize.ChartAxis{ReverseOrder: true},
			Dimension:  excelize.ChartDimension{Width: 720, Height: uint(min(max(22*n+90, 260), 1800))},
		})
	}
	if countries > 0 {
		err := bars(w.ChartCountries, sheetRef(w.Summary, "C", countryHeader, countryHeader),
			sheetRef(w.Summary, "A", countryHeader+1, countryHeader+countries),
			sheetRef(w.Summary, "C", countryHeader+1, countryHeader+countries), countries, "H2")
		if err != nil {
			return err
		}
	}
	if n := len(b.d.Sessions); n > 0 {
		// Below the first chart: rows are 20 pixels high by default.
		below := "H" + strconv.Itoa(4+min(max(22*countries+90, 260), 1800)/20)
		return bars(w.ChartSessions, sheetRef(w.Schedule, "J", 1, 1), sheetRef(w.Schedule, "D", 2, n+1),
			sheetRef(w.Schedule, "J", 2, n+1), n, below)
	}
	return nil
}
