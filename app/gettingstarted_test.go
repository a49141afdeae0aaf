package app

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
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
// has: every menu path its Markdown writes in italics (“File › Print
// sign-in sheets…”) is an item of that menu, and every other name in
// italics a button of the window (Add workshop, and the import on the
// Participants tab). It says where the demo workshops are added from. No
// opening bracket stands apart from the words it opens: Fyne's Markdown
// puts a space after text that an italic follows, so “(*File › …*)” was
// drawn “( File › …)”. And at no width does a run of it fall one
// character a line down the dialog, as Fyne 2.7.1 lays out a run that
// starts in the last pixels of a line: the guide grows no taller as it
// gets wider.
func TestGettingStartedNamesWhatTheWindowHas(t *testing.T) {
	apart := regexp.MustCompile(`[(\[“‘¿¡] `)
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
			for _, seg := range textSegments(guide.Segments) {
				if apart.MatchString(seg.Text) {
					t.Errorf("a bracket stands apart: %q", apart.FindString(seg.Text))
				}
			}
			var named []string
			source := widget.NewRichTextFromMarkdown(lang.X("help.guide", ""))
			for _, seg := range textSegments(source.Segments) {
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
			height := func(w float32) float32 {
				guide.Resize(fyne.NewSize(w, guide.MinSize().Height))
				return guide.MinSize().Height
			}
			narrowest := height(400)
			for w := float32(401); w <= 800; w++ {
				if h := height(w); h > narrowest {
					t.Errorf("%.0f wide, the guide is %.0f high; 400 wide, %.0f", w, h, narrowest)
					break
				}
			}
		})
	}
}
