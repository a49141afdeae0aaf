package app

import "fyne.io/fyne/v2"

// Fyne cannot tell the size of the screen before the window is shown, and
// organisers' laptops go down to 1024×600 netbooks, whose panel and title
// bar leave about 1024×540. The window first opens at a size that fits
// there; from then on it opens at the size it had when last closed, so a
// larger screen is used once the organiser has enlarged it.
var firstWindowSize = fyne.NewSize(1000, 530)

const (
	windowWidthPreference  = "window.width"
	windowHeightPreference = "window.height"
)

// openingSize is the size the window opens at.
func (c *controller) openingSize() fyne.Size {
	p := c.app.Preferences()
	w := float32(p.FloatWithFallback(windowWidthPreference, 0))
	h := float32(p.FloatWithFallback(windowHeightPreference, 0))
	if w < 400 || h < 300 {
		return firstWindowSize
	}
	return fyne.NewSize(w, h)
}

// keepSize notes the window's size for the next start.
func (c *controller) keepSize() {
	s := c.win.Canvas().Size()
	if s.Width >= 400 && s.Height >= 300 {
		p := c.app.Preferences()
		p.SetFloat(windowWidthPreference, float64(s.Width))
		p.SetFloat(windowHeightPreference, float64(s.Height))
	}
}
