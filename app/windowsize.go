package app

import "fyne.io/fyne/v2"

// Organisers' laptops go down to 1024×600 netbooks, whose panel and title
// bar leave about 1024×540. Fyne cannot tell the size of the screen; where
// the program can (WithWorkArea), the window first opens at roomyWindowSize
// or the screen's free area, whichever is smaller; where it cannot, at a
// size that fits a netbook. From then on it opens at the size it had when
// last closed.
var (
	firstWindowSize = fyne.NewSize(1000, 530)
	roomyWindowSize = fyne.NewSize(1100, 720)
)

// titleBarAllowance is what a window manager's title bar and borders take
// of a screen's free area.
const titleBarAllowance = 40

// WithWorkArea tells the window the free area of the screen it opens on
// (without panels), in Fyne's units; ok is false when it is not known.
func WithWorkArea(workArea func() (size fyne.Size, ok bool)) Option {
	return func(c *controller) { c.workArea = workArea }
}

const (
	windowWidthPreference  = "window.width"
	windowHeightPreference = "window.height"
)

// openingSize is the size the window opens at.
func (c *controller) openingSize() fyne.Size {
	p := c.app.Preferences()
	w := float32(p.FloatWithFallback(windowWidthPreference, 0))
	h := float32(p.FloatWithFallback(windowHeightPreference, 0))
	if w >= 400 && h >= 300 {
		return fyne.NewSize(w, h)
	}
	if c.workArea != nil {
		if free, ok := c.workArea(); ok && free.Width >= 400 && free.Height-titleBarAllowance >= 300 {
			return fyne.NewSize(min(roomyWindowSize.Width, free.Width), min(roomyWindowSize.Height, free.Height-titleBarAllowance))
		}
	}
	return firstWindowSize
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
