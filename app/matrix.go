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
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
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
// at a time, its session columns sharing the width left by the fixed ones.
// A tap (or Space on the focused cell) moves a cell to the next mark: not
// yet marked, present, late, excused, absent, and round again; the notice
// at the foot of the window offers to undo it. The grid and the verdicts
// are the window's verdicts (verdicts.go).
type matrixPane struct {
	v       *attendanceView
	vd      *verdicts
	loaded  bool // the grid has been read for the workshop shown
	days    []data.Date
	cols    []int // the matrix columns shown, for the chosen day
	rows    []int // the matrix rows, in the order shown
	day     *widget.Select
	order   *widget.Select
	table   *widget.Table
	legend  *widget.RichText
	content fyne.CanvasObject

	colWidth float32 // each session column's width, as last laid out
}

// The narrowest a session column gets before the matrix scrolls sideways:
// a mark letter, and a title of one longish word a line.
const matrixMinColumn = 92

func newMatrixPane(v *attendanceView) *matrixPane {
	p := &matrixPane{v: v, vd: &v.c.verdicts}
	p.day = widget.NewSelect(nil, func(string) { p.showDay() })
	p.order = v.newOrderSelect(func() { p.sortRows(); p.table.Refresh() })
	p.table = widget.NewTableWithHeaders(p.size, p.createCell, p.updateCell)
	p.table.ShowHeaderColumn = false
	p.table.StickyColumnCount = 1
	p.table.CreateHeader = p.createHeader
	p.table.UpdateHeader = p.updateHeader
	p.table.OnSelected = p.tapped
	p.table.SetRowHeight(-1, p.headerHeight())
	p.legend = matrixLegend()
	top := container.NewBorder(nil, nil, widget.NewLabel(lang.X("matrix.show", "Show")), orderBox(p.order), p.day)
	p.content = container.NewBorder(top, p.legend, nil, nil, container.New(matrixWidths{p}, p.table))
	return p
}

// matrixLegend says what the cells' letters mean, that a letter in
// italics was marked on a helper's phone (the words themselves in
// italics, as the cells), and what a tap does.
func matrixLegend() *widget.RichText {
	var marks []string
	for _, m := range data.Marks {
		marks = append(marks, markLetter(m)+" "+markName(m))
	}
	segment := func(text string, italic bool) *widget.TextSegment {
		return &widget.TextSegment{Text: text, Style: widget.RichTextStyle{Inline: true, SizeName: theme.SizeNameCaptionText,
			ColorName: theme.ColorNameForeground, TextStyle: fyne.TextStyle{Italic: italic}}}
	}
	legend := widget.NewRichText(
		segment(joinDot(marks)+" · ", false),
		segment(lang.X("matrix.legend_phone", "in italics: marked on a helper’s phone"), true),
		segment(" · "+lang.X("matrix.legend_tap", "tap a cell to change it; tap a verdict to override it"), false))
	// On two lines when the window is narrow, rather than cut: French
	// and Spanish say it at length.
	legend.Wrapping = fyne.TextWrapWord
	return legend
}

// matrixWidths gives the fixed columns what their text needs and the
// session columns the rest of the width, shared alike.
type matrixWidths struct{ p *matrixPane }

func (l matrixWidths) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (l matrixWidths) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	p := l.p
	fixed := p.fixedWidths(size.Width)
	var used float32
	for i, w := range fixed {
		p.table.SetColumnWidth(i, w)
		used += w
	}
	if n := len(p.cols); n > 0 {
		w := max(matrixMinColumn, (size.Width-used-theme.ScrollBarSize())/float32(n))
		if w != p.colWidth {
			p.colWidth = w
			for k := range p.cols {
				p.table.SetColumnWidth(matrixFixedCols+k, w)
			}
		}
	}
	objs[0].Resize(size)
}

