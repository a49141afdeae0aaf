package app

import (
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/atelier-workshops/atelier/data"
)

// The table's columns; the first holds the tick boxes for changing many
// participants at once.
const (
	colCheck = iota
	colName
	colCountry
	colInstitution
	colStatus
	colGrant
	colEmail
	columnCount
)

// participantsView is the Participants tab: the workshop's applicants and
// grantees in a table to search, filter, sort and change. The whole list
// is read once per workshop and filtered in memory, so that the table
// follows typing even with thousands of rows.
type participantsView struct {
	c *controller
	w data.Workshop

	index   *data.ParticipantIndex
	rank    []int // each participant's place in the current sort order
	shown   []int // positions in index.People, filtered and sorted
	checked map[int64]bool
	sortCol int
	sortUp  bool

	search                 *widget.Entry
	status, country, grant *widget.Select
	countryCodes           []string // behind the country filter's options, after "All countries"
	counts                 *widget.Label
	table                  *widget.Table
	widths                 [columnCount]float32 // as fitColumns set them
	cuts                   map[cutKey]string    // texts cut to their column's width
	bulk                   *fyne.Container      // the bar of changes of many, below the table
	bulkLabel              *widget.Label
	bulkRoom               *canvas.Rectangle // the width the bar's words keep, whatever they say
	bulkStatus             *widget.Select
	bulkActions            []fyne.Disableable // the bar's choices, off while nothing is ticked
	bulkNote               *widget.Label      // what the last change of many did, and ticks cleared
	changedMany            int                // how many the last change of many changed, for bulkNote
	clearedTicks           int                // how many ticks bulkNote says were cleared
	empty                  *widget.Label
	item                   *container.TabItem
}

func newParticipantsView(c *controller) *participantsView {
	v := &participantsView{c: c, checked: map[int64]bool{}, sortCol: colName, sortUp: true,
		index: data.NewParticipantIndex(nil), cuts: map[cutKey]string{}}

	v.search = widget.NewEntry()
	v.search.SetPlaceHolder(lang.X("participants.search", "Search names, emails, institutions…"))
	v.search.OnChanged = func(string) { v.refilter() }

	statusOptions := []string{lang.X("participants.all_statuses", "All statuses")}
	for _, s := range data.Statuses {
		statusOptions = append(statusOptions, statusName(s))
	}
	v.status = widget.NewSelect(statusOptions, func(string) { v.refilter() })
	v.status.SetSelectedIndex(0)

	grantOptions := make([]string, len(data.GrantFilters))
	for i, g := range data.GrantFilters {
		grantOptions[i] = grantFilterName(g)
	}
	v.grant = widget.NewSelect(grantOptions, func(string) { v.refilter() })
	v.grant.SetSelectedIndex(0)

	v.country = widget.NewSelect(nil, func(string) { v.refilter() })

	add := widget.NewButtonWithIcon(lang.X("participants.add", "Add participant"), theme.ContentAddIcon(),
		func() { v.showForm(data.Participant{WorkshopID: v.w.ID, Status: data.StatusApplicant}) })
	add.Importance = widget.HighImportance
	importButton := widget.NewButtonWithIcon(lang.X("participants.import", "Import from a spreadsheet…"),
		theme.UploadIcon(), v.chooseImportFile)

	v.counts = widget.NewLabel("")
	v.counts.Wrapping = fyne.TextWrapWord
	// The summary keeps the height of two lines, which it mostly takes:
	// one line less after a search or a change of many moved the table up
	// under the pointer.
	twoLines := canvas.NewRectangle(color.Transparent)
	twoLines.SetMinSize(fyne.NewSize(0, widget.NewLabel("1\n2").MinSize().Height))

	v.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.shown), columnCount },
		v.createCell, v.updateCell)
	v.table.ShowHeaderColumn = false
	v.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return container.NewStack(b, widget.NewCheck("", nil))
	}
	v.table.UpdateHeader = v.updateHeader
	for col, w := range columnMin {
		v.table.SetColumnWidth(col, w)
	}
	v.table.OnSelected = func(id widget.TableCellID) {
		v.table.UnselectAll()
		if id.Row < 0 || id.Row >= len(v.shown) {
			return
		}
		p := v.index.People[v.shown[id.Row]]
		if id.Col == colCheck {
			v.setChecked(p.ID, !v.checked[p.ID])
			return
		}
		v.showForm(p)
	}

	bar := v.newBulkBar()

	v.empty = widget.NewLabel("")
	v.empty.Alignment = fyne.TextAlignCenter
	v.empty.Importance = widget.LowImportance
	v.empty.Hide()

	// The counts get a line of their own: beside the buttons they would
	// wrap into a narrow column and stretch the buttons with them.
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(importButton, add), v.search),
		container.NewGridWithColumns(3, v.status, v.country, v.grant),
		container.NewStack(twoLines, v.counts),
	)
	table := container.New(&fitColumnsLayout{v: v}, v.table)
	content := container.NewBorder(container.NewPadded(top), bar, nil, nil,
		container.NewStack(table, container.NewCenter(v.empty)))
	v.item = container.NewTabItemWithIcon(lang.X("participants.tab", "Participants"), theme.AccountIcon(), content)
	return v
}

