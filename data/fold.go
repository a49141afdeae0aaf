package data

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// letterFolds covers letters that carry no combining mark to strip but that
// a person typing on an English keyboard writes as plain Latin letters.
// The list covers Hausa hooked letters and the Akan and Ewe open vowels.
var letterFoldPairs = []string{"ø", "o", "đ", "d", "ł", "l", "ß", "ss", "æ", "ae", "œ", "oe", "ı", "i", "ŋ", "n", "ɓ", "b", "ɗ", "d", "ƙ", "k", "ƴ", "y",
	"ɛ", "e", "ɔ", "o", "ʋ", "v", "ƒ", "f", "ɖ", "d"}

var letterFolds = strings.NewReplacer(letterFoldPairs...)

// FoldedLetters are the letters Fold writes as others once marks are
// stripped and case lowered, each followed by what it becomes, for a
// search that folds the same way elsewhere (the venue page's script).
func FoldedLetters() []string { return slices.Clone(letterFoldPairs) }

// Fold turns text into the form searches compare: lower case, without
// accents, tone marks or dots below, so "olanrewaju" matches "Ọláńrewájú"
// and "nunez" matches "Ñúñez".
//
// It runs for every row of an import and every participant saved, so plain
// ASCII, most of what it sees, skips the Unicode work, and the rest is done
// without building a transformer chain at each call.
func Fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	decomposed := norm.NFD.String(strings.ToLower(s))
	var b strings.Builder
	b.Grow(len(decomposed))
	for _, r := range decomposed {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return letterFolds.Replace(norm.NFC.String(b.String()))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
