package reports

import (
	"bytes"
	"image"
	"io"
	"slices"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/atelier-workshops/atelier/assets"
)

// The bare floors of the print benchmarks: what a program using fpdf
// bare does to print the same pages as ours, and nothing of our layout.
// Every string one of our pages prints, in the same face, style and
// size, with its colour and a rough position, is worked out before the
// timer from the same data (through the functions that word our
// documents), as are the images' boxes. Timed is only what such a program
// must do for each file: register the embedded faces and the images once,
// and for each page set fonts and colours, draw the images, rules, bands
// and frames, write the strings with Text (a paragraph with MultiCell,
// which wraps it), and write the file. Not in a floor: QR codes (the
// issue's floor is a loop writing strings, and ours encodes them on other
// cores), page-number aliases, text shrunk to fit, marks placed by hand,
// right-to-left shaping, checks for letters the font lacks, page breaks.

// bareText is one string of a bare page: at (x, y) on its baseline, or,
// with w set, a paragraph MultiCell wraps in a column w wide from the top
// y, lines lineH apart.
type bareText struct {
	style    string
	size     float64
	colour   [3]int
	x, y     float64
	w, lineH float64
	s        string
}

// bareImage is an image drawn in a box, registered once under name.
type bareImage struct {
	name       string
	x, y, w, h float64
}

// bareShape is a line (style "") or a rectangle filled ("F") or drawn
// ("D").
type bareShape struct {
	style      string
	colour     [3]int
	width      float64
	x, y, w, h float64 // a line goes from (x, y) to (x+w, y+h)
}

// bareImageFile is an image's bytes and their format ("PNG", "JPG").
type bareImageFile struct {
	bytes  []byte
	format string
}

type barePage struct {
	shapes []bareShape
	images []bareImage
	texts  []bareText
}

// bareDoc is a bare floor's input: its pages, the images they draw by
// name, and the faces it registers.
type bareDoc struct {
	orientation string
	styles      []string // of the embedded family: "", "B", "I"
	images      map[string]bareImageFile
	pages       []barePage
}

// writeBare is the timed part of a floor.
func writeBare(d bareDoc, w io.Writer) error {
	pdf := fpdf.New(d.orientation, "mm", "A4", "")
	pdf.SetAutoPageBreak(false, 0)
	faces := map[string][]byte{"": assets.FontRegular, "B": assets.FontBold, "I": assets.FontItalic}
	for _, style := range d.styles {
		pdf.AddUTF8FontFromBytes(fontFamily, style, faces[style])
	}
	for name, img := range d.images {
		pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: img.format}, bytes.NewReader(img.bytes))
	}
	for _, p := range d.pages {
		pdf.AddPage()
		for _, s := range p.shapes {
			switch s.style {
			case "F":
				pdf.SetFillColor(s.colour[0], s.colour[1], s.colour[2])
				pdf.Rect(s.x, s.y, s.w, s.h, "F")
			case "D":
				pdf.SetDrawColor(s.colour[0], s.colour[1], s.colour[2])
				pdf.SetLineWidth(s.width)
				pdf.Rect(s.x, s.y, s.w, s.h, "D")
			default:
				pdf.SetDrawColor(s.colour[0], s.colour[1], s.colour[2])
				pdf.SetLineWidth(s.width)
				pdf.Line(s.x, s.y, s.x+s.w, s.y+s.h)
			}
		}
		for _, im := range p.images {
			pdf.ImageOptions(im.name, im.x, im.y, im.w, im.h, false, fpdf.ImageOptions{}, 0, "")
		}
		style, size := "?", 0.0
		for _, t := range p.texts {
			// fpdf writes the font into the page at every SetFont, so a
			// careful program sets it only when it changes, as ours does.
			if t.style != style || t.size != size {
				style, size = t.style, t.size
				pdf.SetFont(fontFamily, style, size)
			}
			pdf.SetTextColor(t.colour[0], t.colour[1], t.colour[2])
			if t.w > 0 {
				pdf.SetXY(t.x, t.y)
				pdf.MultiCell(t.w, t.lineH, t.s, "", "L", false)
				continue
			}
			pdf.Text(t.x, t.y, t.s)
		}
	}
	return pdf.Output(w)
}

// bareMeasure measures strings and boxes before the timer, with fpdf's
// own functions, so that a floor's page looks roughly like ours.
type bareMeasure struct{ pdf *fpdf.Fpdf }

func newBareMeasure() bareMeasure {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(fontFamily, "", assets.FontRegular)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", assets.FontBold)
	pdf.AddUTF8FontFromBytes(fontFamily, "I", assets.FontItalic)
	return bareMeasure{pdf}
}

