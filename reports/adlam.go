package reports

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"sort"
	"strings"
	"sync"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"

	"github.com/atelier-workshops/atelier/assets"
)

// Names in Adlam, the script of Fulani (U+1E900–U+1E95F), are drawn in
// Noto Sans Adlam Unjoined, as DejaVu Sans has no Adlam. The PDF library
// reads only a font's character map for U+0000–U+FFFF and writes two-byte
// codes, so the font is given, in memory, a map that puts its Adlam
// letters at the same places in the Private Use Area (U+E900–U+E95F), and
// Adlam is drawn there; a marked-content span carries the real letters, so
// that copying or extracting the text gives back the name as typed.
// Adlam is written right to left: visual puts it in the order it is seen
// in, as for Hebrew; its letters stand alone, unjoined.

// adlamFamily is the name the Adlam face is registered under in a
// document, once it draws some Adlam: "" regular and "B" bold.
const adlamFamily = "NotoAdlam"

const (
	adlamFirst = 0x1E900
	adlamLast  = 0x1E95F
	adlamPUA   = 0xE900 // where the patched map puts adlamFirst
)

func isAdlam(r rune) bool { return r >= adlamFirst && r <= adlamLast }

func hasAdlam(s string) bool { return strings.IndexFunc(s, isAdlam) >= 0 }

// toPUA is an Adlam run as the patched font's codes.
func toPUA(s string) string {
	return strings.Map(func(r rune) rune {
		if isAdlam(r) {
			return r - adlamFirst + adlamPUA
		}
		return r
	}, s)
}

// adlamFace is one style of the Adlam font: the file with the patched
// map, and which letters it has.
type adlamFace struct {
	file []byte
	has  map[rune]bool
}

// adlamFaces are the regular ("") and bold ("B") faces, and a PDF without
// pages that measures text in them (measuring in a document would write
// font changes into its page). The embedded files are read at the first
// Adlam letter.
var adlamFaces = sync.OnceValue(func() *adlamFonts {
	out := &adlamFonts{faces: map[string]*adlamFace{}}
	for style, file := range map[string][]byte{"": assets.FontAdlam, "B": assets.FontAdlamBold} {
		face, err := patchAdlam(file)
		if err != nil {
			panic(fmt.Sprintf("embedded Adlam font %q: %v", style, err)) // the build embeds these files
		}
		out.faces[style] = face
	}
	out.measurer = fpdf.New("P", "mm", "A4", "")
	for style, face := range out.faces {
		out.measurer.AddUTF8FontFromBytes(adlamFamily, style, face.file)
	}
	if err := out.measurer.Error(); err != nil {
		panic(fmt.Sprintf("embedded Adlam font: %v", err))
	}
	return out
})

type adlamFonts struct {
	faces    map[string]*adlamFace
	mu       sync.Mutex
	measurer *fpdf.Fpdf
}

// adlamStyle is the Adlam style drawn for a DejaVu style: there is no
// slanted Adlam, so italic is drawn upright.
func adlamStyle(style string) string {
	if strings.Contains(strings.ToUpper(style), "B") {
		return "B"
	}
	return ""
}

// adlamDrawable reports whether the Adlam font has a glyph for r.
func adlamDrawable(r rune) bool { return isAdlam(r) && adlamFaces().faces[""].has[r] }

// units is how wide the Adlam run s is in the style, in thousandths of
// the font size, as the PDF library measures it.
func (f *adlamFonts) units(style, s string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.measurer.SetFont(adlamFamily, style, 10)
	return f.measurer.GetStringSymbolWidth(toPUA(s))
}

// useAdlam registers the Adlam faces in the document the first time it
// draws Adlam, so that other documents carry no unused font.
func (d *document) useAdlam() {
	if d.adlam {
		return
	}
	for style, face := range adlamFaces().faces {
		d.AddUTF8FontFromBytes(adlamFamily, style, face.file)
	}
	d.adlam = true
}

// adlamRuns splits s into runs of Adlam letters (and the marks on them)
// and runs of other text.
func adlamRuns(s string) (runs []string, adlam []bool) {
	start, inAdlam := 0, false
	for i, r := range s {
		is := isAdlam(r) || (inAdlam && isMark(r))
		if i > 0 && is != inAdlam {
			runs, adlam = append(runs, s[start:i]), append(adlam, inAdlam)
			start = i
		}
		inAdlam = is
	}
	if start < len(s) {
		runs, adlam = append(runs, s[start:]), append(adlam, inAdlam)
	}
	return runs, adlam
}

// adlamWidth is how wide shown (text in visual order holding Adlam) is in
// the current font.
func (d *document) adlamWidth(shown string) float64 {
	style := adlamStyle(d.GetFontStyle())
	_, size := d.GetFontSize()
	units := 0
	runs, adlam := adlamRuns(shown)
	for i, run := range runs {
		if adlam[i] {
			units += adlamFaces().units(style, run)
		} else {
			units += d.GetStringSymbolWidth(run)
		}
	}
	return float64(units) * size / 1000
}

