package reports

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/unicode/bidi"
	"golang.org/x/text/unicode/norm"

	"github.com/atelier-workshops/atelier/data"
)

// codes writes runes as U+XXXX, so that a failure shows which form is wrong.
func codes(s string) string { return fmt.Sprintf("%U", []rune(s)) }

func TestShapeArabicGivesEachLetterTheFormItsNeighboursCallFor(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		// beh initial, seen medial, meem final
		{"a word of three joining letters", "بسم", "\uFE91\uFEB4\uFEE2"},
		// waw joins only to the letter before it: seen after it starts again
		{"a letter that joins one way only", "يوسف", "\uFEF3\uFEEE\uFEB3\uFED2"},
		// lam and alef make one ligature, in its final form after seen
		{"lam-alef after a joining letter", "سلام", "\uFEB3\uFEFC\uFEE1"},
		{"lam-alef alone", "لا", "\uFEFB"},
		{"lam-alef after a letter that does not join on", "إلإ", "\uFE87\uFEF9"},
		{"lam with hamza-under alef after beh", "بلإ", "\uFE91\uFEFA"},
		// a fatha between two behs does not break their joining
		{"marks are transparent to joining", "بَب", "\uFE91\u064E\uFE90"},
		{"a letter alone", "ب", "\uFE8F"},
		{"Latin is left alone", "Bello", "Bello"},
		// tatweel joins on both sides and keeps its own code
		{"tatweel stretches a join", "بـب", "\uFE91\u0640\uFE90"},
	} {
		if got := shapeArabic(c.in); got != c.want {
			t.Errorf("%s: shapeArabic(%q) = %s, want %s", c.name, c.in, codes(got), codes(c.want))
		}
	}
}

func TestVisualOrderFollowsTheBidirectionalAlgorithm(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"Hebrew words read from the right", "דוד כהן", "ןהכ דוד"},
		{"Latin alone is untouched", "José María Ñúñez", "José María Ñúñez"},
		{"Hebrew inside a Latin line is reversed in place", "Dr כהן Cohen", "Dr ןהכ Cohen"},
		// the number belongs to the Hebrew before it (level 2 in a level-1 stretch)
		{"a number after Hebrew in a Latin line", "Dr דוד 12 Cohen", "Dr 12 דוד Cohen"},
		{"brackets are mirrored", "דוד (כהן)", "(ןהכ) דוד"},
		{"marks stay after their letter", "בָּא", "אבָּ"},
		{"direction controls are dropped", "\u202Bדוד\u202C", "דוד"},
	} {
		if got := visualOrder(c.in); got != c.want {
			t.Errorf("%s: visualOrder(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestLatinTextIsNotTouched(t *testing.T) {
	for _, s := range []string{"Ọ̀ṣun Bello", "Ẹ̀kọ́ Fọláṣadé", "Gonçalves", "21–25 November 2022", ""} {
		if got := visual(s); got != s {
			t.Errorf("visual(%q) = %q", s, got)
		}
	}
}

// TestVisualMatchesFribidi holds our shaping and ordering against GNU
// FriBidi, the implementation GTK and many terminals use, on names as
// organisers in Morocco, Lebanon or Iran would type them. CI installs
// fribidi (Debian's libfribidi-bin).
func TestVisualMatchesFribidi(t *testing.T) {
	fribidi, err := exec.LookPath("fribidi")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("fribidi is not installed; .ci/run installs libfribidi-bin")
		}
		t.Skip("fribidi is not installed (apt-get install libfribidi-bin); CI installs it")
	}
	names := []string{
		"يوسف العمراني",
		"فاطمة الزهراء بنعلي",
		"أمين الإدريسي",
		"عبد الله بن علي",
		"سلمى آيت لحسن",
		"لينا خليل",
		"Youssef يوسف El Amrani",
		"محمد - Mohamed",
		"يوسف (الرباط)",
		"عبد الله ٢٠٢٢ x",
		"Dr يوسف 12 Ali",
		"x عبد 12.5 ب",
		"פנינה רוזנבלום",
		"مَرْيَم",
		"پیمان چگینی",
	}
	cmd := exec.Command(fribidi, "--nopad", "--nobreak", "--reordernsm")
	cmd.Stdin = strings.NewReader(strings.Join(names, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("fribidi: %v", err)
	}
	// FriBidi leaves U+FEFF where lam and alef became one ligature.
	lines := strings.Split(strings.TrimSuffix(string(bytes.ReplaceAll(out, []byte("\uFEFF"), nil)), "\n"), "\n")
	if len(lines) != len(names) {
		t.Fatalf("fribidi gave %d lines for %d names", len(lines), len(names))
	}
	for i, name := range names {
		if got := visual(name); got != lines[i] {
			t.Errorf("visual(%q)\n  = %s\nfribidi %s", name, codes(got), codes(lines[i]))
		}
	}
}

func TestCertificateArabicNameIsDrawnJoinedAndReadsBackAsTyped(t *testing.T) {
	_, d := lagosCertificates(t)
	c := d.Certificates[0]
	c.HolderName = "يوسف العمراني"
	c.Language = data.French
	d.Certificates = []data.Certificate{c}
	pdf := writeCertificates(t, d)
	assertHolds(t, pdf, []string{"Attestation de participation"})

	var drawn string
	for _, run := range drawnText(t, pdf) {
		if strings.ContainsFunc(run, func(r rune) bool { return r >= 0xFE70 && r <= 0xFEFF }) {
			drawn = run
		}
	}
	if drawn == "" {
		t.Fatal("no text on the certificate is drawn in Arabic presentation forms")
	}
	if strings.ContainsFunc(drawn, func(r rune) bool { return r >= 0x0600 && r <= 0x06FF }) {
		t.Errorf("letters are drawn unshaped: %s", codes(drawn))
	}
	// Drawn from the left, the line starts with the end of the family name:
	// yeh in its final form, and ends with yeh in its initial form, where
	// the reader starts.
	runes := []rune(drawn)
	if runes[0] != 0xFEF2 || runes[len(runes)-1] != 0xFEF3 {
		t.Errorf("the name is not drawn right to left: %s", codes(drawn))
	}

	// A reader puts the glyphs back in reading order: poppler's text is
	// the name as typed, once its presentation forms are read as letters
	// (NFKC, as search and copy do) and its direction marks left out.
	out, ok := popplerText(t, pdf)
	if !ok {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is not installed; .ci/run installs poppler-utils")
		}
		t.Skip("pdftotext is not installed (apt-get install poppler-utils); CI installs it")
	}
	read := strings.Map(func(r rune) rune {
		if (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) {
			return -1
		}
		return r
	}, norm.NFKC.String(out))
	if !strings.Contains(read, c.HolderName) {
		t.Errorf("pdftotext does not read %q back; it reads:\n%s", c.HolderName, read)
	}
}

