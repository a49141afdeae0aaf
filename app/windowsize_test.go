package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The window opens within a 1024×600 screen less a panel and a title bar,
// and every menu, in every language, opens whole within it: a taller menu
// scrolls, and its scroll bar covers the end of its longest items.
func TestTheWindowAndItsMenusFitANetbook(t *testing.T) {
	if firstWindowSize.Width > 1024 || firstWindowSize.Height > 600-64 {
		t.Errorf("the window opens at %v", firstWindowSize)
	}
	for _, code := range []string{"en", "fr", "es"} {
		st := tempStore(t)
		c, _ := openAt(t, code, st, 0)
		if got := c.win.Canvas().Size(); got != firstWindowSize {
			t.Errorf("%s: the window opens at %v", code, got)
		}
		// The menu bar's height, as Fyne's desktop driver draws it.
		bar := widget.NewLabel("File").MinSize().Height + theme.Padding()*2
		for _, m := range c.win.MainMenu().Items {
			if h := widget.NewMenu(m).MinSize().Height; h > firstWindowSize.Height-bar {
				t.Errorf("%s: menu %q is %.0f high, the window has %.0f under the menu bar", code, m.Label, h, firstWindowSize.Height-bar)
			}
		}
		c.win.Resize(fyne.NewSize(1300, 700))
		c.shutdown()
		again := newController(c.app, tempStore(t), queueOf(c).do)
		if got := again.win.Canvas().Size(); got != fyne.NewSize(1300, 700) {
			t.Errorf("%s: closed at 1300×700, the window opens again at %v", code, got)
		}
		again.win.Close()
	}
}
