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

// problemsLabelled is problemsByField for any form: label names a field as
// that form shows it.
func problemsLabelled(err error, label func(string) string) map[string]string {
	out := map[string]string{}
	v, ok := data.AsValidation(err)
	if !ok {
		return out
	}
	for _, fe := range v.Fields {
		msg := fieldMessage(fe, label(fe.Field))
		if prev, ok := out[fe.Field]; ok {
			msg = prev + "\n" + msg
		}
		out[fe.Field] = msg
	}
	return out
}

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

// fieldRow is an input with the line under it that says what is wrong.
type fieldRow struct {
	label   string
	problem *widget.Label
	box     *fyne.Container
}

// showProblems puts each message beside its field, and the messages for
// fields the form does not show in general, under the form; it reports
// whether there was any.
func showProblems(problems map[string]string, rows map[string]*fieldRow, general *widget.Label) bool {
	var elsewhere []string
	for field, msg := range problems {
		if _, ok := rows[field]; !ok {
			elsewhere = append(elsewhere, msg)
		}
	}
	for field, row := range rows {
		row.setProblem(problems[field])
	}
	slices.Sort(elsewhere)
	general.SetText(strings.Join(elsewhere, "\n"))
	general.Hidden = len(elsewhere) == 0
	general.Refresh()
	return len(problems) > 0
}

func newFieldRow(label string, input fyne.CanvasObject) *fieldRow {
	p := widget.NewLabel("")
	p.Importance = widget.DangerImportance
	p.Wrapping = fyne.TextWrapWord
	p.Hide()
	// No padding between the input and its message: the message belongs to
	// the field above it, not to the next row.
	return &fieldRow{label: label, problem: p, box: container.New(layout.NewCustomPaddedVBoxLayout(0), input, p)}
}

func (r *fieldRow) item() *widget.FormItem { return widget.NewFormItem(r.label, r.box) }

func (r *fieldRow) setProblem(msg string) {
	if msg == r.problem.Text && (msg != "") == r.problem.Visible() {
		return
	}
	r.problem.SetText(msg)
	if msg == "" {
		r.problem.Hide()
	} else {
		r.problem.Show()
	}
	r.box.Refresh()
}

// leaveEntry is an entry that says when the user leaves it, so that what was
// typed last is saved then rather than after the pause.
type leaveEntry struct {
	widget.Entry
	onLeave func()
}

func newLeaveEntry() *leaveEntry {
	e := &leaveEntry{}
	e.ExtendBaseWidget(e)
	return e
}

func (e *leaveEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onLeave != nil {
		e.onLeave()
	}
}

// leaveDateEntry is Fyne's date entry that says when the user leaves it.
type leaveDateEntry struct {
	widget.DateEntry
	onLeave func()
}

func newLeaveDateEntry() *leaveDateEntry {
	e := &leaveDateEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip) // as widget.NewDateEntry sets it
	return e
}

func (e *leaveDateEntry) FocusLost() {
	e.DateEntry.FocusLost()
	if e.onLeave != nil {
		e.onLeave()
	}
}

// workshopsScreen lists the file's workshops on the left and edits the
// selected one on the right.
type workshopsScreen struct {
	c       *controller
	items   []data.Workshop
	list    *widget.List
	add     *widget.Button
	form    *workshopForm
	hint    fyne.CanvasObject // stands in for the tabs when nothing is selected
	tabs    *container.AppTabs
	views   []workshopView
	content fyne.CanvasObject

	lastAdd *addWorkshopDialog // the dialog last opened, for tests
}

// workshopView is a tab that shows one side of the selected workshop (its
// schedule, its participants…) beside the Details tab.
type workshopView interface {
	tab() *container.TabItem
	show(w data.Workshop) // another workshop was selected, or this one changed
	clear()               // no workshop is selected, or the file was closed
}

