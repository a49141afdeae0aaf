package reports

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/atelier-workshops/atelier/data"
)

// WorkbookData is everything the secretariat's workbook shows, read by
// data in one read transaction so that every sheet shows the same moment
// of the file, and rendering does no I/O.
type WorkbookData = data.WorkbookData

// LoadWorkbook reads what the workbook of a workshop shows, with one call.
func LoadWorkbook(st *data.Store, workshopID int64) (WorkbookData, error) {
	return st.WorkbookData(workshopID)
}

// WorkbookOptions choose a variant of the workbook.
type WorkbookOptions struct {
	// Anonymous leaves out names, emails, phones and notes, for sharing
	// statistics: participants are known by their number only.
	Anonymous bool
	// Progress, when not nil, is told the share done, from 0 to 1.
	Progress func(float64)
}

// Workbook writes the secretariat's workbook of a workshop as an .xlsx
// file.
func Workbook(st *data.Store, workshopID int64, w io.Writer, opts WorkbookOptions) error {
	progress := opts.Progress
	report(progress, 0)
	d, err := LoadWorkbook(st, workshopID)
	if err != nil {
		return err
	}
	report(progress, 0.2)
	opts.Progress = func(p float64) { report(progress, 0.2+0.8*p) }
	return WriteWorkbook(d, w, opts)
}

func report(progress func(float64), p float64) {
	if progress != nil {
		progress(p)
	}
}

// book is a workbook being written.
type book struct {
	f      *excelize.File
	d      WorkbookData
	w      bookWords
	styles bookStyles
	// anonymous leaves personal columns out and names people by number.
	anonymous bool
	number    map[int64]int // participant ID → row number on the Participants sheet
	countries map[string]string
	// attended counts, per session in programme order, the participants
	// marked present or late.
	attended []int
}

// bookStyles are the cell styles the sheets share.
type bookStyles struct {
	header, rotated, bold, indent, wrap, section, title, date, time, percent, amount int
}

// WriteWorkbook writes the workbook, in the workshop's working language:
// a summary with charts, then one sheet per list.
func WriteWorkbook(d WorkbookData, w io.Writer, opts WorkbookOptions) error {
	progress := opts.Progress
	b, err := newBook(d, opts.Anonymous)
	if err != nil {
		return err
	}
	defer b.f.Close()
	f := b.f
	b.countAttended()
	sheets := []struct {
		name  string
		write func() error
	}{
		{b.w.Summary, nil}, // small and written cell by cell once the lists are streamed
		{b.w.Participants, b.participants},
		{b.w.Attendance, b.attendance},
		{b.w.Schedule, b.schedule},
		{b.w.Trainers, b.trainers},
		{b.w.Grants, b.grants},
		{b.w.Certificates, b.certificates},
		{b.w.MarkHistory, b.markHistory},
	}
	sheets = append(sheets, b.travelSheets()...)
	if err := f.SetSheetName("Sheet1", sheets[0].name); err != nil {
		return err
	}
	for _, s := range sheets[1:] {
		if _, err := f.NewSheet(s.name); err != nil {
			return err
		}
	}
	for k, s := range sheets[1:] {
		if err := s.write(); err != nil {
			return err
		}
		report(progress, float64(k+1)/float64(len(sheets)+1))
	}
	if err := b.summary(); err != nil {
		return err
	}
	report(progress, float64(len(sheets))/float64(len(sheets)+1))
	if _, err := f.WriteTo(w); err != nil {
		return err
	}
	report(progress, 1)
	return nil
}

// newBook starts an empty workbook in the language of d's workshop.
func newBook(d WorkbookData, anonymous bool) (*book, error) {
	b := &book{f: excelize.NewFile(), d: d, w: bookWordsFor(d.Workshop.Language), anonymous: anonymous,
		number: make(map[int64]int, len(d.Participants)), countries: map[string]string{}}
	for k, p := range d.Participants {
		b.number[p.ID] = k + 1
	}
	if err := b.newStyles(); err != nil {
		b.f.Close()
		return nil, err
	}
	return b, nil
}

func (b *book) newStyles() error {
	border := []excelize.Border{{Type: "bottom", Color: "7F7F7F", Style: 1}}
	header := &excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}
	rotated := *header
	rotated.Alignment = &excelize.Alignment{TextRotation: 90, Vertical: "bottom", Horizontal: "center"}
	// Percentages are whole numbers, rounded down by data.WholePercent
	// before they are written (see percentCell): the cell shows what the
	// verdicts say, in any spreadsheet program.
	date, clock, pct, amount := "yyyy-mm-dd", "hh:mm", "0%", "#,##0.00"
	specs := []struct {
		dst   *int
		style *excelize.Style
	}{
		{&b.styles.header, header},
		{&b.styles.rotated, &rotated},
		{&b.styles.bold, &excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&b.styles.indent, &excelize.Style{Alignment: &excelize.Alignment{Indent: 2}}},
		{&b.styles.wrap, &excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&b.styles.section, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: "1F3864"}}},
		{&b.styles.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}}},
		{&b.styles.date, &excelize.Style{CustomNumFmt: &date, Alignment: &excelize.Alignment{Horizontal: "left"}}},
		{&b.styles.time, &excelize.Style{CustomNumFmt: &clock}},
		{&b.styles.percent, &excelize.Style{CustomNumFmt: &pct}},
		{&b.styles.amount, &excelize.Style{CustomNumFmt: &amount}},
	}
	for _, s := range specs {
		id, err := b.f.NewStyle(s.style)
		if err != nil {
			return err
		}
		*s.dst = id
	}
	return nil
}

func (b *book) countAttended() {
	b.attended = make([]int, len(b.d.Sessions))
	if b.d.Verdicts == nil {
		return
	}
	m := b.d.Verdicts.Matrix
	col := make(map[int64]int, len(m.Sessions))
	for j, s := range m.Sessions {
		col[s.ID] = j
	}
	for k, s := range b.d.Sessions {
		j, ok := col[s.ID]
		if !ok {
			continue
		}
		for i := range m.Participants {
			if mark := m.At(i, j); mark == data.Present || mark == data.Late {
				b.attended[k]++
			}
		}
	}
}

// who names a participant, or gives their number in the anonymous
// variant.
func (b *book) who(p data.Participant, name string) string {
	if b.anonymous {
		return fmt.Sprintf("%s %d", b.w.Number, b.number[p.ID])
	}
	return name
}

// country names a country in the workbook's language; the names are
// looked up once per country, not once per row.
func (b *book) country(code string) string {
	name, ok := b.countries[code]
	if !ok {
		name = countryName(b.d.Workshop.Language, code)
		b.countries[code] = name
	}
	return name
}

// printOneWide makes a sheet print in landscape, as wide as one page and
// as long as it needs, rather than cut into strips of columns.
func (b *book) printOneWide(sheet string) error {
	fit, one, unlimited, landscape := true, 1, 0, "landscape"
	if err := b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one,
		FitToHeight: &unlimited})
}

// dateCell is a day as a date cell's value.
func dateCell(d data.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.Time()
}

// timeOfDay is a clock time as the fraction of a day a time cell holds.
func timeOfDay(t time.Time) float64 {
	return float64(t.Hour()*3600+t.Minute()*60+t.Second()) / 86400
}

// percentCell is a percentage as a percent cell's value: the whole
// percentage every reader sees (data.WholePercent), as a fraction.
func percentCell(p float64) float64 { return float64(data.WholePercent(p)) / 100 }

// amount is a grant in its currency's main unit.
func amount(g data.Grant) float64 { return float64(g.AmountMinor) / 100 }
