package app

import (
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// scheduleScreen shows the programme as a timetable: a column per day,
// time down the side, a coloured block per session, and under it the
// conflicts found in the programme.
type scheduleScreen struct {
	c    *controller
	w    data.Workshop
	days []data.ProgrammeDay

	trainers    []data.Trainer
	names       map[int64]string
	conflicts   []data.Conflict
	first, last int // hours shown

	blocks       map[int64]*sessionBlock
	grid         *fyne.Container
	conflictsBox *fyne.Container
	add          *widget.Button
	body         *fyne.Container
	item         *container.TabItem

	form *sessionForm // the form open last, closed when its session is deleted
}

func newScheduleScreen(c *controller) *scheduleScreen {
	s := &scheduleScreen{c: c, blocks: map[int64]*sessionBlock{}}
	s.add = widget.NewButtonWithIcon(lang.X("schedule.add", "Add session"), theme.ContentAddIcon(), func() {
		s.showForm(s.newSession(), true)
	})
	s.add.Importance = widget.HighImportance
	s.grid = container.NewWithoutLayout()
	s.conflictsBox = container.NewVBox()
	conflictScroll := container.NewVScroll(s.conflictsBox)
	conflictScroll.SetMinSize(fyne.NewSize(0, 76))
	heading := widget.NewLabel(lang.X("schedule.conflicts", "Conflicts"))
	heading.TextStyle.Bold = true
	top := container.NewBorder(nil, nil, s.add, nil, legend())
	bottom := container.NewBorder(widget.NewSeparator(), nil, nil, nil,
		container.NewBorder(nil, nil, container.NewVBox(heading), nil, conflictScroll))
	s.body = container.NewBorder(top, bottom, nil, nil, container.NewVScroll(s.grid))
	s.item = container.NewTabItemWithIcon(lang.X("schedule.tab", "Schedule"), theme.GridIcon(), s.body)
	return s
}

func (s *scheduleScreen) tab() *container.TabItem { return s.item }

func (s *scheduleScreen) shows() change { return detailsChanged | sessionsChanged | trainersChanged }

func (s *scheduleScreen) show(w data.Workshop) {
	s.w = w
	s.reload()
}

func (s *scheduleScreen) clear() {
	s.w = data.Workshop{}
	s.days, s.trainers, s.conflicts = nil, nil, nil
	s.grid.RemoveAll()
	s.conflictsBox.RemoveAll()
	clear(s.blocks)
}

// newSession is what Add session proposes: an hour at nine on the first
// day with nothing yet.
func (s *scheduleScreen) newSession() data.Session {
	day := s.w.StartDate
	for _, d := range s.days {
		if len(d.Sessions) == 0 && !d.Date.Before(s.w.StartDate) && !d.Date.After(s.w.EndDate) {
			day = d.Date
			break
		}
	}
	return data.Session{WorkshopID: s.w.ID, Kind: data.KindLecture, Start: day.At(9, 0), End: day.At(10, 0),
		CountsForCertificate: true}
}

// reload reads the programme again and redraws it.
func (s *scheduleScreen) reload() {
	if s.w.ID == 0 {
		return
	}
	st := s.c.st
	days, err := st.SessionsByDay(s.w.ID)
	if err == nil {
		s.trainers, err = st.Trainers(s.w.ID)
	}
	if err == nil {
		s.conflicts, err = st.Conflicts(s.w.ID)
	}
	if err != nil {
		s.c.readFailed(err)
		return
	}
	if w, err := st.Workshop(s.w.ID); err == nil {
		s.w = w // the dates may have changed on the Details tab
	}
	s.days = days
	s.names = make(map[int64]string, len(s.trainers))
	for _, t := range s.trainers {
		s.names[t.ID] = t.Name
	}
	s.draw()
	s.drawConflicts()
}

// hours finds the hours to show: at least 09:00 to 17:00, more when a
// session starts earlier or ends later. A wider fixed span would shrink
// every block of a programme that keeps office hours.
func (s *scheduleScreen) hours() (first, last int) {
	first, last = 9, 17
	for _, d := range s.days {
		for _, ss := range d.Sessions {
			first = min(first, ss.Start.Hour())
			end := ss.End
			if !end.After(ss.Start) { // drawn half an hour long
				end = ss.Start.Add(30 * time.Minute)
			}
			if data.DateOf(end) != d.Date {
				last = 24
				continue
			}
			h := end.Hour()
			if end.Minute() > 0 {
				h++
			}
			last = max(last, h)
		}
	}
	return first, last
}

func (s *scheduleScreen) draw() {
	s.first, s.last = s.hours()
	l := &timetableLayout{days: len(s.days), first: s.first, last: s.last}
	var objs []fyne.CanvasObject
	put := func(o fyne.CanvasObject, p placement) {
		objs = append(objs, o)
		l.places = append(l.places, p)
	}
	lineColour := theme.Color(theme.ColorNameSeparator)
	for h := s.first; h <= s.last; h++ {
		line := canvas.NewRectangle(lineColour)
		put(line, placement{col: -2, from: h * 60, to: h * 60})
		if h < s.last {
			t := canvas.NewText(clock(h, 0), theme.Color(theme.ColorNameForeground))
			t.TextSize = theme.CaptionTextSize()
			t.Alignment = fyne.TextAlignTrailing
			put(t, placement{col: -1, from: h * 60, to: h*60 + 20})
		}
	}
	clear(s.blocks)
	number := 0
	for i, d := range s.days {
		outside := d.Date.Before(s.w.StartDate) || d.Date.After(s.w.EndDate)
		if !outside {
			number = s.w.StartDate.DaysUntil(d.Date) + 1
		}
		put(dayHeading(d.Date, number, outside), placement{col: i, from: -1, to: -1})
		put(newDayColumn(s, d.Date, s.first, outside), placement{col: i, from: s.first * 60, to: s.last * 60})
		sp := spans(d.Sessions)
		lane, count := lanes(sp)
		l.weights = append(l.weights, slices.Max(append(count, 1)))
		for j, ss := range d.Sessions {
			var mine []data.Conflict
			for _, c := range s.conflicts {
				if c.Involves(ss.ID) {
					mine = append(mine, c)
				}
			}
			b := newSessionBlock(s, ss, joinNames(ss.TrainerIDs, s.names), mine, count[j] > 1)
			s.blocks[ss.ID] = b
			put(b, placement{col: i, from: sp[j][0], to: min(sp[j][1], s.last*60), lane: lane[j], lanes: count[j]})
		}
	}
	s.grid.Layout = l
	s.grid.Objects = objs
	s.grid.Refresh()
}

// drawConflicts lists the programme's conflicts; tapping one that names a
// session opens it.
func (s *scheduleScreen) drawConflicts() {
	s.conflictsBox.RemoveAll()
	if len(s.conflicts) == 0 {
		none := widget.NewLabel(lang.X("schedule.no_conflicts", "No conflicts: no trainer or room is booked twice, and every day and trainer has sessions."))
		none.Importance = widget.SuccessImportance
		none.Wrapping = fyne.TextWrapWord
		s.conflictsBox.Add(none)
		return
	}
	for _, c := range s.conflicts {
		var open func()
		var icon fyne.Resource = theme.NewErrorThemedResource(theme.WarningIcon())
		switch {
		case len(c.SessionIDs) > 0:
			id := c.SessionIDs[0]
			open = func() {
				if ss, err := s.c.st.Session(id); err == nil {
					s.showForm(ss, false)
				}
			}
		case c.Kind == data.ConflictIdleTrainer:
			icon = theme.InfoIcon()
			id := c.TrainerID
			open = func() { s.c.screen.showTrainer(id) }
		default: // a day with no session: propose one
			icon = theme.InfoIcon()
			day := c.Day
			open = func() {
				s.showForm(data.Session{WorkshopID: s.w.ID, Kind: data.KindLecture, Start: day.At(9, 0), End: day.At(10, 0),
					CountsForCertificate: true}, true)
			}
		}
		line := newConflictLine(conflictMessage(c), icon, open)
		if len(c.SessionIDs) == 0 {
			line.text.Importance = widget.WarningImportance
		}
		s.conflictsBox.Add(line)
	}
}

// conflictLine is a warning in the list that opens what it is about when
// tapped: the session, the trainer, or a new session on the empty day. It wraps, as the messages quote titles of any length.
type conflictLine struct {
	widget.BaseWidget
	icon  fyne.Resource
	text  *widget.Label
	onTap func()
}

func newConflictLine(msg string, icon fyne.Resource, onTap func()) *conflictLine {
	l := &conflictLine{icon: icon, text: widget.NewLabel(msg), onTap: onTap}
	l.text.Wrapping = fyne.TextWrapWord
	l.text.Importance = widget.DangerImportance
	l.ExtendBaseWidget(l)
	return l
}

func (l *conflictLine) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(l.icon)), nil, l.text))
}

