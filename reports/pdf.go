package reports

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // logos may be JPEG
	_ "image/png"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"

	"github.com/atelier-workshops/atelier/assets"
	"github.com/atelier-workshops/atelier/data"
)

// fontFamily is the name the embedded typeface is registered under in
// every document: "" is regular, "B" bold and "I" italic.
const fontFamily = "DejaVu"

// pageAlias stands for the page count until the document is written.
const pageAlias = "{nb}"

// document is an A4 PDF with the embedded fonts and the helpers every
// document shares: text in NFC with tone marks placed by hand, text that
// shrinks to fit, images from bytes and a footer with page numbers.
type document struct {
	*fpdf.Fpdf
	lang  data.Language
	words words
	adlam bool // whether the Adlam faces are registered (see useAdlam)
	// images are the images drawn so far by name, read once: a logo or
	// signature on every page is neither embedded nor decoded again.
	images map[string]imageSize
}

// imageSize is what image needs of an image it has registered.
type imageSize struct {
	w, h   int
	format string
	ok     bool // false for bytes that are not an image fpdf can read
}

// newDocument starts a document in the given language; orientation is "P"
// or "L". Its pages have no footer: see newFootedDocument.
func newDocument(orientation string, lang data.Language, title string) *document {
	return startDocument(orientation, lang, title, false)
}

// newFootedDocument starts a document whose every page ends with a footer
// such as "Programme · Page 2 of 5" (see footer).
func newFootedDocument(orientation string, lang data.Language, title, footer string) *document {
	d := startDocument(orientation, lang, title, true)
	d.footer(footer)
	return d
}

func startDocument(orientation string, lang data.Language, title string, counted bool) *document {
	pdf := fpdf.New(orientation, "mm", "A4", "")
	if counted {
		// The alias must be known before fonts are added, so that the
		// digits replacing it are part of each font's subset. Only
		// documents that print the count have it: fpdf searches every
		// page for it when the document is written, which cost a
		// thousand certificates some 3 % of their time.
		pdf.AliasNbPages(pageAlias)
	}
	pdf.AddUTF8FontFromBytes(fontFamily, "", assets.FontRegular)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", assets.FontBold)
	pdf.AddUTF8FontFromBytes(fontFamily, "I", assets.FontItalic)
	// The library writes the title's characters as two bytes each: those
	// beyond U+FFFF (Adlam) are left out of this property.
	pdf.SetTitle(strings.Map(func(r rune) rune {
		if r > 0xFFFF {
			return -1
		}
		return r
	}, printable(title)), true)
	pdf.SetCreator("Atelier", true)
	pdf.SetLang(string(lang))
	pdf.SetFont(fontFamily, "", 10)
	return &document{Fpdf: pdf, lang: known(lang), words: wordsFor(lang), images: map[string]imageSize{}}
}

// footer prints, at the foot of every page, a left-aligned line such as
// "Programme · Page 2 of 5". It is left-aligned because the page count is
// only known when the document is written, so its width is not known yet.
func (d *document) footer(label string) {
	d.SetFooterFunc(func() {
		w, h := d.GetPageSize()
		left, _, _, _ := d.GetMargins()
		d.SetFont(fontFamily, "", 8)
		d.SetTextColor(110, 110, 110)
		page := fmt.Sprintf(d.words.Page, d.PageNo(), pageAlias)
		if label != "" {
			page = d.shorten(label, w-2*left-d.width("  ·  "+page)) + "  ·  " + page
		}
		d.text(left, h-10, page)
		d.SetTextColor(0, 0, 0)
	})
}

// shorten drops words from the end of s, marking the cut with an ellipsis,
// until it fits in w. Only for running heads and footers: names and titles
// in the body are never cut.
func (d *document) shorten(s string, w float64) string {
	s = printable(s)
	if d.measure(s) <= w {
		return s
	}
	words := breakable(s)
	for n := len(words) - 1; n > 0; n-- {
		if cut := strings.Join(words[:n], " ") + "…"; d.measure(cut) <= w {
			return cut
		}
	}
	return "…"
}

// The layout of portrait A4 documents (programme, sign-in sheets), in mm.
const (
	marginX   = 20.0
	pageW     = 210.0
	pageH     = 297.0
	contentW  = pageW - 2*marginX
	bottomY   = pageH - 20 // lowest baseline of the content, above the footer
	inkGrey   = 90
	lightGrey = 225
)

// accent is the colour of headings and rules.
var accent = [3]int{31, 78, 121}

