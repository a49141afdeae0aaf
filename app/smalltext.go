package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// smallText draws lines of text at a size of its own, each wrapped to the
// width it is given or cut to one line, and the whole cut with an ellipsis
// to the height it is given: the session blocks of the timetable, its day
// headings and legend, the matrix's column titles.
//
// It draws with canvas.Text rather than putting labels in a theme override
// (container.NewThemeOverride): Fyne keeps the fonts it loads per override
// scope, each override and each refresh of one makes a new scope, and the
// scopes are never freed. Twenty-six blocks, redrawn at every visit of the
// schedule, held some 400 MB of font tables after one walk of the window.
type smallText struct {
	widget.BaseWidget
	size  float32
	align fyne.TextAlign
	lines []textLine
}

// textLine is one piece of a smallText: text in a style and a colour of
// the theme, which may wrap onto maxLines lines (any number when 0).
type textLine struct {
	text     string
	style    fyne.TextStyle
	colour   fyne.ThemeColorName
	wrap     bool
	maxLines int
}

func newSmallText(size float32, lines ...textLine) *smallText {
	t := &smallText{size: size, lines: lines}
	t.ExtendBaseWidget(t)
	return t
}

// set replaces the lines.
func (t *smallText) set(lines ...textLine) {
	t.lines = lines
	t.Refresh()
}

func (t *smallText) CreateRenderer() fyne.WidgetRenderer {
	return &smallTextRenderer{t: t}
}

type smallTextRenderer struct {
	t     *smallText
	texts []*canvas.Text
	objs  []fyne.CanvasObject
}

func (r *smallTextRenderer) lineHeight(style fyne.TextStyle) float32 {
	return fyne.MeasureText("Mg", r.t.size, style).Height
}

// MinSize is one line for each line that does not wrap and for each line a
// wrapped one must keep, as wide as the widest line that does not wrap.
func (r *smallTextRenderer) MinSize() fyne.Size {
	var s fyne.Size
	for _, l := range r.t.lines {
		n := 1
		if l.wrap && l.maxLines > 0 {
			n = l.maxLines
		}
		if !l.wrap {
			s.Width = max(s.Width, fyne.MeasureText(l.text, r.t.size, l.style).Width)
		}
		s.Height += float32(n) * r.lineHeight(l.style)
	}
	return s
}

func (r *smallTextRenderer) Layout(size fyne.Size) { r.fill(size) }

func (r *smallTextRenderer) Refresh() {
	r.fill(r.t.Size())
	for _, t := range r.texts {
		t.Refresh()
	}
}

func (r *smallTextRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *smallTextRenderer) Destroy() {}

// text is the n-th canvas text, made when first needed.
func (r *smallTextRenderer) text(n int) *canvas.Text {
	for len(r.texts) <= n {
		t := canvas.NewText("", nil)
		r.texts = append(r.texts, t)
		r.objs = append(r.objs, t)
	}
	return r.texts[n]
}

// fill lays the lines out in size: wrapped, stacked from the top, and cut
// where the height ends, the last line drawn ending in an ellipsis when
// something did not fit.
func (r *smallTextRenderer) fill(size fyne.Size) {
	n := 0
	var y float32
	full := false
	for _, l := range r.t.lines {
		if full {
			break
		}
		h := r.lineHeight(l.style)
		pieces := []string{l.text}
		if l.wrap {
			pieces = wrapWords(l.text, size.Width, r.t.size, l.style)
		}
		if l.maxLines > 0 && len(pieces) > l.maxLines {
			pieces = pieces[:l.maxLines]
			pieces[len(pieces)-1] += "…"
		}
		for k, piece := range pieces {
			if n > 0 && y+h > size.Height+0.5 {
				// A line of its own is left out; a wrapped one cut short
				// says so on its last line drawn.
				if k > 0 {
					prev := r.texts[n-1]
					prev.Text = fitWidth(strings.TrimSuffix(prev.Text, "…")+"…", size.Width, r.t.size, prev.TextStyle)
				}
				full = true
				break
			}
			t := r.text(n)
			t.Text = fitWidth(piece, size.Width, r.t.size, l.style)
			t.TextStyle = l.style
			t.TextSize = r.t.size
			t.Color = theme.Color(l.colour)
			w := fyne.MeasureText(t.Text, r.t.size, l.style).Width
			x := float32(0)
			switch r.t.align {
			case fyne.TextAlignCenter:
				x = (size.Width - w) / 2
			case fyne.TextAlignTrailing:
				x = size.Width - w
			}
			t.Move(fyne.NewPos(max(x, 0), y))
			t.Resize(fyne.NewSize(w, h))
			t.Show()
			y += h
			n++
		}
	}
	for _, t := range r.texts[n:] {
		t.Hide()
	}
}

// wrapWords breaks text into lines no wider than width, between words; a
// word wider than width is broken between letters, so that a long word in
// a narrow block still reads whole.
func wrapWords(text string, width, size float32, style fyne.TextStyle) []string {
	fits := func(s string) bool { return fyne.MeasureText(s, size, style).Width <= width }
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && fits(line+" "+w) {
			line += " " + w
			continue
		}
		if line != "" {
			lines = append(lines, line)
		}
		line = w
		for !fits(line) {
			runes := []rune(line)
			cut := 1
			for cut < len(runes)-1 && fits(string(runes[:cut+1])) {
				cut++
			}
			if cut >= len(runes) {
				break
			}
			lines = append(lines, string(runes[:cut]))
			line = string(runes[cut:])
		}
	}
	return append(lines, line)
}

// fitWidth cuts text to width with an ellipsis, keeping as much of its
// start as fits.
func fitWidth(text string, width, size float32, style fyne.TextStyle) string {
	if fyne.MeasureText(text, size, style).Width <= width {
		return text
	}
	runes := []rune(strings.TrimSuffix(text, "…"))
	return strings.TrimRight(string(runes[:fittingRunes(runes, width, size, style)]), " ") + "…"
}

// fittingRunes is the length of the longest start of runes that fits in
// width with an ellipsis after it, found by halving rather than measured
// letter by letter.
func fittingRunes(runes []rune, width, size float32, style fyne.TextStyle) int {
	lo, hi := 0, len(runes) // lo runes and an ellipsis are known to fit
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(string(runes[:mid])+"…", size, style).Width <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}
