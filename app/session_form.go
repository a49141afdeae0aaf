package app

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

const sessionDialogWidth = 860

// formEntry is an entry that gives Escape to its form: Fyne's dialogs do
// not close on it, and a focused entry keeps the key from the window.
type formEntry struct {
	widget.Entry
	onEscape func()
}

func newFormEntry(onEscape func()) *formEntry {
	e := &formEntry{onEscape: onEscape}
	e.ExtendBaseWidget(e)
	return e
}

func (e *formEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}

// parseClock reads a time of day as people type it: 9, 930, 09:30, 9.30,
// 9h30 (as French writes it). 24:00 is the end of the day.
func parseClock(s string) (h, m int, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	var hs, ms string
	if i := strings.IndexAny(s, ":.h"); i >= 0 {
		hs, ms = s[:i], s[i+1:]
		if ms == "" {
			ms = "0"
		}
	} else if len(s) > 2 {
		hs, ms = s[:len(s)-2], s[len(s)-2:]
	} else {
		hs, ms = s, "0"
	}
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m > 0) || len(ms) > 2 {
		return 0, 0, false
	}
	return h, m, true
}

func sessionFieldLabel(field string) string { return fieldLabel("schedule.field.", field) }

// sessionForm adds or edits one session in a dialog. Nothing is written
// until Save (or Enter), and nothing at all when data refuses the session.
type sessionForm struct {
	s       *scheduleScreen
	session data.Session // as opened; ID 0 for a new one
	d       *modal

	title, start, end, room, description *formEntry
	kind, day                            *widget.Select
	trainers                             *widget.CheckGroup
	counts, mandatory                    *widget.Check
	days                                 []data.Date
	trainerIDs                           map[string]int64
	rows                                 map[string]*fieldRow
	general                              *widget.Label
	save                                 *widget.Button
}

// showForm opens the session form; asNew makes it add a copy of ss (or a
// new session when ss has no ID) rather than edit ss.
func (s *scheduleScreen) showForm(ss data.Session, asNew bool) *sessionForm {
	if asNew {
		ss.ID = 0
	}
	f := &sessionForm{s: s, session: ss, rows: map[string]*fieldRow{}, trainerIDs: map[string]int64{}}
	cancel := func() { f.d.Hide() }
	entry := func(text string) *formEntry {
		e := newFormEntry(cancel)
		e.SetText(text)
		e.OnSubmitted = func(string) { f.submit() }
		return e
	}
	f.title = entry(ss.Title)
	f.start = entry(ss.Start.Format("15:04"))
	f.start.SetPlaceHolder("09:00")
	end := ss.End.Format("15:04")
	if data.DateOf(ss.End) != ss.Day() && ss.End.Hour() == 0 && ss.End.Minute() == 0 {
		end = "24:00"
	}
	f.end = entry(end)
	f.end.SetPlaceHolder("10:30")
	f.room = entry(ss.Room)
	f.description = newFormEntry(cancel)
	f.description.MultiLine = true
	f.description.Wrapping = fyne.TextWrapWord
	f.description.SetMinRowsVisible(4)
	f.description.SetText(ss.Description)

	kinds := make([]string, len(data.SessionKinds))
	for i, k := range data.SessionKinds {
		kinds[i] = kindName(k)
	}
	f.kind = widget.NewSelect(kinds, nil)
	if i := slices.Index(data.SessionKinds, ss.Kind); i >= 0 {
		f.kind.SetSelectedIndex(i)
	}

	f.days = data.Days(s.w.StartDate, s.w.EndDate)
	if !slices.Contains(f.days, ss.Day()) && !ss.Start.IsZero() {
		f.days = append(f.days, ss.Day()) // a stray session keeps its day until moved
	}
	dayNames := make([]string, len(f.days))
	for i, d := range f.days {
		dayNames[i] = lang.X("schedule.day_option", "{{.Weekday}} {{.Date}}",
			map[string]any{"Weekday": weekdayAbbr(d), "Date": formatDate(d)})
	}
	f.day = widget.NewSelect(dayNames, nil)
	if i := slices.Index(f.days, ss.Day()); i >= 0 {
		f.day.SetSelectedIndex(i)
	}

	var options []string
	for _, t := range s.trainers {
		name := t.Name
		if _, taken := f.trainerIDs[name]; taken || name == "" {
			name += " (" + strconv.FormatInt(t.ID, 10) + ")"
		}
		f.trainerIDs[name] = t.ID
		options = append(options, name)
	}
	f.trainers = widget.NewCheckGroup(options, nil)
	var selected []string
	for _, id := range ss.TrainerIDs {
		for name, tid := range f.trainerIDs {
			if tid == id {
				selected = append(selected, name)
			}
		}
	}
	f.trainers.SetSelected(selected)
	f.counts = widget.NewCheck(lang.X("schedule.field.counts", "Counts towards the certificate"), nil)
	f.counts.SetChecked(ss.CountsForCertificate)
	f.mandatory = widget.NewCheck(lang.X("schedule.field.mandatory", "Mandatory"), nil)
	f.mandatory.SetChecked(ss.Mandatory)
	// A break counts for nothing (data.Session.IsBreak): its boxes are
	// not offered.
	f.kind.OnChanged = func(string) {
		i := f.kind.SelectedIndex()
		if i >= 0 && data.SessionKinds[i] == data.KindBreak {
			f.counts.SetChecked(false)
			f.mandatory.SetChecked(false)
			f.counts.Disable()
			f.mandatory.Disable()
		} else {
			f.counts.Enable()
			f.mandatory.Enable()
		}
	}
	f.kind.OnChanged(f.kind.Selected)

	row := func(form *widget.Form, field string, input fyne.CanvasObject) {
		r := newFieldRow(sessionFieldLabel(field), input)
		f.rows[field] = r
		form.AppendItem(r.item())
	}
	left := widget.NewForm()
	row(left, "title", f.title)
	row(left, "kind", f.kind)
	row(left, "day", f.day)
	row(left, "start", f.start)
	row(left, "end", f.end)
	row(left, "room", f.room)
	left.Append("", container.NewVBox(f.counts, f.mandatory))

	var trainerInput fyne.CanvasObject = f.trainers
	if len(options) == 0 {
		none := widget.NewLabel(lang.X("schedule.no_trainers", "This workshop has no trainers yet: add them on the Trainers tab."))
		none.Wrapping = fyne.TextWrapWord
		none.Importance = widget.LowImportance
		trainerInput = none
	}
	scroll := container.NewVScroll(trainerInput)
	scroll.SetMinSize(fyne.NewSize(0, 180))
	right := widget.NewForm()
	row(right, "trainers", scroll)
	row(right, "description", f.description)

	top := container.NewVBox()
	if ss.ID != 0 {
		for _, c := range s.conflictsOf(ss.ID) {
			l := widget.NewLabel(conflictMessage(c))
			l.Wrapping = fyne.TextWrapWord
			l.Importance = widget.WarningImportance
			top.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.NewErrorThemedResource(theme.WarningIcon())), nil, l))
		}
	}
	f.general = problemLabel()

	title := lang.X("schedule.new_title", "New session")
	if ss.ID != 0 {
		title = lang.X("schedule.edit_title", "Edit session")
	}
	f.save = mainButton(lang.X("schedule.save", "Save"), f.submit)
	buttons := []fyne.CanvasObject{cancelButton(cancel)}
	if ss.ID != 0 {
		del := widget.NewButtonWithIcon(lang.X("schedule.delete", "Delete…"), theme.DeleteIcon(), func() { s.askDelete(f.session) })
		del.Importance = widget.DangerImportance
		dup := widget.NewButtonWithIcon(lang.X("schedule.duplicate", "Duplicate…"), theme.ContentCopyIcon(), func() {
			f.d.Hide()
			s.showForm(f.session, true)
		})
		buttons = append([]fyne.CanvasObject{del, dup}, buttons...)
	}
	buttons = append(buttons, f.save)

	f.d = s.c.newModal(title, container.NewVBox(top, container.NewGridWithColumns(2, left, right), f.general), buttons...)
	// Enter and Escape also work when no entry has the focus (after
	// ticking a box or choosing from a list).
	canvas := s.c.win.Canvas()
	previous := canvas.OnTypedKey()
	canvas.SetOnTypedKey(func(k *fyne.KeyEvent) {
		switch k.Name {
		case fyne.KeyEscape:
			cancel()
			return
		case fyne.KeyReturn, fyne.KeyEnter:
			f.submit()
			return
		}
		if previous != nil {
			previous(k)
		}
	})
	f.d.SetOnClosed(func() { canvas.SetOnTypedKey(previous) })
	fitDialog(f.d, sessionDialogWidth)
	f.d.Show()
	canvas.Focus(f.title)
	s.form = f
	s.c.opened(f)
	return f
}

