package reports

import "strings"

// Paragraphs are wrapped at spaces by our own measure: fpdf's SplitText
// breaks between a letter and its combining mark.

// paragraph draws s wrapped to width w from the top-left corner (x, y)
// with lines lineH apart, and returns the y below the last line.
func (d *document) paragraph(x, y, w, lineH float64, s string) float64 {
	for _, line := range d.lines(s, w) {
		_, size := d.GetFontSize()
		d.text(x, y+size*0.8, line)
		y += lineH
	}
	return y
}

// lines splits s at spaces into lines no wider than w in the current
// font; a word wider than w gets a line of its own and is never broken.
// (fpdf's SplitText breaks between a letter and its combining mark.)
func (d *document) lines(s string, w float64) []string {
	s = printable(s)
	if hasRightToLeft(s) || d.slantedLacks(s) {
		return d.linesMeasuredWhole(s, w)
	}
	// Each word is measured once and a line's width is the sum of its
	// words' and spaces': the font's widths are whole units added glyph by
	// glyph, so the sum is exactly what measuring the line would give.
	// Measuring every longer line again made wrapping a letter's text
	// cost as much as drawing it.
	_, size := d.GetFontSize()
	space := d.GetStringSymbolWidth(" ")
	var out []string
	line, units := "", 0
	for _, word := range breakable(s) {
		wordUnits := d.GetStringSymbolWidth(word)
		switch {
		case line == "":
			line, units = word, wordUnits
		case float64(units+space+wordUnits)*size/1000 <= w:
			line += " " + word
			units += space + wordUnits
		default:
			out = append(out, line)
			line, units = word, wordUnits
		}
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}

// linesMeasuredWhole is lines for text whose width is not the sum of its
// words' (shaped right-to-left letters, or a slanted face switched for
// upright while some of the text is drawn): each line is measured whole.
func (d *document) linesMeasuredWhole(s string, w float64) []string {
	return greedyLines(s, func(line string) bool { return d.measure(line) <= w })
}

// greedyLines cuts s at its break points (breakable) into lines, each
// taking words while fits says the line may be that long; a word too long
// for any line has one of its own.
func greedyLines(s string, fits func(line string) bool) []string {
	var out []string
	line := ""
	for _, word := range breakable(s) {
		switch {
		case line == "":
			line = word
		case fits(line + " " + word):
			line += " " + word
		default:
			out = append(out, line)
			line = word
		}
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}

// breakable splits text at the spaces a line may break at; a no-break
// space (French "Salle : Auditorium") keeps its words together.
func breakable(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' })
}