func newWorkshopsScreen(c *controller) *workshopsScreen {
	s := &workshopsScreen{c: c}
	s.form = newWorkshopForm(s)
	// Each screen of a workshop adds itself here, in tab order.
	s.views = []workshopView{newScheduleScreen(c), newTrainersScreen(c), newParticipantsView(c), newAttendanceView(c), newCertificatesView(c)}
	s.list = widget.NewList(
		func() int { return len(s.items) },
		func() fyne.CanvasObject {
			title := widget.NewLabel("")
			title.TextStyle.Bold = true
			title.Truncation = fyne.TextTruncateEllipsis
			sub := widget.NewLabel("")
			sub.Truncation = fyne.TextTruncateEllipsis
			sub.SizeName = theme.SizeNameCaptionText
			return container.New(layout.NewCustomPaddedVBoxLayout(-theme.Padding()*2), title, sub)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < 0 || i >= len(s.items) {
				return
			}
			w := s.items[i]
			labels := o.(*fyne.Container).Objects
			labels[0].(*widget.Label).SetText(w.Title)
			labels[1].(*widget.Label).SetText(lang.X("workshops.row", "{{.City}} · {{.Dates}}",
				map[string]any{"City": w.City, "Dates": formatDateRange(w.StartDate, w.EndDate)}))
		})
	s.list.OnSelected = s.onSelected
	s.add = widget.NewButtonWithIcon(lang.X("workshops.add", "Add workshop"), theme.ContentAddIcon(), func() { s.showAddDialog() })

	hint := widget.NewLabel(lang.X("workshops.none_selected", "Select a workshop on the left, or add one."))
	hint.Alignment = fyne.TextAlignCenter
	hint.Importance = widget.LowImportance
	s.hint = container.NewCenter(hint)
	// All tabs at once: each Append lays out every tab again, which cost a
	// fifth of a second at start.
	items := []*container.TabItem{container.NewTabItemWithIcon(lang.X("tab.details", "Details"), theme.DocumentIcon(), s.form.content)}
	for _, v := range s.views {
		items = append(items, v.tab())
	}
	s.tabs = container.NewAppTabs(items...)
	s.tabs.OnSelected = s.tabSelected
	s.tabs.Hide()

	left := container.NewBorder(container.NewPadded(s.add), nil, nil, nil, s.list)
	split := container.NewHSplit(left, container.NewStack(s.hint, s.tabs))
	split.Offset = 0.3
	s.content = split
	return s
}

// reload reads the list again, keeping the workshop being edited selected:
// a new start date can move it.
func (s *workshopsScreen) reload() {
	items, err := s.c.st.Workshops()
	if err != nil {
		s.c.showError(err)
		return
	}
	s.items = items
	s.list.Refresh()
	if i := s.indexOf(s.form.id()); i >= 0 {
		s.list.Select(i)
	}
}

// openRecent opens the workshop edited last, which is most likely the one
// the organiser is working on (the list puts the latest dates first).
func (s *workshopsScreen) openRecent() {
	if len(s.items) == 0 {
		return
	}
	recent := slices.MaxFunc(s.items, func(a, b data.Workshop) int { return a.UpdatedAt.Compare(b.UpdatedAt) })
	s.selectID(recent.ID)
}

// reset forgets the workshop being edited; used when the file changes.
func (s *workshopsScreen) reset() {
	s.form.clear()
	s.list.UnselectAll()
	s.hint.Show()
	s.tabs.Hide()
	for _, v := range s.views {
		v.clear()
	}
	s.reload()
	s.openRecent()
}

func (s *workshopsScreen) indexOf(id int64) int {
	if id == 0 {
		return -1
	}
	return slices.IndexFunc(s.items, func(w data.Workshop) bool { return w.ID == id })
}

// selectID selects a workshop in the list and opens it in the form.
func (s *workshopsScreen) selectID(id int64) {
	if i := s.indexOf(id); i >= 0 {
		s.list.Select(i)
	}
}

func (s *workshopsScreen) onSelected(i widget.ListItemID) {
	if i < 0 || i >= len(s.items) {
		return
	}
	id := s.items[i].ID
	if id == s.form.id() {
		return
	}
	// What was typed into the previous workshop is saved before the form
	// shows the next one. Saving may reorder the list, hence the id.
	s.form.flush()
	w, err := s.c.st.Workshop(id)
	if err != nil {
		s.c.showError(err)
		return
	}
	s.form.load(w)
	s.showFront(w)
	s.hint.Hide()
	s.tabs.Show()
	if j := s.indexOf(id); j >= 0 {
		s.list.Select(j)
	}
}

// tabSelected reads the tab's side of the workshop again as it comes to
// the front: another tab may have changed its participants or sessions
// meanwhile, and one workshop's data reads in milliseconds.
func (s *workshopsScreen) tabSelected(t *container.TabItem) {
	if s.form.id() == 0 {
		return
	}
	if t == s.tabs.Items[0] {
		s.form.loadSummary()
		return
	}
	for _, v := range s.views {
		if v.tab() == t {
			v.show(s.form.saved)
		}
	}
}

// showFront shows w in the tab at the front. The tabs behind it read their
// side of w when they come to the front (tabSelected), so that opening a
// workshop, at start too, reads and lays out one tab rather than six.
func (s *workshopsScreen) showFront(w data.Workshop) {
	for _, v := range s.views {
		if v.tab() == s.tabs.Selected() {
			v.show(w)
		}
	}
}

