package app

import (
	"image/color"
	"strconv"
	"strings"

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

// The timetable's proportions: a column per day wide enough for a title of
// two or three words a line, and an hour tall enough for a time, a title of
// two lines and a room.
const (
	timeAxisWidth   = 46
	dayHeaderHeight = 40
	minShareWidth   = 80 // a day's column at its narrowest is one share, or one per lane
	minHourHeight   = 30
)

func tint(c color.NRGBA, alpha uint8) color.NRGBA { c.A = alpha; return c }

// blend mixes a kind's colour into the theme's background: an opaque tint,
// so that hour lines do not show through the blocks.
func blend(c color.NRGBA, share float32) color.NRGBA {
	r, g, b, _ := theme.Color(theme.ColorNameBackground).RGBA()
	mix := func(fg uint8, bg uint32) uint8 { return uint8(float32(fg)*share + float32(bg>>8)*(1-share)) }
	return color.NRGBA{mix(c.R, r), mix(c.G, g), mix(c.B, b), 0xff}
}

// placement is where one object of the timetable goes: a day column (or
// -1 for the time axis, -2 for the full width) and a span of minutes from
// midnight. A header has from = to = -1.
type placement struct {
	col         int
	from, to    int
	lane, lanes int // sessions at the same time share the column side by side
}

// spans are the minutes a day's sessions cover on the timetable; one that
// ends before it starts is drawn half an hour long, so that it can be seen.
func spans(sessions []data.Session) [][2]int {
	out := make([][2]int, len(sessions))
	for i, ss := range sessions {
		from := ss.Start.Hour()*60 + ss.Start.Minute()
		to := from + int(ss.Duration().Minutes())
		if to <= from {
			to = from + 30
		}
		out[i] = [2]int{from, to}
	}
	return out
}

// lanes puts sessions that overlap side by side: each gets the first lane
// free at its start, and every session of a group of overlapping ones
// shares the group's number of lanes. Spans must be in start order.
func lanes(spans [][2]int) (lane, count []int) {
	lane, count = make([]int, len(spans)), make([]int, len(spans))
	var ends []int // when each lane of the current group frees up
	groupStart, groupEnd := 0, -1
	closeGroup := func(upTo int) {
		for k := groupStart; k < upTo; k++ {
			count[k] = len(ends)
		}
	}
	for i, sp := range spans {
		if sp[0] >= groupEnd { // nothing still running: a new group
			closeGroup(i)
			ends, groupStart = ends[:0], i
		}
		j := 0
		for j < len(ends) && ends[j] > sp[0] {
			j++
		}
		if j == len(ends) {
			ends = append(ends, sp[1])
		} else {
			ends[j] = sp[1]
		}
		lane[i] = j
		groupEnd = max(groupEnd, sp[1])
	}
	closeGroup(len(spans))
	return lane, count
}

// timetableLayout puts hour lines, day headers and session blocks where
// their times say. Objects and placements match by index. A day whose
// sessions stand side by side (lanes) gets a column as many times wider,
// so that a clash keeps both titles readable.
type timetableLayout struct {
	days        int
	first, last int // hours shown, e.g. 8 and 19
	places      []placement
	weights     []int // each day's width in shares: its most lanes
}

func (l *timetableLayout) shares() int {
	n := 0
	for d := range l.days {
		n += l.weight(d)
	}
	return max(n, 1)
}

func (l *timetableLayout) weight(day int) int {
	if day < len(l.weights) {
		return max(l.weights[day], 1)
	}
	return 1
}

func (l *timetableLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(timeAxisWidth+float32(l.shares())*minShareWidth, dayHeaderHeight+float32(l.last-l.first)*minHourHeight)
}

func (l *timetableLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	share := (size.Width - timeAxisWidth) / float32(l.shares())
	colX := make([]float32, l.days+1)
	colX[0] = timeAxisWidth
	for d := range l.days {
		colX[d+1] = colX[d] + share*float32(l.weight(d))
	}
	perMinute := (size.Height - dayHeaderHeight) / float32((l.last-l.first)*60)
	y := func(minute int) float32 { return dayHeaderHeight + float32(minute-l.first*60)*perMinute }
	const gap = 2
	for i, o := range objs {
		if i >= len(l.places) {
			break
		}
		p := l.places[i]
		var x, w float32
		switch p.col {
		case -2:
			x, w = timeAxisWidth, size.Width-timeAxisWidth
		case -1:
			x, w = 0, timeAxisWidth-4
		default:
			colWidth := colX[p.col+1] - colX[p.col]
			x, w = colX[p.col]+gap, colWidth-2*gap
			if p.lanes > 1 {
				w = (colWidth - 2*gap) / float32(p.lanes)
				x += float32(p.lane) * w
				w -= gap
			}
		}
		if p.from < 0 { // a day header
			o.Move(fyne.NewPos(x, 0))
			o.Resize(fyne.NewSize(w, dayHeaderHeight))
			continue
		}
		top, bottom := y(p.from), y(p.to)
		if p.to == p.from { // a line
			o.Move(fyne.NewPos(x, top))
			o.Resize(fyne.NewSize(w, 1))
			continue
		}
		o.Move(fyne.NewPos(x, top+1))
		o.Resize(fyne.NewSize(w, max(bottom-top-2, 4)))
	}
}

// The timetable's type: smaller than the window's, so that a block of an
// hour shows its time and title even at 1024×600.
const (
	blockTextSize   = 12
	headingTextSize = 12
)

// sessionBlock is one session on the timetable. Tapping it edits the
// session; a secondary tap offers the other actions; resting the pointer
// on it shows all it says, which a narrow or short block cuts.
type sessionBlock struct {
	widget.BaseWidget
	s         *scheduleScreen
	session   data.Session
	conflicts []data.Conflict
	tip       string // the whole of it, shown on hover
	text      *smallText
	content   fyne.CanvasObject
}

// newSessionBlock draws a session; narrow is for a block that shares its
// column with others at the same time, where the start time stands for the
// span. Every block keeps its title: the lines wrap to the block's width.
func newSessionBlock(s *scheduleScreen, ss data.Session, trainers string, conflicts []data.Conflict, narrow bool) *sessionBlock {
	b := &sessionBlock{s: s, session: ss, conflicts: conflicts}
	b.ExtendBaseWidget(b)
	colour := kindColour(ss.Kind)
	bg := canvas.NewRectangle(blend(colour, 0.22))
	bg.CornerRadius = 4
	bg.StrokeWidth = 1
	bg.StrokeColor = tint(colour, 0x90)
	if len(conflicts) > 0 {
		bg.StrokeWidth = 2
		bg.StrokeColor = theme.Color(theme.ColorNameError)
	}
	stripe := canvas.NewRectangle(colour)
	stripe.SetMinSize(fyne.NewSize(4, 0))

	span := ss.Start.Format("15:04") + "–" + ss.End.Format("15:04")
	when := span
	if narrow {
		when = ss.Start.Format("15:04")
	}
	var lines []textLine
	line := func(text string, style fyne.TextStyle, colour fyne.ThemeColorName, wrap bool) {
		lines = append(lines, textLine{text: text, style: style, colour: colour, wrap: wrap})
	}
	bold, italic := fyne.TextStyle{Bold: true}, fyne.TextStyle{Italic: true}
	if ss.Duration().Minutes() < 45 {
		line(when+" "+ss.Title, fyne.TextStyle{}, theme.ColorNameForeground, true)
	} else {
		line(when, bold, theme.ColorNameForeground, false)
	}
	mandatory := lang.X("schedule.block_mandatory", "Mandatory")
	if ss.Mandatory {
		line(mandatory, bold, theme.ColorNamePrimary, false)
	}
	warn := ""
	if len(conflicts) > 0 {
		warn = lang.XN("schedule.block_conflicts", "{{.Count}} conflicts", len(conflicts), map[string]any{"Count": len(conflicts)})
		line(warn, bold, theme.ColorNameError, false)
	}
	if ss.Duration().Minutes() >= 45 {
		line(ss.Title, bold, theme.ColorNameForeground, true)
	}
	if ss.Room != "" {
		line(ss.Room, italic, theme.ColorNameForeground, false)
	}
	if trainers != "" {
		line(trainers, fyne.TextStyle{}, theme.ColorNameForeground, true)
	}
	b.text = newSmallText(blockTextSize, lines...)

	tip := []string{span + " · " + kindName(ss.Kind), ss.Title}
	for _, s := range []string{ss.Room, trainers} {
		if s != "" {
			tip = append(tip, s)
		}
	}
	if ss.Mandatory {
		tip = append(tip, mandatory)
	}
	for _, c := range conflicts {
		tip = append(tip, "⚠ "+conflictMessage(c))
	}
	b.tip = strings.Join(tip, "\n")

	b.content = container.NewStack(bg, container.NewBorder(nil, nil, stripe, nil,
		container.New(layout.NewCustomPaddedLayout(2, 2, 4, 3), b.text)))
	return b
}

func (b *sessionBlock) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(b.content)
}