func (v *participantsView) tab() *container.TabItem { return v.item }

func (v *participantsView) shows() change { return detailsChanged | participantsChanged }

func (v *participantsView) show(w data.Workshop) {
	if w.ID != v.w.ID {
		clear(v.checked)
		v.bulkNote.Hide()
		v.search.SetText("")
	}
	v.w = w
	v.reload()
}

func (v *participantsView) clear() {
	v.w = data.Workshop{}
	v.index = data.NewParticipantIndex(nil)
	v.shown = nil
	clear(v.checked)
	v.bulkNote.Hide()
	v.showChecked()
}

// peopleChanged shows participants this tab changed, and tells the others.
func (v *participantsView) peopleChanged() {
	v.reload()
	v.c.screen.changed(participantsChanged, v)
}

// reload reads the workshop's participants again, keeping the filters.
func (v *participantsView) reload() {
	if v.w.ID == 0 {
		return
	}
	people, err := v.c.st.Participants(v.w.ID, data.ParticipantFilter{})
	if err != nil {
		v.c.readFailed(err)
		return
	}
	if v.changedMany == 0 {
		// The note told of the last change of many; the list read again
		// for anything else (an import, an undo, an edit) makes it old.
		v.bulkNote.Hide()
		v.clearedTicks = 0
	}
	v.index = data.NewParticipantIndex(people)
	v.shown = nil // positions in the old index
	v.loadCountries()
	v.roomForBarLabel()
	// Statuses and grants may have new words: the columns are fitted anew.
	v.widths = [columnCount]float32{}
	if w := v.table.Size().Width; w > 0 {
		v.fitColumns(w)
	}
	v.sortBy(v.sortCol, v.sortUp)
}

// loadCountries offers the countries the participants come from.
func (v *participantsView) loadCountries() {
	seen := map[string]bool{}
	v.countryCodes = v.countryCodes[:0]
	for _, p := range v.index.People {
		if p.Country != "" && !seen[p.Country] {
			seen[p.Country] = true
			v.countryCodes = append(v.countryCodes, p.Country)
		}
	}
	coll := collate.New(language.Make(string(uiLanguage())))
	slices.SortFunc(v.countryCodes, func(a, b string) int { return coll.CompareString(countryName(a), countryName(b)) })
	chosen := v.countryFilter()
	options := []string{lang.X("participants.all_countries", "All countries")}
	for _, code := range v.countryCodes {
		options = append(options, countryName(code))
	}
	v.country.OnChanged = nil
	v.country.SetOptions(options)
	if i := slices.Index(v.countryCodes, chosen); i >= 0 {
		v.country.SetSelectedIndex(i + 1)
	} else {
		v.country.SetSelectedIndex(0)
	}
	v.country.OnChanged = func(string) { v.refilter() }
}

func (v *participantsView) countryFilter() string {
	if i := v.country.SelectedIndex(); i > 0 && i-1 < len(v.countryCodes) {
		return v.countryCodes[i-1]
	}
	return ""
}

func (v *participantsView) filter() data.ParticipantFilter {
	f := data.ParticipantFilter{Text: v.search.Text, Country: v.countryFilter()}
	if i := v.status.SelectedIndex(); i > 0 {
		f.Statuses = []data.Status{data.Statuses[i-1]}
	}
	if i := v.grant.SelectedIndex(); i > 0 {
		f.Grant = data.GrantFilters[i]
	}
	return f
}

