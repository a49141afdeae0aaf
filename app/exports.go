package app

import (
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
)

// The File menu's exports write documents of the selected workshop: the
// printed programme and the sign-in sheets. The PDF is written off the UI
// goroutine, through a temporary file renamed into place when complete.

func (c *controller) exportMenuItems() []*fyne.MenuItem {
	return append([]*fyne.MenuItem{
		fyne.NewMenuItem(lang.X("exports.programme", "Export programme…"), c.askProgramme),
		fyne.NewMenuItem(lang.X("exports.signin", "Print sign-in sheets…"), c.askSignIn),
		fyne.NewMenuItem(lang.X("workbook.menu", "Export workbook for the secretariat…"), c.askWorkbook),
		fyne.NewMenuItemSeparator(),
	}, c.travelMenuItems()...) // badges.go
}

// selectedWorkshop is the workshop the exports act on; when none is
// selected it says so and returns false.
func (c *controller) selectedWorkshop() (data.Workshop, bool) {
	id := c.screen.form.id()
	if id == 0 {
		c.showMessage(lang.X("exports.title", "Export"),
			[]string{lang.X("exports.no_workshop", "Select a workshop on the left first.")})
		return data.Workshop{}, false
	}
	c.screen.form.flush()
	w, err := c.st.Workshop(id)
	if err != nil {
		c.readFailed(err)
		return w, false
	}
	return w, true
}

func (c *controller) askProgramme() {
	w, ok := c.selectedWorkshop()
	if !ok {
		return
	}
	c.askPDFPath(reports.FileName(reports.ProgrammeDocument, w), func(path string) {
		c.exportProgramme(w.ID, path, nil)
	})
}

// signInChoice is one entry of the "which sheets" list.
type signInChoice struct {
	label string
	sel   reports.SignInSelection
}

func (c *controller) askSignIn() {
	w, ok := c.selectedWorkshop()
	if !ok {
		return
	}
	choices, err := c.signInChoices(w)
	if err != nil {
		c.readFailed(err)
		return
	}
	if len(choices) == 1 {
		c.showMessage(lang.X("exports.signin_title", "Sign-in sheets"),
			[]string{lang.X("exports.no_sessions", "This workshop has no sessions yet: add them to the programme first.")})
		return
	}
	labels := make([]string, len(choices))
	for i, ch := range choices {
		labels[i] = ch.label
	}
	pick := widget.NewSelect(labels, nil)
	pick.SetSelectedIndex(0)
	d := dialog.NewForm(lang.X("exports.signin_title", "Sign-in sheets"), lang.X("exports.continue", "Save as PDF…"),
		lang.X("dialog.cancel", "Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.X("exports.which", "Sheets for"), pick)}, func(ok bool) {
			if !ok {
				return
			}
			sel := choices[pick.SelectedIndex()].sel
			c.askPDFPath(reports.FileName(reports.SignInDocument, w), func(path string) {
				c.exportSignIn(w.ID, sel, path, nil)
			})
		}, c.win)
	fitDialog(d, 560)
	d.Show()
}

// signInChoices offers every session, each day, then each session alone.
func (c *controller) signInChoices(w data.Workshop) ([]signInChoice, error) {
	days, err := c.st.SessionsByDay(w.ID)
	if err != nil {
		return nil, err
	}
	out := []signInChoice{{label: lang.X("exports.every_session", "Every session of the workshop")}}
	for _, day := range days {
		if len(day.Sessions) > 0 {
			out = append(out, signInChoice{label: lang.X("exports.day", "Every session of {{.Date}}",
				map[string]any{"Date": formatDate(day.Date)}), sel: reports.SignInSelection{Day: day.Date}})
		}
	}
	for _, day := range days {
		for _, s := range day.Sessions {
			if s.Kind == data.KindBreak {
				continue
			}
			out = append(out, signInChoice{label: formatDate(day.Date) + "  " + s.Start.Format("15:04") + "  " + s.Title,
				sel: reports.SignInSelection{SessionID: s.ID}})
		}
	}
	return out, nil
}

// askPDFPath asks where to save a PDF. Fyne's save dialog is not used: it
// empties the chosen file as soon as the user confirms, and a slip of the
// mouse could choose the open database. The name always ends in .pdf.
func (c *controller) askPDFPath(name string, then func(path string)) {
	c.showFileNameDialog(lang.X("exports.save_title", "Save as PDF"),
		lang.X("exports.save_intro", "The PDF is written to this folder under this name; an older PDF of the same name is replaced."),
		lang.X("exports.save", "Save"), name, pdfFile, then)
}

// exportProgramme writes the programme of a workshop to path off the UI
// goroutine; done, when given, runs on the UI goroutine afterwards.
func (c *controller) exportProgramme(workshopID int64, path string, done func(error)) {
	st := c.st
	c.export(lang.X("exports.programme_title", "Programme"), path, func(w io.Writer) error {
		return reports.Programme(st, workshopID, w)
	}, done)
}

// exportSignIn writes sign-in sheets to path off the UI goroutine.
func (c *controller) exportSignIn(workshopID int64, sel reports.SignInSelection, path string, done func(error)) {
	st := c.st
	c.export(lang.X("exports.signin_title", "Sign-in sheets"), path, func(w io.Writer) error {
		return reports.SignIn(st, workshopID, sel, w)
	}, done)
}

// export shows a progress notice while write runs on its own goroutine,
// then says where the file went or what went wrong.
func (c *controller) export(title, path string, write func(io.Writer) error, done func(error)) {
	c.exportWithProgress(title, path, nil, func(w io.Writer, _ func(float64)) error { return write(w) }, done)
}

// exportWithProgress is export with a progress bar that write moves, from
// 0 to 1, from its goroutine; with bar nil the bar just shows activity.
func (c *controller) exportWithProgress(title, path string, bar *widget.ProgressBar,
	write func(w io.Writer, progress func(float64)) error, done func(error)) {
	progress := func(float64) {}
	if bar != nil {
		progress = func(p float64) { c.do(func() { bar.SetValue(p) }) }
	}
	end := c.workNotice(title, lang.X("exports.writing", "Writing {{.File}}…", map[string]any{"File": filepath.Base(path)}), bar)
	go func() {
		err := reports.WriteFile(path, func(w io.Writer) error { return write(w, progress) })
		c.do(func() {
			end(err)
			if err != nil {
				c.showWriteFailure(title, path, err)
			} else {
				c.showMessage(title, []string{lang.X("exports.done", "Saved “{{.File}}”.", map[string]any{"File": filepath.Base(path)})}, path)
			}
			if done != nil {
				done(err)
			}
		})
	}()
}

// openFile shows a file or folder in the program the system uses for it:
// a PDF viewer, a file manager.
func (c *controller) openFile(path string) {
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // C:/… on Windows
	}
	if err := c.app.OpenURL(u); err != nil {
		fyne.LogError("Opening "+path, err)
	}
	c.opened(fileOpened(path))
}

// fileOpened is what the window tells its test when it hands a file or a
// folder to the system to open.
type fileOpened string