func TestItalicLineWithArabicIsDrawnUpright(t *testing.T) {
	doc := newDocument("L", data.English, "")
	doc.SetCompression(false)
	doc.AddPage()
	doc.setFont("", 9)
	doc.text(20, 10, "Upright")
	arabicLine := "With the support of متحف أمان"
	upright := doc.measure(arabicLine)
	doc.setFont("I", 9)
	// Centring needs the width it is drawn at.
	if slanted := doc.measure(arabicLine); slanted != upright || doc.GetFontStyle() != "I" {
		t.Errorf("in italic the line measures %.2f mm (style %q after), upright %.2f mm", slanted, doc.GetFontStyle(), upright)
	}
	doc.text(20, 20, arabicLine)
	doc.text(20, 30, "and of ICOM")
	if doc.GetFontStyle() != "I" {
		t.Errorf("the style is %q after the line, not italic again", doc.GetFontStyle())
	}
	var buf bytes.Buffer
	if err := doc.Output(&buf); err != nil {
		t.Fatal(err)
	}
	// The font and size a line is drawn in: the last Tf before its text.
	fontOf := func(text string) string {
		at := bytes.Index(buf.Bytes(), []byte(text))
		if at < 0 {
			t.Fatalf("%q is not in the page", text)
		}
		before := buf.Bytes()[:at]
		tf := bytes.LastIndex(before, []byte(" Tf"))
		name := bytes.LastIndex(before[:tf], []byte("/F"))
		return string(before[name:tf])
	}
	regular, arabic, italic := fontOf(utf16Run("Upright")), fontOf(utf16Run(visual(arabicLine))), fontOf(utf16Run("and of ICOM"))
	if arabic != regular {
		t.Errorf("the italic line with Arabic is drawn in %q, want the upright face %q (the italic has no Arabic)", arabic, regular)
	}
	if italic == regular || !strings.HasSuffix(italic, " 9.00") {
		t.Errorf("the next line is drawn in %q, want italic at 9 pt again", italic)
	}
}

// utf16Run is s as fpdf writes it for a Unicode font: UTF-16BE.
func utf16Run(s string) string {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(byte(u >> 8))
		b.WriteByte(byte(u))
	}
	return b.String()
}

// FuzzVisual: whatever is typed, shaping and ordering neither panic nor
// lose, add or change letters. Only the order and the forms change (and
// brackets face the other way): read letter by letter as compatibility
// characters, the drawn text holds what was typed, less the invisible
// direction controls.
func FuzzVisual(f *testing.F) {
	for _, seed := range []string{"يوسف العمراني", "Dr יוסף 12 Ali", "(لا) [x]", "\u202eabc\u202c", "مَرْيَم", "ـلـا", "\u0644\u064e\u0627"} {
		f.Add(seed)
	}
	letters := func(s string) map[rune]int {
		n := map[rune]int{}
		for _, r := range s {
			if props, _ := bidi.LookupRune(r); explicitFormatting(props.Class()) {
				continue
			}
			for _, c := range norm.NFKC.String(string(r)) {
				if m := mirrored(c); m < c {
					c = m
				}
				n[c]++
			}
		}
		return n
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		s = printable(s)
		got := visual(s)
		if !maps.Equal(letters(got), letters(s)) {
			t.Fatalf("visual(%q) = %q: the letters differ", s, got)
		}
	})
}
