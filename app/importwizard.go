package app

import (
	"maps"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/importer"
	"github.com/atelier-workshops/atelier/say"
)

// importWizard takes a registration list into the workshop: the file, its
// sheet, what each column holds, a preview of every row it will add, every
// row that updates someone already in the workshop and what it changes,
// and every row it refuses (which can be corrected here), and the import
// itself, which one Undo reverses. Reading and checking run off the UI
// goroutine; a file of thousands of rows takes a moment.
type importWizard struct {
	v        *participantsView
	st       *data.Store
	workshop int64
	wb       *importer.Workbook
	// preview is all the wizard keeps of the rows: each check reads the
	// sheet again, a row at a time (importer.Workbook.Prepare), rather
	// than hold every cell of a list of 100,000 rows besides it.
	preview *importer.Preview
	gen     int    // tells the latest check from one superseded by a new choice
	file    string // the list's name, as errors about it say it
	title   string

	d        *modal
	sheet    *widget.Select
	columns  *widget.Form
	selects  []*widget.Select
	summary  *widget.Label
	progress *widget.ProgressBar
	lists    *container.AppTabs
	// The rows of the preview, one list per fate.
	adds, updates, unchanged, rejected *fyne.Container
	reasons                            []string // one line per reason a row is refused
	// corrections are the cells of the rows corrected in the wizard, by
	// their number in the sheet; each check reads them instead.
	corrections map[int][]string
	run         *widget.Button
}

func fieldName(f importer.Field) string {
	switch f {
	case importer.FamilyName, importer.GivenName, importer.PrintedName, importer.Email, importer.Country,
		importer.Institution, importer.Position, importer.Gender, importer.Language, importer.Phone,
		importer.Status, importer.Notes:
		return participantFieldLabel(string(f))
	case importer.FullName:
		return lang.X("import.field.full_name", "Full name (split into given and family names)")
	case importer.Grant:
		return lang.X("import.field.grant", "Grant awarded (yes/no)")
	case importer.Consent:
		return lang.X("import.field.consent", "Directory consent (yes/no)")
	}
	if l, ok := travelFieldLabel(string(f)); ok { // participanttravel.go
		return l
	}
	return lang.X("import.field.ignore", "Not imported")
}

func (v *participantsView) chooseImportFile() {
	chooseFile(v.c.win, lang.X("import.choose_title", "Choose a registration list (.xlsx or .csv)"), lang.X("import.choose", "Choose"),
		filepath.Dir(v.c.st.Path()), []string{".xlsx", ".csv", ".txt", ".tsv"}, v.c.readFailed, func(path string) { v.startImport(path) })
}

