package app

import (
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// hoverTip shows the whole text of something drawn cut short (a session
// block, a matrix column's title) while the pointer rests on it. It is a
// layer over the window's content rather than a pop-up: a pop-up takes the
// pointer's events, so what is under it would lose the hover at once and
// the tip would flicker. Nothing in the layer takes taps or hovers, so the
// pointer's events reach what is drawn beneath.
type hoverTip struct {
	c     *controller
	layer *fyne.Container // over the whole content, without a layout
	box   *fyne.Container // the tip: its background and its text
	bg    *canvas.Rectangle
	text  *widget.Label
	owner any // what the tip is shown for, or is about to be
	wait  saveTimer
}

const (
	tipDelay    = 350 * time.Millisecond
	tipMaxWidth = 360
)

func newHoverTip(c *controller) *hoverTip {
	h := &hoverTip{c: c, text: widget.NewLabel("")}
	h.text.Wrapping = fyne.TextWrapWord
	h.bg = canvas.NewRectangle(color.Transparent)
	h.bg.StrokeWidth = 1
	h.box = container.NewStack(h.bg, h.text)
	h.box.Hide()
	h.layer = container.NewWithoutLayout(h.box)
	return h
}

// over lays the tips over content.
func (h *hoverTip) over(content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewStack(content, h.layer)
}

// show shows text for owner near at (a position in the window) once the
// pointer has rested there a moment.
func (h *hoverTip) show(owner any, text string, at fyne.Position) {
	if h.owner == owner && h.box.Visible() {
		return
	}
	h.owner = owner
	h.wait.after(tipDelay, h.c.do, func() { h.place(text, at) })
}

// hide takes owner's tip away, or stops it from coming.
func (h *hoverTip) hide(owner any) {
	if h.owner != owner {
		return
	}
	h.owner = nil
	h.wait.stop()
	h.box.Hide()
}

// hideAll takes away whatever tip is shown or coming.
func (h *hoverTip) hideAll() {
	if h.owner != nil {
		h.hide(h.owner)
	}
}

// place sizes the tip to its text, up to tipMaxWidth, and puts it below
// and to the right of at, or above it when there is no room below.
func (h *hoverTip) place(text string, at fyne.Position) {
	h.bg.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	h.bg.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	h.bg.CornerRadius = theme.InputRadiusSize()
	h.text.SetText(text)
	pad := 2 * theme.InnerPadding()
	width := float32(0)
	for _, line := range strings.Split(text, "\n") {
		width = max(width, fyne.MeasureText(line, theme.TextSize(), h.text.TextStyle).Width+pad)
	}
	width = min(width, tipMaxWidth)
	h.text.Resize(fyne.NewSize(width, h.text.MinSize().Height))
	size := fyne.NewSize(width, h.text.MinSize().Height)

	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(h.layer)
	room := h.layer.Size()
	pos := at.Subtract(origin).Add(fyne.NewPos(12, 18))
	if pos.X+size.Width > room.Width {
		pos.X = max(room.Width-size.Width, 0)
	}
	if pos.Y+size.Height > room.Height {
		pos.Y = max(at.Y-origin.Y-size.Height-6, 0)
	}
	h.box.Move(pos)
	h.box.Resize(size)
	h.box.Show()
	// The box was hidden when the window last looked at its content, so
	// it is not known to the canvas yet: the canvas is asked directly.
	h.c.win.Canvas().Refresh(h.box)
}
