package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The Participants table's own pieces: columns that share the width the
// tab has (a 1366×768 laptop shows every column whole), text cut with "…"
// where it does not fit, and the whole value shown while the pointer is
// over a cut one.

// columnShare is how the name, country, institution and email columns
// share the width left once the tick boxes, statuses and grants have what
// they need; columnMin is the least each column gets, below which the
// table scrolls sideways.
var (
	columnShare = [columnCount]float32{colName: 3, colCountry: 1.4, colInstitution: 3, colEmail: 2.6}
	columnMin   = [columnCount]float32{colCheck: 36, colName: 110, colCountry: 64, colInstitution: 90,
		colStatus: 80, colGrant: 60, colEmail: 90}
)

// fitColumnsLayout gives the table's columns their widths for the width the
// table gets, each time that width changes.
type fitColumnsLayout struct {
	v     *participantsView
	width float32
}

func (l *fitColumnsLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	return objects[0].MinSize()
}

func (l *fitColumnsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if size.Width != l.width {
		l.width = size.Width
		l.v.fitColumns(size.Width)
	}
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// fitColumns sets the columns' widths for a table width: statuses and
// grants as wide as their widest word, the others sharing the rest.
func (v *participantsView) fitColumns(width float32) {
	if width <= 0 {
		return
	}
	var widths [columnCount]float32
	widths[colCheck] = columnMin[colCheck]
	inner := 2*theme.InnerPadding() + 2
	for _, col := range []int{colStatus, colGrant} {
		widest := fyne.MeasureText(columnTitle(col)+" ▲", theme.TextSize(), fyne.TextStyle{}).Width
		for _, word := range v.columnWords(col) {
			widest = max(widest, fyne.MeasureText(word, theme.TextSize(), fyne.TextStyle{}).Width)
		}
		widths[col] = max(columnMin[col], widest+inner)
	}
	// Each column is followed by the table's padding; the scroll bar
	// floats over the last column.
	left := width - float32(columnCount)*theme.Padding() - widths[colCheck] - widths[colStatus] - widths[colGrant]
	// A column whose share is below its least width takes that width,
	// and the others share what remains.
	fixed := map[int]bool{}
	for {
		var shares, room float32 = 0, left
		for col, s := range columnShare {
			if s > 0 && !fixed[col] {
				shares += s
			} else if fixed[col] {
				room -= columnMin[col]
			}
		}
		more := false
		for col, s := range columnShare {
			if s == 0 || fixed[col] {
				continue
			}
			if w := room * s / shares; w < columnMin[col] {
				fixed[col], more = true, true
			} else {
				widths[col] = w
			}
		}
		if !more {
			break
		}
	}
	for col := range fixed {
		widths[col] = columnMin[col]
	}
	if widths == v.widths {
		return
	}
	v.widths = widths
	v.cuts = map[cutKey]string{}
	for col, w := range widths {
		v.table.SetColumnWidth(col, w)
	}
}

// columnWords are the words a column of chosen values shows for the
// people of the workshop, to size it.
func (v *participantsView) columnWords(col int) []string {
	seen := map[string]bool{}
	var words []string
	for _, p := range v.index.People {
		if w := v.cellText(p, col); !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	return words
}

// cutKey is a text cut for a column.
type cutKey struct {
	text string
	col  int
}

// maxCuts bounds the cuts kept: a workshop of thousands scrolled through
// would otherwise keep one per cell ever shown.
const maxCuts = 20000

// cut is text as it fits its column: whole, or cut with "…". Fyne's own
// ellipsis measures the text letter by letter each time a cell is drawn,
// which made each keystroke of the search ten times slower; a cut is
// measured here once per text and column width, halving the text each
// time, and kept.
func (v *participantsView) cut(text string, col int) string {
	key := cutKey{text, col}
	if s, ok := v.cuts[key]; ok {
		return s
	}
	style := fyne.TextStyle{Bold: col == colName}
	room := v.widths[col] - 2*theme.InnerPadding()
	size := theme.TextSize()
	out := text
	if room > 0 && fyne.MeasureText(text, size, style).Width > room {
		// The longest prefix, cut between letters, that fits with "…".
		runes := []rune(text)
		out = string(runes[:fittingRunes(runes, room, size, style)]) + "…"
	}
	if len(v.cuts) >= maxCuts {
		clear(v.cuts)
	}
	v.cuts[key] = out
	return out
}

// participantCell is one cell of the table: a tick box in the first
// column, a label in the others. Over a label cut short, the pointer
// shows the whole value.
type participantCell struct {
	widget.BaseWidget
	v     *participantsView
	check *widget.Check
	label *widget.Label
	whole string // the value, when the label shows it cut
}

func newParticipantCell(v *participantsView) *participantCell {
	c := &participantCell{v: v, check: widget.NewCheck("", nil), label: widget.NewLabel("")}
	c.label.Truncation = fyne.TextTruncateClip
	c.ExtendBaseWidget(c)
	return c
}

func (c *participantCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.check, c.label))
}

// show puts text in the cell, cut to its column.
func (c *participantCell) show(text string, col int) {
	c.check.Hide()
	shown := c.v.cut(text, col)
	c.whole = ""
	if shown != text {
		c.whole = text
	}
	// A label laid out again costs most of a keystroke: only a changed
	// one is.
	if bold := col == colName; c.label.Text != shown || c.label.TextStyle.Bold != bold || !c.label.Visible() {
		c.label.TextStyle.Bold = bold
		c.label.SetText(shown)
		c.label.Show()
	}
}

// The table's own hover (its highlight of the row) is passed on, since
// the cell now hears the pointer first.
func (c *participantCell) MouseIn(e *desktop.MouseEvent) {
	c.v.table.MouseIn(c.v.toTable(e))
	if c.whole != "" && c.label.Visible() {
		c.v.c.tip.show(c, c.whole, e.AbsolutePosition)
	}
}

func (c *participantCell) MouseMoved(e *desktop.MouseEvent) { c.v.table.MouseMoved(c.v.toTable(e)) }

func (c *participantCell) MouseOut() {
	c.v.table.MouseOut()
	c.v.c.tip.hide(c)
}

// toTable is a pointer event as the table sees it.
func (v *participantsView) toTable(e *desktop.MouseEvent) *desktop.MouseEvent {
	at := *e
	if d := fyne.CurrentApp().Driver(); d != nil {
		at.Position = e.AbsolutePosition.Subtract(d.AbsolutePositionForObject(v.table))
	}
	return &at
}
