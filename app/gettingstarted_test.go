package app

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// textSegments lists the text segments of rich text, inside paragraphs
// and lists too.
func textSegments(segs []widget.RichTextSegment) []*widget.TextSegment {
	var out []*widget.TextSegment
	for _, seg := range segs {
		switch s := seg.(type) {
		case *widget.TextSegment:
			out = append(out, s)
		case *widget.ParagraphSegment:
			out = append(out, textSegments(s.Texts)...)
		case *widget.ListSegment:
			out = append(out, textSegments(s.Items)...)
		}
	}
	return out
}

// Help › Getting started, in each language, names only what the window
// has: every menu path it writes in italics (“File › Print sign-in
// sheets…”) is an item of that menu, and every other name in italics a
// button of the window (Add workshop, and the import on the Participants
// tab). It says where the demo workshops are added from. And no opening
// bracket stands apart from the words it opens: Fyne's Markdown puts a
// space after text that an italic follows, so “(*File › …*)” was drawn
// “( File › …)”.
func TestGettingStartedNamesWhatTheWindowHas(t *testing.T) {
	apart := regexp.MustCompile(`[(\[“‘¿¡] $`)
	for code, demo := range map[string]string{
		"en": "Help › Add demo workshops…",
		"fr": "Aide › Ajouter les ateliers de démonstration…",
		"es": "Ayuda › Añadir los talleres de demostración…",
	} {
		t.Run(code, func(t *testing.T) {
			st, lagos, _ := twoWorkshops(t)
			c, _ := openAt(t, code, st, lagos.ID)
			participantsOf(c)
			c.showGettingStarted()
			var guide *widget.RichText
			walk(topDialog(c), func(o fyne.CanvasObject) {
				// The longest rich text: the dialog's title is one too.
				if r, ok := o.(*widget.RichText); ok && (guide == nil || len(r.Segments) > len(guide.Segments)) {
					guide = r
				}
			})
			if guide == nil {
				t.Fatal("no guide")
			}
			var named []string
			for _, seg := range textSegments(guide.Segments) {
				if apart.MatchString(seg.Text) {
					t.Errorf("a bracket stands apart: %q", seg.Text)
				}
				if !seg.Style.TextStyle.Italic || seg.Style.TextStyle.Bold {
					continue
				}
				named = append(named, seg.Text)
				menu, item, isPath := strings.Cut(seg.Text, " › ")
				switch {
				case isPath && !slices.Contains(menuLabels(c, menu), item):
					t.Errorf("the guide names %q; the %q menu has %q", seg.Text, menu, menuLabels(c, menu))
				case !isPath && findButton(c.win.Content(), seg.Text) == nil:
					t.Errorf("the guide names %q, which is no button of the window", seg.Text)
				}
			}
			if !slices.Contains(named, demo) {
				t.Errorf("the guide does not say %q: %q", demo, named)
			}
		})
	}
}
