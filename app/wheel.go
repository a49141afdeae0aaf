package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Fyne hands a wheel turn to the innermost scrollable thing under the
// pointer, and every entry is one (it scrolls its own text): over a field
// the wheel moved nothing, and a form could only be scrolled from its
// labels and gaps (fyne-io/fyne#1939). Each field row therefore lays a
// wheelPass over its input: it takes the wheel, and only the wheel, and
// turns the form's scroll. Taps, hovering, dragging and the keyboard
// still reach the input, as the pass is none of those. A multi-line
// field's text is scrolled by its own scroll bar or the keyboard.

// wheelPass is a transparent widget that hands the wheel to scroll.
type wheelPass struct {
	widget.BaseWidget
	scroll *container.Scroll // nil until the form is put in its scroll
}

func newWheelPass() *wheelPass {
	p := &wheelPass{}
	p.ExtendBaseWidget(p)
	return p
}

// Scrolled turns the form's scroll, as the wheel does over its labels.
func (p *wheelPass) Scrolled(ev *fyne.ScrollEvent) {
	if p.scroll != nil {
		p.scroll.Scrolled(ev)
	}
}

func (p *wheelPass) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

func (p *wheelPass) MinSize() fyne.Size { return fyne.Size{} }

// formScroll puts a form's content in a vertical scroll that the wheel
// turns wherever the pointer is, over the fields of rows too.
func formScroll(content fyne.CanvasObject, rows map[string]*fieldRow) *container.Scroll {
	s := container.NewVScroll(content)
	for _, r := range rows {
		r.wheel.scroll = s
	}
	return s
}
