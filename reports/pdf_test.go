package reports

import (
	"bytes"
	"testing"
	"unicode"

	"golang.org/x/image/font/sfnt"

	"github.com/atelier-workshops/atelier/assets"
	"github.com/atelier-workshops/atelier/data"
)

// Every letter of every demo name, and the letters of the region's
// languages, has a glyph in each embedded style.
func TestTheFontCoversTheNames(t *testing.T) {
	st, _ := demoStore(t)
	text := "ỌọẸẹṢṣÀÁÈÉÌÍÒÓÙÚàáèéìíòóùúŃńǸǹƁɓƊɗƘƙƳƴɛɔƐƆɖƉƒƑʋƲÑñÇçŒœ’–—«»\u0300\u0301\u0323\u0302\u0303\u0304"
	ws, _ := st.Workshops()
	for _, w := range ws {
		text += w.Title + w.Theme + w.City + w.Venue
		ps, _ := st.Participants(w.ID, data.ParticipantFilter{})
		for _, p := range ps {
			text += p.FullName() + p.NameOnCertificate() + p.Institution
		}
		ts, _ := st.Trainers(w.ID)
		for _, tr := range ts {
			text += tr.Name + tr.Title + tr.Affiliation
		}
		ss, _ := st.Sessions(w.ID)
		for _, s := range ss {
			text += s.Title + s.Room
		}
		orgs, _ := st.WorkshopOrganisations(w.ID)
		for _, o := range orgs {
			text += o.Name
		}
	}
	for name, file := range map[string][]byte{"regular": assets.FontRegular, "bold": assets.FontBold, "italic": assets.FontItalic} {
		f, err := sfnt.Parse(file)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		for _, r := range text {
			if unicode.IsSpace(r) {
				continue
			}
			if gi, err := f.GlyphIndex(&buf, r); err != nil || gi == 0 {
				t.Errorf("%s: no glyph for %q (U+%04X)", name, r, r)
			}
		}
	}
}

// A tone mark NFC cannot compose onto a capital is drawn above it, and the
// text reads back exactly.
func TestMarksOverCapitalsReadBackExactly(t *testing.T) {
	d := newDocument("P", data.English, "marks")
	d.AddPage()
	d.setFont("B", 28)
	name := "O\u0323\u0300s\u0323u\u0301nto\u0301ki\u0301 Ẹ̀kọ́ Ǹjídé"
	d.text(20, 40, name)
	d.setFont("", 28)
	d.text(20, 60, name)
	d.fitText(20, 80, 30, "Fọláṣadé Ọ̀ṣun Bello-Adébáyọ̀", 28, 6, "L")
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		t.Fatal(err)
	}
	assertHolds(t, buf.Bytes(), []string{name, "Fọláṣadé Ọ̀ṣun Bello-Adébáyọ̀"})
}

// Text too wide for its box shrinks until it fits, and is left whole.
func TestFitTextShrinksToTheWidth(t *testing.T) {
	d := newDocument("L", data.French, "fit")
	d.AddPage()
	d.setFont("B", 30)
	name := "Ọláńrewájú Olúwadámiláré Babátúndé Adéṣínà-Ọ̀ṣúntókí"
	size := d.fitText(20, 40, 120, name, 30, 8, "C")
	if size >= 30 || size < 8 {
		t.Fatalf("size %v", size)
	}
	if got, _ := d.GetFontSize(); got != 30 {
		t.Errorf("font size left at %v", got)
	}
	d.SetFontSize(size)
	if w := d.width(name); w > 120 {
		t.Errorf("at %vpt the name is %.1f mm wide, more than 120", size, w)
	}
	d.SetFontSize(30)
	if short := d.fitText(20, 60, 120, "Ọ̀ṣun Bello", 30, 8, "L"); short != 30 {
		t.Errorf("a short name shrank to %v", short)
	}
}
