package app

import (
	"errors"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// showSaved says on a dialog's status line that the last change was
// saved, or what is wrong with it: a field's problem in the interface's
// words, with label as the field's name.
func showSaved(status *widget.Label, err error, label string) {
	if err == nil {
		status.Importance = widget.MediumImportance
		status.SetText(lang.X("certificates.wording.saved", "Saved."))
		return
	}
	msg := err.Error()
	var ve *data.ValidationError
	if errors.As(err, &ve) && len(ve.Fields) > 0 {
		msg = fieldMessage(ve.Fields[0], label)
	}
	status.Importance = widget.DangerImportance
	status.SetText(msg)
}
