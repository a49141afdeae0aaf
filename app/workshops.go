package app

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// workshopsScreen lists the file's workshops on the left and edits the
// selected one on the right.
type workshopsScreen struct {
	c     *controller
	items []data.Workshop
	list  *widget.List
	add   *widget.Button
	form  *workshopForm
	hint  fyne.CanvasObject // stands in for the tabs when nothing is selected
	// welcomeBox stands in for them when the file has no workshops: what
	// to do first (welcome.go).
	welcomeBox fyne.CanvasObject
	tabs       *container.AppTabs
	// right holds the hint, the welcome and, from the first workshop
	// opened, the tabs: until then the tabs and every screen in them cost
	// nothing to lay out or draw, which keeps the first frame at start
	// cheap.
	right   *fyne.Container
	views   []workshopView
	content fyne.CanvasObject
	// opening is set while the window is first drawn, before the
	// workshop edited last opens: the space of the tabs stays blank
	// rather than ask to select a workshop for one frame (a file with no
	// workshops shows what to do first at once).
	opening bool
}

// workshopView is a tab that shows one side of the selected workshop (its
// schedule, its participants…) beside the Details tab.
type workshopView interface {
	tab() *container.TabItem
	show(w data.Workshop) // another workshop was selected, or this one changed
	clear()               // no workshop is selected, or the file was closed
	shows() change        // the sides of the workshop it shows, which changed calls for
}

func newWorkshopsScreen(c *controller) *workshopsScreen {
	s := &workshopsScreen{c: c}
	s.list = twoLineList(func() int { return len(s.items) }, func(i int) (string, string) {
		w := s.items[i]
		return w.Title, lang.X("workshops.row", "{{.City}} · {{.Dates}}",
			map[string]any{"City": w.City, "Dates": formatDateRange(w.StartDate, w.EndDate)})
	})
	s.list.OnSelected = s.onSelected
	s.add = widget.NewButtonWithIcon(lang.X("workshops.add", "Add workshop"), theme.ContentAddIcon(), func() { s.showAddDialog() })

	hint := widget.NewLabel(lang.X("workshops.none_selected", "Select a workshop on the left, or add one."))
	hint.Alignment = fyne.TextAlignCenter
	hint.Importance = widget.LowImportance
	s.hint = container.NewCenter(hint)
	s.welcomeBox = container.NewVScroll(s.welcome())
	s.welcomeBox.Hide()

	left := container.NewBorder(container.NewPadded(s.add), nil, nil, nil, s.list)
	s.right = container.NewStack(s.hint, s.welcomeBox)
	split := container.NewHSplit(left, s.right)
	split.Offset = 0.3
	s.content = split
	return s
}

// buildTabs makes the Details form and every tab of a workshop. At start
// openRecent makes them once the first frame (the list) is drawn: the form
// and the five screens took a fifth of the time to that frame, which shows
// none of them. Everything that reaches the form or the tabs runs after.
func (s *workshopsScreen) buildTabs() {
	if s.tabs != nil {
		return
	}
	s.form = newWorkshopForm(s)
	// Each screen of a workshop adds itself here, in tab order.
	s.views = []workshopView{newScheduleScreen(s.c), newTrainersScreen(s.c), newParticipantsView(s.c), newAttendanceView(s.c), newCertificatesView(s.c)}
	// All tabs at once: each Append lays out every tab again, which cost a
	// fifth of a second at start.
	items := []*container.TabItem{container.NewTabItemWithIcon(lang.X("tab.details", "Details"), theme.DocumentIcon(), s.form.content)}
	for _, v := range s.views {
		items = append(items, v.tab())
	}
	s.tabs = container.NewAppTabs(items...)
	s.tabs.OnSelected = s.tabSelected
	s.tabs.Hide()
}

// reload reads the list again, keeping the workshop being edited selected:
// a new start date can move it.
func (s *workshopsScreen) reload() {
	items, err := s.c.st.Workshops()
	if err != nil {
		s.c.readFailed(err)
		return
	}
	s.items = items
	s.list.Refresh()
	// Before the first frame the tabs are not made yet (buildTabs).
	if s.form != nil {
		if i := s.indexOf(s.form.id()); i >= 0 {
			s.list.Select(i)
		}
	}
	s.showEmptyOrHint()
}

// openRecent opens the workshop edited last, which is most likely the one
// the organiser is working on (the list puts the latest dates first).
func (s *workshopsScreen) openRecent() {
	s.buildTabs()
	s.opening = false
	if len(s.items) == 0 {
		s.showEmptyOrHint()
		return
	}
	recent := slices.MaxFunc(s.items, func(a, b data.Workshop) int { return a.UpdatedAt.Compare(b.UpdatedAt) })
	s.selectID(recent.ID)
}

// reset forgets the workshop being edited; used when the file changes.
func (s *workshopsScreen) reset() {
	s.form.clear()
	s.list.UnselectAll()
	s.tabs.Hide()
	s.showEmptyOrHint()
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
		s.c.readFailed(err)
		return
	}
	s.placeTabs()
	s.form.load(w)
	s.showFront(w)
	s.tabs.Show()
	s.showEmptyOrHint()
	if j := s.indexOf(id); j >= 0 {
		s.list.Select(j)
	}
}

// placeTabs puts the tabs in the window when the first workshop opens.
func (s *workshopsScreen) placeTabs() {
	if !slices.Contains(s.right.Objects, fyne.CanvasObject(s.tabs)) {
		s.right.Add(s.tabs)
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
			v.show(s.form.workshop())
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

// showTrainer brings the Trainers tab to the front on one trainer.
func (s *workshopsScreen) showTrainer(id int64) {
	for _, v := range s.views {
		if ts, ok := v.(*trainersScreen); ok {
			s.tabs.Select(ts.tab())
			ts.reveal(id)
		}
	}
}

const addDialogWidth = 560

// addWorkshopDialog asks for what a workshop cannot be saved without.
type addWorkshopDialog struct {
	s          *workshopsScreen
	d          *modal
	title      *widget.Entry
	city       *widget.Entry
	country    *widget.Select
	start, end *widget.DateEntry
	add        *widget.Button
	rows       map[string]*fieldRow
	general    *widget.Label
	countries  *countryList
	then       func(data.Workshop) // after the workshop is added and opened, if set
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
	pickFromItsDate(a.start, a.start)
	pickFromItsDate(a.end, a.end)
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
	a.general = problemLabel()
	intro := widget.NewLabel(lang.X("workshop.new_intro", "Everything else can be filled in afterwards."))
	intro.Wrapping = fyne.TextWrapWord

	cancel := cancelButton(func() { a.d.Hide() })
	a.add = mainButton(lang.X("workshop.add_button", "Add workshop"), a.submit)
	a.d = s.c.newModal(lang.X("workshop.new_dialog_title", "New workshop"),
		container.NewVBox(intro, form, a.general), cancel, a.add)
	fitDialog(a.d, addDialogWidth)
	a.d.Show()
	// The proposed title is selected, so that typing replaces it.
	s.c.win.Canvas().Focus(a.title)
	a.title.TypedShortcut(&fyne.ShortcutSelectAll{})
	s.c.opened(a)
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
				problems[""] = saveProblem(err)
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
	if a.then != nil {
		a.then(w)
	}
}
