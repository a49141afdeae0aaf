package app

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// showSaved says on a dialog's status line that the last change was
// saved, or what is wrong with it: a field's problem in the interface's
// words, with label as the field's name, or else what say words a failed
// save with (and the log has the error).
func showSaved(status *widget.Label, err error, label string) {
	if err == nil {
		status.Importance = widget.MediumImportance
		status.SetText(lang.X("certificates.wording.saved", "Saved."))
		return
	}
	var msg string
	if ve, ok := data.AsValidation(err); ok && len(ve.Fields) > 0 {
		msg = fieldMessage(ve.Fields[0], label)
	} else {
		msg = saveProblem(err)
	}
	status.Importance = widget.DangerImportance
	status.SetText(msg)
}
