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

// Where the screen's free area is known, the window first opens as large
// as it was meant to be, or as the screen allows; a size it was closed at
// comes first; an area not known, or too small to trust, gives the size
// that fits a netbook.
func TestTheFirstWindowFitsTheScreenItOpensOn(t *testing.T) {
	st := tempStore(t)
	c, _ := openAt(t, "en", st, 0)
	for _, tc := range []struct {
		free fyne.Size
		ok   bool
		want fyne.Size
	}{
		{fyne.NewSize(1024, 600), true, fyne.NewSize(1024, 560)},
		{fyne.NewSize(1366, 740), true, fyne.NewSize(1100, 700)},
		{fyne.NewSize(1920, 1050), true, roomyWindowSize},
		{fyne.NewSize(1920, 1050), false, firstWindowSize},
		{fyne.NewSize(300, 200), true, firstWindowSize},
	} {
		c.workArea = func() (fyne.Size, bool) { return tc.free, tc.ok }
		if got := c.openingSize(); got != tc.want {
			t.Errorf("on a free area of %v (known: %v) the window opens at %v, want %v", tc.free, tc.ok, got, tc.want)
		}
	}
	c.win.Resize(fyne.NewSize(1250, 650))
	c.keepSize()
	if got := c.openingSize(); got != fyne.NewSize(1250, 650) {
		t.Errorf("closed at 1250×650, the window opens at %v", got)
	}
}
