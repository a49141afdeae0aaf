package data

import (
	"fmt"
	"strconv"
	"strings"
)

// KindLetter is the kind word of a letter's signed text.
const KindLetter = "letter"

// The labels of a letter's signed text (see signing.go) beyond those of
// certificates (Name, Place, Dates). Labels are English and fixed; the
// values are in the letter's language, but for Purpose, which names the
// kind in fixed English words so that every verifier can say what the
// letter is for.
const (
	LabelPurpose        = "Purpose"
	LabelWorkshop       = "Workshop"
	LabelNationality    = "Nationality"
	LabelBorn           = "Born"
	LabelPassport       = "Passport"
	LabelPassportExpiry = "Passport expiry"
	LabelStay           = "Stay"
	LabelGrant          = "Grant"
	LabelCovers         = "Covers"
	LabelSessions       = "Sessions"
	LabelIssued         = "Issued"
)

// letterPurpose names each kind in a signed text.
var letterPurpose = map[LetterKind]string{
	LetterVisa: "Visa invitation", LetterAward: "Grant award", LetterAttendance: "Attendance",
}

// LetterKindOf reads the kind of a letter from its signed Purpose.
func LetterKindOf(d Document) (LetterKind, bool) {
	for k, p := range letterPurpose {
		if d.Kind == KindLetter && d.Field(LabelPurpose) == p {
			return k, true
		}
	}
	return "", false
}

// LetterFacts is what a letter says, in its language: what its signature
// covers and what its wording's placeholders are filled with. It is worked
// out in data, from the participant, the workshop and the attendance, so
// that what is signed and what is printed are the same.
type LetterFacts struct {
	Kind       LetterKind
	Language   Language
	Name       string // as printed: the name on the certificate
	Workshop   string // the title in the letter's language
	Theme      string
	City       string
	Country    string // ISO
	Venue      string
	Start, End Date
	IssuedOn   Date
	Organiser  string // the first organiser's name

	// Visa invitation.
	Nationality     string // ISO
	BirthDate       Date
	Passport        string
	PassportExpiry  Date
	Arrival, Depart Date // the stay: the travel dates, or the workshop's when not known

	// Grant award.
	Grant Grant

	// Attendance.
	Attended, Counted, Minutes int
}

// Place is where the workshop is, as signed texts say it.
func (f LetterFacts) Place() string { return PlaceText(f.City, f.Country, f.Language) }

// LetterDocument is what a letter's signature covers, by kind.
func LetterDocument(serial string, f LetterFacts) Document {
	fields := []SignedField{{LabelPurpose, letterPurpose[f.Kind]}, {LabelName, f.Name}}
	switch f.Kind {
	case LetterVisa:
		fields = append(fields, SignedField{LabelNationality, CountryName(f.Language, f.Nationality)},
			SignedField{LabelBorn, f.BirthDate.String()}, SignedField{LabelPassport, f.Passport},
			SignedField{LabelPassportExpiry, f.PassportExpiry.String()},
			SignedField{LabelStay, DatesText(f.Arrival, f.Depart)})
	case LetterAward:
		fields = append(fields, SignedField{LabelGrant, MoneyText(f.Grant.AmountMinor, f.Grant.Currency)},
			SignedField{LabelCovers, strings.Join(GrantCovers(f.Grant, f.Language), ", ")})
	case LetterAttendance:
		fields = append(fields, SignedField{LabelSessions, SessionsText(f.Attended, f.Counted, f.Language)})
	}
	fields = append(fields, SignedField{LabelWorkshop, f.Workshop}, SignedField{LabelPlace, f.Place()},
		SignedField{LabelDates, DatesText(f.Start, f.End)}, SignedField{LabelIssued, f.IssuedOn.String()})
	return Document{Kind: KindLetter, Serial: serial, Fields: fields}
}

// MoneyText writes an amount in its currency's minor units the same way in
// every language, as signed texts do: "USD 850.00", "NGN 320,000.00".
func MoneyText(minor int64, currency string) string {
	if minor == 0 && currency == "" {
		return ""
	}
	whole := strconv.FormatInt(minor/100, 10)
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(fmt.Sprintf("%s %s.%02d", currency, b.String(), minor%100))
}

// coverWords name what a grant covers: travel, accommodation, per diem.
var coverWords = map[Language][3]string{
	English: {"travel", "accommodation", "per diem"},
	French:  {"voyage", "hébergement", "indemnités journalières"},
	Spanish: {"viaje", "alojamiento", "viáticos"},
}

// GrantCovers names what a grant covers in lang.
func GrantCovers(g Grant, lang Language) []string {
	words, ok := coverWords[lang]
	if !ok {
		words = coverWords[English]
	}
	var out []string
	for i, on := range []bool{g.Travel, g.Accommodation, g.PerDiem} {
		if on {
			out = append(out, words[i])
		}
	}
	return out
}

// SessionsText says how many sessions of those that count were attended,
// in lang: "14 of 16", "14 sur 16", "14 de 16".
func SessionsText(attended, counted int, lang Language) string {
	of := map[Language]string{French: "sur", Spanish: "de"}[lang]
	if of == "" {
		of = "of"
	}
	return fmt.Sprintf("%d %s %d", attended, of, counted)
}