func (l *conflictLine) Tapped(*fyne.PointEvent) { l.onTap() }

func (l *conflictLine) Cursor() desktop.Cursor { return desktop.PointerCursor }

// conflictMessage words a conflict in the interface language.
func conflictMessage(c data.Conflict) string {
	args := map[string]any{}
	for k, v := range c.Args {
		args[k] = v
	}
	return fieldMessage(data.FieldError{Key: c.Key, Args: args, Message: c.Message}, "")
}

func clock(h, m int) string { return fmt.Sprintf("%02d:%02d", h, m) }

// showMenu offers what can be done to a session besides editing it.
func (s *scheduleScreen) showMenu(ss data.Session, at fyne.Position) {
	var moves []*fyne.MenuItem
	for _, d := range data.Days(s.w.StartDate, s.w.EndDate) {
		if d == ss.Day() {
			continue
		}
		moves = append(moves, fyne.NewMenuItem(formatDate(d), func() { s.moveTo(ss, d) }))
	}
	move := fyne.NewMenuItem(lang.X("schedule.move_to", "Move to"), nil)
	move.ChildMenu = fyne.NewMenu("", moves...)
	menu := fyne.NewMenu("",
		fyne.NewMenuItem(lang.X("schedule.edit", "Edit…"), func() { s.showForm(ss, false) }),
		fyne.NewMenuItem(lang.X("schedule.duplicate", "Duplicate…"), func() { s.showForm(ss, true) }),
		move,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.X("schedule.delete", "Delete…"), func() { s.askDelete(ss) }),
	)
	widget.ShowPopUpMenuAtPosition(menu, s.c.win.Canvas(), at)
}