// kindColours tell session kinds apart at a glance, as in the schedule.
var kindColours = map[data.SessionKind][3]int{
	data.KindLecture:    {41, 98, 163},
	data.KindSeminar:    {0, 122, 122},
	data.KindHandsOn:    {204, 102, 0},
	data.KindFieldVisit: {46, 125, 50},
	data.KindPanel:      {123, 77, 160},
	data.KindCeremony:   {166, 52, 70},
	data.KindBreak:      {130, 130, 130},
}

func (d *document) colour(c [3]int) { d.SetTextColor(c[0], c[1], c[2]) }

func (d *document) ink() { d.SetTextColor(0, 0, 0) }

func (d *document) grey() { d.SetTextColor(inkGrey, inkGrey, inkGrey) }

// rule draws a thin horizontal line across the content width.
func (d *document) rule(y float64, c [3]int, width float64) {
	d.SetDrawColor(c[0], c[1], c[2])
	d.SetLineWidth(width)
	d.Line(marginX, y, pageW-marginX, y)
}

// setFont selects the embedded typeface in a style ("", "B" or "I").
func (d *document) setFont(style string, size float64) {
	if d.GetFontStyle() != style || d.GetFontFamily() != strings.ToLower(fontFamily) {
		d.SetFont(fontFamily, style, size)
		return
	}
	d.setSize(size)
}

// width is how wide text is in the current font, once normalised.
func (d *document) width(s string) float64 { return d.measure(printable(s)) }

// measure is how wide printable text is drawn: right-to-left text is
// measured as shaped, since joined letters are narrower than standing alone,
// and in the face it is drawn in (see uprightWhereSlantedLacks).
func (d *document) measure(s string) float64 {
	if plainASCII(s) {
		return d.GetStringWidth(s)
	}
	defer d.uprightWhereSlantedLacks(s)()
	if hasAdlam(s) {
		return d.adlamWidth(visual(s))
	}
	return d.GetStringWidth(visual(s))
}

// printable puts s in NFC and leaves out what the embedded font cannot draw:
// emoji, and the joiners and direction marks that go with them. fpdf fails
// on characters beyond U+FFFF, and a missing glyph would print as an empty
// box; the words around them still print.
func printable(s string) string {
	if plainASCII(s) {
		return s
	}
	s = norm.NFC.String(s)
	dropped := false
	s = strings.Map(func(r rune) rune {
		if drawable(r) {
			return r
		}
		dropped = true
		return -1
	}, s)
	if !dropped {
		return s
	}
	for strings.Contains(s, "  ") {
		s = strings.ReplaceAll(s, "  ", " ")
	}
	return strings.TrimSpace(s)
}

// MissingLetters lists the letters and marks of s the embedded fonts
// cannot draw, each once (a script neither DejaVu Sans nor the Adlam
// face has); emoji and joiners, which printable leaves out without loss,
// are not counted.
func MissingLetters(s string) string {
	var out []rune
	for _, r := range norm.NFC.String(s) {
		if (unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)) && !drawable(r) && !strings.ContainsRune(string(out), r) {
			out = append(out, r)
		}
	}
	return string(out)
}

// plainASCII reports whether s is printable ASCII only, which every
// face draws as it is: no normalising, shaping, reordering or marks. Most
// of what a document prints is such text, and it takes this one pass.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c >= 0x7F {
			return false
		}
	}
	return true
}

func drawable(r rune) bool {
	if r < 0x80 {
		return r >= ' ' || r == '\n'
	}
	if isAdlam(r) {
		return adlamDrawable(r)
	}
	return r <= 0xFFFF && faces()[""].has(r)
}

// text draws s with its baseline at y. Text is normalised to NFC, so that
// a name typed with combining marks prints with the font's precomposed
// letters; marks NFC cannot compose (Ọ̀ is Ọ plus a grave) are placed by
// hand, see markedText.
func (d *document) text(x, y float64, s string) { d.printableText(x, y, printable(s)) }

// printableText is text for s already made printable. Right-to-left
// letters are drawn shaped and in visual order, see visual.
func (d *document) printableText(x, y float64, s string) {
	if plainASCII(s) {
		d.Text(x, y, s)
		return
	}
	defer d.uprightWhereSlantedLacks(s)()
	if hasAdlam(s) {
		d.adlamText(x, y, s) // puts s in visual order itself
		return
	}
	shown := visual(s)
	if strings.IndexFunc(shown, isMark) < 0 {
		d.Text(x, y, shown)
		return
	}
	actual := s
	if shown != s {
		// Readers put right-to-left glyphs back in reading order
		// themselves, as for any word processor's PDF; poppler would turn
		// an /ActualText already in that order backwards.
		actual = ""
	}
	d.markedText(x, y, shown, actual)
}