// read builds the session the form shows; problems holds what cannot even
// be read (a time written as "half past nine").
func (f *sessionForm) read() (data.Session, map[string]string) {
	ss := f.session
	problems := map[string]string{}
	ss.Title = f.title.Text
	if i := f.kind.SelectedIndex(); i >= 0 {
		ss.Kind = data.SessionKinds[i]
	}
	var day data.Date
	if i := f.day.SelectedIndex(); i >= 0 {
		day = f.days[i]
	} else {
		problems["day"] = lang.X("error.required", "{{.Field}} is required.", map[string]any{"Field": sessionFieldLabel("day")})
	}
	clockAt := func(field, text string) time.Time {
		h, m, ok := parseClock(text)
		if !ok {
			problems[field] = lang.X("schedule.time_format", "{{.Field}}: enter a time as HH:MM, e.g. 09:30.",
				map[string]any{"Field": sessionFieldLabel(field)})
			return time.Time{}
		}
		if day.IsZero() {
			return time.Time{}
		}
		return day.At(h, m) // 24:00 is midnight of the next day, as time.Date counts it
	}
	ss.Start, ss.End = clockAt("start", f.start.Text), clockAt("end", f.end.Text)
	ss.Room, ss.Description = f.room.Text, f.description.Text
	ss.TrainerIDs = nil
	for _, name := range f.trainers.Selected {
		ss.TrainerIDs = append(ss.TrainerIDs, f.trainerIDs[name])
	}
	ss.CountsForCertificate, ss.Mandatory = f.counts.Checked, f.mandatory.Checked
	return ss, problems
}

// submit saves the session, or shows beside each field why it cannot.
func (f *sessionForm) submit() {
	ss, problems := f.read()
	if len(problems) == 0 {
		if err := f.s.c.st.SaveSession(&ss); err != nil {
			if _, ok := data.AsValidation(err); !ok {
				problems[""] = saveProblem(err)
			}
			for field, msg := range problemsLabelled(err, sessionFieldLabel) {
				problems[field] = msg
			}
		}
	}
	if showProblems(problems, f.rows, f.general) {
		fitDialog(f.d, sessionDialogWidth)
		return
	}
	f.session = ss
	f.d.Hide()
	f.s.changed()
}
