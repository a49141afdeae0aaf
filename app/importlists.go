package app

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/importer"
)

// The import wizard's preview: one tab per fate of a row (added, updated
// with what changes, already there as it is, refused and why), and the
// correction of a refused row in place.

// maxRowsShown is how many rows each list shows: past a few hundred the
// list has a wider problem, or is read right and needs no more reading,
// and a line says how many more there are.
const maxRowsShown = 300

func (z *importWizard) newLists() {
	z.adds, z.updates, z.unchanged, z.rejected = container.NewVBox(), container.NewVBox(), container.NewVBox(), container.NewVBox()
	z.lists = container.NewAppTabs(
		container.NewTabItem("", container.NewVScroll(z.adds)),
		container.NewTabItem("", container.NewVScroll(z.updates)),
		container.NewTabItem("", container.NewVScroll(z.rejected)),
		container.NewTabItem("", container.NewVScroll(z.unchanged)))
	z.titleLists(0, 0, 0, 0)
}

func (z *importWizard) titleLists(add, update, refused, same int) {
	tabs := z.lists.Items
	tabs[0].Text = lang.X("import.tab.add", "To add ({{.Count}})", map[string]any{"Count": add})
	tabs[1].Text = lang.X("import.tab.update", "To update ({{.Count}})", map[string]any{"Count": update})
	tabs[2].Text = lang.X("import.tab.refused", "Refused ({{.Count}})", map[string]any{"Count": refused})
	tabs[3].Text = lang.X("import.tab.same", "Already here ({{.Count}})", map[string]any{"Count": same})
	z.lists.Refresh()
}

// showLists fills the four lists from the preview.
func (z *importWizard) showLists() {
	p := z.preview
	z.titleLists(len(p.Ready), len(p.Updates), len(p.Rejected), len(p.Unchanged))
	more := func(box *fyne.Container, n int) {
		box.Add(widget.NewLabel(lang.XN("import.more_rows", "…and {{.Count}} more row.", n, map[string]any{"Count": n})))
	}

	z.adds.RemoveAll()
	for i, c := range p.Ready {
		if i == maxRowsShown {
			more(z.adds, len(p.Ready)-i)
			break
		}
		z.adds.Add(wrapped(rowLine(c.Row, *c.Participant), false))
	}

	z.updates.RemoveAll()
	for i, u := range p.Updates {
		if i == maxRowsShown {
			more(z.updates, len(p.Updates)-i)
			break
		}
		by := lang.X("import.by_name", "same name and country")
		if u.ByEmail {
			by = lang.X("import.by_email", "same email")
		}
		lines := []fyne.CanvasObject{wrapped(rowLine(u.Row, u.Existing)+" ("+by+")", true)}
		for _, ch := range u.Changes {
			lines = append(lines, wrapped("    "+changeText(ch), false))
		}
		z.updates.Add(tightLines(lines...))
	}

	z.unchanged.RemoveAll()
	for i, m := range p.Unchanged {
		if i == maxRowsShown {
			more(z.unchanged, len(p.Unchanged)-i)
			break
		}
		z.unchanged.Add(wrapped(lang.X("import.row", "Row {{.Row}}: {{.Name}}", map[string]any{"Row": m.Row, "Name": importer.Short(m.Name)}), false))
	}

	z.showRefused()
}

// showRefused lists every reason of each refused row, and a button to
// correct the row.
func (z *importWizard) showRefused() {
	p := z.preview
	z.reasons = z.reasons[:0]
	z.rejected.RemoveAll()
	unlisted := 0 // reasons the preview kept no words for
	for i, r := range p.Rejected {
		unlisted += r.Unlisted
		name := r.Name
		if name == "" {
			name = lang.X("import.no_name", "(no name)")
		}
		var lines []fyne.CanvasObject
		for _, fe := range r.Reasons {
			reason := lang.X("import.reason", "Row {{.Row}}, {{.Name}}: {{.Reason}}",
				map[string]any{"Row": r.Row, "Name": name, "Reason": fieldMessage(fe, fe.Field)})
			z.reasons = append(z.reasons, reason)
			lines = append(lines, wrapped(reason, false))
		}
		if i >= maxRowsShown {
			continue // kept in reasons, not drawn
		}
		row := r.Row
		correct := widget.NewButtonWithIcon(lang.X("import.correct", "Correct…"), theme.DocumentCreateIcon(), func() { z.correct(row) })
		correct.Importance = widget.LowImportance
		z.rejected.Add(container.NewBorder(nil, nil, nil, container.NewVBox(correct), tightLines(lines...)))
	}
	if n := len(p.Rejected) - maxRowsShown; n > 0 {
		z.rejected.Add(widget.NewLabel(lang.XN("import.more_rows", "…and {{.Count}} more row.", n, map[string]any{"Count": n})))
	} else if unlisted > 0 {
		z.rejected.Add(widget.NewLabel(lang.XN("import.more", "…and {{.Count}} more reason.", unlisted, map[string]any{"Count": unlisted})))
	}
}

