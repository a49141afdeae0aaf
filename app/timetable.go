package app

import (
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
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
	minDayWidth     = 120
	minHourHeight   = 46
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
// their times say. Objects and placements match by index.
type timetableLayout struct {
	days        int
	first, last int // hours shown, e.g. 8 and 19
	places      []placement
}

func (l *timetableLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(timeAxisWidth+float32(l.days)*minDayWidth, dayHeaderHeight+float32(l.last-l.first)*minHourHeight)
}

func (l *timetableLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	colWidth := (size.Width - timeAxisWidth) / float32(max(l.days, 1))
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
			x, w = timeAxisWidth+float32(p.col)*colWidth+gap, colWidth-2*gap
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

// sizedTheme is the current theme with some sizes of its own.
type sizedTheme struct {
	fyne.Theme
	sizes map[fyne.ThemeSizeName]float32
}

func (t sizedTheme) Size(n fyne.ThemeSizeName) float32 {
	if s, ok := t.sizes[n]; ok {
		return s
	}
	return t.Theme.Size(n)
}

// compactTheme is the theme inside session blocks: smaller text and
// padding, so that a one-hour block shows its time, title and room.
func compactTheme() fyne.Theme {
	return sizedTheme{theme.Current(), map[fyne.ThemeSizeName]float32{theme.SizeNameText: 12, theme.SizeNameCaptionText: 11,
		theme.SizeNameInnerPadding: 1, theme.SizeNamePadding: 1, theme.SizeNameLineSpacing: 1}}
}

// legendTheme keeps the legend's two lines as tall as the Add button.
func legendTheme() fyne.Theme {
	return sizedTheme{theme.Current(), map[fyne.ThemeSizeName]float32{theme.SizeNameText: 12, theme.SizeNamePadding: 4,
		theme.SizeNameInnerPadding: 1}}
}

// fitLines stacks lines from the top and hides those that do not fit, so
// that a short block shows its first lines rather than spilling over the
// next one. A wrapped line that does not fit whole is cut at a word, with
// an ellipsis, to the space left.
type fitLines struct {
	full map[*widget.Label]string // the whole text of each wrapped line
}

func (*fitLines) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) == 0 {
		return fyne.Size{}
	}
	return fyne.NewSize(0, objs[0].MinSize().Height)
}

func (l *fitLines) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var y float32
	full := false
	for i, o := range objs {
		if full {
			o.Hide()
			continue
		}
		// A hidden label does not lay its text out again when resized, so
		// it is shown to be measured at this width.
		o.Show()
		height := func() float32 {
			o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
			return o.MinSize().Height // wrapped text knows its height once it has a width
		}
		lbl := asLabel(o)
		text, wrapped := l.full[lbl]
		if wrapped && lbl.Text != text {
			lbl.SetText(text) // the block may have grown since it was cut
		}
		h := height()
		room := size.Height - y
		if wrapped && i+1 < len(objs) {
			// A wrapped title leaves a line for the room after it, when it
			// keeps a line of its own.
			if _, nextWrapped := l.full[asLabel(objs[i+1])]; !nextWrapped {
				if r := room - objs[i+1].MinSize().Height; r >= h/float32(lineCount(lbl)) {
					room = r
				}
			}
		}
		if i > 0 && h > room {
			if !wrapped || !l.shorten(lbl, text, room, height) {
				full = true
				o.Hide()
				continue
			}
			h = height()
		}
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h
	}
}

func asLabel(o fyne.CanvasObject) *widget.Label {
	l, _ := o.(*widget.Label)
	return l
}

// lineCount is how many lines a laid-out label's text takes.
func lineCount(l *widget.Label) int {
	one := fyne.MeasureText("M", theme.SizeForWidget(theme.SizeNameText, l), l.TextStyle).Height
	if one <= 0 {
		return 1
	}
	return max(int(l.MinSize().Height/one), 1)
}

