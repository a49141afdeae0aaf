package importer

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/norm"

	"github.com/atelier-workshops/atelier/data"
)

// clean is how every cell is read: NFC, no stray or repeated spaces, no
// invisible characters that Excel and web forms leave behind.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\u00A0' || r == '\u2007' || r == '\u202F':
			return ' '
		case r == '\uFEFF' || r == '\u200B':
			return -1
		}
		return r
	}, s)
	return norm.NFC.String(strings.Join(strings.Fields(s), " "))
}

// wordKey folds a value for matching against known words.
func wordKey(s string) string { return headerKey(s) }

// countryVariants are names people write that the standard names in
// English, French and Spanish do not cover, folded.
var countryVariants = map[string]string{
	"usa": "US", "u s a": "US", "united states of america": "US", "america": "US", "etats unis d amerique": "US",
	"eeuu": "US", "ee uu": "US", "estados unidos de america": "US",
	"uk": "GB", "great britain": "GB", "britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
	"angleterre": "GB", "grande bretagne": "GB", "inglaterra": "GB", "gran bretana": "GB",
	"ivory coast": "CI", "cote d ivoire": "CI", "cote divoire": "CI", "costa de marfil": "CI",
	"drc": "CD", "dr congo": "CD", "d r congo": "CD", "democratic republic of congo": "CD", "congo kinshasa": "CD",
	"rdc": "CD", "r d congo": "CD", "rd congo": "CD", "republique democratique du congo": "CD", "rdcongo": "CD",
	"republica democratica del congo": "CD", "congo brazzaville": "CG", "republic of congo": "CG",
	"republique du congo": "CG", "congo republic": "CG",
	"cape verde": "CV", "cap vert": "CV", "swaziland": "SZ", "the gambia": "GM", "gambie": "GM",
	"guinea bissau": "GW", "guinee bissau": "GW", "sao tome": "ST", "sao tome and principe": "ST",
	"tanzania": "TZ", "burkina": "BF", "centrafrique": "CF", "car": "CF", "rca": "CF", "south korea": "KR", "korea": "KR", "north korea": "KP", "russia": "RU",
	"vietnam": "VN", "viet nam": "VN", "iran": "IR", "syria": "SY", "laos": "LA", "bolivia": "BO",
	"venezuela": "VE", "holland": "NL", "the netherlands": "NL", "czech republic": "CZ", "turkey": "TR",
	"burma": "MM", "palestine": "PS", "brasil": "BR", "mexique": "MX", "macedonia": "MK",
}

// countryIndex maps every folded country name in English, French and
// Spanish, each ISO code (two and three letters) and the variants above to
// a code of data.CountryCodes.
var countryIndex = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	namers := []display.Namer{display.Regions(language.English), display.Regions(language.French),
		display.Regions(language.Spanish)}
	for _, code := range data.CountryCodes() {
		r := language.MustParseRegion(code)
		m[strings.ToLower(code)] = code
		if iso3 := r.ISO3(); iso3 != "" {
			m[strings.ToLower(iso3)] = code
		}
		for _, n := range namers {
			if name := n.Name(r); name != "" {
				m[wordKey(name)] = code
			}
		}
	}
	for k, v := range countryVariants {
		m[k] = v
	}
	return m
})

// countryCode reads a country as people write it; ok is false when it is
// not one Atelier knows.
func countryCode(s string) (code string, ok bool) {
	k := wordKey(s)
	if k == "" {
		return "", true
	}
	if code, ok := countryIndex()[k]; ok {
		return code, true
	}
	// "Nigeria (Lagos)", "Republic of Senegal": the name without what
	// surrounds it.
	for _, drop := range []string{"republic of ", "republique du ", "republique de ", "republica de ", "the "} {
		if code, ok := countryIndex()[strings.TrimPrefix(k, drop)]; ok && strings.HasPrefix(k, drop) {
			return code, true
		}
	}
	if i := strings.IndexAny(s, "(/,"); i > 0 {
		return countryCode(s[:i])
	}
	return "", false
}

var genderWords = map[string]data.Gender{
	"f": data.GenderFemale, "female": data.GenderFemale, "woman": data.GenderFemale, "w": data.GenderFemale,
	"femme": data.GenderFemale, "feminin": data.GenderFemale, "mujer": data.GenderFemale, "femenino": data.GenderFemale,
	"mrs": data.GenderFemale, "ms": data.GenderFemale, "miss": data.GenderFemale, "mme": data.GenderFemale,
	"mlle": data.GenderFemale, "madame": data.GenderFemale, "sra": data.GenderFemale, "senora": data.GenderFemale,
	"m": data.GenderMale, "male": data.GenderMale, "man": data.GenderMale, "h": data.GenderMale,
	"homme": data.GenderMale, "masculin": data.GenderMale, "hombre": data.GenderMale, "masculino": data.GenderMale,
	"mr": data.GenderMale, "monsieur": data.GenderMale, "sr": data.GenderMale, "senor": data.GenderMale, "v": data.GenderMale,
	"varon": data.GenderMale,
	"other": data.GenderOther, "autre": data.GenderOther, "otro": data.GenderOther, "otra": data.GenderOther,
	"non binary": data.GenderOther, "non binaire": data.GenderOther, "no binario": data.GenderOther,
	"x":                 data.GenderOther,
	"prefer not to say": data.GenderUnspecified, "ne souhaite pas repondre": data.GenderUnspecified,
	"prefiero no decirlo": data.GenderUnspecified, "n a": data.GenderUnspecified, "na": data.GenderUnspecified,
}

