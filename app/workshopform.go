package app

import (
	"slices"
	"strconv"
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

// workshopFieldLabel names a workshop field, by data's name for it, as the
// forms label it.
func workshopFieldLabel(field string) string {
	switch field {
	case "title":
		return lang.X("field.title", "Title")
	case "theme":
		return lang.X("field.theme", "Theme")
	case "city":
		return lang.X("field.city", "City")
	case "country":
		return lang.X("field.country", "Country")
	case "region":
		return lang.X("field.region", "Region")
	case "venue":
		return lang.X("field.venue", "Venue")
	case "start_date":
		return lang.X("field.start_date", "Start date")
	case "end_date":
		return lang.X("field.end_date", "End date")
	case "language":
		return lang.X("field.language", "Working language")
	case "grant_target":
		return lang.X("field.grant_target", "Grant target")
	case "min_percent":
		return lang.X("field.min_percent", "Minimum attendance")
	case "excused_policy":
		return lang.X("field.excused_policy", "Excused absences")
	}
	return field
}

// copyWorkshopField sets one field of dst to its value in src. The form
// uses it to leave a field it cannot save at its last saved value while the
// other edits go through.
func copyWorkshopField(field string, dst, src *data.Workshop) {
	switch field {
	case "title":
		dst.Title = src.Title
	case "theme":
		dst.Theme = src.Theme
	case "city":
		dst.City = src.City
	case "country":
		dst.Country = src.Country
	case "region":
		dst.Region = src.Region
	case "venue":
		dst.Venue = src.Venue
	case "start_date":
		dst.StartDate = src.StartDate
	case "end_date":
		dst.EndDate = src.EndDate
	case "language":
		dst.Language = src.Language
	case "grant_target":
		dst.GrantTarget = src.GrantTarget
	}
}

// problemsByField words data's validation problems next to the fields that
// have them. Several problems with one field are shown together.
func problemsByField(err error) map[string]string { return problemsLabelled(err, workshopFieldLabel) }

func dateFormatProblem(field string) string {
	return lang.X("error.date_format", "{{.Field}}: enter a date as {{.Format}}.",
		map[string]any{"Field": workshopFieldLabel(field), "Format": datePlaceholder()})
}

func timeOf(d data.Date) *time.Time {
	if d.IsZero() {
		return nil
	}
	t := d.Time()
	return &t
}

// workshopForm edits one workshop. Every edit is checked at once and saved
// after a pause in typing, when the user leaves the field or presses Enter,
// or at once for choices from a list. A field data refuses keeps its last
// saved value in the database until it is corrected; the other fields are
// saved meanwhile.
type workshopForm struct {
	s *workshopsScreen

	saved data.Workshop // as the database holds it
	draft data.Workshop // as the form shows it

	loading  bool // set while load fills the widgets, so that no change handler fires a save
	dirty    bool
	saves    saveTimer
	unread   map[string]string // fields whose text could not be read at all: a half-typed date, a word for a number
	revealed map[string]bool   // unread fields the user has left or pressed Enter in: only then is the problem shown
	problems map[string]string // what is shown under each field
	rows     map[string]*fieldRow
	lastSave time.Time

	countries *countryList

	heading, subheading, status *widget.Label

	title, theme, city, region, venue, grant *leaveEntry
	start, end                               *leaveDateEntry
	country, language                        *widget.Select

	counts        map[string]*widget.Label
	organisations *organisationsPanel
	content       fyne.CanvasObject
}

func newWorkshopForm(s *workshopsScreen) *workshopForm {
	f := &workshopForm{s: s, unread: map[string]string{}, revealed: map[string]bool{},
		problems: map[string]string{}, rows: map[string]*fieldRow{}}
	f.countries = countriesIn(uiLanguage())

	f.title = f.textEntry("title", func(w *data.Workshop, v string) { w.Title = v })
	f.theme = f.textEntry("theme", func(w *data.Workshop, v string) { w.Theme = v })
	// A theme is a sentence or two; data allows line breaks in it.
	f.theme.MultiLine = true
	f.theme.Wrapping = fyne.TextWrapWord
	f.theme.SetMinRowsVisible(2)
	f.city = f.textEntry("city", func(w *data.Workshop, v string) { w.City = v })
	f.region = f.textEntry("region", func(w *data.Workshop, v string) { w.Region = v })
	f.venue = f.textEntry("venue", func(w *data.Workshop, v string) { w.Venue = v })

	f.country = widget.NewSelect(f.countries.names, func(name string) {
		if f.ignoring() {
			return
		}
		f.draft.Country = f.countries.byName[name]
		f.edited()
		f.flush()
	})
	f.country.PlaceHolder = lang.X("country.choose", "Choose a country")

	f.start = f.dateEntry("start_date", func(w *data.Workshop, d data.Date) { w.StartDate = d })
	f.end = f.dateEntry("end_date", func(w *data.Workshop, d data.Date) { w.EndDate = d })

	langNames := make([]string, len(data.Languages))
	for i, l := range data.Languages {
		langNames[i] = languageName(l)
	}
	f.language = widget.NewSelect(langNames, func(string) {
		if f.ignoring() {
			return
		}
		if i := f.language.SelectedIndex(); i >= 0 {
			f.draft.Language = data.Languages[i]
		}
		f.edited()
		f.flush()
	})

	f.grant = f.textEntry("grant_target", nil)
	f.grant.OnChanged = func(v string) {
		if f.ignoring() {
			return
		}
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if strings.TrimSpace(v) == "" {
			n, err = 0, nil
		}
		if err != nil {
			f.unread["grant_target"] = lang.X("error.whole_number", "{{.Field}} must be a whole number.",
				map[string]any{"Field": workshopFieldLabel("grant_target")})
			f.check()
			return
		}
		f.readable("grant_target")
		f.draft.GrantTarget = n
		f.edited()
	}

	form := widget.NewForm()
	for _, field := range []struct {
		name  string
		input fyne.CanvasObject
	}{
		{"title", f.title}, {"theme", f.theme}, {"city", f.city}, {"country", f.country},
		{"region", f.region}, {"venue", f.venue}, {"start_date", f.start}, {"end_date", f.end},
		{"language", f.language}, {"grant_target", f.grant},
	} {
		row := newFieldRow(workshopFieldLabel(field.name), field.input)
		f.rows[field.name] = row
		form.AppendItem(row.item())
	}

	f.heading = widget.NewLabel("")
	f.heading.SizeName = theme.SizeNameHeadingText
	f.heading.TextStyle.Bold = true
	f.heading.Wrapping = fyne.TextWrapWord
	f.subheading = widget.NewLabel("")
	f.status = widget.NewLabel("")
	f.status.Wrapping = fyne.TextWrapWord
	f.status.TextStyle.Italic = true

	f.counts = map[string]*widget.Label{}
	countsForm := widget.NewForm()
	for _, c := range []struct{ key, label string }{
		{"sessions", lang.X("count.sessions", "Sessions")},
		{"trainers", lang.X("count.trainers", "Trainers")},
		{"participants", lang.X("count.participants", "Participants")},
		{"confirmed", lang.X("count.confirmed", "Confirmed participants")},
		{"marks", lang.X("count.marks", "Attendance marks")},
		{"certificates", lang.X("count.certificates", "Certificates issued")},
	} {
		f.counts[c.key] = widget.NewLabel("")
		countsForm.Append(c.label, f.counts[c.key])
	}
	f.organisations = newOrganisationsPanel(s.c)

	f.content = container.NewVScroll(container.NewPadded(container.NewVBox(
		f.heading,
		f.subheading,
		widget.NewCard("", lang.X("section.details", "Details"), container.NewVBox(form, f.status)),
		widget.NewCard("", lang.X("section.figures", "In this workshop"), countsForm),
		widget.NewCard("", lang.X("section.organisations", "Organisations"), f.organisations.box),
		container.NewHBox(layout.NewSpacer(), widget.NewButtonWithIcon(lang.X("workshop.delete", "Delete this workshop…"),
			theme.DeleteIcon(), func() { f.askDelete() })),
	)))
	return f
}

// askDelete deletes the workshop after a confirmation that says what goes
// with it; the notice that follows, and Edit › Undo, bring it all back.
func (f *workshopForm) askDelete() dialog.Dialog {
	f.flush()
	w := f.saved
	n, err := f.s.c.st.CountsOf(w.ID)
	if err != nil {
		f.s.c.showError(err, say.Reading)
		return nil
	}
	msg := widget.NewLabel(lang.X("workshop.delete_ask",
		"Delete “{{.Title}}” with its {{.Sessions}} sessions, {{.Trainers}} trainers, {{.Participants}} participants, {{.Marks}} attendance marks and {{.Certificates}} certificates? Edit › Undo last delete brings it back while Atelier stays open.",
		map[string]any{"Title": w.Title, "Sessions": n.Sessions, "Trainers": n.Trainers, "Participants": n.Participants,
			"Marks": n.Marks, "Certificates": n.Certificates}))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.X("workshop.delete_title", "Delete workshop"), lang.X("workshop.delete_confirm", "Delete"),
		lang.X("dialog.cancel", "Cancel"), msg, func(ok bool) {
			if !ok {
				return
			}
			if err := f.s.c.st.DeleteWorkshop(w.ID); err != nil {
				f.s.c.showError(err, say.Saving)
				return
			}
			f.s.reset()
		}, f.s.c.win)
	fitDialog(d, 520)
	d.Show()
	return d
}