// fixedWidths are the name, rate and verdict columns' widths: the name a
// quarter of the width (within bounds), the others what their words need.
func (p *matrixPane) fixedWidths(width float32) [matrixFixedCols]float32 {
	pad := 2*theme.InnerPadding() + 4
	bold := fyne.TextStyle{Bold: true}
	verdict := max(fyne.MeasureText(verdictText(data.Eligibility{})+" *", theme.TextSize(), bold).Width,
		fyne.MeasureText(lang.X("matrix.certificate", "Certificate"), theme.TextSize(), bold).Width)
	rate := max(fyne.MeasureText("100% (60/60)", theme.TextSize(), fyne.TextStyle{}).Width,
		fyne.MeasureText(lang.X("matrix.rate_heading", "Attendance"), theme.TextSize(), bold).Width)
	return [matrixFixedCols]float32{min(max(width/4, 150), 240), rate + pad, verdict + pad}
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
	p.loaded, p.cols, p.days, p.rows = false, nil, nil, nil
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
	p.sortRows()
	p.day.SetSelectedIndex(keep) // calls showDay
	p.showDay()
}

// sortRows puts the rows in the order chosen.
func (p *matrixPane) sortRows() {
	if p.loaded {
		p.rows = p.v.ordered(p.rows)
	}
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
		// Nobody is marked for a break.
		if onDay && !s.IsBreak() {
			p.cols = append(p.cols, j)
		}
	}
	p.colWidth = 0 // the layout shares the width again
	p.content.Refresh()
	p.table.Refresh()
}

func (p *matrixPane) size() (int, int) {
	if !p.loaded {
		return 0, 0
	}
	return len(p.rows), matrixFixedCols + len(p.cols)
}

// row is the matrix row shown on table row r, or -1.
func (p *matrixPane) row(r int) int {
	if !p.loaded || r < 0 || r >= len(p.rows) || p.rows[r] >= p.vd.count() {
		return -1
	}
	return p.rows[r]
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
	i := p.row(id.Row)
	if i < 0 {
		return
	}
	m := p.vd.matrix
	bg.FillColor = color.Transparent
	l.Alignment = fyne.TextAlignLeading
	l.TextStyle.Bold, l.TextStyle.Italic = false, false
	l.Importance = widget.MediumImportance
	e := p.vd.at(i)
	switch id.Col {
	case matrixColName:
		l.Text = m.Participants[i].FullName()
	case matrixColRate:
		l.Alignment = fyne.TextAlignTrailing
		l.Text = rateText(e.Summary)
	case matrixColEligible:
		l.TextStyle.Bold = true
		l.Text = verdictText(e)
		l.Importance = verdictImportance(e)
	default:
		k := id.Col - matrixFixedCols
		if k >= len(p.cols) {
			return
		}
		mark := m.At(i, p.cols[k])
		bg.FillColor = markColor(mark)
		l.Alignment = fyne.TextAlignCenter
		l.TextStyle.Bold = true
		// A mark a helper's phone made is in italics (the workbook names the phone).
		l.TextStyle.Italic = m.Device(id.Row, p.cols[k]) != ""
		l.Text = markLetter(mark)
	}
	// One refresh of the label: SetText would refresh it once more, for
	// every cell of the table on every scroll.
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

// matrixHeader heads a column: for a session, when it is, its title on
// two lines and how many were there; the whole title shows when the
// pointer rests on it.
type matrixHeader struct {
	widget.BaseWidget
	p    *matrixPane
	text *smallText
	full string // the tip: the title uncut, or nothing
}

func (p *matrixPane) createHeader() fyne.CanvasObject {
	h := &matrixHeader{p: p, text: newSmallText(theme.CaptionTextSize() + 1)}
	h.ExtendBaseWidget(h)
	h.text.lines = h.lines("", "", "")
	return h
}

// lines are a header's: a small line above, the title on two, a small one
// below.
func (h *matrixHeader) lines(when, title, count string) []textLine {
	return []textLine{{text: when, colour: theme.ColorNameForeground},
		{text: title, style: fyne.TextStyle{Bold: true}, colour: theme.ColorNameForeground, wrap: true, maxLines: 2},
		{text: count, colour: theme.ColorNameForeground}}
}

func (h *matrixHeader) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.New(layout.NewCustomPaddedLayout(2, 2, theme.InnerPadding(), 2), h.text))
}

// MinSize asks for nothing: the Table makes every row as tall as its
// header template, so the header's own height is set apart (headerHeight).
func (h *matrixHeader) MinSize() fyne.Size { return fyne.Size{} }

// headerHeight is what a header's lines need.
func (p *matrixPane) headerHeight() float32 {
	h := p.createHeader().(*matrixHeader)
	return h.text.MinSize().Height + 4
}

