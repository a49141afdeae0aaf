package app

import (
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
	"github.com/atelier-workshops/atelier/say"
)

// File › Overview of several files… is the window's `atelier export --all`
// over many files: the secretariat lists the files the regions sent (the
// open one first), and gets one workbook in the interface language, a
// workshop found in two files counted once and said. Each file is opened
// read-only on a goroutine of its own, one after the other, so the open
// file and its screens are never touched; calling it off stops before the
// next file and writes nothing.

// overviewDialog is the list of files the overview reads.
type overviewDialog struct {
	c     *controller
	d     *modal
	paths []string
	rows  *fyne.Container
	save  *widget.Button
}

func (c *controller) showOverview() *overviewDialog {
	o := &overviewDialog{c: c, rows: container.NewVBox()}
	intro := widget.NewLabel(lang.X("overview.intro", "One Excel workbook of the workshops of several Atelier files, such as those the regions send, in the interface language. Each file is only read, never changed. A workshop found in two files (the same title and dates) is counted once."))
	intro.Wrapping = fyne.TextWrapWord
	add := widget.NewButtonWithIcon(lang.X("overview.add", "Add a file…"), theme.ContentAddIcon(), o.choose)
	scroll := container.NewVScroll(o.rows)
	scroll.SetMinSize(fyne.NewSize(0, min(220, c.win.Canvas().Size().Height-330)))
	o.save = mainButton(lang.X("overview.save", "Save overview…"), o.askPath)
	o.d = c.newModal(lang.X("overview.title", "Overview of several files"),
		container.NewBorder(intro, container.NewHBox(add), nil, nil, scroll),
		cancelButton(func() { o.d.Hide() }), o.save)
	o.add(c.st.Path())
	fitDialog(o.d, min(640, c.win.Canvas().Size().Width-40))
	o.d.Show()
	c.opened(o)
	return o
}

// add puts the file at path on the list, once.
func (o *overviewDialog) add(path string) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if slices.Contains(o.paths, path) {
		return
	}
	o.paths = append(o.paths, path)
	o.refresh()
}

func (o *overviewDialog) remove(path string) {
	o.paths = slices.DeleteFunc(o.paths, func(p string) bool { return p == path })
	o.refresh()
}

// refresh shows each file by its name, with its folder below it.
func (o *overviewDialog) refresh() {
	o.rows.RemoveAll()
	for _, p := range o.paths {
		name := widget.NewLabelWithStyle(filepath.Base(p), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		name.Truncation = fyne.TextTruncateEllipsis
		folder := widget.NewLabel(filepath.Dir(p))
		folder.Truncation = fyne.TextTruncateEllipsis
		folder.SizeName = theme.SizeNameCaptionText
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { o.remove(p) })
		o.rows.Add(container.NewBorder(nil, nil, nil, container.NewCenter(remove), container.NewVBox(name, folder)))
	}
	if len(o.paths) == 0 {
		o.rows.Add(widget.NewLabel(lang.X("overview.none", "No file yet: add the files to put together.")))
		o.save.Disable()
	} else {
		o.save.Enable()
	}
}

func (o *overviewDialog) choose() {
	dir := ""
	if len(o.paths) > 0 {
		dir = filepath.Dir(o.paths[len(o.paths)-1])
	}
	chooseFile(o.c.win, lang.X("overview.choose_title", "Add an Atelier file to the overview"), lang.X("overview.choose", "Add"),
		dir, nil, o.c.readFailed, o.add)
}

func (o *overviewDialog) askPath() {
	o.c.showFileNameDialog(lang.X("workbook.save_title", "Save as Excel workbook"),
		lang.X("workbook.save_intro", "The workbook is written to this folder under this name; an older workbook of the same name is replaced."),
		lang.X("exports.save", "Save"), reports.OverviewFileName(uiLanguage(), data.DateOf(time.Now())), xlsxFile,
		func(path string) { o.write(path) })
}

