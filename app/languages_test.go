package app

import (
	"slices"
	"testing"
)

// Every screen of a workshop speaks the interface language: the tabs, the
// dates in the list and a label of each screen, in English, French and
// Spanish.
func TestTheMainScreensInEachLanguage(t *testing.T) {
	cases := []struct {
		code  string
		tabs  []string
		dates string
	}{
		{"en", []string{"Details", "Schedule", "Trainers", "Participants", "Attendance", "Certificates"}, "Lagos · 21–25 Nov 2022"},
		{"fr", []string{"Détails", "Programme", "Formateurs", "Participants", "Présence", "Attestations"}, "Lagos · 21–25 nov. 2022"},
		{"es", []string{"Detalles", "Programa", "Formadores", "Participantes", "Asistencia", "Certificados"}, "Lagos · 21–25 nov. 2022"},
	}
	for _, tc := range cases {
		t.Run(tc.code, func(t *testing.T) {
			useLanguage(t, tc.code)
			st, lagos, _ := twoWorkshops(t)
			c, _ := openWindow(t, st)
			c.screen.selectID(lagos.ID)
			var tabs []string
			for _, item := range c.screen.tabs.Items {
				tabs = append(tabs, item.Text)
			}
			if !slices.Equal(tabs, tc.tabs) {
				t.Errorf("tabs %v, want %v", tabs, tc.tabs)
			}
			if !hasText(c.screen.list, tc.dates) {
				t.Errorf("the workshop list does not show %q: %v", tc.dates, visibleTexts(c.screen.list))
			}
			english := map[string]bool{}
			if tc.code != "en" {
				for _, text := range englishTexts(t) {
					english[text] = true
				}
			}
			for i := range c.screen.tabs.Items {
				c.screen.tabs.SelectIndex(i)
				for _, text := range visibleTexts(c.screen.tabs.Items[i].Content) {
					if english[text] && len(text) > 12 {
						t.Errorf("%s tab %q still shows the English %q", tc.code, tabs[i], text)
					}
				}
			}
		})
	}
}

// englishTexts are the labels the screens show in English, to catch one
// left untranslated in another language.
func englishTexts(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, forms := range translationFile(t, "en") {
		out = append(out, forms...)
	}
	return out
}
