package reports

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data"
)

// The demo workshop's programme holds every session title and trainer
// name exactly, and its title page the organisations, dates and country in
// the document's language.
func TestProgrammeOfTheDemoWorkshopHoldsEverything(t *testing.T) {
	st, res := demoStore(t)
	for _, id := range []int64{res.Lagos, res.Planned} {
		var buf bytes.Buffer
		if err := Programme(st, id, &buf); err != nil {
			t.Fatal(err)
		}
		p, err := LoadProgramme(st, id)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{p.Workshop.Title, FormatDateRange(p.Workshop.Language, p.Workshop.StartDate, p.Workshop.EndDate)}
		sessions := 0
		for _, day := range p.Days {
			want = append(want, FormatWeekday(p.Workshop.Language, day.Date))
			for _, s := range day.Sessions {
				want = append(want, s.Title, s.Room, wordsFor(p.Workshop.Language).Kinds[s.Kind])
				sessions++
			}
		}
		for _, tr := range p.Trainers {
			want = append(want, tr.Name, tr.Affiliation)
		}
		for _, o := range p.Organisations {
			want = append(want, o.Name)
		}
		if sessions < 5 || len(p.Trainers) < 4 {
			t.Fatalf("workshop %d: only %d sessions and %d trainers", id, sessions, len(p.Trainers))
		}
		assertHolds(t, buf.Bytes(), want)
		text := joined(pdfText(t, buf.Bytes()))
		switch p.Workshop.Language {
		case data.English:
			for _, w := range []string{"Lagos, Nigeria", "Organised by", "Day 1 — Monday 21 November 2022", "Adéwálé Ògúnṣọlá"} {
				if !strings.Contains(text, w) && !strings.Contains(text, strings.ToUpper(w)) {
					t.Errorf("English programme lacks %q", w)
				}
			}
		case data.French:
			for _, w := range []string{"Dakar, Sénégal", "ORGANISÉ PAR", "Jour 1 — lundi 15 mars 2027", "du 15 au 19 mars 2027", "Salle\u00a0:"} {
				if !strings.Contains(text, w) {
					t.Errorf("French programme lacks %q", w)
				}
			}
		}
	}
}

// A programme made from data in memory, with a title long enough to wrap,
// logos that are wide, tall, JPEG or not images at all, and a day so full
// that it runs over a page, and more partners than the title page holds:
// nothing is lost and nothing fails.
func TestProgrammeFromDataInMemory(t *testing.T) {
	ws := data.Workshop{ID: 1, Title: strings.Repeat("Conservación preventiva y gestión de riesgos ", 4),
		City: "Cali", Country: "CO", StartDate: data.NewDate(2025, 12, 30), EndDate: data.NewDate(2026, 1, 2),
		Language: data.Spanish}
	orgs := []data.WorkshopOrganisation{
		{Organisation: data.Organisation{ID: 1, Name: "Museo La Tertulia", Logo: pngBytes(t, 400, 60)}, Role: data.RoleOrganiser},
		{Organisation: data.Organisation{ID: 2, Name: "Universidad del Valle", Logo: jpegBytes(t, 60, 300)}, Role: data.RoleHost},
		{Organisation: data.Organisation{ID: 3, Name: "Ministerio de las Culturas", ShortName: "MinCulturas", Logo: []byte("not an image")}, Role: data.RoleSupporter},
		{Organisation: data.Organisation{ID: 4, Name: "Fundación sin logotipo", ShortName: "FSL"}, Role: data.RolePartner},
	}
	var orgNames []string
	for i := range 14 {
		o := data.WorkshopOrganisation{Organisation: data.Organisation{ID: int64(10 + i),
			Name: fmt.Sprintf("Museo regional número %d del Valle del Cauca", i+1), Logo: pngBytes(t, 120+i, 120)}, Role: data.RolePartner}
		orgs = append(orgs, o)
		orgNames = append(orgNames, o.Name)
	}
	day := data.ProgrammeDay{Date: ws.StartDate}
	var titles []string
	for i := range 14 {
		s := data.Session{ID: int64(i + 1), Title: fmt.Sprintf("Sesión %d: %s", i+1, strings.Repeat("inventario y documentación de colecciones ", 1+i%3)),
			Kind: data.SessionKinds[i%len(data.SessionKinds)], Start: ws.StartDate.At(8+i/2, 30*(i%2)),
			End: ws.StartDate.At(8+i/2, 30*(i%2)+25), Room: "Sala 2", TrainerIDs: []int64{7}}
		day.Sessions = append(day.Sessions, s)
		titles = append(titles, s.Title)
	}
	p := ProgrammeData{Workshop: ws, Organisations: orgs, Days: []data.ProgrammeDay{day},
		Trainers: []data.Trainer{{ID: 7, Name: "Ọ̀ṣun Bello", Title: "Conservadora", Country: "NG"}}}
	var buf bytes.Buffer
	if err := WriteProgramme(p, &buf); err != nil {
		t.Fatal(err)
	}
	assertHolds(t, buf.Bytes(), append(append(titles, orgNames...), strings.TrimSpace(ws.Title), "30 de diciembre de 2025 – 2 de enero de 2026",
		"Cali, Colombia", "Ọ̀ṣun Bello", "Conservadora, Nigeria", "Día 1 — martes 30 de diciembre de 2025",
		"Museo La Tertulia", "Ministerio de las Culturas", "FSL", "MinCulturas", "Página 1 de"))
	if n := bytes.Count(buf.Bytes(), []byte("/Subtype /Image")); n != 16 {
		t.Errorf("%d images embedded, want the 16 real logos", n)
	}
}

func pngBytes(t testing.TB, w, h int) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, filled(w, h)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func jpegBytes(t testing.TB, w, h int) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, filled(w, h), nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func filled(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{uint8(x), 80, uint8(y), 255})
		}
	}
	return img
}

// BenchmarkProgramme writes the demo workshop's programme (target: under
// 150 ms).
func BenchmarkProgramme(b *testing.B) {
	st, res := demoStore(b)
	p, err := LoadProgramme(st, res.Lagos)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := WriteProgramme(p, &buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/op")
	b.ReportMetric(float64(buf.Len())/1024, "KiB")
}

// BenchmarkProgrammeFromStore includes reading the programme from the file.
func BenchmarkProgrammeFromStore(b *testing.B) {
	st, res := demoStore(b)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Programme(st, res.Lagos, &buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
}
