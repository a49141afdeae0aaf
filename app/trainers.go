package app

import (
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

func trainerFieldLabel(field string) string { return fieldLabel("trainers.field.", field) }

// trainerFields are the inputs of a trainer, shared by the Add dialog and
// the editing panel.
type trainerFields struct {
	name, title, affiliation, email, languages, bio *leaveEntry
	country                                         *widget.Select
	countries                                       *countryList
	rows                                            map[string]*fieldRow
	form                                            *widget.Form
}

func newTrainerFields() *trainerFields {
	f := &trainerFields{rows: map[string]*fieldRow{}, countries: countriesIn(uiLanguage())}
	f.name, f.title, f.affiliation = newLeaveEntry(), newLeaveEntry(), newLeaveEntry()
	f.email, f.languages, f.bio = newLeaveEntry(), newLeaveEntry(), newLeaveEntry()
	f.languages.SetPlaceHolder(lang.X("trainers.languages_hint", "e.g. English, French"))
	f.bio.MultiLine = true
	f.bio.Wrapping = fyne.TextWrapWord
	f.bio.SetMinRowsVisible(4)
	f.country = widget.NewSelect(append([]string{lang.X("trainers.no_country", "(none)")}, f.countries.names...), nil)
	f.country.PlaceHolder = lang.X("country.choose", "Choose a country")
	f.form = fieldForm(f.rows, trainerFieldLabel, formField{"name", f.name}, formField{"title", f.title},
		formField{"affiliation", f.affiliation}, formField{"country", f.country}, formField{"email", f.email},
		formField{"languages", f.languages}, formField{"bio", f.bio})
	return f
}

// copyTrainerField sets one field of dst to its value in src, so that a
// field data refuses keeps its saved value while the others are saved.
func copyTrainerField(field string, dst, src *data.Trainer) {
	switch field {
	case "name":
		dst.Name = src.Name
	case "title":
		dst.Title = src.Title
	case "affiliation":
		dst.Affiliation = src.Affiliation
	case "country":
		dst.Country = src.Country
	case "email":
		dst.Email = src.Email
	case "languages":
		dst.Languages = src.Languages
	case "bio":
		dst.Bio = src.Bio
	}
}

// entries are the typed fields, by data's name for them.
func (f *trainerFields) entries() map[string]*leaveEntry {
	return map[string]*leaveEntry{"name": f.name, "title": f.title, "affiliation": f.affiliation, "email": f.email,
		"languages": f.languages, "bio": f.bio}
}

func (f *trainerFields) load(t data.Trainer) {
	f.name.SetText(t.Name)
	f.title.SetText(t.Title)
	f.affiliation.SetText(t.Affiliation)
	f.email.SetText(t.Email)
	f.languages.SetText(t.Languages)
	f.bio.SetText(t.Bio)
	f.countries.show(f.country, t.Country)
	f.show(nil)
}

// read copies the inputs over t.
func (f *trainerFields) read(t data.Trainer) data.Trainer {
	t.Name, t.Title, t.Affiliation = f.name.Text, f.title.Text, f.affiliation.Text
	t.Email, t.Languages, t.Bio = f.email.Text, f.languages.Text, f.bio.Text
	t.Country = f.countries.byName[f.country.Selected] // "" for none
	return t
}

func (f *trainerFields) show(problems map[string]string) {
	for field, r := range f.rows {
		r.setProblem(problems[field])
	}
}

// trainersScreen lists a workshop's trainers with a search, and edits the
// selected one beside the list; every edit is saved as it is made.
type trainersScreen struct {
	c        *controller
	w        data.Workshop
	all      []data.Trainer
	shown    []data.Trainer
	search   *widget.Entry
	list     *widget.List
	add      *widget.Button
	del      *widget.Button
	fields   *trainerFields
	sheet    *liveForm[data.Trainer] // the trainer shown, saved as typed
	sessions *fyne.Container
	panel    fyne.CanvasObject
	hint     fyne.CanvasObject
	item     *container.TabItem
}

func newTrainersScreen(c *controller) *trainersScreen {
	s := &trainersScreen{c: c}
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(lang.X("trainers.search", "Search by name, affiliation, country…"))
	s.search.OnChanged = func(string) { s.filter() }
	s.list = twoLineList(func() int { return len(s.shown) }, func(i int) (string, string) {
		return s.shown[i].Name, trainerSubtitle(s.shown[i])
	})
	s.list.OnSelected = func(i widget.ListItemID) {
		if i >= 0 && i < len(s.shown) && s.shown[i].ID != s.sheet.saved.ID {
			s.sheet.flush()
			s.open(s.shown[i])
		}
	}
	s.add = widget.NewButtonWithIcon(lang.X("trainers.add", "Add trainer"), theme.ContentAddIcon(), func() { s.showAdd() })
	s.add.Importance = widget.HighImportance

	s.fields = newTrainerFields()
	s.sheet = newLiveForm(c, formSpec[data.Trainer]{
		label:    trainerFieldLabel,
		validate: func(t data.Trainer) error { return t.Validate() },
		keep:     copyTrainerField,
		save:     func(t *data.Trainer) error { return c.st.SaveTrainer(t) },
		saved:    s.saved,
	})
	s.sheet.rows = s.fields.rows
	s.sheet.status.TextStyle.Italic = true
	edited := func(d *data.Trainer) { *d = s.fields.read(s.sheet.saved) }
	for field, e := range s.fields.entries() {
		e.OnChanged = func(string) { s.sheet.edit(edited) }
		e.onLeave = func() { s.sheet.leave(field) }
		e.OnSubmitted = func(string) { s.sheet.leave(field) }
	}
	s.fields.country.OnChanged = func(string) { s.sheet.choose(edited) }
	s.del = widget.NewButtonWithIcon(lang.X("trainers.delete", "Delete trainer…"), theme.DeleteIcon(), func() { s.askDelete() })
	s.del.Importance = widget.DangerImportance
	s.sessions = container.NewVBox()
	s.panel = formScroll(container.NewPadded(container.NewVBox(
		widget.NewCard("", lang.X("trainers.details", "Trainer"), container.NewVBox(s.fields.form, s.sheet.status)),
		widget.NewCard("", lang.X("trainers.sessions", "Sessions"), s.sessions),
		atRight(s.del),
	)), s.fields.rows)
	hint := widget.NewLabel(lang.X("trainers.none_selected", "Select a trainer, or add one."))
	hint.Importance = widget.LowImportance
	s.hint = container.NewCenter(hint)
	s.panel.Hide()

	left := container.NewBorder(container.NewVBox(s.add, s.search), nil, nil, nil, s.list)
	split := container.NewHSplit(left, container.NewStack(s.hint, s.panel))
	split.Offset = 0.36
	s.item = container.NewTabItemWithIcon(lang.X("trainers.tab", "Trainers"), theme.AccountIcon(), split)
	return s
}

func trainerSubtitle(t data.Trainer) string {
	var parts []string
	for _, p := range []string{t.Affiliation, countryName(t.Country)} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " · ")
}

