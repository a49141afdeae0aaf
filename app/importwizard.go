package app

import (
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/importer"
	"github.com/atelier-workshops/atelier/say"
)

// importWizard takes a registration list into the workshop: the file, its
// sheet, what each column holds, a preview of what will and will not be
// imported, and the import itself. Reading and checking run off the UI
// goroutine; a file of thousands of rows takes a moment.
type importWizard struct {
	v        *participantsView
	st       *data.Store
	workshop int64
	wb       *importer.Workbook
	rows     [][]string
	preview  *importer.Preview
	gen      int    // tells the latest check from one superseded by a new choice
	file     string // the list's name, as errors about it say it
	title    string

	d        *modal
	sheet    *widget.Select
	columns  *widget.Form
	selects  []*widget.Select
	summary  *widget.Label
	progress *widget.ProgressBar
	rejected *fyne.Container
	reasons  []string // one line per reason
	run      *widget.Button
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
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			v.c.readFailed(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		v.startImport(path)
	}, v.c.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".csv", ".txt", ".tsv"}))
	if dir, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(v.c.st.Path()))); err == nil {
		d.SetLocation(dir)
	}
	d.Resize(fyne.NewSize(860, 560))
	d.Show()
}

// startImport opens the wizard on a file.
func (v *participantsView) startImport(path string) *importWizard {
	z := &importWizard{v: v, st: v.c.st, workshop: v.w.ID, file: filepath.Base(path)}
	v.c.opened(z)
	z.summary = widget.NewLabel(lang.X("import.reading", "Reading {{.File}}…", map[string]any{"File": filepath.Base(path)}))
	z.summary.Wrapping = fyne.TextWrapWord
	z.progress = widget.NewProgressBar()
	z.sheet = widget.NewSelect(nil, nil)
	z.sheet.Hide()
	z.columns = widget.NewForm()
	z.rejected = container.NewVBox()
	cancel := cancelButton(z.close)
	z.run = mainButton(lang.X("import.run", "Import"), z.importRows)
	z.run.Disable()

	left := container.NewBorder(container.NewVBox(z.sheet,
		widget.NewLabelWithStyle(lang.X("import.columns", "What each column holds"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
		nil, nil, nil, container.NewVScroll(z.columns))
	right := container.NewBorder(container.NewVBox(z.summary, z.progress,
		widget.NewLabelWithStyle(lang.X("import.refused", "Rows that will not be imported"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
		nil, nil, nil, container.NewVScroll(z.rejected))
	split := container.NewHSplit(left, right)
	split.Offset = 0.42
	z.title = lang.X("import.title", "Import participants from {{.File}}", map[string]any{"File": filepath.Base(path)})
	z.d = v.c.newModal(z.title, split, cancel, z.run)
	z.d.Resize(fyne.NewSize(min(v.c.win.Canvas().Size().Width-40, 1040), min(v.c.win.Canvas().Size().Height-40, 680)))
	z.d.Show()

	do := v.c.do
	go func() {
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

func (z *importWizard) close() {
	z.gen++
	if z.wb != nil {
		z.wb.Close()
	}
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
	rows := z.rows
	header := 0
	if mapping != nil && z.preview != nil {
		header = z.preview.HeaderRow
	}
	end := z.v.c.startWork(z.title)
	go func() {
		var err error
		if mapping == nil {
			rows, err = wb.Rows(sheet)
		}
		var p *importer.Preview
		if err == nil {
			p, err = importer.Prepare(st, z.workshop, rows, importer.Options{HeaderRow: header, Mapping: mapping,
				Progress: func(done, total int) {
					do(func() {
						if gen == z.gen && total > 0 {
							z.progress.SetValue(float64(done) / float64(total))
						}
					})
				}})
		}
		do(func() {
			end(err)
			if gen != z.gen {
				return
			}
			if err != nil {
				z.fail(err, say.Reading)
				return
			}
			z.rows, z.preview = rows, p
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

func (z *importWizard) remap() {
	mapping := make([]importer.Field, len(z.selects))
	for i, s := range z.selects {
		if j := s.SelectedIndex(); j > 0 {
			mapping[i] = importer.Fields[j-1]
		}
	}
	z.loadSheet(mapping)
}

func (z *importWizard) showPreview() {
	p := z.preview
	z.progress.Hide()
	z.reasons = z.reasons[:0]
	unlisted := 0 // reasons the preview kept no words for
	for _, r := range p.Rejected {
		unlisted += r.Unlisted
		name := r.Name
		if name == "" {
			name = lang.X("import.no_name", "(no name)")
		}
		for _, fe := range r.Reasons {
			label := fe.Field
			z.reasons = append(z.reasons, lang.X("import.reason", "Row {{.Row}}, {{.Name}}: {{.Reason}}",
				map[string]any{"Row": r.Row, "Name": name, "Reason": fieldMessage(fe, label)}))
		}
	}
	// Reasons wrap, so that each can be read whole; past a few hundred the
	// file has a wider problem, and the count says how many more there are.
	z.rejected.RemoveAll()
	for i, r := range z.reasons {
		if i == maxReasonsShown {
			more := len(z.reasons) - i + unlisted
			z.rejected.Add(widget.NewLabel(lang.XN("import.more", "…and {{.Count}} more reason.", more,
				map[string]any{"Count": more})))
			break
		}
		l := widget.NewLabel(r)
		l.Wrapping = fyne.TextWrapWord
		z.rejected.Add(l)
	}
	var said []string
	if z.wb.Encoding != "" {
		said = append(said, lang.X("import.encoding", "Read as {{.Encoding}} text.", map[string]any{"Encoding": z.wb.Encoding}))
	}
	said = append(said,
		lang.X("import.header_row", "Column titles found on row {{.Header}}.", map[string]any{"Header": p.HeaderRow}),
		lang.XN("import.ready", "{{.Count}} row will be imported;", len(p.Ready), map[string]any{"Count": len(p.Ready)}),
		lang.XN("import.refused_count", "{{.Count}} row will not (listed below).", len(p.Rejected), map[string]any{"Count": len(p.Rejected)}))
	// The first names as they will be stored, so that a list read wrong
	// shows before anything is imported.
	if len(p.Ready) > 0 {
		var first []string
		for _, c := range p.Ready[:min(len(p.Ready), 3)] {
			first = append(first, importer.Short(c.Participant.FullName()))
		}
		said = append(said, lang.X("import.sample", "First rows to import: {{.Names}}.", map[string]any{"Names": strings.Join(first, ", ")}))
	}
	said = append(said, lang.X("import.nothing_yet", "Nothing is imported until you press Import."))
	z.summary.SetText(strings.Join(said, " "))
	z.run.SetText(lang.XN("import.run_count", "Import {{.Count}} row", len(p.Ready), map[string]any{"Count": len(p.Ready)}))
	if len(p.Ready) > 0 {
		z.run.Enable()
	} else {
		z.run.Disable()
	}
}

const maxReasonsShown = 300

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
		res, err := p.Import(ctx, st)
		do(func() {
			end(err)
			if err != nil {
				z.fail(err, say.Saving)
				return
			}
			z.close()
			z.v.peopleChanged()
			done := []string{lang.XN("import.done", "{{.Count}} participant imported.", res.Imported,
				map[string]any{"Count": strconv.Itoa(res.Imported)})}
			if len(res.Skipped) > 0 {
				done = append(done, lang.XN("import.skipped_meanwhile",
					"{{.Count}} row was left out: another Atelier added the same person to the workshop meanwhile.",
					len(res.Skipped), map[string]any{"Count": strconv.Itoa(len(res.Skipped))}))
			}
			z.v.c.showMessage(lang.X("import.done_title", "Import finished"), done)
		})
	}()
}