// uprightWhereSlantedLacks switches from the italic to the regular face
// while s is drawn when the italic face has no glyph for some of s (the
// embedded italic has no Arabic), so that a supporter's name in Arabic
// prints upright rather than as empty boxes. It returns what switches back.
func (d *document) uprightWhereSlantedLacks(s string) func() {
	if !d.slantedLacks(s) {
		return func() {}
	}
	style := d.GetFontStyle()
	points, _ := d.GetFontSize()
	d.SetFont(fontFamily, "", points)
	return func() { d.SetFont(fontFamily, style, points) }
}

// slantedLacks reports whether the current face is slanted and lacks a
// glyph for some of s.
func (d *document) slantedLacks(s string) bool {
	style := d.GetFontStyle()
	if !strings.Contains(strings.ToUpper(style), "I") {
		return false
	}
	slanted := faceFor(d.GetFontFamily(), style)
	return strings.IndexFunc(s, func(r rune) bool { return r >= 0x80 && !slanted.has(r) }) >= 0
}

// actualText wraps what draw draws in a marked-content span that carries
// the real text, so that copying or extracting gives back s rather than
// the glyphs as drawn; with s empty it only draws.
func (d *document) actualText(s string, draw func()) {
	if s == "" {
		draw()
		return
	}
	d.RawWriteStr("/Span <</ActualText " + pdfHexString(s) + ">> BDC")
	draw()
	d.RawWriteStr("EMC")
}

// setSize changes the font size only when it differs: fpdf writes the
// font into the page at every change, wanted or not, and a thousand
// certificates would carry thousands of them.
func (d *document) setSize(size float64) {
	if current, _ := d.GetFontSize(); current != size {
		d.SetFontSize(size)
	}
}

// fitText draws s on one line no wider than w, shrinking the font from
// size down to minSize in half points as needed; text is never cut or
// wrapped. align is "L", "C" or "R". It returns the size used; the font
// size is left as it was.
func (d *document) fitText(x, y, w float64, s string, size, minSize float64, align string) float64 {
	s = printable(s)
	saved, _ := d.GetFontSize()
	d.setSize(size)
	// Width grows in step with the size, so one measure serves every size.
	perPoint := d.measure(s) / size
	for size > minSize && perPoint*size > w {
		size = max(minSize, size-0.5)
	}
	d.setSize(size)
	switch align {
	case "C":
		x += (w - perPoint*size) / 2
	case "R":
		x += w - perPoint*size
	}
	d.printableText(x, y, s)
	d.setSize(saved)
	return size
}

// image draws a PNG or JPEG held in memory inside the box (x, y, w, h),
// keeping its aspect ratio and centring it in the box. It draws nothing
// and returns false for bytes that are not such an image. name identifies
// the image, so that a logo repeated on many pages is embedded once.
func (d *document) image(name string, img []byte, x, y, w, h float64) bool {
	size, seen := d.images[name]
	if !seen {
		size = d.registerImage(name, img)
		d.images[name] = size
	}
	if !size.ok {
		return false
	}
	opts := fpdf.ImageOptions{ImageType: size.format}
	iw, ih := w, w*float64(size.h)/float64(size.w)
	if ih > h {
		iw, ih = h*float64(size.w)/float64(size.h), h
	}
	d.ImageOptions(name, x+(w-iw)/2, y+(h-ih)/2, iw, ih, false, opts, 0, "")
	return true
}

// registerImage embeds img under name and returns its size; ok is false
// for bytes that are not an image the PDF library can read.
func (d *document) registerImage(name string, img []byte) imageSize {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(img))
	if err != nil || cfg.Width == 0 || cfg.Height == 0 {
		return imageSize{}
	}
	size := imageSize{w: cfg.Width, h: cfg.Height, format: strings.ToUpper(format), ok: true}
	if d.GetImageInfo(name) == nil {
		d.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: size.format}, bytes.NewReader(img))
		if !d.Ok() {
			// A logo the PDF library cannot read (an interlaced PNG, say)
			// is left out rather than failing the whole document.
			d.ClearError()
			return imageSize{}
		}
	}
	return size
}

// countryName is the country's name in the document's language, or the
// code itself when it names no country.
func countryName(lang data.Language, code string) string { return data.CountryName(known(lang), code) }

func isMark(r rune) bool { return unicode.Is(unicode.Mn, r) }