// moveTo puts a session on another day at the same hours.
func (s *scheduleScreen) moveTo(ss data.Session, day data.Date) {
	shift := day.Time().Sub(ss.Day().Time())
	ss.Start, ss.End = ss.Start.Add(shift), ss.End.Add(shift)
	if err := s.c.st.SaveSession(&ss); err != nil {
		s.c.saveFailed(err)
	}
	s.changed()
}

// askDelete confirms a delete, saying how many attendance marks go with it.
func (s *scheduleScreen) askDelete(ss data.Session) {
	n, err := s.c.st.SessionMarkCount(ss.ID)
	if err != nil {
		s.c.readFailed(err)
		return
	}
	text := lang.X("schedule.delete_unmarked", "Delete “{{.Title}}”? No attendance has been marked for it.",
		map[string]any{"Title": ss.Title})
	if n > 0 {
		text = lang.XN("schedule.delete_marked", "Delete “{{.Title}}” and its {{.Count}} attendance marks?", n,
			map[string]any{"Title": ss.Title, "Count": n})
	}
	s.c.ask(lang.X("schedule.delete_title", "Delete session"), text, lang.X("schedule.delete_button", "Delete"), 480, func() {
		if err := s.c.st.DeleteSession(ss.ID); err != nil {
			s.c.saveFailed(err)
		}
		if s.form != nil && s.form.session.ID == ss.ID {
			s.form.d.Hide()
		}
		s.changed()
	})
}

// changed redraws the timetable after the programme changed, and tells
// the other tabs: the trainers screen lists sessions, Details counts them.
func (s *scheduleScreen) changed() {
	s.reload()
	s.c.screen.changed(sessionsChanged, s)
}

// conflictsOf lists the conflicts that involve a session.
func (s *scheduleScreen) conflictsOf(id int64) []data.Conflict {
	var out []data.Conflict
	for _, c := range s.conflicts {
		if slices.Contains(c.SessionIDs, id) {
			out = append(out, c)
		}
	}
	return out
}
