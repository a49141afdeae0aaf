package app

import (
	"errors"

	"fyne.io/fyne/v2/lang"

	"github.com/atelier-workshops/atelier/data"
)

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
		c.showMessage(title, []string{lang.X("undo.failed", "The delete could not be undone; nothing was changed.")}, err.Error())
		return
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
