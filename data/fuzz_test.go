package data

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Validation and normalisation see whatever a user pastes: they must never
// panic, must keep text valid UTF-8, and must accept exactly what they say
// they accept.
func FuzzParticipantValidation(f *testing.F) {
	for _, seed := range [][3]string{
		{"Ọláńrewájú", "Àdìgún", "o.adigun@example.org"},
		{"\u200f\u202eأحمد", "👩🏾‍🏫", "x@y.z"},
		{strings.Repeat("é", 10000), "\x00\x07", "@@"},
		{"Ada\u200d", "O\u0323\u0300", ""},
		{"\xff\xfe", "Obi", "a b@c.de"},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	f.Fuzz(func(t *testing.T, given, family, email string) {
		p := Participant{GivenName: given, FamilyName: family, Email: email, Status: StatusApplicant}
		p.normalise()
		err := p.Validate()
		if err == nil {
			if !utf8.ValidString(p.GivenName) || !utf8.ValidString(p.FamilyName) {
				t.Fatalf("invalid UTF-8 accepted: %q %q", p.GivenName, p.FamilyName)
			}
			if utf8.RuneCountInString(p.GivenName) > MaxNameLength || hasControl(p.GivenName, false) {
				t.Fatalf("accepted a name it should refuse: %q", p.GivenName)
			}
			return
		}
		v, ok := AsValidation(err)
		if !ok || len(v.Fields) == 0 {
			t.Fatalf("a refusal that names no field: %v", err)
		}
		for _, fe := range v.Fields {
			if fe.Field == "" || fe.Key == "" || fe.Message == "" {
				t.Fatalf("an unhelpful message: %+v", fe)
			}
		}
	})
}

func FuzzFold(f *testing.F) {
	for _, seed := range []string{"Ọláńrewájú", "ÀDÌGÚN", "Ɛfua", "\xff", "ß", "İstanbul"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded := Fold(s)
		if utf8.ValidString(s) && !utf8.ValidString(folded) {
			t.Fatalf("Fold(%q) = %q is not UTF-8", s, folded)
		}
		if again := Fold(folded); utf8.ValidString(s) && again != folded {
			t.Fatalf("Fold is not stable: %q → %q → %q", s, folded, again)
		}
	})
}