// write reads the files one after the other off the UI goroutine, with a
// bar that moves file by file, then writes the overview to out.
func (o *overviewDialog) write(out string) {
	c, paths, language := o.c, slices.Clone(o.paths), uiLanguage()
	title := lang.X("overview.title", "Overview of several files")
	if slices.Contains(paths, out) {
		c.showMessage(title, []string{lang.X("overview.out_is_input", "“{{.File}}” is one of the files to read: give the overview a name of its own.",
			map[string]any{"File": filepath.Base(out)})})
		return
	}
	var stop atomic.Bool
	text := widget.NewLabel("")
	text.Truncation = fyne.TextTruncateEllipsis
	bar := widget.NewProgressBar()
	notice := c.newModal(title, container.NewVBox(text, bar), cancelButton(func() { stop.Store(true) }))
	fitDialog(notice, 520)
	notice.Show()
	show := func(doing string, share float64) {
		c.do(func() {
			text.SetText(doing)
			bar.SetValue(share)
		})
	}
	go func() {
		files := make([]reports.OverviewFile, 0, len(paths))
		var failed string
		var err error
		for i, p := range paths {
			if stop.Load() {
				break
			}
			show(lang.X("overview.reading", "Reading {{.File}}…", map[string]any{"File": filepath.Base(p)}),
				float64(i)/float64(len(paths)+1))
			var f reports.OverviewFile
			if f, err = reports.ReadOverviewFile(p); err != nil {
				failed = p
				break
			}
			files = append(files, f)
		}
		var repeats []reports.RepeatedWorkshop
		if err == nil && !stop.Load() {
			show(lang.X("exports.writing", "Writing {{.File}}…", map[string]any{"File": filepath.Base(out)}),
				float64(len(paths))/float64(len(paths)+1))
			err = reports.WriteFile(out, func(w io.Writer) (err error) {
				repeats, err = reports.WriteOverviewOfFiles(files, language, w)
				return err
			})
		}
		c.do(func() {
			notice.Hide()
			switch {
			case failed != "":
				c.showFailure(title, lang.X("overview.read_failed", "The overview was not written: “{{.File}}” could not be read. Remove it from the list, or try again.",
					map[string]any{"File": filepath.Base(failed)}), err, say.Opening, failed)
			case err != nil:
				c.showWriteFailure(title, out, err)
			case stop.Load():
			default:
				o.d.Hide()
				c.showMessage(title, overviewDone(out, files, repeats), out)
			}
		})
	}()
}

// overviewDone says what the overview holds, and each workshop found in
// more than one file.
func overviewDone(out string, files []reports.OverviewFile, repeats []reports.RepeatedWorkshop) []string {
	workshops := 0
	for _, f := range files {
		workshops += len(f.Workshops)
	}
	for _, r := range repeats {
		workshops -= len(r.Files) - 1
	}
	said := []string{lang.X("exports.done", "Saved “{{.File}}”.", map[string]any{"File": filepath.Base(out)}),
		lang.X("overview.holds", "It holds {{.Workshops}}, from {{.Files}}.", map[string]any{
			"Workshops": lang.XN("overview.workshops", "{{.Count}} workshops", workshops, map[string]any{"Count": workshops}),
			"Files":     lang.XN("overview.files", "{{.Count}} files", len(files), map[string]any{"Count": len(files)})})}
	for _, r := range repeats {
		s := lang.X("overview.repeated", "“{{.Title}}” ({{.Dates}}) is in {{.Files}}: counted once, from {{.First}}.", map[string]any{
			"Title": r.Workshop.Title, "Dates": formatDateRange(r.Workshop.StartDate, r.Workshop.EndDate),
			"Files": strings.Join(r.Files, ", "), "First": r.Files[0]})
		if r.Differ {
			s += " " + lang.X("overview.differ", "The copies differ: check which file is the newer.")
		}
		said = append(said, s)
	}
	return said
}
