package app

import (
	"errors"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/say"
)

func trainerFieldLabel(field string) string {
	switch field {
	case "name":
		return lang.X("trainers.field.name", "Name")
	case "title":
		return lang.X("trainers.field.title", "Title or position")
	case "affiliation":
		return lang.X("trainers.field.affiliation", "Affiliation")
	case "country":
		return lang.X("field.country", "Country")
	case "email":
		return lang.X("trainers.field.email", "Email")
	case "languages":
		return lang.X("trainers.field.languages", "Languages")
	case "bio":
		return lang.X("trainers.field.bio", "Short bio")
	}
	return field
}

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
	f := &trainerFields{rows: map[string]*fieldRow{}, countries: countriesIn(uiLanguage()), form: widget.NewForm()}
	f.name, f.title, f.affiliation = newLeaveEntry(), newLeaveEntry(), newLeaveEntry()
	f.email, f.languages, f.bio = newLeaveEntry(), newLeaveEntry(), newLeaveEntry()
	f.languages.SetPlaceHolder(lang.X("trainers.languages_hint", "e.g. English, French"))
	f.bio.MultiLine = true
	f.bio.Wrapping = fyne.TextWrapWord
	f.bio.SetMinRowsVisible(4)
	f.country = widget.NewSelect(append([]string{lang.X("trainers.no_country", "(none)")}, f.countries.names...), nil)
	f.country.PlaceHolder = lang.X("country.choose", "Choose a country")
	for _, field := range []struct {
		name  string
		input fyne.CanvasObject
	}{{"name", f.name}, {"title", f.title}, {"affiliation", f.affiliation}, {"country", f.country},
		{"email", f.email}, {"languages", f.languages}, {"bio", f.bio}} {
		r := newFieldRow(trainerFieldLabel(field.name), field.input)
		f.rows[field.name] = r
		f.form.AppendItem(r.item())
	}
	return f
}

func (f *trainerFields) entries() []*leaveEntry {
	return []*leaveEntry{f.name, f.title, f.affiliation, f.email, f.languages, f.bio}
}

