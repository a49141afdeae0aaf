package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// The line under the details form, in each language.
const (
	autosaveEN = "Changes are saved as you type."
	autosaveFR = "Les modifications sont enregistrées au fil de la saisie."
	autosaveES = "Los cambios se guardan a medida que escribe."
)

func settingsSelect(t *testing.T, c *controller) *widget.Select {
	t.Helper()
	sel := lastIn[*widget.Select](topDialog(c))
	if sel == nil {
		t.Fatal("the settings dialog has no language choice")
	}
	return sel
}

func TestChoosingALanguageRelabelsTheWindowAndIsKept(t *testing.T) {
	st, _, dakar := twoWorkshops(t)
	c, _ := openAt(t, "en", st, dakar.ID)
	if !hasText(c.win.Content(), autosaveEN) {
		t.Fatalf("the English form does not say how it saves: %v", visibleTexts(c.win.Content()))
	}

	c.showSettings()
	settingsSelect(t, c).SetSelected("Français")
	if got := c.app.Preferences().String(languagePreference); got != "fr" {
		t.Fatalf("preference %q, want fr", got)
	}
	if !hasText(c.win.Content(), autosaveFR) || hasText(c.win.Content(), autosaveEN) {
		t.Fatalf("the window was not relabelled in French: %v", visibleTexts(c.win.Content()))
	}
	if c.screen.form.id() != dakar.ID {
		t.Fatal("relabelling lost the open workshop")
	}
	if c.win.MainMenu().Items[0].Label != "Fichier" {
		t.Fatalf("menu %q", c.win.MainMenu().Items[0].Label)
	}

	c.showSettings()
	sel := settingsSelect(t, c)
	if sel.Selected != "Français" {
		t.Fatalf("the dialog shows %q as chosen", sel.Selected)
	}
	sel.SetSelected("Español")
	if !hasText(c.win.Content(), autosaveES) {
		t.Fatalf("not relabelled in Spanish: %v", visibleTexts(c.win.Content()))
	}

	c.showSettings()
	settingsSelect(t, c).SetSelectedIndex(0) // System, which the test set to English
	if !hasText(c.win.Content(), autosaveEN) || c.app.Preferences().String(languagePreference) != "" {
		t.Fatalf("System did not bring English back: %v", visibleTexts(c.win.Content()))
	}
}

func TestTheChosenLanguageAppliesAtStart(t *testing.T) {
	useLanguage(t, "en")
	st, _, _ := twoWorkshops(t)
	c, _ := openWindow(t, st)
	c.app.Preferences().SetString(languagePreference, "es")
	c.shutdown()
	c.win.Close()

	st2, _, dakar := twoWorkshops(t)
	c2 := newController(c.app, st2, newUIQueue().do)
	t.Cleanup(func() { c2.win.Close() })
	c2.screen.selectID(dakar.ID)
	if uiLanguage() != "es" || !hasText(c2.win.Content(), autosaveES) {
		t.Fatalf("a new window did not start in Spanish: %v", visibleTexts(c2.win.Content()))
	}
	applyLanguage("") // leave the process as the test found it
}

// Switching the interface language keeps the workshop open and the tab
// it was on; the settings say what follows the language and what does not.
func TestSwitchingLanguageKeepsTheWorkshopAndTheTab(t *testing.T) {
	st, lagos, _ := twoWorkshops(t)
	c, _ := openAt(t, "en", st, lagos.ID)
	participantsOf(c)
	if got := c.screen.tabs.Selected().Text; got != "Participants" {
		t.Fatalf("tab %q", got)
	}
	c.showSettings()
	if !hasRichText(topDialog(c), "a participant's certificate is written in the language chosen on their sheet, or in the workshop's when none is") {
		t.Errorf("the settings do not say what certificates follow")
	}
	settingsSelect(t, c).SetSelected("Español")
	if c.screen.form.id() != lagos.ID || c.screen.tabs.Selected().Text != "Participantes" {
		t.Fatalf("after switching: workshop %d, tab %q", c.screen.form.id(), c.screen.tabs.Selected().Text)
	}
	if v := participantsOf(c); !strings.HasPrefix(v.counts.Text, "0 participantes") {
		t.Errorf("the tab does not show the workshop in Spanish: %q", v.counts.Text)
	}
	c.showSettings()
	settingsSelect(t, c).SetSelectedIndex(0)
	applyLanguage("")
}

// hasRichText reports whether a rich text under o holds want.
func hasRichText(o fyne.CanvasObject, want string) bool {
	found := false
	walk(o, func(x fyne.CanvasObject) {
		if r, ok := x.(*widget.RichText); ok && strings.Contains(segmentsText(r.Segments), want) {
			found = true
		}
	})
	return found
}

// segmentsText is the text of rich text segments, lists included.
func segmentsText(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, seg := range segs {
		switch s := seg.(type) {
		case *widget.ListSegment:
			b.WriteString(segmentsText(s.Items))
		case *widget.ParagraphSegment:
			b.WriteString(segmentsText(s.Texts))
		default:
			b.WriteString(seg.Textual())
		}
		b.WriteString("\n")
	}
	return b.String()
}

// Fyne's file dialog speaks the interface language: Atelier's title and
// buttons, Fyne's own words from its translations, and the places Fyne
// writes in English relabelled.
func TestTheFileDialogSpeaksTheInterfaceLanguage(t *testing.T) {
	useLanguage(t, "es")
	st, _, _ := twoWorkshops(t)
	c, _ := openWindow(t, st)
	c.showOpenDialog()
	texts := visibleTexts(topDialog(c))
	for _, want := range []string{"Abrir un archivo de Atelier", "Carpeta personal", "Equipo"} {
		if !slices.Contains(texts, want) {
			t.Errorf("the file dialog lacks %q: %q", want, texts)
		}
	}
	for _, english := range []string{"Home", "Computer", "Open File"} {
		if slices.Contains(texts, english) {
			t.Errorf("the file dialog still says %q", english)
		}
	}
	if findButton(topDialog(c), "Cancelar") == nil || findButton(topDialog(c), "Abrir") == nil {
		t.Errorf("buttons: %q", texts)
	}
}