// shorten sets the longest start of text, cut at a word, that fits in room;
// false when not even one word does.
func (l *fitLines) shorten(lbl *widget.Label, text string, room float32, height func() float32) bool {
	words := strings.Fields(text)
	lo, hi := 0, len(words)-1 // lo words are known to fit
	for lo < hi {
		mid := (lo + hi + 1) / 2
		lbl.Text = strings.Join(words[:mid], " ") + "…"
		lbl.Refresh()
		if height() <= room {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		lbl.SetText(text)
		return false
	}
	lbl.SetText(strings.Join(words[:lo], " ") + "…")
	return true
}

// sessionBlock is one session on the timetable. Tapping it edits the
// session; a secondary tap offers the other actions.
type sessionBlock struct {
	widget.BaseWidget
	s         *scheduleScreen
	session   data.Session
	conflicts []data.Conflict
	lines     []string // what the block says, for tests and screen readers alike
	content   fyne.CanvasObject
}

// newSessionBlock draws a session; narrow is for a block that shares its
// column with others at the same time, where only the start time and the
// number of conflicts fit on their lines.
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

	when := ss.Start.Format("15:04") + "–" + ss.End.Format("15:04")
	if narrow {
		when = ss.Start.Format("15:04")
	}
	short := ss.Duration().Minutes() < 45
	var lines []fyne.CanvasObject
	fit := &fitLines{full: map[*widget.Label]string{}}
	line := func(text string, style fyne.TextStyle, importance widget.Importance, wrap bool) {
		l := widget.NewLabel(text)
		l.TextStyle = style
		l.Importance = importance
		if wrap {
			l.Wrapping = fyne.TextWrapWord
			fit.full[l] = text
		} else {
			l.Truncation = fyne.TextTruncateEllipsis
		}
		lines = append(lines, l)
		b.lines = append(b.lines, text)
	}
	if short {
		line(ss.Start.Format("15:04")+" "+ss.Title, fyne.TextStyle{}, widget.MediumImportance, false)
	} else {
		line(when, fyne.TextStyle{Bold: true}, widget.MediumImportance, false)
	}
	if len(conflicts) > 0 {
		warn := lang.XN("schedule.block_conflicts", "{{.Count}} conflicts", len(conflicts), map[string]any{"Count": len(conflicts)})
		if narrow {
			warn = strconv.Itoa(len(conflicts))
		}
		icon := widget.NewIcon(theme.NewErrorThemedResource(theme.WarningIcon()))
		l := widget.NewLabel(warn)
		l.Importance = widget.DangerImportance
		l.TextStyle.Bold = true
		l.Truncation = fyne.TextTruncateEllipsis
		lines = append(lines, container.NewBorder(nil, nil, icon, nil, l))
		b.lines = append(b.lines, warn)
	}
	if !short {
		line(ss.Title, fyne.TextStyle{Bold: true}, widget.MediumImportance, true)
		if ss.Room != "" {
			line(ss.Room, fyne.TextStyle{Italic: true}, widget.MediumImportance, false)
		}
		if trainers != "" {
			line(trainers, fyne.TextStyle{}, widget.MediumImportance, true)
		}
	}
	text := container.NewThemeOverride(container.New(fit, lines...), compactTheme())
	b.content = container.NewStack(bg, container.NewBorder(nil, nil, stripe, nil,
		container.New(layout.NewCustomPaddedLayout(2, 2, 4, 3), text)))
	return b
}

func (b *sessionBlock) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(b.content)
}

func (b *sessionBlock) MinSize() fyne.Size { return fyne.NewSize(20, 4) }

func (b *sessionBlock) Tapped(*fyne.PointEvent) { b.s.showForm(b.session, false) }

func (b *sessionBlock) TappedSecondary(ev *fyne.PointEvent) {
	b.s.showMenu(b.session, ev.AbsolutePosition)
}

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
	if outside {
		top = lang.X("schedule.day_outside", "Outside the dates")
	}
	t := widget.NewLabel(top)
	t.TextStyle.Bold = true
	t.Alignment = fyne.TextAlignCenter
	t.Truncation = fyne.TextTruncateEllipsis
	if outside {
		t.Importance = widget.DangerImportance
	}
	d := widget.NewLabel(lang.X("schedule.day_date", "{{.Weekday}} {{.Day}} {{.Month}}",
		map[string]any{"Weekday": weekdayAbbr(day), "Day": dayNumber(day.Day), "Month": monthAbbr(day.Month)}))
	d.Alignment = fyne.TextAlignCenter
	d.Truncation = fyne.TextTruncateEllipsis
	return container.NewThemeOverride(container.NewVBox(t, d), compactTheme())
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