func (s *trainersScreen) tab() *container.TabItem { return s.item }

func (s *trainersScreen) shows() change { return sessionsChanged | trainersChanged }

func (s *trainersScreen) show(w data.Workshop) {
	if w.ID != s.w.ID {
		s.sheet.flush()
		s.sheet.clear()
		s.search.SetText("")
	}
	s.w = w
	s.reload()
}

// reveal shows one trainer, whatever the search was.
func (s *trainersScreen) reveal(id int64) {
	s.search.SetText("")
	if i := slices.IndexFunc(s.shown, func(t data.Trainer) bool { return t.ID == id }); i >= 0 {
		s.list.Select(i)
	}
}

func (s *trainersScreen) clear() {
	s.sheet.clear()
	s.w = data.Workshop{}
	s.all, s.shown = nil, nil
	s.list.Refresh()
	s.panel.Hide()
	s.hint.Show()
}

func (s *trainersScreen) reload() {
	all, err := s.c.st.Trainers(s.w.ID)
	if err != nil {
		s.c.readFailed(err)
		return
	}
	s.all = all
	s.filter()
	if i := slices.IndexFunc(all, func(t data.Trainer) bool { return t.ID == s.sheet.saved.ID }); i >= 0 {
		if !s.sheet.pending() {
			s.open(all[i])
		} else {
			s.showSessions()
		}
	} else {
		s.sheet.clear()
		s.panel.Hide()
		s.hint.Show()
	}
}

// filter shows the trainers whose name, affiliation, country or email
// holds the search, accents ignored: "ogunsola" finds Ògúnṣọlá.
func (s *trainersScreen) filter() {
	q := data.Fold(strings.TrimSpace(s.search.Text))
	s.shown = s.shown[:0]
	for _, t := range s.all {
		hay := data.Fold(strings.Join([]string{t.Name, t.Title, t.Affiliation, countryName(t.Country), t.Email, t.Languages}, " "))
		if q == "" || strings.Contains(hay, q) {
			s.shown = append(s.shown, t)
		}
	}
	s.list.UnselectAll()
	s.list.Refresh()
	if i := slices.IndexFunc(s.shown, func(t data.Trainer) bool { return t.ID == s.sheet.saved.ID }); i >= 0 {
		s.list.Select(i)
	}
}

