package reports

import (
	"strings"
	"sync"

	"golang.org/x/text/unicode/bidi"
	"golang.org/x/text/unicode/norm"
)

// Names in Arabic or Hebrew script: the PDF library draws characters one
// after the other, left to right, each in the shape it has standing alone.
// A name such as يوسف العمراني would print backwards with every letter
// cut off from its neighbours, which is a misprinted name. So before such
// text is drawn its Arabic letters take the form their neighbours call for
// (the font's presentation forms, as a word processor would choose), and
// the text is put in the order it is seen in, by the Unicode bidirectional
// algorithm. PDF readers put such glyphs back in reading order when text
// is copied or searched, as they do for a word processor's PDF; poppler's
// pdftotext reads the name back as typed, in presentation forms.

// inRightToLeftBlock is a quick test for the blocks of right-to-left
// scripts, so that Latin text pays nearly nothing.
func inRightToLeftBlock(r rune) bool {
	return (r >= 0x0590 && r <= 0x08FF) || (r >= 0xFB1D && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFF) || isAdlam(r)
}

// hasRightToLeft reports whether s holds a letter written right to left.
func hasRightToLeft(s string) bool {
	for _, r := range s {
		if inRightToLeftBlock(r) {
			if props, _ := bidi.LookupRune(r); props.Class() == bidi.R || props.Class() == bidi.AL {
				return true
			}
		}
	}
	return false
}

// visual is s (made printable) as it is drawn: shaped and in visual order.
// Text without right-to-left letters comes back as it is.
func visual(s string) string {
	if !hasRightToLeft(s) {
		return s
	}
	return visualOrder(shapeArabic(s))
}

// arabicForms are the contextual forms of a letter; zero where Unicode has
// none.
type arabicForms struct{ isolated, final, initial, medial rune }

// joinsBoth tells a letter that connects on both sides (beh, seen, lam)
// from one that connects only to the letter before it (alef, dal, waw).
func (f arabicForms) joinsBoth() bool { return f.initial != 0 }

// arabicLetterForms maps each Arabic letter to its presentation forms. It
// is read off Unicode itself rather than typed in: each presentation form
// decomposes (NFKC) to its letter, and Unicode lists a letter's forms
// together in the order isolated, final, initial, medial. Two forms mean
// a letter that joins only to the one before it.
var arabicLetterForms = sync.OnceValue(func() map[rune]arabicForms {
	out := map[rune]arabicForms{}
	collect := func(first, last rune) {
		var group []rune
		var letter rune
		flush := func() {
			if _, seen := out[letter]; letter == 0 || seen {
				group = nil
				return
			}
			// A letter with one form (hamza) joins nothing and is drawn as
			// it is.
			switch len(group) {
			case 2:
				out[letter] = arabicForms{isolated: group[0], final: group[1]}
			case 4:
				out[letter] = arabicForms{isolated: group[0], final: group[1], initial: group[2], medial: group[3]}
			}
			group = nil
		}
		for r := first; r <= last; r++ {
			base := []rune(norm.NFKC.String(string(r)))
			if len(base) != 1 || base[0] == r || base[0] < 0x0600 || base[0] > 0x06FF {
				flush()
				letter = 0
				continue
			}
			if base[0] != letter {
				flush()
				letter = base[0]
			}
			group = append(group, r)
		}
		flush()
	}
	// Forms-B first: it holds the letters of Arabic itself. In Forms-A,
	// U+FBE8 and U+FBE9 are alef maksura's initial and medial forms alone,
	// which the rule above would take for isolated and final; alef maksura
	// is already known from Forms-B by then and is skipped.
	collect(0xFE70, 0xFEFF)
	collect(0xFB50, 0xFDFF)
	return out
})

// lamAlef are the ligatures lam makes with a following alef (isolated,
// final), which Arabic writing requires.
var lamAlef = map[rune][2]rune{
	0x0622: {0xFEF5, 0xFEF6}, // alef with madda above
	0x0623: {0xFEF7, 0xFEF8}, // alef with hamza above
	0x0625: {0xFEF9, 0xFEFA}, // alef with hamza below
	0x0627: {0xFEFB, 0xFEFC}, // alef
}

const (
	tatweel = 0x0640 // the kashida, which joins on both sides and has no forms
	zwj     = 0x200D
	lam     = 0x0644
)

// joinsToNext reports whether r connects to the letter after it.
func joinsToNext(r rune) bool {
	if r == tatweel || r == zwj {
		return true
	}
	f, ok := arabicLetterForms()[r]
	return ok && f.joinsBoth()
}

// joinsToPrevious reports whether r connects to the letter before it:
// every letter with forms does.
func joinsToPrevious(r rune) bool {
	_, ok := arabicLetterForms()[r]
	return ok || r == tatweel || r == zwj
}

// shapeArabic gives each Arabic letter of s, in logical order, the form its
// neighbours call for; marks (harakat) are transparent to joining. A form
// the embedded font cannot draw leaves the letter as it was.
func shapeArabic(s string) string {
	runes := []rune(s)
	// neighbour finds the nearest letter from i in step direction, over marks.
	neighbour := func(i, step int) rune {
		for j := i + step; j >= 0 && j < len(runes); j += step {
			if !isMark(runes[j]) {
				return runes[j]
			}
		}
		return 0
	}
	choose := func(r rune) rune {
		if drawable(r) {
			return r
		}
		return 0
	}
	var b strings.Builder
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		forms, ok := arabicLetterForms()[r]
		if !ok {
			b.WriteRune(r)
			continue
		}
		joinedBefore := joinsToNext(neighbour(i, -1))
		if r == lam {
			if next := i + 1; next < len(runes) {
				if ligature, ok := lamAlef[runes[next]]; ok {
					form := ligature[0]
					if joinedBefore {
						form = ligature[1]
					}
					if form = choose(form); form != 0 {
						b.WriteRune(form)
						i = next
						continue
					}
				}
			}
		}
		joinedAfter := forms.joinsBoth() && joinsToPrevious(neighbour(i, 1))
		var form rune
		switch {
		case joinedBefore && joinedAfter:
			form = forms.medial
		case joinedBefore:
			form = forms.final
		case joinedAfter:
			form = forms.initial
		default:
			form = forms.isolated
		}
		if form = choose(form); form == 0 {
			form = r
		}
		b.WriteRune(form)
	}
	return b.String()
}