func (f *trainerFields) load(t data.Trainer) {
	f.name.SetText(t.Name)
	f.title.SetText(t.Title)
	f.affiliation.SetText(t.Affiliation)
	f.email.SetText(t.Email)
	f.languages.SetText(t.Languages)
	f.bio.SetText(t.Bio)
	if name, ok := f.countries.byCode[t.Country]; ok {
		f.country.SetSelected(name)
	} else {
		f.country.ClearSelected()
	}
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
	current  data.Trainer // as saved
	loading  bool
	saves    saveTimer
	status   *widget.Label
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
	s.list = widget.NewList(func() int { return len(s.shown) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.TextStyle.Bold = true
			name.Truncation = fyne.TextTruncateEllipsis
			sub := widget.NewLabel("")
			sub.SizeName = theme.SizeNameCaptionText
			sub.Truncation = fyne.TextTruncateEllipsis
			return container.New(layout.NewCustomPaddedVBoxLayout(-theme.Padding()*2), name, sub)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < 0 || i >= len(s.shown) {
				return
			}
			t := s.shown[i]
			labels := o.(*fyne.Container).Objects
			labels[0].(*widget.Label).SetText(t.Name)
			labels[1].(*widget.Label).SetText(trainerSubtitle(t))
		})
	s.list.OnSelected = func(i widget.ListItemID) {
		if i >= 0 && i < len(s.shown) && s.shown[i].ID != s.current.ID {
			s.flush()
			s.open(s.shown[i])
		}
	}
	s.add = widget.NewButtonWithIcon(lang.X("trainers.add", "Add trainer"), theme.ContentAddIcon(), func() { s.showAdd() })
	s.add.Importance = widget.HighImportance

	s.fields = newTrainerFields()
	for _, e := range s.fields.entries() {
		e.OnChanged = func(string) { s.edited() }
		e.onLeave = s.flush
		e.OnSubmitted = func(string) { s.flush() }
	}
	s.fields.country.OnChanged = func(string) { s.edited(); s.flush() }
	s.status = widget.NewLabel("")
	s.status.TextStyle.Italic = true
	s.status.Wrapping = fyne.TextWrapWord
	s.del = widget.NewButtonWithIcon(lang.X("trainers.delete", "Delete trainer…"), theme.DeleteIcon(), func() { s.askDelete() })
	s.del.Importance = widget.DangerImportance
	s.sessions = container.NewVBox()
	s.panel = container.NewVScroll(container.NewPadded(container.NewVBox(
		widget.NewCard("", lang.X("trainers.details", "Trainer"), container.NewVBox(s.fields.form, s.status)),
		widget.NewCard("", lang.X("trainers.sessions", "Sessions"), s.sessions),
		container.NewHBox(layout.NewSpacer(), s.del),
	)))
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

func (s *trainersScreen) show(w data.Workshop) {
	if w.ID != s.w.ID {
		s.flush()
		s.current = data.Trainer{}
		s.search.SetText("")
	}
	s.w = w
	s.reload()
}

func (s *trainersScreen) clear() {
	s.saves.stop()
	s.w, s.current = data.Workshop{}, data.Trainer{}
	s.all, s.shown = nil, nil
	s.list.Refresh()
	s.panel.Hide()
	s.hint.Show()
}

func (s *trainersScreen) reload() {
	all, err := s.c.st.Trainers(s.w.ID)
	if err != nil {
		s.c.showError(err, say.Reading)
		return
	}
	s.all = all
	s.filter()
	if i := slices.IndexFunc(all, func(t data.Trainer) bool { return t.ID == s.current.ID }); i >= 0 {
		if !s.dirty() {
			s.open(all[i])
		} else {
			s.showSessions()
		}
	} else {
		s.current = data.Trainer{}
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
	if i := slices.IndexFunc(s.shown, func(t data.Trainer) bool { return t.ID == s.current.ID }); i >= 0 {
		s.list.Select(i)
	}
}

// open shows a trainer in the panel.
func (s *trainersScreen) open(t data.Trainer) {
	s.saves.stop()
	s.loading = true
	s.current = t
	s.fields.load(t)
	s.loading = false
	s.status.SetText(lang.X("status.autosave", "Changes are saved as you type."))
	s.showSessions()
	s.hint.Hide()
	s.panel.Show()
}

func (s *trainersScreen) showSessions() {
	s.sessions.RemoveAll()
	list, err := s.c.st.TrainerSessions(s.current.ID)
	if err != nil {
		s.c.showError(err, say.Reading)
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

func (s *trainersScreen) dirty() bool {
	return s.current.ID != 0 && s.fields.read(s.current) != s.current
}

// edited checks the fields and saves after a pause in typing.
func (s *trainersScreen) edited() {
	if s.loading || s.current.ID == 0 {
		return
	}
	t := s.fields.read(s.current)
	s.fields.show(problemsLabelled(t.Validate(), trainerFieldLabel))
	s.saves.schedule(s.c.do, s.flush)
}

// flush saves the panel now when it changed and data accepts it; a
// refused edit stays on screen with its message and is not saved.
func (s *trainersScreen) flush() {
	s.saves.stop()
	if s.loading || !s.dirty() {
		return
	}
	t := s.fields.read(s.current)
	if err := s.c.st.SaveTrainer(&t); err != nil {
		if _, ok := data.AsValidation(err); ok {
			s.fields.show(problemsLabelled(err, trainerFieldLabel))
			s.status.SetText(lang.X("status.problems", "Fields marked in red are not saved until they are corrected."))
			return
		}
		s.c.showError(err, say.Saving)
		return
	}
	renamed := t.Name != s.current.Name
	s.current = t
	s.status.SetText(lang.X("status.saved", "All changes saved at {{.Time}}.", map[string]any{"Time": time.Now().Format("15:04")}))
	if i := slices.IndexFunc(s.all, func(x data.Trainer) bool { return x.ID == t.ID }); i >= 0 {
		s.all[i] = t
	}
	s.list.Refresh()
	if renamed {
		s.c.screen.programmeChanged() // the schedule shows names
	}
}

// showAdd asks for a new trainer in a dialog.
func (s *trainersScreen) showAdd() *dialog.CustomDialog {
	s.flush()
	f := newTrainerFields()
	var d *dialog.CustomDialog
	submit := func() {
		t := f.read(data.Trainer{WorkshopID: s.w.ID})
		if err := s.c.st.SaveTrainer(&t); err != nil {
			if _, ok := data.AsValidation(err); !ok {
				s.c.showError(err, say.Saving)
				return
			}
			f.show(problemsLabelled(err, trainerFieldLabel))
			fitDialog(d, 560)
			return
		}
		d.Hide()
		s.current = t
		s.search.SetText("")
		s.c.screen.programmeChanged()
	}
	for _, e := range f.entries() {
		if !e.MultiLine {
			e.OnSubmitted = func(string) { submit() }
		}
	}
	save := widget.NewButtonWithIcon(lang.X("trainers.add_button", "Add trainer"), theme.ConfirmIcon(), submit)
	save.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.X("dialog.cancel", "Cancel"), theme.CancelIcon(), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(lang.X("trainers.new_title", "New trainer"), f.form, s.c.win)
	d.SetButtons([]fyne.CanvasObject{cancel, save})
	fitDialog(d, 560)
	d.Show()
	s.c.win.Canvas().Focus(f.name)
	s.c.opened(d)
	return d
}

// askDelete confirms deleting the trainer shown, naming the sessions that
// lose them.
func (s *trainersScreen) askDelete() {
	s.flush()
	t := s.current
	list, err := s.c.st.TrainerSessions(t.ID)
	if err != nil {
		s.c.showError(err, say.Reading)
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
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	s.c.opened(asked(text))
	d := dialog.NewCustomConfirm(lang.X("trainers.delete_title", "Delete trainer"), lang.X("trainers.delete_button", "Delete"),
		lang.X("dialog.cancel", "Cancel"), msg, func(ok bool) {
			if ok {
				s.delete(t)
			}
		}, s.c.win)
	fitDialog(d, 520)
	d.Show()
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
		s.c.showError(err, say.Saving)
		return
	}
	s.current = data.Trainer{}
	s.c.screen.programmeChanged()
}