// open shows a trainer in the panel.
func (s *trainersScreen) open(t data.Trainer) {
	s.sheet.load(t, func() { s.fields.load(t) })
	s.showSessions()
	s.hint.Hide()
	s.panel.Show()
}

func (s *trainersScreen) showSessions() {
	s.sessions.RemoveAll()
	list, err := s.c.st.TrainerSessions(s.sheet.saved.ID)
	if err != nil {
		s.c.readFailed(err)
		return
	}
	if len(list) == 0 {
		none := widget.NewLabel(lang.X("trainers.no_sessions", "Leads no session yet: choose them in a session on the Schedule tab."))
		none.Importance = widget.WarningImportance
		none.Wrapping = fyne.TextWrapWord
		s.sessions.Add(none)
		return
	}
	for _, ss := range list {
		l := widget.NewLabel(sessionLine(ss))
		l.Wrapping = fyne.TextWrapWord
		s.sessions.Add(l)
	}
}

// sessionLine names a session with its day and hours.
func sessionLine(ss data.Session) string {
	return lang.X("trainers.session_line", "{{.Weekday}} {{.Date}}, {{.From}}–{{.To}}: {{.Title}}", map[string]any{
		"Weekday": weekdayAbbr(ss.Day()), "Date": formatDate(ss.Day()),
		"From": ss.Start.Format("15:04"), "To": ss.End.Format("15:04"), "Title": ss.Title})
}

// saved follows a save of the trainer shown: the list shows the new
// name or place, and the other tabs hear of a new name (the schedule
// shows names).
func (s *trainersScreen) saved(before, after data.Trainer) {
	if i := slices.IndexFunc(s.all, func(x data.Trainer) bool { return x.ID == after.ID }); i >= 0 {
		s.all[i] = after
	}
	s.list.Refresh()
	if after.Name != before.Name {
		s.c.screen.changed(trainersChanged, s)
	}
}

// showAdd asks for a new trainer in a dialog.
func (s *trainersScreen) showAdd() *modal {
	s.sheet.flush()
	f := newTrainerFields()
	var d *modal
	submit := func() {
		t := f.read(data.Trainer{WorkshopID: s.w.ID})
		if err := s.c.st.SaveTrainer(&t); err != nil {
			if _, ok := data.AsValidation(err); !ok {
				s.c.saveFailed(err)
				return
			}
			f.show(problemsLabelled(err, trainerFieldLabel))
			fitDialog(d, 560)
			return
		}
		d.Hide()
		s.reload()
		s.reveal(t.ID)
		s.c.screen.changed(trainersChanged, s)
	}
	for _, e := range f.entries() {
		if !e.MultiLine {
			e.OnSubmitted = func(string) { submit() }
		}
	}
	save := mainButton(lang.X("trainers.add_button", "Add trainer"), submit)
	cancel := cancelButton(func() { d.Hide() })
	d = s.c.newModal(lang.X("trainers.new_title", "New trainer"), f.form, cancel, save)
	fitDialog(d, 560)
	d.Show()
	s.c.win.Canvas().Focus(f.name)
	s.c.opened(d)
	return d
}

// askDelete confirms deleting the trainer shown, naming the sessions that
// lose them.
func (s *trainersScreen) askDelete() {
	s.sheet.flush()
	t := s.sheet.saved
	list, err := s.c.st.TrainerSessions(t.ID)
	if err != nil {
		s.c.readFailed(err)
		return
	}
	text := lang.X("trainers.delete_free", "Delete {{.Name}}? They lead no session.", map[string]any{"Name": t.Name})
	if len(list) > 0 {
		lines := make([]string, len(list))
		for i, ss := range list {
			lines[i] = "• " + sessionLine(ss)
		}
		text = lang.XN("trainers.delete_leading", "Delete {{.Name}}? These {{.Count}} sessions will no longer have them as trainer:",
			len(list), map[string]any{"Name": t.Name, "Count": len(list)}) + "\n" + strings.Join(lines, "\n")
	}
	s.c.ask(lang.X("trainers.delete_title", "Delete trainer"), text, lang.X("trainers.delete_button", "Delete"), 520,
		func() { s.delete(t) })
}

func (s *trainersScreen) delete(t data.Trainer) {
	err := s.c.st.DeleteTrainer(t.ID)
	var inUse *data.InUseError
	if errors.As(err, &inUse) {
		s.c.showMessage(lang.X("trainers.delete_title", "Delete trainer"), []string{lang.X("trainers.delete_refused", "{{.Name}} holds a certificate of this workshop, so they cannot be deleted: the certificate register must keep who it was issued to.",
			map[string]any{"Name": t.Name})})
		return
	}
	if err != nil {
		s.c.saveFailed(err)
		return
	}
	s.sheet.clear()
	s.reload()
	s.c.screen.changed(trainersChanged, s)
}