// explicitFormatting are the bidi classes of the invisible direction
// controls; they are left out of the drawing (they have no glyphs), and
// without them no text is nested deeper than the levels visualOrder knows.
func explicitFormatting(c bidi.Class) bool {
	switch c {
	case bidi.LRE, bidi.RLE, bidi.LRO, bidi.RLO, bidi.PDF, bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI:
		return true
	}
	return false
}

// visualOrder puts one line of text in the order it is seen in, by the
// Unicode bidirectional algorithm: the paragraph direction from the first
// strong letter, levels resolved by golang.org/x/text/unicode/bidi. That
// package gives runs of even or odd level in logical order; with no
// explicit embeddings a line has at most levels 0 to 2, which is enough to
// tell the levels from the runs (see levelOf) and reverse them (rule L2).
// Combining marks stay after their letter, as the drawing expects.
func visualOrder(s string) string {
	s = strings.Map(func(r rune) rune {
		if props, _ := bidi.LookupRune(r); explicitFormatting(props.Class()) {
			return -1
		}
		return r
	}, s)
	var p bidi.Paragraph
	if _, err := p.SetString(s); err != nil {
		return s
	}
	order, err := p.Order()
	if err != nil || order.NumRuns() == 0 {
		return s
	}
	rightToLeft := firstStrongIsRightToLeft(s)
	type piece struct {
		runes []rune
		level int
	}
	var pieces []piece
	for i := 0; i < order.NumRuns(); i++ {
		run := order.Run(i)
		runes := []rune(run.String())
		odd := run.Direction() == bidi.RightToLeft
		switch {
		case rightToLeft && odd:
			pieces = append(pieces, piece{runes, 1})
		case rightToLeft:
			pieces = append(pieces, piece{runes, 2})
		case odd:
			pieces = append(pieces, piece{runes, 1})
		case len(pieces) > 0 && pieces[len(pieces)-1].level == 1:
			// In a left-to-right line, numbers right after right-to-left
			// text are at level 2 and read with it; the rest is level 0.
			n := leadingNumberLength(runes)
			if n > 0 {
				pieces = append(pieces, piece{runes[:n], 2})
			}
			if n < len(runes) {
				pieces = append(pieces, piece{runes[n:], 0})
			}
		default:
			pieces = append(pieces, piece{runes, 0})
		}
	}
	// Rule L2: from the highest level down to 1, reverse every stretch of
	// pieces at that level or above.
	reverse := func(ps []piece) {
		for i, j := 0, len(ps)-1; i < j; i, j = i+1, j-1 {
			ps[i], ps[j] = ps[j], ps[i]
		}
		for k := range ps {
			ps[k].runes = reversedClusters(ps[k].runes)
		}
	}
	for level := 2; level >= 1; level-- {
		for start := 0; start < len(pieces); {
			if pieces[start].level < level {
				start++
				continue
			}
			end := start
			for end < len(pieces) && pieces[end].level >= level {
				end++
			}
			reverse(pieces[start:end])
			start = end
		}
	}
	var b strings.Builder
	for _, pc := range pieces {
		b.WriteString(string(pc.runes))
	}
	return b.String()
}

// firstStrongIsRightToLeft is rule P2: a paragraph takes the direction of
// its first strong letter.
func firstStrongIsRightToLeft(s string) bool {
	for _, r := range s {
		props, _ := bidi.LookupRune(r)
		switch props.Class() {
		case bidi.L:
			return false
		case bidi.R, bidi.AL:
			return true
		}
	}
	return false
}

// leadingNumberLength is how many runes at the start of runes form a
// number (digits with the separators between them).
func leadingNumberLength(runes []rune) int {
	n := 0
	for i, r := range runes {
		props, _ := bidi.LookupRune(r)
		switch props.Class() {
		case bidi.EN, bidi.AN:
			n = i + 1
		case bidi.ES, bidi.CS, bidi.ET, bidi.NSM:
		default:
			return n
		}
	}
	return n
}

// reversedClusters reverses runes letter by letter, keeping each letter's
// combining marks after it, and mirrors brackets.
func reversedClusters(runes []rune) []rune {
	out := make([]rune, 0, len(runes))
	for end := len(runes); end > 0; {
		start := end - 1
		for start > 0 && isMark(runes[start]) {
			start--
		}
		out = append(out, mirrored(runes[start]))
		out = append(out, runes[start+1:end]...)
		end = start
	}
	return out
}

// mirrored is the character drawn for r at a right-to-left level (rule
// L4): a bracket or quote facing the other way. The font has no mirrored
// glyphs, so the mirror character stands in, as in every bidi renderer.
func mirrored(r rune) rune {
	pairs := []rune("()[]{}<>«»‹›")
	for i, p := range pairs {
		if p == r {
			return pairs[i^1]
		}
	}
	return r
}
