package data

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// letterFolds covers letters that carry no combining mark to strip but that
// a person typing on an English keyboard writes as plain Latin letters.
// The list covers Hausa hooked letters and the Akan and Ewe open vowels.
var letterFolds = strings.NewReplacer("ø", "o", "đ", "d", "ł", "l", "ß", "ss", "æ", "ae", "œ", "oe", "ı", "i", "ŋ", "n", "ɓ", "b", "ɗ", "d", "ƙ", "k", "ƴ", "y",
	"ɛ", "e", "ɔ", "o", "ʋ", "v", "ƒ", "f", "ɖ", "d")

// Fold turns text into the form searches compare: lower case, without
// accents, tone marks or dots below, so "olanrewaju" matches "Ọláńrewájú"
// and "nunez" matches "Ñúñez".
func Fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, strings.ToLower(s))
	if err != nil {
		out = strings.ToLower(s)
	}
	return letterFolds.Replace(out)
}