// text is the string s as ours prints it (see printable), set in a box
// from x as wide as box, aligned "L", "C" or "R" in it.
func (m bareMeasure) text(style string, size float64, colour [3]int, x, y, box float64, align, s string) bareText {
	s = printable(s)
	if align != "L" {
		m.pdf.SetFont(fontFamily, style, size)
		free := box - m.pdf.GetStringWidth(s)
		if align == "C" {
			free /= 2
		}
		x += free
	}
	return bareText{style: style, size: size, colour: colour, x: x, y: y, s: s}
}

// paragraph is s for MultiCell to wrap in a column w wide from the top
// y, and how many lines it takes, for placing what follows.
func (m bareMeasure) paragraph(style string, size float64, colour [3]int, x, y, w, lineH float64, s string) (bareText, int) {
	s = printable(s)
	return bareText{style: style, size: size, colour: colour, x: x, y: y, w: w, lineH: lineH, s: s},
		len(m.split(s, style, size, w))
}

// split cuts s at spaces into the lines of a column w wide, measured by
// fpdf (whose SplitText would part a letter from its combining mark).
func (m bareMeasure) split(s, style string, size, w float64) []string {
	m.pdf.SetFont(fontFamily, style, size)
	return greedyLines(s, func(line string) bool { return m.pdf.GetStringWidth(line) <= w })
}

// fitImage is the box of img drawn as large as fits in (x, y, w, h),
// centred, keeping its proportions; ok is false for bytes that are not
// an image.
// The image is added to d's images.
func (d *bareDoc) fitImage(name string, img []byte, x, y, w, h float64) (bareImage, bool) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(img))
	if err != nil || cfg.Width == 0 || cfg.Height == 0 {
		return bareImage{}, false
	}
	if d.images == nil {
		d.images = map[string]bareImageFile{}
	}
	d.images[name] = bareImageFile{img, strings.ToUpper(format)}
	iw, ih := w, w*float64(cfg.Height)/float64(cfg.Width)
	if ih > h {
		iw, ih = h*float64(cfg.Width)/float64(cfg.Height), h
	}
	return bareImage{name, x + (w-iw)/2, y + (h-ih)/2, iw, ih}, true
}

// printedWords is every word a PDF's text shows, sorted: two PDFs that print
// the same strings, wrapped or placed differently, give the same words.
func printedWords(t testing.TB, pdf []byte) []string {
	t.Helper()
	out := strings.Fields(strings.Join(pdfText(t, pdf), " "))
	slices.Sort(out)
	return out
}

func pagesOf(pdf []byte) int {
	return bytes.Count(pdf, []byte("/Type /Page")) - bytes.Count(pdf, []byte("/Type /Pages"))
}

// assertSameWords fails unless ours and bare print the same words on as
// many pages; it names the first words that differ.
func assertSameWords(t *testing.T, ours, bare []byte) {
	t.Helper()
	if o, b := pagesOf(ours), pagesOf(bare); o != b {
		t.Errorf("ours has %d pages, the floor %d", o, b)
	}
	o, b := printedWords(t, ours), printedWords(t, bare)
	if slices.Equal(o, b) {
		return
	}
	var onlyOurs, onlyBare []string
	for i, j := 0, 0; i < len(o) || j < len(b); {
		switch {
		case j == len(b) || i < len(o) && o[i] < b[j]:
			onlyOurs = append(onlyOurs, o[i])
			i++
		case i == len(o) || b[j] < o[i]:
			onlyBare = append(onlyBare, b[j])
			j++
		default:
			i++
			j++
		}
	}
	t.Errorf("ours prints %d words, the floor %d; only ours: %q; only the floor: %q",
		len(o), len(b), onlyOurs[:min(len(onlyOurs), 20)], onlyBare[:min(len(onlyBare), 20)])
}

// The floors print what ours print, word for word, on as many pages: the
// demo's award letters (in English, French and Spanish), its badges, and
// its certificates with their three signatories.
func TestBareFloorsPrintOurWords(t *testing.T) {
	t.Run("letters", func(t *testing.T) {
		d := manyLetters(t, 24)
		var ours, bare bytes.Buffer
		if err := WriteLetters(d, &ours, nil); err != nil {
			t.Fatal(err)
		}
		if err := writeBare(bareLetters(d), &bare); err != nil {
			t.Fatal(err)
		}
		assertSameWords(t, ours.Bytes(), bare.Bytes())
	})
	t.Run("badges", func(t *testing.T) {
		d := manyBadges(t, 30)
		var ours, bare bytes.Buffer
		if _, err := WriteBadges(d, BadgesA4x8, false, &ours); err != nil {
			t.Fatal(err)
		}
		if err := writeBare(bareBadges(d), &bare); err != nil {
			t.Fatal(err)
		}
		assertSameWords(t, ours.Bytes(), bare.Bytes())
	})
	t.Run("certificates", func(t *testing.T) {
		_, d := lagosCertificates(t)
		var bare bytes.Buffer
		if err := writeBare(bareCertificates(d), &bare); err != nil {
			t.Fatal(err)
		}
		assertSameWords(t, writeCertificates(t, d), bare.Bytes())
	})
}
