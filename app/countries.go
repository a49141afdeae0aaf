package app

import (
	"slices"
	"sync"

	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/atelier-workshops/atelier/data"
)

// countryList is the country picker's content in one language: names
// sorted as that language sorts them, each tied to its code.
type countryList struct {
	names  []string
	byName map[string]string
	byCode map[string]string
}

var (
	countryListsMu sync.Mutex
	countryLists   = map[data.Language]*countryList{}
)

// countriesIn returns the country list for a language, built once.
func countriesIn(l data.Language) *countryList {
	countryListsMu.Lock()
	defer countryListsMu.Unlock()
	if cl, ok := countryLists[l]; ok {
		return cl
	}
	tag := language.Make(string(l))
	namer := display.Regions(tag)
	english := display.Regions(language.English)
	cl := &countryList{byName: map[string]string{}, byCode: map[string]string{}}
	for _, code := range data.CountryCodes() {
		region := language.MustParseRegion(code)
		name := namer.Name(region)
		if name == "" {
			name = english.Name(region)
		}
		if name == "" {
			name = code
		}
		if _, taken := cl.byName[name]; taken {
			name += " (" + code + ")" // a picker cannot offer two identical options
		}
		cl.names = append(cl.names, name)
		cl.byName[name] = code
		cl.byCode[code] = name
	}
	coll := collate.New(tag)
	slices.SortFunc(cl.names, coll.CompareString)
	countryLists[l] = cl
	return cl
}

// show selects code's country in sel, or none for a code the list does
// not hold (an empty one).
func (cl *countryList) show(sel *widget.Select, code string) {
	if name, ok := cl.byCode[code]; ok {
		sel.SetSelected(name)
	} else {
		sel.ClearSelected()
	}
}

// countryName names a country in the interface language; unknown codes
// are shown as they are.
func countryName(code string) string {
	if name, ok := countriesIn(uiLanguage()).byCode[code]; ok {
		return name
	}
	return code
}
