package app

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// fyneKeys are the words Fyne 2.7's own widgets look up (lang.L and
// lang.X in its dialog and widget packages): its dialogs' buttons, the
// file dialog's, an entry's menu, and the weekdays of its date picker.
var fyneKeys = []string{"Advanced", "Cancel", "Confirm", "Copy", "Create Folder", "Cut", "Enter filename", "Error",
	"File", "Folder", "New Folder", "No", "OK", "Open", "Paste", "Quit", "Redo", "Save", "Select all",
	"Show Hidden Files", "Undo", "Yes", "file.name", "file.parent",
	"monday", "monday.short", "tuesday", "tuesday.short", "wednesday", "wednesday.short", "thursday",
	"thursday.short", "friday", "friday.short", "saturday", "saturday.short", "sunday", "sunday.short"}

// Every word Fyne's widgets look up is there in French and Spanish, from
// Fyne's translations or, where they lack it, Atelier's (assets/fyne):
// Fyne 2.7 has no French weekdays, so its date picker, on the Details tab
// and in New workshop, headed its columns MON TUE… in the French
// interface.
func TestFynesOwnWordsAreInEachLanguage(t *testing.T) {
	const missing = "\x00"
	for _, code := range []string{"fr", "es"} {
		useLanguage(t, code)
		for _, key := range fyneKeys {
			if lang.X(key, missing) == missing {
				t.Errorf("%s: Fyne's %q has no translation", code, key)
			}
		}
	}
	useLanguage(t, "fr")
	cal := widget.NewCalendar(time.Date(2026, time.December, 2, 0, 0, 0, 0, time.UTC), func(time.Time) {})
	w := test.NewWindow(cal)
	defer w.Close()
	texts := visibleTexts(w.Content())
	if !slices.Contains(texts, "LUN") || slices.Contains(texts, "MON") {
		t.Errorf("the French date picker says %q", texts)
	}
}
