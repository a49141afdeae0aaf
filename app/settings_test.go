package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	if !hasRichText(topDialog(c), "a participant's certificate and letters are written in the language chosen on their sheet, or in the workshop's when none is") {
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

// On a 1024×600 netbook (a window of 1024×560), in each language, the
// settings open whole inside the window with Close below the last
// section, not over it: in French they once stood taller than the window
// and Close covered the mail account's button. Each says what follows
// the interface language and what does not, letters and badges included.
func TestTheSettingsFitANetbookInEachLanguage(t *testing.T) {
	for code, want := range map[string]struct{ close, account, letters string }{
		"en": {"Close", "Mail account…", "a participant's certificate and letters are written in the language chosen on their sheet"},
		"fr": {"Fermer", "Compte de courrier…", "l’attestation et les lettres d’un participant sont rédigées dans la langue choisie sur sa fiche"},
		"es": {"Cerrar", "Cuenta de correo…", "el certificado y las cartas de un participante se redactan en el idioma elegido en su ficha"},
	} {
		st, lagos, _ := twoWorkshops(t)
		c, _ := openAt(t, code, st, lagos.ID)
		c.win.Resize(fyne.NewSize(1024, 560))
		c.showSettings()
		d := topDialog(c)
		if !hasRichText(d, want.letters) {
			t.Errorf("%s: the settings do not say what letters follow", code)
		}
		pos := func(o fyne.CanvasObject) fyne.Position {
			return fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
		}
		closeButton, account := findButton(d, want.close), findButton(d, want.account)
		if closeButton == nil || account == nil {
			t.Fatalf("%s: no %q or no %q", code, want.close, want.account)
		}
		if bottom := pos(closeButton).Y + closeButton.Size().Height; bottom > 560 {
			t.Errorf("%s: Close ends at %.0f, below the window's 560", code, bottom)
		}
		// What shows of the settings ends above Close: the scroll they are
		// in, or the last button when they do not scroll.
		last := fyne.CanvasObject(account)
		walk(d, func(o fyne.CanvasObject) {
			if s, ok := o.(*container.Scroll); ok {
				last = s
			}
		})
		if end := pos(last).Y + last.Size().Height; end > pos(closeButton).Y {
			t.Errorf("%s: the settings end at %.0f, under Close at %.0f", code, end, pos(closeButton).Y)
		}
		c.win.Canvas().Overlays().Remove(d)
	}
}

// In French, Fyne's column of places was narrower than “Dossier
// personnel”, whose end it cut: each place's name now ends inside the
// column, on a netbook's window too.
func TestTheFileDialogsPlacesAreWholeInFrench(t *testing.T) {
	useLanguage(t, "fr")
	st, _, _ := twoWorkshops(t)
	c, _ := openWindow(t, st)
	c.win.Resize(fyne.NewSize(1024, 560))
	c.showOpenDialog()
	pos := func(o fyne.CanvasObject) fyne.Position {
		return fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	}
	found := 0
	eachList(topDialog(c).(*widget.PopUp).Content, func(l *widget.List) {
		walk(l, func(o fyne.CanvasObject) {
			if label, ok := o.(*widget.Label); ok && (label.Text == "Dossier personnel" || label.Text == "Ordinateur") {
				found++
				if end, edge := pos(label).X+label.MinSize().Width, pos(l).X+l.Size().Width; end > edge {
					t.Errorf("“%s” ends at %.0f, the column at %.0f", label.Text, end, edge)
				}
			}
		})
	})
	if found != 2 {
		t.Errorf("found %d of the two places: %q", found, visibleTexts(topDialog(c)))
	}
}
