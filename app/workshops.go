package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/say"
)

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
		s.c.showError(err, say.Reading)
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
		s.c.showError(err, say.Reading)
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