// rowLine is one row in a line: its number, the name, then what tells
// people apart (email, country, institution).
func rowLine(row int, p data.Participant) string {
	line := lang.X("import.row", "Row {{.Row}}: {{.Name}}", map[string]any{"Row": row, "Name": importer.Short(p.FullName())})
	var more []string
	if p.Email != "" {
		more = append(more, importer.Short(p.Email))
	}
	if p.Country != "" {
		more = append(more, countryName(p.Country))
	}
	if p.Institution != "" {
		more = append(more, importer.Short(p.Institution))
	}
	if len(more) > 0 {
		line += " · " + strings.Join(more, " · ")
	}
	return line
}

// changeText words one change a row makes: "Institution: “A” → “B”".
func changeText(c importer.Change) string {
	return lang.X("import.change", "{{.Field}}: {{.From}} → {{.To}}", map[string]any{
		"Field": participantFieldLabel(c.Field), "From": changeValue(c.Field, c.From), "To": changeValue(c.Field, c.To)})
}

// changeValue is a value of a change in words: codes by their names,
// yes and no in the interface's language, text quoted.
func changeValue(field, v string) string {
	if v == "" {
		return lang.X("import.empty", "(empty)")
	}
	switch field {
	case "country":
		return countryName(v)
	case "status":
		return statusName(data.Status(v))
	case "gender":
		return genderName(data.Gender(v))
	case "language":
		return languageName(data.Language(v))
	case "grant_awarded", "directory_consent":
		if v == "yes" {
			return lang.X("import.yes", "yes")
		}
		return lang.X("import.no", "no")
	}
	return lang.X("import.quoted", "“{{.Value}}”", map[string]any{"Value": importer.Short(v)})
}

// rowCorrection corrects the cells of one refused row; the list is then
// checked again with them. The file itself is not changed.
type rowCorrection struct {
	z       *importWizard
	row     int
	cells   []string // as read, or as corrected before
	d       *modal
	entries map[int]*widget.Entry // by column
	apply   *widget.Button
}

// correct opens the correction of a refused row: an entry for each column
// that is imported, holding the cell as read.
func (z *importWizard) correct(row int) *rowCorrection {
	if z.preview == nil {
		return nil // closed
	}
	var refused *importer.Rejection
	for i, r := range z.preview.Rejected {
		if r.Row == row && r.Cells != nil {
			refused = &z.preview.Rejected[i]
		}
	}
	if refused == nil {
		return nil
	}
	k := &rowCorrection{z: z, row: row, cells: refused.Cells, entries: map[int]*widget.Entry{}}
	form := widget.NewForm()
	mapping := z.mapping()
	for i, f := range mapping {
		if f == importer.Ignore {
			continue
		}
		e := widget.NewEntry()
		if i < len(k.cells) {
			e.SetText(k.cells[i])
		}
		e.OnSubmitted = func(string) { k.check() }
		k.entries[i] = e
		title := z.preview.Headers[i]
		if title == "" {
			title = lang.X("import.column_number", "Column {{.Number}}", map[string]any{"Number": i + 1})
		}
		form.Append(importer.Short(title), e)
	}
	why := container.NewVBox()
	for _, fe := range refused.Reasons {
		l := wrapped(fieldMessage(fe, fe.Field), false)
		l.Importance = widget.DangerImportance
		why.Add(l)
	}
	intro := wrapped(lang.X("import.correct_intro", "Correct the values below: the list is checked again with them, and imported with them when you press Import. The file itself does not change."), false)
	k.apply = mainButton(lang.X("import.correct_apply", "Check again"), k.check)
	title := lang.X("import.correct_title", "Correct row {{.Row}}", map[string]any{"Row": row})
	k.d = z.v.c.newModal(title, container.NewVBox(intro, why, form), cancelButton(func() { k.d.Hide() }), k.apply)
	fitDialog(k.d, 560)
	k.d.Show()
	z.v.c.opened(k)
	return k
}

// check puts the corrected cells into the row and checks the list again.
func (k *rowCorrection) check() {
	if k.z.corrections == nil {
		k.d.Hide() // the wizard was closed meanwhile
		return
	}
	cells := slices.Clone(k.cells)
	for i, e := range k.entries {
		for len(cells) <= i {
			cells = append(cells, "")
		}
		cells[i] = e.Text
	}
	k.z.corrections[k.row] = cells
	k.d.Hide()
	k.z.loadSheet(k.z.mapping())
}