func (b *sessionBlock) MinSize() fyne.Size { return fyne.NewSize(20, 4) }

func (b *sessionBlock) Tapped(*fyne.PointEvent) {
	b.s.c.tip.hide(b)
	b.s.showForm(b.session, false)
}

func (b *sessionBlock) TappedSecondary(ev *fyne.PointEvent) {
	b.s.c.tip.hide(b)
	b.s.showMenu(b.session, ev.AbsolutePosition)
}

func (b *sessionBlock) MouseIn(ev *desktop.MouseEvent) { b.s.c.tip.show(b, b.tip, ev.AbsolutePosition) }

func (b *sessionBlock) MouseMoved(*desktop.MouseEvent) {}

func (b *sessionBlock) MouseOut() { b.s.c.tip.hide(b) }

// dayColumn is the empty part of a day: tapping it adds a session at the
// half hour tapped.
type dayColumn struct {
	widget.BaseWidget
	s     *scheduleScreen
	day   data.Date
	first int // hour at the top
	bg    *canvas.Rectangle
}

func newDayColumn(s *scheduleScreen, day data.Date, first int, outside bool) *dayColumn {
	d := &dayColumn{s: s, day: day, first: first, bg: canvas.NewRectangle(color.Transparent)}
	if outside {
		d.bg.FillColor = tint(color.NRGBA{0xc0, 0x30, 0x30, 0xff}, 0x18)
	}
	d.ExtendBaseWidget(d)
	return d
}