// textEntry makes a one-line entry that edits the draft through set.
func (f *workshopForm) textEntry(field string, set func(*data.Workshop, string)) *leaveEntry {
	e := newLeaveEntry()
	e.OnChanged = func(v string) {
		if f.ignoring() {
			return
		}
		set(&f.draft, v)
		f.edited()
	}
	e.OnSubmitted = func(string) { f.leave(field) }
	e.onLeave = func() { f.leave(field) }
	return e
}

func (f *workshopForm) dateEntry(field string, set func(*data.Workshop, data.Date)) *leaveDateEntry {
	e := newLeaveDateEntry()
	e.SetPlaceHolder(datePlaceholder())
	e.OnChanged = func(t *time.Time) {
		if f.ignoring() {
			return
		}
		var d data.Date
		if t != nil {
			d = data.DateOf(*t)
		}
		set(&f.draft, d)
		f.readable(field)
		f.edited()
	}
	// Fyne reports text it cannot read as a date only through validation;
	// an empty entry is data's "required", not a format problem.
	e.SetOnValidationChanged(func(err error) {
		if f.ignoring() {
			return
		}
		if err != nil && strings.TrimSpace(e.Text) != "" {
			f.unread[field] = dateFormatProblem(field)
		} else {
			f.readable(field)
		}
		f.check()
	})
	e.OnSubmitted = func(string) { f.leave(field) }
	e.onLeave = func() { f.leave(field) }
	return e
}