// startImport opens the wizard on a file.
func (v *participantsView) startImport(path string) *importWizard {
	z := &importWizard{v: v, st: v.c.st, workshop: v.w.ID, file: filepath.Base(path), corrections: map[int][]string{}}
	v.c.opened(z)
	z.summary = widget.NewLabel(lang.X("import.reading", "Reading {{.File}}…", map[string]any{"File": filepath.Base(path)}))
	z.summary.Wrapping = fyne.TextWrapWord
	z.progress = widget.NewProgressBar()
	z.sheet = widget.NewSelect(nil, nil)
	z.sheet.Hide()
	z.columns = widget.NewForm()
	z.newLists()
	cancel := cancelButton(z.close)
	z.run = mainButton(lang.X("import.run", "Import"), z.importRows)
	z.run.Disable()

	left := container.NewBorder(container.NewVBox(z.sheet,
		widget.NewLabelWithStyle(lang.X("import.columns", "What each column holds"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
		nil, nil, nil, container.NewVScroll(z.columns))
	right := container.NewBorder(container.NewVBox(z.summary, z.progress), nil, nil, nil, z.lists)
	split := container.NewHSplit(left, right)
	split.Offset = 0.42
	z.title = lang.X("import.title", "Import participants from {{.File}}", map[string]any{"File": filepath.Base(path)})
	z.d = v.c.newModal(z.title, split, cancel, z.run)
	z.d.Resize(fyne.NewSize(min(v.c.win.Canvas().Size().Width-40, 1040), min(v.c.win.Canvas().Size().Height-40, 680)))
	z.d.Show()

	do := v.c.do
	go func() {
		defer importer.BoundMemory()() // as atelier import: see importer.MemoryLimit
		wb, err := importer.Open(path)
		do(func() {
			if err != nil {
				z.fail(err, say.Reading)
				return
			}
			z.wb = wb
			if len(wb.Sheets) > 1 {
				z.sheet.Options = wb.Sheets
				z.sheet.OnChanged = func(string) { z.loadSheet(nil) }
				z.sheet.Show()
			}
			z.sheet.SetSelectedIndex(0)
			if len(wb.Sheets) <= 1 {
				z.loadSheet(nil)
			}
		})
	}()
	return z
}

// close hides the wizard and lets go of the list and its preview: the
// window keeps the modal, and the participants it reads next are not to
// find the list's still held.
func (z *importWizard) close() {
	z.gen++
	if z.wb != nil {
		z.wb.Close()
	}
	z.preview, z.corrections = nil, nil
	z.d.Hide()
}

// fail says why the file cannot be imported: reading or checking it
// failed, or, while doing is say.Saving, writing its rows.
func (z *importWizard) fail(err error, doing say.Doing) {
	z.summary.Importance = widget.DangerImportance
	why := logged(say.Of(err, doing).With("File", z.file), err)
	z.summary.SetText(lang.X("import.failed", "This file cannot be imported: {{.Error}}", map[string]any{"Error": why}))
	z.progress.Hide()
	z.run.Disable()
}

// loadSheet reads the chosen sheet and checks it with a mapping, or with
// the one guessed from its titles when mapping is nil.
func (z *importWizard) loadSheet(mapping []importer.Field) {
	z.gen++
	gen := z.gen
	z.run.Disable()
	z.progress.SetValue(0)
	z.progress.Show()
	z.summary.Importance = widget.MediumImportance
	z.summary.SetText(lang.X("import.checking", "Checking the rows…"))
	sheet, wb, st, do := z.sheet.Selected, z.wb, z.st, z.v.c.do
	header := 0
	if mapping != nil && z.preview != nil {
		header = z.preview.HeaderRow
	}
	if mapping == nil {
		clear(z.corrections) // they were of another sheet
	}
	corrections := maps.Clone(z.corrections)
	end := z.v.c.startWork(z.title)
	go func() {
		defer importer.BoundMemory()()
		p, err := wb.Prepare(st, z.workshop, sheet, importer.Options{HeaderRow: header, Mapping: mapping, Source: z.file,
			Corrections: corrections,
			Progress: func(done, total int) {
				do(func() {
					if gen == z.gen && total > 0 {
						z.progress.SetValue(float64(done) / float64(total))
					}
				})
			}})
		do(func() {
			end(err)
			if gen != z.gen {
				return
			}
			if err != nil {
				z.fail(err, say.Reading)
				return
			}
			z.preview = p
			if mapping == nil {
				z.showColumns()
			}
			z.showPreview()
		})
	}()
}

// showColumns offers a choice of field under each column title.
func (z *importWizard) showColumns() {
	options := []string{fieldName(importer.Ignore)}
	for _, f := range importer.Fields {
		options = append(options, fieldName(f))
	}
	z.columns.Items = nil
	z.selects = nil
	for i, h := range z.preview.Headers {
		s := widget.NewSelect(options, nil)
		s.SetSelectedIndex(0)
		for j, f := range importer.Fields {
			if z.preview.Mapping[i] == f {
				s.SetSelectedIndex(j + 1)
			}
		}
		s.OnChanged = func(string) { z.remap() }
		z.selects = append(z.selects, s)
		if h == "" {
			h = lang.X("import.column_number", "Column {{.Number}}", map[string]any{"Number": i + 1})
		}
		z.columns.Append(importer.Short(h), s)
	}
	z.columns.Refresh()
}

func (z *importWizard) remap() { z.loadSheet(z.mapping()) }

// mapping is what each column holds, as chosen under its title.
func (z *importWizard) mapping() []importer.Field {
	mapping := make([]importer.Field, len(z.selects))
	for i, s := range z.selects {
		if j := s.SelectedIndex(); j > 0 {
			mapping[i] = importer.Fields[j-1]
		}
	}
	return mapping
}

func (z *importWizard) showPreview() {
	p := z.preview
	z.progress.Hide()
	z.showLists()
	var said []string
	if z.wb.Encoding != "" {
		said = append(said, lang.X("import.encoding", "Read as {{.Encoding}} text.", map[string]any{"Encoding": z.wb.Encoding}))
	}
	said = append(said, lang.X("import.header_row", "Column titles found on row {{.Header}}.", map[string]any{"Header": p.HeaderRow}),
		lang.X("import.counts", "Rows to add: {{.Add}}; to update: {{.Update}}; already here as they are: {{.Same}}; refused: {{.Refused}}.",
			map[string]any{"Add": len(p.Ready), "Update": len(p.Updates), "Same": len(p.Unchanged), "Refused": len(p.Rejected)}))
	if n := len(z.corrections); n > 0 {
		said = append(said, lang.XN("import.corrected", "{{.Count}} row corrected here; the file itself is unchanged.", n,
			map[string]any{"Count": n}))
	}
	said = append(said, lang.X("import.nothing_yet", "Nothing is imported until you press Import."))
	z.summary.SetText(strings.Join(said, " "))
	n := len(p.Ready) + len(p.Updates)
	z.run.SetText(lang.XN("import.run_count", "Import {{.Count}} row", n, map[string]any{"Count": n}))
	if n > 0 {
		z.run.Enable()
	} else {
		z.run.Disable()
	}
	// A button does not lay out its neighbours when its text grows: the
	// dialog does, or the count overlaps Cancel.
	z.d.Refresh()
}

// importRows saves the rows in one transaction, off the UI goroutine.
func (z *importWizard) importRows() {
	p, st, do := z.preview, z.st, z.v.c.do
	z.run.Disable()
	z.progress.Show()
	z.progress.SetValue(1)
	z.summary.SetText(lang.X("import.saving", "Importing…"))
	end := z.v.c.startWork(z.title)
	ctx, stop := z.v.c.waiting()
	go func() {
		defer stop()
		// Held until the participants are read again, the import's
		// included: the wizard lets go of the list only then, and the
		// collector, left to itself, would let the heap grow to twice
		// what the import held before it collected that.
		restore := importer.BoundMemory()
		res, err := p.Import(ctx, st)
		do(func() {
			defer restore()
			end(err)
			if err != nil {
				z.fail(err, say.Saving)
				return
			}
			z.close()
			z.v.peopleChanged()
			done := lang.X("import.done", "{{.File}}: {{.Added}} added, {{.Updated}} updated.",
				map[string]any{"File": z.file, "Added": strconv.Itoa(res.Imported), "Updated": strconv.Itoa(res.Updated)})
			said := []string{done}
			if len(res.Skipped) > 0 {
				said = append(said, lang.XN("import.skipped_meanwhile",
					"{{.Count}} row was left out: another Atelier changed the same person in the workshop meanwhile.",
					len(res.Skipped), map[string]any{"Count": strconv.Itoa(len(res.Skipped))}))
			}
			if res.Undo != nil {
				said = append(said, lang.X("import.undo_hint", "Edit › Undo last delete or import takes the whole import back while Atelier stays open."))
				z.v.c.showUndoNotice(done)
			}
			z.v.c.showMessage(lang.X("import.done_title", "Import finished"), said)
		})
	}()
}
