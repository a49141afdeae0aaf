package app

import (
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
	var sel *widget.Select
	walk(topDialog(c), func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok {
			sel = s
		}
	})
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
