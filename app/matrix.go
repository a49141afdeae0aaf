package app

import (
	"context"
	"errors"
	"image/color"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// The matrix's fixed columns, before one column per session.
const (
	matrixColName = iota
	matrixColRate
	matrixColEligible
	matrixFixedCols
)

// matrixPane shows participants × sessions, a day or the whole workshop
// at a time. A tap (or Space on the focused cell) moves a cell to the next
// mark: not yet marked, present, late, excused, absent, and round again.
// The grid and the verdicts are the window's verdicts (verdicts.go).
type matrixPane struct {
	v       *attendanceView
	vd      *verdicts
	loaded  bool // the grid has been read for the workshop shown
	days    []data.Date
	cols    []int // the matrix columns shown, for the chosen day
	day     *widget.Select
	table   *widget.Table
	legend  *widget.Label
	content fyne.CanvasObject
}

func newMatrixPane(v *attendanceView) *matrixPane {
	p := &matrixPane{v: v, vd: &v.c.verdicts}
	p.day = widget.NewSelect(nil, func(string) { p.showDay() })
	p.table = widget.NewTableWithHeaders(p.size, p.createCell, p.updateCell)
	p.table.ShowHeaderColumn = false
	p.table.StickyColumnCount = 1
	p.table.CreateHeader = p.createHeader
	p.table.UpdateHeader = p.updateHeader
	p.table.OnSelected = p.tapped
	p.table.SetColumnWidth(matrixColName, 220)
	p.table.SetColumnWidth(matrixColRate, 110)
	p.table.SetColumnWidth(matrixColEligible, 140)
	p.table.SetRowHeight(-1, p.headerHeight())
	var legend []string
	for _, m := range data.Marks {
		legend = append(legend, markLetter(m)+" "+markName(m))
	}
	p.legend = widget.NewLabel(lang.X("matrix.legend", "{{.Marks}} · tap a cell to change it; tap a verdict to override it",
		map[string]any{"Marks": joinDot(legend)}))
	p.legend.SizeName = theme.SizeNameCaptionText
	p.legend.Truncation = fyne.TextTruncateEllipsis
	top := container.NewBorder(nil, nil, widget.NewLabel(lang.X("matrix.show", "Show")), nil, p.day)
	p.content = container.NewBorder(top, p.legend, nil, nil, p.table)
	return p
}

func joinDot(parts []string) string {
	out := ""
	for i, s := range parts {
		if i > 0 {
			out += " · "
		}
		out += s
	}
	return out
}

func (p *matrixPane) clear() {
	p.loaded, p.cols, p.days = false, nil, nil
	p.day.SetOptions(nil)
	p.table.Refresh()
}

// load shows the whole grid, read again when something changed it,
// keeping the day shown.
func (p *matrixPane) load() {
	if err := p.vd.of(p.v.w.ID); err != nil {
		p.v.c.readFailed(err)
		return
	}
	p.loaded = true
	m := p.vd.matrix
	p.days = nil
	for _, s := range m.Sessions {
		if d := s.Day(); len(p.days) == 0 || p.days[len(p.days)-1] != d {
			p.days = append(p.days, d)
		}
	}
	options := []string{lang.X("matrix.whole_workshop", "Whole workshop")}
	for _, d := range p.days {
		options = append(options, formatDate(d))
	}
	keep := p.day.SelectedIndex()
	p.day.SetOptions(options)
	if keep < 0 || keep >= len(options) {
		keep = 0
	}
	p.day.SetSelectedIndex(keep) // calls showDay
	p.showDay()
}

// refresh shows the verdicts again after a change, reading them again
// when they were forgotten, if the grid has been shown.
func (p *matrixPane) refresh() {
	switch {
	case !p.loaded:
	case !p.vd.fresh:
		p.load()
	default:
		p.table.Refresh()
	}
}

func (p *matrixPane) showDay() {
	p.cols = p.cols[:0]
	if !p.loaded {
		p.table.Refresh()
		return
	}
	m := p.vd.matrix
	i := p.day.SelectedIndex()
	for j, s := range m.Sessions {
		onDay := i <= 0 || i-1 < len(p.days) && s.Day() == p.days[i-1]
		// Breaks and the like, which count for nothing and which nobody
		// marked, would only be empty columns between the sessions.
		idle := !s.CountsForCertificate && !s.Mandatory && m.SessionCount(j)[data.Unmarked] == len(m.Participants)
		if onDay && !idle {
			p.cols = append(p.cols, j)
		}
	}
	for k := range p.cols {
		p.table.SetColumnWidth(matrixFixedCols+k, 112)
	}
	p.table.Refresh()
}

func (p *matrixPane) size() (int, int) {
	if !p.loaded {
		return 0, 0
	}
	return len(p.vd.matrix.Participants), matrixFixedCols + len(p.cols)
}

func (p *matrixPane) createCell() fyne.CanvasObject {
	bg := canvas.NewRectangle(color.Transparent)
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewStack(bg, l)
}

func (p *matrixPane) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	box := o.(*fyne.Container)
	bg, l := box.Objects[0].(*canvas.Rectangle), box.Objects[1].(*widget.Label)
	if !p.loaded || id.Row < 0 || id.Row >= p.vd.count() {
		return
	}
	m := p.vd.matrix
	bg.FillColor = color.Transparent
	l.Alignment = fyne.TextAlignLeading
	l.TextStyle.Bold, l.TextStyle.Italic = false, false
	l.Importance = widget.MediumImportance
	e := p.vd.at(id.Row)
	switch id.Col {
	case matrixColName:
		l.SetText(m.Participants[id.Row].FullName())
	case matrixColRate:
		l.Alignment = fyne.TextAlignTrailing
		l.SetText(rateText(e.Summary))
	case matrixColEligible:
		l.TextStyle.Bold = true
		l.SetText(verdictText(e))
		l.Importance = verdictImportance(e)
	default:
		k := id.Col - matrixFixedCols
		if k >= len(p.cols) {
			return
		}
		mark := m.At(id.Row, p.cols[k])
		bg.FillColor = markColor(mark)
		l.Alignment = fyne.TextAlignCenter
		l.TextStyle.Bold = true
		// A mark a helper's phone made is in italics (the workbook names the phone).
		l.TextStyle.Italic = m.Device(id.Row, p.cols[k]) != ""
		l.SetText(markLetter(mark))
	}
	bg.Refresh()
	l.Refresh()
}