func genderOf(s string) (data.Gender, bool) {
	k := wordKey(s)
	if k == "" {
		return data.GenderUnspecified, true
	}
	g, ok := genderWords[k]
	return g, ok
}

var yesNoWords = map[string]bool{
	"yes": true, "y": true, "true": true, "1": true, "x": true, "oui": true, "o": true, "vrai": true,
	"si": true, "s": true, "verdadero": true, "awarded": true, "accordee": true, "accorde": true, "otorgada": true,
	"no": false, "n": false, "false": false, "0": false, "non": false, "faux": false, "falso": false,
	"none": false, "aucune": false, "ninguna": false,
}

// yesNo reads yes or no in English, French or Spanish; a blank is no.
func yesNo(s string) (yes, ok bool) {
	k := wordKey(s)
	if k == "" {
		return false, true
	}
	if strings.TrimSpace(s) == "✓" || strings.TrimSpace(s) == "✔" {
		return true, true
	}
	yes, ok = yesNoWords[k]
	return yes, ok
}

var languageWords = map[string]data.Language{
	"en": data.English, "eng": data.English, "english": data.English, "anglais": data.English, "ingles": data.English,
	"fr": data.French, "fra": data.French, "fre": data.French, "french": data.French, "francais": data.French,
	"frances": data.French,
	"es":      data.Spanish, "spa": data.Spanish, "esp": data.Spanish, "spanish": data.Spanish, "espagnol": data.Spanish,
	"espanol": data.Spanish, "castellano": data.Spanish,
}

// languageOf reads the first language named: "French, English" is French.
func languageOf(s string) (data.Language, bool) {
	words := strings.Fields(wordKey(s))
	if len(words) == 0 {
		return "", true
	}
	for _, w := range words {
		if l, ok := languageWords[w]; ok {
			return l, true
		}
	}
	return "", false
}

var statusWords = map[string]data.Status{
	"applicant": data.StatusApplicant, "applied": data.StatusApplicant, "candidat": data.StatusApplicant,
	"candidate": data.StatusApplicant, "candidature": data.StatusApplicant, "solicitante": data.StatusApplicant,
	"candidato": data.StatusApplicant, "candidata": data.StatusApplicant, "postulante": data.StatusApplicant,
	"selected": data.StatusSelected, "selectionne": data.StatusSelected, "selectionnee": data.StatusSelected,
	"seleccionado": data.StatusSelected, "seleccionada": data.StatusSelected,
	"waitlisted": data.StatusWaitlisted, "waiting list": data.StatusWaitlisted, "wait list": data.StatusWaitlisted,
	"liste d attente": data.StatusWaitlisted, "en attente": data.StatusWaitlisted, "lista de espera": data.StatusWaitlisted,
	"en espera": data.StatusWaitlisted,
	"confirmed": data.StatusConfirmed, "confirme": data.StatusConfirmed, "confirmee": data.StatusConfirmed,
	"confirmado": data.StatusConfirmed, "confirmada": data.StatusConfirmed,
	"withdrawn": data.StatusWithdrawn, "withdrew": data.StatusWithdrawn, "retire": data.StatusWithdrawn,
	"retiree": data.StatusWithdrawn, "desiste": data.StatusWithdrawn, "desistee": data.StatusWithdrawn,
	"retirado": data.StatusWithdrawn, "retirada": data.StatusWithdrawn, "cancelled": data.StatusWithdrawn,
	"annule": data.StatusWithdrawn, "cancelado": data.StatusWithdrawn,
}

func statusOf(s string) (data.Status, bool) {
	k := wordKey(s)
	if k == "" {
		return data.StatusApplicant, true
	}
	st, ok := statusWords[k]
	return st, ok
}

// splitFullName splits "Ọláńrewájú Àdìgún" into given and family names.
// "DIALLO Aïssatou" (family name in capitals, as French lists write it) and
// "Diallo, Aïssatou" put the family name first.
func splitFullName(s string) (given, family string) {
	if before, after, ok := strings.Cut(s, ","); ok {
		return strings.TrimSpace(after), strings.TrimSpace(before)
	}
	words := strings.Fields(s)
	if len(words) < 2 {
		return "", s
	}
	var caps, rest []string
	for _, w := range words {
		if isCapitals(w) {
			caps = append(caps, w)
		} else {
			rest = append(rest, w)
		}
	}
	if len(caps) > 0 && len(rest) > 0 {
		return strings.Join(rest, " "), strings.Join(caps, " ")
	}
	return strings.Join(words[:len(words)-1], " "), words[len(words)-1]
}

// isCapitals: a word of at least two letters, all of them capitals.
func isCapitals(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}