// refilter runs at each keystroke and filter change: an in-memory scan
// and a sort of integers, well under a frame for thousands of rows.
func (v *participantsView) refilter() {
	if v.table == nil || v.rank == nil && len(v.index.People) > 0 {
		return // still being built
	}
	shown := v.index.Filter(v.filter())
	slices.SortFunc(shown, func(a, b int) int { return v.rank[a] - v.rank[b] })
	// Laying out the visible cells is most of a keystroke's cost: the
	// scroll back to the top is made while the table is empty, so that
	// the cells are laid out once, by the refresh.
	v.shown = nil
	v.table.ScrollToTop()
	v.shown = shown
	v.c.tip.hideAll() // the cell it was shown for may now hold another value
	v.forgetHiddenTicks()
	v.table.Refresh()
	v.showCounts()
	switch {
	case len(v.shown) > 0:
		v.empty.Hide()
	case len(v.index.People) == 0:
		v.empty.SetText(lang.X("participants.none", "No participants yet. Add them one by one, or import a spreadsheet of applications."))
		v.empty.Show()
	default:
		v.empty.SetText(lang.X("participants.none_match", "No participant matches the search and filters."))
		v.empty.Show()
	}
}

// sortBy orders the table by a column; the order is kept in rank so that
// filtering afterwards needs no string comparisons.
func (v *participantsView) sortBy(col int, up bool) {
	v.sortCol, v.sortUp = col, up
	people := v.index.People
	order := make([]int, len(people))
	for i := range order {
		order[i] = i
	}
	// The store lists people by folded family then given name: that is
	// already the name order.
	if col != colName {
		coll := collate.New(language.Make(string(uiLanguage())))
		key := func(i int) string { return v.cellText(people[i], col) }
		keys := make([]string, len(people))
		for i := range people {
			keys[i] = key(i)
		}
		slices.SortStableFunc(order, func(a, b int) int {
			switch col {
			case colStatus:
				return slices.Index(data.Statuses, people[a].Status) - slices.Index(data.Statuses, people[b].Status)
			case colGrant:
				return grantRank(people[a].Grant) - grantRank(people[b].Grant)
			}
			return coll.CompareString(keys[a], keys[b])
		})
	}
	if !up {
		slices.Reverse(order)
	}
	v.rank = make([]int, len(people))
	for place, i := range order {
		v.rank[i] = place
	}
	v.refilter()
}

func grantRank(g data.Grant) int {
	switch {
	case g.Paid:
		return 3
	case g.Awarded:
		return 2
	}
	return 1
}

func columnTitle(col int) string {
	switch col {
	case colName:
		return lang.X("participants.col.name", "Name")
	case colCountry:
		return lang.X("participants.col.country", "Country")
	case colInstitution:
		return lang.X("participants.col.institution", "Institution")
	case colStatus:
		return lang.X("participants.col.status", "Status")
	case colGrant:
		return lang.X("participants.col.grant", "Grant")
	case colEmail:
		return lang.X("participants.col.email", "Email")
	}
	return ""
}

func (v *participantsView) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	cell := o.(*fyne.Container).Objects
	b, all := cell[0].(*widget.Button), cell[1].(*widget.Check)
	col := id.Col
	if col == colCheck {
		b.Hide()
		v.showTickAll(all)
		return
	}
	all.Hide()
	b.Show()
	title := columnTitle(col)
	if col == v.sortCol {
		title += map[bool]string{true: " ▲", false: " ▼"}[v.sortUp]
	}
	b.SetText(title)
	b.OnTapped = func() { v.sortBy(col, col != v.sortCol || !v.sortUp) }
}

func (v *participantsView) createCell() fyne.CanvasObject { return newParticipantCell(v) }

func (v *participantsView) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row < 0 || id.Row >= len(v.shown) {
		return
	}
	p := v.index.People[v.shown[id.Row]]
	cell := o.(*participantCell)
	if id.Col == colCheck {
		cell.label.Hide()
		cell.whole = ""
		cell.check.OnChanged = nil
		cell.check.SetChecked(v.checked[p.ID])
		cell.check.OnChanged = func(on bool) { v.setChecked(p.ID, on) }
		cell.check.Show()
		return
	}
	cell.show(v.cellText(p, id.Col), id.Col)
}

func (v *participantsView) cellText(p data.Participant, col int) string {
	switch col {
	case colName:
		if p.FamilyName == "" || p.GivenName == "" {
			return p.FullName()
		}
		return p.FamilyName + ", " + p.GivenName
	case colCountry:
		if p.Country == "" {
			return ""
		}
		return countryName(p.Country)
	case colInstitution:
		return p.Institution
	case colStatus:
		return personStatus(p.Status, p.Gender)
	case colGrant:
		switch {
		case p.Grant.Paid:
			return lang.X("participants.grant.paid", "Paid")
		case p.Grant.Awarded:
			return lang.X("participants.grant.awarded", "Awarded")
		}
		return "—"
	case colEmail:
		return p.Email
	}
	return ""
}
