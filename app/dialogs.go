package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The dialogs every screen builds on: messages, questions, their buttons.

// modal is a dialog of the window's own making: a title, what it shows,
// and its buttons along the foot, which say what closes it.
type modal struct{ *dialog.CustomDialog }

// newModal makes a dialog of content with buttons; the caller shows it.
func (c *controller) newModal(title string, content fyne.CanvasObject, buttons ...fyne.CanvasObject) *modal {
	d := dialog.NewCustomWithoutButtons(title, content, c.win)
	d.SetButtons(buttons)
	return &modal{d}
}

// fitDialog gives a dialog a width and the height its content needs at
// that width. Wrapped text only knows its height once it has a width, so
// the dialog is laid out once at the width before its height is taken.
func fitDialog(d dialog.Dialog, width float32) {
	d.Resize(fyne.NewSize(width, d.MinSize().Height))
	d.Resize(fyne.NewSize(max(width, d.MinSize().Width), d.MinSize().Height))
}

// showMessage shows a dialog of wrapped paragraphs; detail lines are
// smaller and selectable, for text the user may need to pass on.
func (c *controller) showMessage(title string, paragraphs []string, details ...string) *modal {
	box := container.NewVBox()
	for _, p := range paragraphs {
		l := widget.NewLabel(p)
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	for _, d := range details {
		l := widget.NewLabel(d)
		l.Wrapping = fyne.TextWrapBreak // paths have no spaces to wrap at
		l.SizeName = theme.SizeNameCaptionText
		l.Selectable = true
		box.Add(l)
	}
	return c.showClosable(title, box, 520)
}

// showClosable shows content in a dialog at width, with Close.
func (c *controller) showClosable(title string, content fyne.CanvasObject, width float32) *modal {
	d := &modal{dialog.NewCustom(title, lang.X("dialog.close", "Close"), content, c.win)}
	fitDialog(d, width)
	d.Show()
	return d
}

// ask asks a question that takes an action or not, with the action's
// button (confirm) and Cancel; then runs when the action is chosen.
func (c *controller) ask(title, question, confirm string, width float32, then func()) {
	msg := widget.NewLabel(question)
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(title, confirm, lang.X("dialog.cancel", "Cancel"), msg, func(ok bool) {
		if ok {
			then()
		}
	}, c.win)
	fitDialog(d, width)
	d.Show()
	c.opened(asked(question))
}

// confirm asks a yes-or-no question, with its question mark, and runs
// then on yes; yes, when not empty, replaces Yes, and Cancel then No.
func (c *controller) confirm(title, question, yes string, then func()) {
	d := dialog.NewConfirm(title, question, func(ok bool) {
		if ok {
			then()
		}
	}, c.win)
	// Atelier's own words rather than Fyne's (whose Spanish wrote “Si”).
	d.SetConfirmText(lang.X("dialog.yes", "Yes"))
	d.SetDismissText(lang.X("dialog.no", "No"))
	if yes != "" {
		d.SetConfirmText(yes)
		d.SetDismissText(lang.X("dialog.cancel", "Cancel"))
	}
	d.Show()
	c.opened(asked(question))
}

// cancelButton is a dialog's Cancel, which runs close.
func cancelButton(close func()) *widget.Button {
	return widget.NewButtonWithIcon(lang.X("dialog.cancel", "Cancel"), theme.CancelIcon(), close)
}

// closeButton is the Close of a dialog whose changes are saved as they are
// made: there is nothing to confirm or to give up.
func closeButton(close func()) *widget.Button {
	return widget.NewButtonWithIcon(lang.X("dialog.close", "Close"), theme.ConfirmIcon(), close)
}

// mainButton is the button that does what a dialog is for.
func mainButton(text string, tapped func()) *widget.Button {
	b := widget.NewButtonWithIcon(text, theme.ConfirmIcon(), tapped)
	b.Importance = widget.HighImportance
	return b
}

// requiredChoice offers options as radio buttons of which one is always
// chosen: the first, until the user picks another.
func requiredChoice(options ...string) *widget.RadioGroup {
	r := widget.NewRadioGroup(options, nil)
	r.Required = true
	r.SetSelected(options[0])
	return r
}

// problemLabel is the red line under a form that says what is wrong with
// what no field of it shows; hidden while there is nothing to say.
func problemLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}
