package app

import (
	"io"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/reports"
)

// The File menu's workbook export writes the secretariat's Excel workbook
// of the selected workshop, in full or without personal data, with a
// progress bar while the sheets are written off the UI goroutine.

func (c *controller) askWorkbook() {
	w, ok := c.selectedWorkshop()
	if !ok {
		return
	}
	full := lang.X("workbook.full", "Everything, for the secretariat")
	anonymous := lang.X("workbook.anonymous", "Without names, emails or phones, for sharing statistics")
	variant := requiredChoice(full, anonymous)
	d := dialog.NewForm(lang.X("workbook.title", "Workbook for the secretariat"),
		lang.X("workbook.continue", "Save as Excel workbook…"), lang.X("dialog.cancel", "Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.X("workbook.variant", "Contents"), variant)}, func(ok bool) {
			if !ok {
				return
			}
			anon := variant.Selected == anonymous
			kind := reports.WorkbookDocument
			if anon {
				kind = reports.AnonymousWorkbookDocument
			}
			c.showFileNameDialog(lang.X("workbook.save_title", "Save as Excel workbook"),
				lang.X("workbook.save_intro", "The workbook is written to this folder under this name; an older workbook of the same name is replaced."),
				lang.X("exports.save", "Save"), reports.FileName(kind, w), xlsxFile, func(path string) {
					c.exportWorkbook(w.ID, anon, path, nil)
				})
		}, c.win)
	fitDialog(d, 560)
	d.Show()
}

// exportWorkbook writes the workbook of a workshop to path off the UI
// goroutine; done, when given, runs on the UI goroutine afterwards.
func (c *controller) exportWorkbook(workshopID int64, anonymous bool, path string, done func(error)) {
	st := c.st
	bar := widget.NewProgressBar()
	c.exportWithProgress(lang.X("workbook.title", "Workbook for the secretariat"), path, bar,
		func(w io.Writer, progress func(float64)) error {
			return reports.Workbook(st, workshopID, w, reports.WorkbookOptions{Anonymous: anonymous, Progress: progress})
		}, done)
}
