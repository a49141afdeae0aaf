package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// sessionPicker chooses the session being marked: a button naming it that
// opens the programme day by day, each day under its heading, on the
// session chosen. Up and Down move through the sessions, Enter or Space
// takes one, Escape closes the list.
type sessionPicker struct {
	button   *widget.Button
	sessions []data.Session
	chosen   int // index into sessions, -1 for none
	onChosen func(i int)
	onClosed func() // the list closed without a choice (Escape)
	win      fyne.Window

	rows  []pickRow
	popUp *widget.PopUp
	list  *pickList
}

// pickRow is a line of the open list: a day's heading or a session.
type pickRow struct {
	day     bool
	label   string
	session int
}

func newSessionPicker(win fyne.Window, onChosen func(i int)) *sessionPicker {
	p := &sessionPicker{win: win, chosen: -1, onChosen: onChosen}
	p.button = widget.NewButtonWithIcon(lang.X("attendance.choose_session", "Choose a session"), theme.MenuDropDownIcon(), p.open)
	p.button.Alignment = widget.ButtonAlignLeading
	p.button.IconPlacement = widget.ButtonIconTrailingText
	return p
}

// setSessions replaces the programme offered and chooses i (or none, -1)
// without telling onChosen.
func (p *sessionPicker) setSessions(sessions []data.Session, i int) {
	p.sessions = sessions
	p.rows = p.rows[:0]
	var last data.Date
	for k, s := range sessions {
		if d := s.Day(); k == 0 || d != last {
			p.rows = append(p.rows, pickRow{day: true, label: lang.X("schedule.day_option", "{{.Weekday}} {{.Date}}",
				map[string]any{"Weekday": weekdayAbbr(d), "Date": formatDate(d)})})
			last = d
		}
		p.rows = append(p.rows, pickRow{label: s.Start.Format("15:04") + "–" + s.End.Format("15:04") + "  " + s.Title, session: k})
	}
	p.choose(i)
}

// choose shows session i on the button, without telling onChosen.
func (p *sessionPicker) choose(i int) {
	if i < 0 || i >= len(p.sessions) {
		p.chosen = -1
		p.button.SetText(lang.X("attendance.choose_session", "Choose a session"))
		if len(p.sessions) == 0 {
			p.button.Disable()
		}
		return
	}
	p.chosen = i
	p.button.Enable()
	// A long title would widen the window: the list shows it whole.
	s := p.sessions[i]
	s.Title = clip(s.Title, 24)
	p.button.SetText(sessionLabel(s))
}

func (p *sessionPicker) rowOf(session int) int {
	for r, row := range p.rows {
		if !row.day && row.session == session {
			return r
		}
	}
	return -1
}

// open shows the list under the button, on the session chosen, and gives
// it the keyboard.
func (p *sessionPicker) open() {
	if len(p.sessions) == 0 {
		return
	}
	p.list = newPickList(p)
	c := p.win.Canvas()
	p.popUp = widget.NewPopUp(p.list, c)
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.button).Add(fyne.NewPos(0, p.button.Size().Height))
	rowHeight := p.list.MinSize().Height + theme.Padding()
	height := min(float32(len(p.rows))*rowHeight, c.Size().Height-at.Y-theme.Padding())
	p.popUp.ShowAtPosition(at)
	p.popUp.Resize(fyne.NewSize(max(p.button.Size().Width, 420), max(height, 3*rowHeight)))
	if r := p.rowOf(p.chosen); r >= 0 {
		p.list.highlight(r)
	} else {
		p.list.move(1)
	}
	c.Focus(p.list)
}

func (p *sessionPicker) close() {
	if p.popUp != nil {
		p.popUp.Hide()
		p.popUp = nil
	}
}

// take chooses the session on row r, closes the list, and tells onChosen.
func (p *sessionPicker) take(r int) {
	if r < 0 || r >= len(p.rows) || p.rows[r].day {
		return
	}
	p.close()
	p.choose(p.rows[r].session)
	p.onChosen(p.chosen)
}

// pickList is the open list of the picker. Its selection is the row the
// keyboard is on; a tap or Enter takes it.
type pickList struct {
	widget.List
	p     *sessionPicker
	at    int
	quiet bool // set while the keyboard moves the selection
}

func newPickList(p *sessionPicker) *pickList {
	l := &pickList{p: p, at: -1}
	l.Length = func() int { return len(p.rows) }
	l.CreateItem = func() fyne.CanvasObject {
		label := widget.NewLabel("")
		label.Truncation = fyne.TextTruncateEllipsis
		return label
	}
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		label := o.(*widget.Label)
		row := p.rows[id]
		label.TextStyle.Bold = row.day
		label.Importance = widget.MediumImportance
		if row.day {
			label.Importance = widget.LowImportance
		}
		label.SetText(row.label)
	}
	l.OnSelected = func(id widget.ListItemID) {
		if l.quiet {
			return
		}
		if p.rows[id].day {
			l.Unselect(id)
			return
		}
		p.take(id)
	}
	l.ExtendBaseWidget(l)
	return l
}

// highlight puts the keyboard on row r and shows it.
func (l *pickList) highlight(r int) {
	l.at = r
	l.quiet = true
	l.Select(r)
	l.quiet = false
	l.ScrollTo(r)
}

// move goes by step rows, to the nearest session beyond a day's heading.
func (l *pickList) move(step int) {
	rows := l.p.rows
	dir := 1
	if step < 0 {
		dir = -1
	}
	for r := max(0, min(l.at+step, len(rows)-1)); r >= 0 && r < len(rows); r += dir {
		if !rows[r].day {
			l.highlight(r)
			return
		}
	}
}

func (l *pickList) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyDown:
		l.move(1)
	case fyne.KeyUp:
		l.move(-1)
	case fyne.KeyPageDown:
		l.move(8)
	case fyne.KeyPageUp:
		l.move(-8)
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		l.p.take(l.at)
	case fyne.KeyEscape:
		l.p.close()
		if l.p.onClosed != nil {
			l.p.onClosed()
		}
	}
}

func (l *pickList) TypedRune(r rune) {
	if r == ' ' {
		l.p.take(l.at)
	}
}
