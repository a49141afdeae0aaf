package app

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/importer"
	"github.com/atelier-workshops/atelier/say"
)

func TestDateRanges(t *testing.T) {
	d := data.NewDate
	cases := []struct {
		start, end data.Date
		en, fr, es string
	}{
		{d(2022, 11, 21), d(2022, 11, 25), "21–25 Nov 2022", "21–25 nov. 2022", "21–25 nov. 2022"},
		{d(2022, 11, 28), d(2022, 12, 2), "28 Nov – 2 Dec 2022", "28 nov. – 2 déc. 2022", "28 nov. – 2 dic. 2022"},
		{d(2022, 12, 30), d(2023, 1, 3), "30 Dec 2022 – 3 Jan 2023", "30 déc. 2022 – 3 janv. 2023", "30 dic. 2022 – 3 ene. 2023"},
		{d(2024, 8, 1), d(2024, 8, 1), "1 Aug 2024", "1er août 2024", "1 ago. 2024"},
		{d(2024, 8, 1), data.Date{}, "1 Aug 2024", "1er août 2024", "1 ago. 2024"},
		{data.Date{}, data.Date{}, "", "", ""},
	}
	for _, code := range uiLanguages {
		useLanguage(t, code)
		for _, c := range cases {
			want := map[string]string{"en": c.en, "fr": c.fr, "es": c.es}[code]
			if got := formatDateRange(c.start, c.end); got != want {
				t.Errorf("%s: %v – %v = %q, want %q", code, c.start, c.end, got, want)
			}
		}
	}
}

func TestDatePlaceholderFollowsTheEntryLayout(t *testing.T) {
	useLanguage(t, "fr")
	want := map[string]string{"02/01/2006": "JJ/MM/AAAA", "01/02/2006": "MM/JJ/AAAA", "2006-01-02": "AAAA-MM-JJ", "02.01.2006": "JJ.MM.AAAA"}
	if got := datePlaceholder(); got != want[dateEntryLayout()] {
		t.Errorf("placeholder %q for layout %q", got, dateEntryLayout())
	}
}

func TestCountriesSortInEachLanguage(t *testing.T) {
	fr := countriesIn(data.French)
	if fr.byCode["CI"] != "Côte d’Ivoire" || fr.byName["Sénégal"] != "SN" {
		t.Errorf("French names: CI %q, Sénégal → %q", fr.byCode["CI"], fr.byName["Sénégal"])
	}
	// Accented initials sort with their letter, not after Z.
	egypt, spain, zambia := slices.Index(fr.names, "Égypte"), slices.Index(fr.names, "Espagne"), slices.Index(fr.names, "Zambie")
	if egypt < 0 || spain < 0 || zambia < 0 || egypt > spain || egypt > zambia {
		t.Errorf("French order: Égypte %d, Espagne %d, Zambie %d", egypt, spain, zambia)
	}
	for _, l := range data.Languages {
		for _, name := range countriesIn(l).names {
			if regexp.MustCompile(`\([A-Z]{2}\)$`).MatchString(name) {
				t.Errorf("%s: two countries share the name %q", l, name)
			}
		}
	}
	es := countriesIn(data.Spanish)
	if es.byCode["NG"] != "Nigeria" || es.byCode["DE"] != "Alemania" || len(es.names) != len(data.CountryCodes()) {
		t.Errorf("Spanish: NG %q, DE %q, %d names", es.byCode["NG"], es.byCode["DE"], len(es.names))
	}
}

// A list's limit is said in the interface language with its digits grouped
// as that language groups them, in a dialog (words) and under a field
// (fieldMessage) alike.
func TestLimitsGroupDigitsInTheInterfaceLanguage(t *testing.T) {
	long := "Nom;Prénom\nDiallo;" + strings.Repeat("a", importer.MaxCellLength+1) + "\n"
	_, err := importer.OpenReader("long.csv", strings.NewReader(long))
	var fe data.FieldError
	if !errors.As(err, &fe) {
		t.Fatalf("not refused with a field error: %v", err)
	}
	for code, want := range map[string]string{"en": "32,767", "fr": "32\u202f767", "es": "32.767"} {
		useLanguage(t, code)
		if got := words(say.Of(err, say.Reading)); !strings.Contains(got, want) {
			t.Errorf("%s: %q does not say %q", code, got, want)
		}
		if got := fieldMessage(fe, "long.csv"); !strings.Contains(got, want) {
			t.Errorf("%s: %q does not say %q", code, got, want)
		}
	}
}