// markColor tints a cell by its mark, lightly enough for its letter to read.
func markColor(m data.Mark) color.Color {
	var name fyne.ThemeColorName
	switch m {
	case data.Present:
		name = theme.ColorNameSuccess
	case data.Late:
		name = theme.ColorNameWarning
	case data.Excused:
		name = theme.ColorNamePrimary
	case data.Absent:
		name = theme.ColorNameError
	default:
		return color.Transparent
	}
	r, g, b, _ := theme.Color(name).RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x60}
}

// headerLines stacks a header's three lines but asks for no height: the
// Table makes every row as tall as its header template, and the header's
// own height is set apart (SetRowHeight(-1, …)).
type headerLines struct{ lines fyne.Layout }

func (h headerLines) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	h.lines.Layout(objects, size)
}

func (headerLines) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size{} }

func (p *matrixPane) createHeader() fyne.CanvasObject {
	when := widget.NewLabel("")
	when.SizeName = theme.SizeNameCaptionText
	title := widget.NewLabel("")
	title.TextStyle.Bold = true
	title.Truncation = fyne.TextTruncateEllipsis
	count := widget.NewLabel("")
	count.SizeName = theme.SizeNameCaptionText
	return container.New(headerLines{tightLinesLayout()}, when, title, count)
}

// headerHeight is what the three lines of a header need.
func (p *matrixPane) headerHeight() float32 {
	h := p.createHeader().(*fyne.Container)
	return h.Layout.(headerLines).lines.MinSize(h.Objects).Height
}

func (p *matrixPane) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	ls := o.(*fyne.Container).Objects
	when, title, count := ls[0].(*widget.Label), ls[1].(*widget.Label), ls[2].(*widget.Label)
	when.SetText("")
	count.SetText("")
	m := p.vd.matrix
	switch id.Col {
	case matrixColName:
		title.SetText(lang.X("matrix.participant", "Participant"))
		if p.loaded {
			count.SetText(lang.XN("matrix.people", "{{.Count}} participants", len(m.Participants),
				map[string]any{"Count": len(m.Participants)}))
		}
	case matrixColRate:
		title.SetText(lang.X("matrix.rate_heading", "Attendance"))
	case matrixColEligible:
		title.SetText(lang.X("matrix.certificate", "Certificate"))
		if p.loaded {
			n := p.vd.eligible()
			count.SetText(lang.XN("matrix.eligible_count", "{{.Count}} eligible", n, map[string]any{"Count": n}))
		}
	default:
		k := id.Col - matrixFixedCols
		if !p.loaded || k >= len(p.cols) {
			return
		}
		j := p.cols[k]
		s := m.Sessions[j]
		when.SetText(lang.X("matrix.when", "{{.Day}} {{.Month}} · {{.Time}}", map[string]any{
			"Day": dayNumber(s.Start.Day()), "Month": monthAbbr(s.Start.Month()), "Time": s.Start.Format("15:04")}))
		title.SetText(s.Title)
		c := m.SessionCount(j)
		count.SetText(lang.X("matrix.session_count", "{{.Attended}}/{{.Total}} there", map[string]any{
			"Attended": c[data.Present] + c[data.Late], "Total": len(m.Participants)}))
	}
}

// nextMark is the mark a tap moves a cell to.
// The marks go round in data's order, then back to not yet marked.
func nextMark(m data.Mark) data.Mark {
	if i := slices.Index(data.Marks, m); i+1 < len(data.Marks) {
		return data.Marks[i+1] // the first for Unmarked, which is not in the list
	}
	return data.Unmarked
}

func (p *matrixPane) tapped(id widget.TableCellID) {
	p.table.Unselect(id) // so that tapping the same cell again acts again
	if !p.loaded || id.Row < 0 || id.Row >= p.vd.count() {
		return
	}
	m := p.vd.matrix
	if id.Col == matrixColEligible {
		p.v.rule.showOverride(m.Participants[id.Row])
		return
	}
	k := id.Col - matrixFixedCols
	if k < 0 || k >= len(p.cols) {
		return
	}
	j := p.cols[k]
	pid, sid := m.Participants[id.Row].ID, m.Sessions[j].ID
	mark := nextMark(m.At(id.Row, j))
	st := p.v.c.st
	p.v.c.save(func(ctx context.Context) error {
		if mark == data.Unmarked {
			return st.ClearMarkContext(ctx, pid, sid)
		}
		// The note stays with the mark; only the status changes.
		a, err := st.Mark(pid, sid)
		if err != nil {
			return err
		}
		a.ParticipantID, a.SessionID, a.Mark, a.MarkedAt = pid, sid, mark, time.Time{}
		return st.SetMarkContext(ctx, &a)
	}, func(err error) {
		if err != nil {
			if !errors.Is(err, data.ErrBusy) { // a wait given up: the note said so
				p.v.c.saveFailed(err)
			}
			return
		}
		p.v.marked(pid, sid, mark)
	})
}