// readable forgets that a field's text could not be read.
func (f *workshopForm) readable(field string) {
	delete(f.unread, field)
	delete(f.revealed, field)
}

// leave is what pressing Enter in a field or leaving it does: say what could
// not be read in it (not earlier, as "21/1" is only a date being typed),
// and save the rest now.
func (f *workshopForm) leave(field string) {
	if f.ignoring() {
		return
	}
	if _, ok := f.unread[field]; ok && !f.revealed[field] {
		f.revealed[field] = true
		f.check()
	}
	f.flush()
}

func (f *workshopForm) id() int64 { return f.saved.ID }

// ignoring tells change handlers to do nothing: widgets also report changes
// while load fills them and while they are first laid out, with no
// workshop in the form yet.
func (f *workshopForm) ignoring() bool { return f.loading || f.saved.ID == 0 }

// load shows a workshop, dropping whatever the form held.
func (f *workshopForm) load(w data.Workshop) {
	f.saves.stop()
	f.loading = true
	f.saved, f.draft = w, w
	f.dirty = false
	f.lastSave = time.Time{}
	clear(f.unread)
	clear(f.revealed)

	f.title.SetText(w.Title)
	f.theme.SetText(w.Theme)
	f.city.SetText(w.City)
	if name, ok := f.countries.byCode[w.Country]; ok {
		f.country.SetSelected(name)
	} else {
		f.country.ClearSelected()
	}
	f.region.SetText(w.Region)
	f.venue.SetText(w.Venue)
	f.start.SetDate(timeOf(w.StartDate))
	f.end.SetDate(timeOf(w.EndDate))
	if i := slices.Index(data.Languages, w.Language); i >= 0 {
		f.language.SetSelectedIndex(i)
	} else {
		f.language.ClearSelected()
	}
	f.grant.SetText(strconv.Itoa(w.GrantTarget))

	f.loading = false
	f.check()
	f.showHeading()
	f.loadSummary()
}