// adlamText draws s, text holding Adlam, at (x, y) in visual order: the
// Adlam runs in the Adlam face, the rest in the current face. One span
// carries s as typed, in reading order, for copying and extracting:
// the Adlam is drawn in codes of the Private Use Area, and poppler does
// not put Adlam drawn from the left back in reading order as it does
// Arabic and Hebrew.
func (d *document) adlamText(x, y float64, s string) {
	d.useAdlam()
	family, style := d.GetFontFamily(), d.GetFontStyle()
	points, _ := d.GetFontSize()
	runs, adlam := adlamRuns(visual(s))
	d.actualText(s, func() {
		for i, run := range runs {
			if !adlam[i] {
				d.Text(x, y, run)
				x += d.GetStringWidth(run)
				continue
			}
			d.SetFont(adlamFamily, adlamStyle(style), points)
			codes := toPUA(run)
			d.Text(x, y, codes)
			x += d.GetStringWidth(codes)
			d.SetFont(family, style, points)
		}
	})
}

// patchAdlam gives the font a character map holding only its Adlam
// letters, at U+E900 onwards, and lists the letters it has.
func patchAdlam(file []byte) (*adlamFace, error) {
	f, err := sfnt.Parse(file)
	if err != nil {
		return nil, err
	}
	var buf sfnt.Buffer
	glyphs := map[uint16]uint16{}
	has := map[rune]bool{}
	for r := rune(adlamFirst); r <= adlamLast; r++ {
		if gi, err := f.GlyphIndex(&buf, r); err == nil && gi != 0 {
			glyphs[uint16(r-adlamFirst+adlamPUA)] = uint16(gi)
			has[r] = true
		}
	}
	if len(glyphs) == 0 {
		return nil, fmt.Errorf("no Adlam letter in the font")
	}
	patched, err := replaceTable(file, "cmap", bmpCmap(glyphs))
	if err != nil {
		return nil, err
	}
	return &adlamFace{file: patched, has: has}, nil
}

// bmpCmap is a character map table with one Windows Unicode BMP subtable
// (format 4) mapping each code to its glyph, a segment each.
func bmpCmap(glyphs map[uint16]uint16) []byte {
	codes := make([]uint16, 0, len(glyphs))
	for c := range glyphs {
		codes = append(codes, c)
	}
	sort.Slice(codes, func(i, j int) bool { return codes[i] < codes[j] })
	segs := len(codes) + 1 // and the closing 0xFFFF segment
	floor := bits.Len(uint(segs)) - 1
	searchRange := 2 << floor
	sub := make([]uint16, 0, 8+4*segs)
	sub = append(sub, 4, uint16(16+8*segs), 0, uint16(2*segs), uint16(searchRange), uint16(floor), uint16(2*segs-searchRange))
	sub = append(sub, codes...)
	sub = append(sub, 0xFFFF, 0) // end codes' last, then the reserved pad
	sub = append(sub, codes...)
	sub = append(sub, 0xFFFF)
	for _, c := range codes {
		sub = append(sub, glyphs[c]-c) // idDelta, modulo 65536
	}
	sub = append(sub, 1)
	for range segs {
		sub = append(sub, 0) // idRangeOffset
	}
	out := binary.BigEndian.AppendUint16(nil, 0)  // version
	out = binary.BigEndian.AppendUint16(out, 1)   // one subtable
	out = binary.BigEndian.AppendUint16(out, 3)   // Windows
	out = binary.BigEndian.AppendUint16(out, 1)   // Unicode BMP
	out = binary.BigEndian.AppendUint32(out, 4+8) // where the subtable starts
	for _, v := range sub {
		out = binary.BigEndian.AppendUint16(out, v)
	}
	return out
}

// replaceTable returns the TrueType file with the table tag replaced by
// data: tables laid out again in their order, four-byte aligned, with
// their checksums and the file's (head's checkSumAdjustment) set anew.
func replaceTable(file []byte, tag string, data []byte) ([]byte, error) {
	if len(file) < 12 {
		return nil, fmt.Errorf("not a font file")
	}
	n := int(binary.BigEndian.Uint16(file[4:]))
	if len(file) < 12+16*n {
		return nil, fmt.Errorf("table directory cut short")
	}
	type table struct {
		tag  string
		data []byte
	}
	tables := make([]table, n)
	found := false
	for i := range tables {
		e := file[12+16*i:]
		off, length := int(binary.BigEndian.Uint32(e[8:])), int(binary.BigEndian.Uint32(e[12:]))
		if off+length > len(file) || off < 0 || length < 0 {
			return nil, fmt.Errorf("table %q outside the file", e[:4])
		}
		tables[i] = table{string(e[:4]), file[off : off+length]}
		if tables[i].tag == tag {
			tables[i].data, found = data, true
		}
	}
	if !found {
		return nil, fmt.Errorf("no %q table", tag)
	}
	out := append([]byte(nil), file[:12+16*n]...)
	headAt := -1
	for i, t := range tables {
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		e := out[12+16*i:]
		body := t.data
		if t.tag == "head" && len(body) >= 12 {
			headAt = len(out)
			body = append([]byte(nil), body...)
			binary.BigEndian.PutUint32(body[8:], 0) // checkSumAdjustment, set below
		}
		binary.BigEndian.PutUint32(e[4:], tableChecksum(body))
		binary.BigEndian.PutUint32(e[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(e[12:], uint32(len(body)))
		out = append(out, body...)
	}
	for len(out)%4 != 0 {
		out = append(out, 0)
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-tableChecksum(out))
	}
	return out, nil
}

func tableChecksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var word [4]byte
		copy(word[:], b[i:])
		sum += binary.BigEndian.Uint32(word[:])
	}
	return sum
}