// markedText draws text that holds combining marks NFC could not compose.
// PDF libraries do no mark positioning: a combining glyph is drawn where
// the font's designer put it, which is above a lower-case letter, so over a
// capital it lands inside the letter. Here the letters are drawn without
// their marks, then each mark is centred on its letter and raised by as
// much as the letter is taller than an x-height letter. A marked-content
// span carries the real text, so copying or extracting gives back actual
// (when it is not empty).
func (d *document) markedText(x, y float64, s, actual string) {
	face := faceFor(d.GetFontFamily(), d.GetFontStyle())
	_, size := d.GetFontSize()
	type placed struct {
		mark       rune
		base       rune
		baseX      float64 // where the base letter starts
		aboveIndex int     // how many marks above already sit on this base
	}
	var bases strings.Builder
	var marks []placed
	var lastBase rune
	var lastX float64
	above := 0
	for _, r := range s {
		if !isMark(r) || lastBase == 0 {
			lastX = x + d.GetStringWidth(bases.String())
			bases.WriteRune(r)
			lastBase, above = r, 0
			continue
		}
		marks = append(marks, placed{mark: r, base: lastBase, baseX: lastX, aboveIndex: above})
		if face.isAbove(r) {
			above++
		}
	}
	d.actualText(actual, func() {
		d.Text(x, y, bases.String())
		for _, m := range marks {
			base, mark := face.bounds(m.base), face.bounds(m.mark)
			centre := m.baseX + (base.xMin+base.xMax)/2*size
			mx := centre - (mark.xMin+mark.xMax)/2*size
			my := y
			if face.isAbove(m.mark) {
				lift := base.yMax - face.xHeight
				if lift < 0.05 {
					lift = 0 // round letters overshoot the x-height a little
				}
				lift += float64(m.aboveIndex) * (mark.yMax - mark.yMin + 0.05)
				my -= lift * size
			} else if base.yMin < 0 {
				my -= base.yMin * size
			}
			d.Text(mx, my, string(m.mark))
		}
	})
}

// pdfHexString writes s as a PDF text string: UTF-16BE with a byte order
// mark, in hex so that no character needs escaping.
func pdfHexString(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteString(strings.ToUpper(strconv.FormatUint(uint64(u)|0x10000, 16)[1:]))
	}
	b.WriteString(">")
	return b.String()
}

// face reads glyph outlines' extents from a font file, which the PDF
// library does not expose; extents are in ems, y up.
type face struct {
	font    *sfnt.Font
	upem    fixed.Int26_6
	xHeight float64
	mu      sync.Mutex
	buf     sfnt.Buffer
	known   sync.Map // rune → bool: has, filled as text is drawn
}

type glyphBox struct{ xMin, xMax, yMin, yMax float64 }

var faces = sync.OnceValue(func() map[string]*face {
	out := map[string]*face{}
	for style, file := range map[string][]byte{"": assets.FontRegular, "B": assets.FontBold, "I": assets.FontItalic} {
		f, err := sfnt.Parse(file)
		if err != nil {
			panic(fmt.Sprintf("embedded font %q: %v", style, err)) // the build embeds these files
		}
		fc := &face{font: f, upem: fixed.I(int(f.UnitsPerEm()))}
		fc.xHeight = fc.bounds('x').yMax
		out[style] = fc
	}
	return out
})

// faceFor is the face of a registered style; the regular one for others.
func faceFor(family, style string) *face {
	if fc, ok := faces()[strings.ToUpper(strings.ReplaceAll(style, "U", ""))]; ok && strings.EqualFold(family, fontFamily) {
		return fc
	}
	return faces()[""]
}

func (fc *face) bounds(r rune) glyphBox {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	gi, err := fc.font.GlyphIndex(&fc.buf, r)
	if err != nil || gi == 0 {
		return glyphBox{}
	}
	b, _, err := fc.font.GlyphBounds(&fc.buf, gi, fc.upem, font.HintingNone)
	if err != nil {
		return glyphBox{}
	}
	em := float64(fc.upem)
	return glyphBox{xMin: float64(b.Min.X) / em, xMax: float64(b.Max.X) / em,
		yMin: -float64(b.Max.Y) / em, yMax: -float64(b.Min.Y) / em}
}

// has reports whether the font has a glyph for r.
func (fc *face) has(r rune) bool {
	if known, ok := fc.known.Load(r); ok {
		return known.(bool)
	}
	fc.mu.Lock()
	gi, err := fc.font.GlyphIndex(&fc.buf, r)
	fc.mu.Unlock()
	has := err == nil && gi != 0
	fc.known.Store(r, has)
	return has
}

// isAbove tells marks drawn above the letter from those drawn below it.
func (fc *face) isAbove(mark rune) bool { return fc.bounds(mark).yMin > fc.xHeight/2 }