func (d *dayColumn) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(d.bg) }

func (d *dayColumn) Tapped(ev *fyne.PointEvent) {
	h := d.Size().Height
	if h <= 0 {
		return
	}
	hours := float32(d.s.last - d.s.first)
	minute := d.first*60 + int(ev.Position.Y/h*hours*60)/30*30
	start := d.day.At(minute/60, minute%60)
	d.s.showForm(data.Session{WorkshopID: d.s.w.ID, Kind: data.KindLecture, Start: start,
		End: start.Add(60 * 60e9), CountsForCertificate: true}, true)
}

// dayHeading names a day of the programme: "Day 2" over "Tue 22 Nov".
func dayHeading(day data.Date, number int, outside bool) fyne.CanvasObject {
	top := lang.X("schedule.day_number", "Day {{.Number}}", map[string]any{"Number": number})
	colour := theme.ColorNameForeground
	if outside {
		top = lang.X("schedule.day_outside", "Outside the dates")
		colour = theme.ColorNameError
	}
	date := lang.X("schedule.day_date", "{{.Weekday}} {{.Day}} {{.Month}}",
		map[string]any{"Weekday": weekdayAbbr(day), "Day": dayNumber(day.Day), "Month": monthAbbr(day.Month)})
	t := newSmallText(headingTextSize, textLine{text: top, style: fyne.TextStyle{Bold: true}, colour: colour},
		textLine{text: date, colour: theme.ColorNameForeground})
	t.align = fyne.TextAlignCenter
	return t
}

func weekdayAbbr(d data.Date) string {
	return named("schedule.weekday.", strconv.Itoa(int(d.Time().Weekday())), "")
}

func joinNames(ids []int64, names map[int64]string) string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if n, ok := names[id]; ok {
			out = append(out, n)
		}
	}
	return strings.Join(out, ", ")
}
