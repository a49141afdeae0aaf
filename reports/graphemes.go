package reports

import (
	"unicode"

	ucd "github.com/go-text/typesetting/unicodedata"
)

// Grapheme clusters are the letters as a reader sees them: a letter with
// its marks, a Hangul syllable typed in jamo, a flag, an emoji sequence
// joined by zero-width joiners. Cutting a name between two of them is
// what a reader would call cutting between letters. These are the rules
// of Unicode's extended grapheme clusters (UAX #29, GB1–GB13 with the
// Indic conjuncts of GB9c), over the property tables of go-text (already
// in the program for Fyne's text). Its own segmenter is not used: it
// splits the second of two emoji sequences joined by ZWJ and knows no
// conjuncts, which is how it would cut a name.

// gcb is a character's Grapheme_Cluster_Break property.
type gcb uint8

const (
	gcbOther gcb = iota
	gcbCR
	gcbLF
	gcbControl
	gcbExtend
	gcbZWJ
	gcbRegionalIndicator
	gcbPrepend
	gcbSpacingMark
	gcbL
	gcbV
	gcbT
	gcbLV
	gcbLVT
)

var gcbOfTable = map[*unicode.RangeTable]gcb{
	ucd.GraphemeBreakCR: gcbCR, ucd.GraphemeBreakLF: gcbLF, ucd.GraphemeBreakControl: gcbControl,
	ucd.GraphemeBreakExtend: gcbExtend, ucd.GraphemeBreakZWJ: gcbZWJ,
	ucd.GraphemeBreakRegional_Indicator: gcbRegionalIndicator, ucd.GraphemeBreakPrepend: gcbPrepend,
	ucd.GraphemeBreakSpacingMark: gcbSpacingMark, ucd.GraphemeBreakL: gcbL, ucd.GraphemeBreakV: gcbV,
	ucd.GraphemeBreakT: gcbT, ucd.GraphemeBreakLV: gcbLV, ucd.GraphemeBreakLVT: gcbLVT,
}

func gcbOf(r rune) gcb { return gcbOfTable[ucd.LookupGraphemeBreakClass(r)] }

// The viramas that join consonants into one conjunct (Indic_Conjunct_Break
// = Linker), and the scripts whose consonants they join (GB9c).
var (
	conjunctLinkers = map[rune]bool{0x094D: true, 0x09CD: true, 0x0ACD: true, 0x0B4D: true, 0x0C4D: true, 0x0D4D: true}
	conjunctScripts = []*unicode.RangeTable{unicode.Devanagari, unicode.Bengali, unicode.Gujarati, unicode.Oriya,
		unicode.Telugu, unicode.Malayalam}
)

// isConjunctConsonant approximates Indic_Conjunct_Break = Consonant by the
// letters of those scripts: a vowel letter after a virama does not occur
// in a name, so the approximation never joins what a reader would split.
func isConjunctConsonant(r rune) bool {
	return unicode.IsLetter(r) && unicode.In(r, conjunctScripts...)
}

// clusterState carries what the rules need to know of the characters
// before the one being looked at.
type clusterState struct {
	prev       gcb
	pictograph int  // GB11: 1 after Extended_Pictographic Extend*, 2 when a ZWJ followed
	regional   int  // GB12/13: regional indicators in a row before
	conjunct   int  // GB9c: 1 after a consonant [Extend Linker]*, 2 once a linker is among them
	started    bool // GB1: nothing before the first character
}

// breaksBefore tells whether a cluster ends before r, and takes r in.
func (s *clusterState) breaksBefore(r rune) bool {
	c := gcbOf(r)
	pict := unicode.Is(ucd.Extended_Pictographic, r)
	br := s.started && s.boundary(c, r, pict)
	s.started = true

	switch {
	case pict:
		s.pictograph = 1
	case s.pictograph == 1 && c == gcbExtend:
	case s.pictograph == 1 && c == gcbZWJ:
		s.pictograph = 2
	default:
		s.pictograph = 0
	}
	if c == gcbRegionalIndicator {
		s.regional++
	} else {
		s.regional = 0
	}
	switch {
	case isConjunctConsonant(r):
		s.conjunct = 1
	case s.conjunct > 0 && conjunctLinkers[r]:
		s.conjunct = 2
	case s.conjunct > 0 && (c == gcbExtend || c == gcbZWJ):
	default:
		s.conjunct = 0
	}
	s.prev = c
	return br
}

func (s *clusterState) boundary(c gcb, r rune, pict bool) bool {
	p := s.prev
	switch {
	case p == gcbCR && c == gcbLF: // GB3
		return false
	case p == gcbCR || p == gcbLF || p == gcbControl: // GB4
		return true
	case c == gcbCR || c == gcbLF || c == gcbControl: // GB5
		return true
	case p == gcbL && (c == gcbL || c == gcbV || c == gcbLV || c == gcbLVT): // GB6
		return false
	case (p == gcbLV || p == gcbV) && (c == gcbV || c == gcbT): // GB7
		return false
	case (p == gcbLVT || p == gcbT) && c == gcbT: // GB8
		return false
	case c == gcbExtend || c == gcbZWJ || c == gcbSpacingMark: // GB9, GB9a
		return false
	case p == gcbPrepend: // GB9b
		return false
	case s.conjunct == 2 && isConjunctConsonant(r): // GB9c
		return false
	case s.pictograph == 2 && pict: // GB11
		return false
	case c == gcbRegionalIndicator && s.regional%2 == 1: // GB12, GB13
		return false
	}
	return true // GB999
}

// cutToBytes returns the longest start of s, at most n bytes, that ends
// between two grapheme clusters. Cutting by letters alone could still
// leave more than a file name's 255 bytes (an Adlam letter takes four),
// and cutting by bytes alone could part a letter from its marks, a flag
// into two letters or a family emoji into people.
func cutToBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	var state clusterState
	end := 0
	for i, r := range s {
		if i > n {
			break
		}
		if state.breaksBefore(r) {
			end = i
		}
	}
	return s[:end]
}
