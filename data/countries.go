package data

import (
	"slices"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// CountryCodes lists the ISO 3166-1 alpha-2 codes Atelier accepts, in
// alphabetical order. x/text knows more two-letter regions than that:
// withdrawn codes (DD, SU, YU, UK, ZR…), groupings (UN, EZ) and reserved
// ones (AC, IC…); accepting them would put Germany or Yemen in a list
// twice. What is left is ISO 3166-1 plus Kosovo (XK), which international
// bodies use.
var CountryCodes = sync.OnceValue(func() []string {
	english := display.Regions(language.English)
	var codes []string
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.String() != code {
				continue
			}
			if r.Canonicalize() == r && r.M49() != 0 && english.Name(r) != "" {
				codes = append(codes, code)
			}
		}
	}
	return codes
})

// ValidCountry reports whether code is one of CountryCodes.
func ValidCountry(code string) bool {
	_, found := slices.BinarySearch(CountryCodes(), code)
	return found
}

// CountryName is the country's name in lang (English for a language
// Atelier does not know), or the code itself when it names no country.
func CountryName(lang Language, code string) string {
	if code == "" {
		return ""
	}
	region, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if !slices.Contains(Languages, lang) {
		lang = English
	}
	if name := display.Regions(language.Make(string(lang))).Name(region); name != "" {
		return name
	}
	return code
}