func (h *matrixHeader) MouseIn(ev *desktop.MouseEvent) {
	if h.full != "" {
		h.p.v.c.tip.show(h, h.full, ev.AbsolutePosition)
	}
}

func (h *matrixHeader) MouseMoved(*desktop.MouseEvent) {}

func (h *matrixHeader) MouseOut() { h.p.v.c.tip.hide(h) }

func (p *matrixPane) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	h := o.(*matrixHeader)
	h.full = ""
	m := p.vd.matrix
	var when, title, count string
	switch id.Col {
	case matrixColName:
		title = lang.X("matrix.participant", "Participant")
		if p.loaded {
			count = lang.XN("matrix.people", "{{.Count}} participants", len(m.Participants),
				map[string]any{"Count": len(m.Participants)})
		}
	case matrixColRate:
		title = lang.X("matrix.rate_heading", "Attendance")
	case matrixColEligible:
		title = lang.X("matrix.certificate", "Certificate")
		if p.loaded {
			n := p.vd.eligible()
			count = lang.XN("matrix.eligible_count", "{{.Count}} eligible", n, map[string]any{"Count": n})
		}
	default:
		k := id.Col - matrixFixedCols
		if !p.loaded || k >= len(p.cols) {
			break
		}
		j := p.cols[k]
		s := m.Sessions[j]
		when = lang.X("matrix.when", "{{.Day}} {{.Month}} · {{.Time}}", map[string]any{
			"Day": dayNumber(s.Start.Day()), "Month": monthAbbr(s.Start.Month()), "Time": s.Start.Format("15:04")})
		title = s.Title
		c := m.SessionCount(j)
		count = lang.X("matrix.session_count", "{{.Attended}}/{{.Total}} there", map[string]any{
			"Attended": c[data.Present] + c[data.Late], "Total": len(m.Participants)})
		h.full = when + "\n" + s.Title
		if s.Mandatory {
			h.full += "\n" + lang.X("schedule.block_mandatory", "Mandatory")
		}
	}
	h.text.set(h.lines(when, title, count)...)
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
	i := p.row(id.Row)
	if i < 0 {
		return
	}
	m := p.vd.matrix
	if id.Col == matrixColEligible {
		p.v.rule.showOverride(m.Participants[i])
		return
	}
	k := id.Col - matrixFixedCols
	if k < 0 || k >= len(p.cols) {
		return
	}
	j := p.cols[k]
	who, session := m.Participants[i], m.Sessions[j]
	mark := nextMark(m.At(i, j))
	st := p.v.c.st
	var before data.Attendance // the cell as it was, for Undo
	p.v.c.save(func(ctx context.Context) error {
		// The note stays with the mark; only the status changes.
		a, err := st.Mark(who.ID, session.ID)
		if err != nil {
			return err
		}
		before = a
		if mark == data.Unmarked {
			return st.ClearMarkContext(ctx, who.ID, session.ID)
		}
		a.ParticipantID, a.SessionID, a.Mark, a.MarkedAt = who.ID, session.ID, mark, time.Time{}
		return st.SetMarkContext(ctx, &a)
	}, func(err error) {
		if err != nil {
			if !errors.Is(err, data.ErrBusy) { // a wait given up: the note said so
				p.v.c.saveFailed(err)
			}
			return
		}
		p.v.marked(who.ID, session.ID, mark)
		p.v.c.offerUndo(lang.X("matrix.changed", "{{.Name}}: {{.Mark}} for “{{.Session}}”.", map[string]any{
			"Name": clip(who.FullName(), 40), "Mark": markName(mark), "Session": clip(session.Title, 50)}),
			func() { p.restore(before) })
	})
}

// restore puts a cell back as it was before a tap: its mark, note and time,
// or no mark at all.
func (p *matrixPane) restore(a data.Attendance) {
	st := p.v.c.st
	p.v.c.save(func(ctx context.Context) error {
		if a.Mark == data.Unmarked {
			return st.ClearMarkContext(ctx, a.ParticipantID, a.SessionID)
		}
		return st.SetMarkContext(ctx, &a)
	}, func(err error) {
		if err != nil {
			if !errors.Is(err, data.ErrBusy) {
				p.v.c.saveFailed(err)
			}
			return
		}
		p.v.marked(a.ParticipantID, a.SessionID, a.Mark)
	})
}