// programmeChanged shows the selected workshop again after one of its tabs
// changed its sessions, trainers or organisations: the summary on Details
// and the tab at the front; the others read it when they come to the front.
func (s *workshopsScreen) programmeChanged() {
	if s.form.id() == 0 {
		return
	}
	s.form.loadSummary()
	s.showFront(s.form.saved)
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
		f.s.c.showError(err)
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
				f.s.c.showError(err)
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
		f.s.c.showError(err)
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
		f.status.SetText(lang.X("status.save_failed", "Could not save: {{.Error}}", map[string]any{"Error": err.Error()}))
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

const addDialogWidth = 560

// addWorkshopDialog asks for what a workshop cannot be saved without.
type addWorkshopDialog struct {
	s          *workshopsScreen
	d          *dialog.CustomDialog
	title      *widget.Entry
	city       *widget.Entry
	country    *widget.Select
	start, end *widget.DateEntry
	add        *widget.Button
	rows       map[string]*fieldRow
	general    *widget.Label
	countries  *countryList
}

func (s *workshopsScreen) showAddDialog() *addWorkshopDialog {
	s.form.flush()
	a := &addWorkshopDialog{s: s, rows: map[string]*fieldRow{}, countries: countriesIn(uiLanguage())}
	a.title = widget.NewEntry()
	a.title.SetText(lang.X("workshop.new_title", "New workshop"))
	a.city = widget.NewEntry()
	a.country = widget.NewSelect(a.countries.names, nil)
	a.country.PlaceHolder = lang.X("country.choose", "Choose a country")
	today := data.DateOf(time.Now())
	a.start = widget.NewDateEntry()
	a.start.SetPlaceHolder(datePlaceholder())
	a.start.SetDate(timeOf(today))
	a.end = widget.NewDateEntry()
	a.end.SetPlaceHolder(datePlaceholder())
	a.end.SetDate(timeOf(today.AddDays(4)))
	for _, e := range []*widget.Entry{a.title, a.city, &a.start.Entry, &a.end.Entry} {
		e.OnSubmitted = func(string) { a.submit() }
	}

	form := widget.NewForm()
	for _, field := range []struct {
		name  string
		input fyne.CanvasObject
	}{{"title", a.title}, {"city", a.city}, {"country", a.country}, {"start_date", a.start}, {"end_date", a.end}} {
		row := newFieldRow(workshopFieldLabel(field.name), field.input)
		a.rows[field.name] = row
		form.AppendItem(row.item())
	}
	a.general = widget.NewLabel("")
	a.general.Importance = widget.DangerImportance
	a.general.Wrapping = fyne.TextWrapWord
	a.general.Hide()
	intro := widget.NewLabel(lang.X("workshop.new_intro", "Everything else can be filled in afterwards."))
	intro.Wrapping = fyne.TextWrapWord

	cancel := widget.NewButtonWithIcon(lang.X("dialog.cancel", "Cancel"), theme.CancelIcon(), func() { a.d.Hide() })
	a.add = widget.NewButtonWithIcon(lang.X("workshop.add_button", "Add workshop"), theme.ConfirmIcon(), a.submit)
	a.add.Importance = widget.HighImportance
	a.d = dialog.NewCustomWithoutButtons(lang.X("workshop.new_dialog_title", "New workshop"),
		container.NewVBox(intro, form, a.general), s.c.win)
	a.d.SetButtons([]fyne.CanvasObject{cancel, a.add})
	fitDialog(a.d, addDialogWidth)
	a.d.Show()
	// The proposed title is selected, so that typing replaces it.
	s.c.win.Canvas().Focus(a.title)
	a.title.TypedShortcut(&fyne.ShortcutSelectAll{})
	s.lastAdd = a
	return a
}

func (a *addWorkshopDialog) submit() {
	w := data.Workshop{
		Title:    a.title.Text,
		City:     a.city.Text,
		Country:  a.countries.byName[a.country.Selected],
		Language: uiLanguage(),
		Rule:     data.DefaultCertificateRule,
	}
	unread := map[string]string{}
	for field, e := range map[string]*widget.DateEntry{"start_date": a.start, "end_date": a.end} {
		var d data.Date
		switch {
		case strings.TrimSpace(e.Text) == "":
		case e.Date == nil || e.Validate() != nil:
			unread[field] = dateFormatProblem(field)
		default:
			d = data.DateOf(*e.Date)
		}
		if field == "start_date" {
			w.StartDate = d
		} else {
			w.EndDate = d
		}
	}

	problems := problemsByField(w.Validate())
	for field, msg := range unread {
		problems[field] = msg
	}
	if len(problems) == 0 {
		if err := a.s.c.st.SaveWorkshop(&w); err != nil {
			if _, ok := data.AsValidation(err); !ok {
				problems[""] = lang.X("status.save_failed", "Could not save: {{.Error}}", map[string]any{"Error": err.Error()})
			}
			for field, msg := range problemsByField(err) {
				problems[field] = msg
			}
		}
	}
	if showProblems(problems, a.rows, a.general) {
		fitDialog(a.d, addDialogWidth) // messages make the form taller
		return
	}
	a.d.Hide()
	a.s.reload()
	a.s.selectID(w.ID)
}
