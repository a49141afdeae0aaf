package data

import "strconv"

// Number is a count or a limit that a message writes with its digits
// grouped as the reader's language groups them (4,000,000 · 4 000 000 ·
// 4.000.000). It is given as a message's argument in place of an int where
// the figure can be large; an int stays as it is (a year, an ID, a row of
// a short list), and so does a plural message's Count, which chooses the
// form. Whoever puts a message in a language formats it with In.
type Number int

// In writes n as a reader of lang expects it: a comma between groups of
// three digits in English, a narrow no-break space (U+202F) in French, a
// dot in Spanish, as CLDR writes them. Spanish leaves a number of four
// digits whole (2000, not 2.000), as the RAE and CLDR have it.
func (n Number) In(lang Language) string {
	s := strconv.Itoa(int(n))
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	sep := ","
	switch lang {
	case French:
		sep = "\u202f"
	case Spanish:
		if len(s) <= 4 {
			return sign + s
		}
		sep = "."
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	return sign + s
}

// String is n in English, for a message no language was chosen for.
func (n Number) String() string { return n.In(English) }
