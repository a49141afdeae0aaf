package app

import (
	"strconv"
	"strings"

	"github.com/atelier-workshops/atelier/data"
)

// A participant's status, gender and grant in words, and grant amounts as
// typed and shown.

func statusName(s data.Status) string { return named("participants.status.", s, "") }

func grantFilterName(g data.GrantFilter) string { return named("participants.grants.", g, "any") }

func genderName(g data.Gender) string { return named("participants.gender.", g, "unspecified") }

// parseAmount reads "850", "850.50" or "850,50" into minor units.
func parseAmount(s string) (int64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if s == "" {
		return 0, true
	}
	s = strings.Replace(s, ",", ".", 1)
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 || whole == "" && frac == "" {
		return 0, false
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err1 := strconv.ParseInt(whole+frac, 10, 64)
	if err1 != nil || w < 0 {
		return 0, false
	}
	return w, true
}

// formatAmount writes an amount in minor units with the decimal separator
// of the interface language (850.50 in English, 850,50 in French and
// Spanish). It leaves out thousands separators, whose signs differ between
// the languages, so that whatever it writes parseAmount reads back.
func formatAmount(minor int64) string {
	if minor == 0 {
		return ""
	}
	if minor%100 == 0 {
		return strconv.FormatInt(minor/100, 10)
	}
	sep := "."
	if uiLanguage() != data.English {
		sep = ","
	}
	return strconv.FormatInt(minor/100, 10) + sep + strconv.FormatInt(100+minor%100, 10)[1:]
}

// personStatus is a participant's status as said of them: in French and
// Spanish the word agrees with a woman or a man ("Confirmée", "Confirmada");
// for anyone whose gender is not given, or other, it is statusName's
// wording, which needs no agreement ("Participation confirmée").
func personStatus(s data.Status, g data.Gender) string {
	switch g {
	case data.GenderFemale:
		return named("participants.status.female.", s, "")
	case data.GenderMale:
		return named("participants.status.male.", s, "")
	}
	return statusName(s)
}
