package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// wheelOver turns the wheel down over the middle of o, as the driver
// does: the innermost scrollable thing under the pointer takes it.
func wheelOver(c *controller, o fyne.CanvasObject) {
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(o).Add(fyne.NewPos(o.Size().Width/2, o.Size().Height/2))
	test.Scroll(c.win.Canvas(), at, 0, -80)
}

func is[T any](x any) bool { _, ok := x.(T); return ok }

// The wheel scrolls a form with the pointer over a field, not only over
// its labels (fyne-io/fyne#1939); the field still takes taps and typing.
func TestTheWheelScrollsFormsOverTheirFields(t *testing.T) {
	st, res := demoStore(t)
	c, _ := openAt(t, "en", st, res.Lagos)
	c.win.Resize(fyne.NewSize(1024, 560))

	check := func(what string, scroll *container.Scroll, field fyne.CanvasObject) {
		t.Helper()
		if scroll.Content.MinSize().Height <= scroll.Size().Height {
			t.Fatalf("%s: the form fits its %v scroll: nothing to scroll", what, scroll.Size())
		}
		scroll.ScrollToTop()
		wheelOver(c, field)
		if scroll.Offset.Y <= 0 {
			t.Errorf("%s: the wheel over a field left the form at %v", what, scroll.Offset)
		}
	}

	// The Details tab: the wheel over the title's field.
	f := c.screen.form
	c.screen.tabs.SelectIndex(0)
	details := f.content.(*container.Scroll)
	check("Details", details, f.title)
	// The pass over the field takes the wheel and nothing else: the driver
	// hands taps, the pointer, drags and the keyboard to the innermost
	// object that takes them, the field under it.
	var pass any = f.rows["title"].wheel
	for name, takes := range map[string]bool{
		"taps":       is[fyne.Tappable](pass),
		"right taps": is[fyne.SecondaryTappable](pass),
		"the mouse":  is[desktop.Mouseable](pass),
		"hovering":   is[desktop.Hoverable](pass),
		"the cursor": is[desktop.Cursorable](pass),
		"drags":      is[fyne.Draggable](pass),
		"the focus":  is[fyne.Focusable](pass),
	} {
		if takes {
			t.Errorf("the wheel's pass over a field takes %s from it", name)
		}
	}

	// The participant sheet, a dialog: the wheel over the email field.
	v := participantsOf(c)
	p := v.showForm(v.index.People[v.shown[0]])
	var sheet *container.Scroll
	walk(topDialog(c), func(o fyne.CanvasObject) {
		if s, ok := o.(*container.Scroll); ok && sheet == nil {
			sheet = s
		}
	})
	if sheet == nil {
		t.Fatal("the participant sheet has no scroll")
	}
	check("participant sheet", sheet, p.email)
}