// clear empties the form when no workshop is selected.
func (f *workshopForm) clear() {
	f.saves.stop()
	f.saved, f.draft = data.Workshop{}, data.Workshop{}
	f.dirty = false
}

func (f *workshopForm) showHeading() {
	f.heading.SetText(f.saved.Title)
	f.subheading.SetText(lang.X("workshop.where_when", "{{.City}}, {{.Country}} · {{.Dates}}", map[string]any{
		"City": f.saved.City, "Country": countryName(f.saved.Country),
		"Dates": formatDateRange(f.saved.StartDate, f.saved.EndDate),
	}))
}

// loadSummary shows what the workshop holds and its organisations.
func (f *workshopForm) loadSummary() {
	st := f.s.c.st
	counts, err := st.CountsOf(f.saved.ID)
	if err != nil {
		f.s.c.showError(err, say.Reading)
	}
	for key, n := range map[string]int{
		"sessions": counts.Sessions, "trainers": counts.Trainers, "participants": counts.Participants,
		"confirmed": counts.Confirmed, "marks": counts.Marks, "certificates": counts.Certificates,
	} {
		f.counts[key].SetText(strconv.Itoa(n))
	}

	f.organisations.show(f.saved.ID)
}

// edited is called after every change to the draft.
func (f *workshopForm) edited() {
	f.dirty = true
	f.check()
	f.schedule()
}

// check shows, under each field, what data or the form finds wrong with the
// draft, without saving anything.
func (f *workshopForm) check() {
	problems := problemsByField(f.draft.Validate())
	// What could not be read wins: data only saw the last value that could.
	for field, msg := range f.unread {
		if f.revealed[field] {
			problems[field] = msg
		}
	}
	f.problems = problems
	for field, row := range f.rows {
		row.setProblem(problems[field])
	}
	f.showStatus()
}

func (f *workshopForm) showStatus() {
	var elsewhere []string // problems with fields this form does not show
	for field, msg := range f.problems {
		if _, ok := f.rows[field]; !ok {
			elsewhere = append(elsewhere, msg)
		}
	}
	slices.Sort(elsewhere)
	if len(elsewhere) > 0 {
		f.status.Importance = widget.DangerImportance
		f.status.SetText(strings.Join(elsewhere, "\n"))
		return
	}
	showSaveState(f.status, len(f.problems) > 0, f.lastSave)
}

// schedule saves after a pause in typing.
func (f *workshopForm) schedule() { f.saves.schedule(f.s.c.do, f.flush) }

// flush saves the draft now, except the fields with a problem, which keep
// their saved value. It does nothing when nothing was edited.
func (f *workshopForm) flush() {
	f.saves.stop()
	if !f.dirty || f.saved.ID == 0 {
		return
	}
	f.dirty = false
	next := f.draft
	for field := range f.problems {
		copyWorkshopField(field, &next, &f.saved)
	}
	// The draft holds the last value these could be read as, which may be
	// a step of the typing ("2" on the way to "2x"), not what is shown.
	for field := range f.unread {
		copyWorkshopField(field, &next, &f.saved)
	}
	if next == f.saved {
		return
	}
	if err := f.s.c.st.SaveWorkshop(&next); err != nil {
		if _, ok := data.AsValidation(err); ok {
			// A rule across fields still fails with the bad fields left
			// out (a start date moved past the end): nothing is saved and
			// check has already said why.
			return
		}
		f.dirty = true
		f.status.Importance = widget.DangerImportance
		f.status.SetText(explain(err, say.Saving))
		return
	}
	listed := next.Title != f.saved.Title || next.City != f.saved.City ||
		next.StartDate != f.saved.StartDate || next.EndDate != f.saved.EndDate
	f.saved = next
	f.draft.CreatedAt, f.draft.UpdatedAt = next.CreatedAt, next.UpdatedAt
	f.lastSave = time.Now()
	f.showStatus()
	f.showHeading()
	if listed {
		f.s.reload()
		// The schedule shows the workshop's days, which may have moved;
		// the tabs behind read them when they come to the front.
		f.s.showFront(next)
	}
}
