package app

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/say"
)

// noticeTime is how long the notice that follows a delete stays; Edit ›
// Undo last delete works for the rest of the session.
const noticeTime = 15 * time.Second

// undoNotice is the line at the foot of the window after a delete: what
// went, and a button that brings it back.
type undoNotice struct {
	bar  *fyne.Container
	text *widget.Label
	hide saveTimer
}

// frame is the window's content: the screens, and under them the notice
// that follows a delete.
func (c *controller) frame() fyne.CanvasObject {
	if c.notice == nil {
		n := &undoNotice{text: widget.NewLabel("")}
		n.text.Truncation = fyne.TextTruncateEllipsis
		undo := widget.NewButtonWithIcon(lang.X("undo.button", "Undo"), theme.ContentUndoIcon(), c.undoDelete)
		n.bar = container.NewBorder(widget.NewSeparator(), nil, nil, undo, n.text)
		n.bar.Hide()
		c.notice = n
	}
	return container.NewBorder(nil, c.notice.bar, nil, nil, c.screen.content)
}

// watchDeletes makes every delete in the open file show the notice.
func (c *controller) watchDeletes() {
	c.st.OnDelete = func(d *data.Deletion) {
		c.do(func() { c.showDeleted(d) })
	}
}

func (c *controller) showDeleted(d *data.Deletion) {
	if c.notice == nil {
		return
	}
	c.notice.text.SetText(lang.X("undo.deleted", "Deleted “{{.Name}}”.", map[string]any{"Name": clip(d.Name, 80)}))
	c.notice.bar.Show()
	c.notice.hide.after(noticeTime, c.do, c.notice.bar.Hide)
}

// undoDelete brings back what the last delete of this session removed (a
// workshop, session, trainer or participant, with everything that went with
// it) and shows it again.
func (c *controller) undoDelete() {
	title := lang.X("undo.title", "Undo")
	d, err := c.st.Undo()
	if errors.Is(err, data.ErrNothingToUndo) {
		c.showMessage(title, []string{lang.X("undo.nothing", "There is no delete to undo since Atelier opened this file.")})
		return
	}
	if err != nil {
		c.showFailure(title, lang.X("undo.failed", "The delete could not be undone; nothing was changed."), err, say.Saving, "")
		return
	}
	if c.notice != nil {
		c.notice.bar.Hide()
	}
	open := c.screen.form.id()
	if d.Record == "workshop" {
		open = d.ID
	}
	c.screen.form.clear() // so that selecting it again reloads it and its tabs
	c.screen.list.UnselectAll()
	c.screen.reload()
	c.screen.selectID(open)
}
