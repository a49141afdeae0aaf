package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// flowLayout lines its objects up left to right, each at its least width,
// and starts a new line where the next one does not fit: a bar of buttons
// that wraps where the window is narrow. Fyne's row wrap layout does the
// same but, once laid out, gives as its least width the width it was given,
// so that a bar always shown kept the window and the list beside it from
// being made narrower; this one's least width is its widest object's.
type flowLayout struct {
	width float32 // as last laid out; 0 before, when all is in one line
}

// lineHeight is the height of each line: its tallest object's.
func lineHeight(objects []fyne.CanvasObject) float32 {
	var h float32
	for _, o := range objects {
		if o.Visible() {
			h = max(h, o.MinSize().Height)
		}
	}
	return h
}

// place puts the objects in lines across width, calling at for each, and
// says how many lines it took.
func (l *flowLayout) place(objects []fyne.CanvasObject, width float32, at func(o fyne.CanvasObject, pos fyne.Position, size fyne.Size)) int {
	pad := theme.Padding()
	h := lineHeight(objects)
	var x, y float32
	lines := 0
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		w := o.MinSize().Width
		if lines == 0 {
			lines = 1
		} else if x+w > width {
			x, y = 0, y+h+pad
			lines++
		}
		if at != nil {
			at(o, fyne.NewPos(x, y), fyne.NewSize(w, h))
		}
		x += w + pad
	}
	return lines
}

func (l *flowLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var widest float32
	for _, o := range objects {
		if o.Visible() {
			widest = max(widest, o.MinSize().Width)
		}
	}
	width := l.width
	if width == 0 {
		width = float32(1 << 20)
	}
	lines := l.place(objects, max(width, widest), nil)
	if lines == 0 {
		return fyne.NewSize(0, 0)
	}
	return fyne.NewSize(widest, float32(lines)*lineHeight(objects)+float32(lines-1)*theme.Padding())
}

func (l *flowLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	l.place(objects, size.Width, func(o fyne.CanvasObject, pos fyne.Position, s fyne.Size) {
		o.Move(pos)
		o.Resize(s)
	})
}
