package reports

import (
	"fmt"
	"strings"

	"github.com/atelier-workshops/atelier/data"
)

// The pages of the three bare floors (see bare_floor_test.go), worked out
// before the timer from the data ours prints.

var (
	black = [3]int{0, 0, 0}
	white = [3]int{255, 255, 255}
	greyC = [3]int{inkGrey, inkGrey, inkGrey}
	light = [3]int{lightGrey, lightGrey, lightGrey}
)

// logoRow is the organisers' and host's logos as ours draws them in a
// row of n boxes w × h apart by gap, centred on a page pageWidth wide;
// an organisation without a logo gets its short name in bold.
func (d *bareDoc) logoRow(m bareMeasure, p *barePage, orgs []data.WorkshopOrganisation, most int,
	pageWidth, top, w, h, gap, nameSize float64) {
	var shown []data.WorkshopOrganisation
	for _, o := range orgs {
		if o.Role == data.RoleOrganiser || o.Role == data.RoleHost {
			shown = append(shown, o)
		}
	}
	n := min(len(shown), most)
	x := (pageWidth - float64(n)*w - float64(n-1)*gap) / 2
	for _, o := range shown[:n] {
		if im, ok := d.fitImage(fmt.Sprintf("logo-%d", o.ID), o.Logo, x, top, w, h); ok {
			p.images = append(p.images, im)
		} else {
			p.texts = append(p.texts, m.text("B", nameSize, accent, x, top+h/2+2, w, "C", cmpOr(o.ShortName, o.Name)))
		}
		x += w + gap
	}
}

// bareLetters is the letters' floor: one page per letter with the
// letterhead's logos and address, the reference and date, the addressee,
// the subject and paragraphs (wrapped by MultiCell), the particulars'
// labels and values on their shaded rows, the signatory's signature,
// name and role, and the serial, code and verification note.
func bareLetters(ld data.LetterData) bareDoc {
	m := newBareMeasure()
	doc := bareDoc{orientation: "P", styles: []string{"", "B"}}
	for _, l := range ld.Letters {
		var p barePage
		add := func(t bareText) { p.texts = append(p.texts, t) }
		lang := known(l.Language)
		lw, w := letterWordsFor(lang), wordsFor(lang)
		wording := LetterWords(l.Kind, lang, ld.Wording[l.Kind][lang])
		values := letterValues(l)

		doc.logoRow(m, &p, ld.Organisations, 5, pageW, letterTop, 32, 13, 8, 11)
		y := letterTop + 13 + 4.5
		for _, line := range letterAddress(ld, lang) {
			add(m.text("", 8, greyC, marginX, y, contentW, "C", line))
			y += 3.4
		}
		p.shapes = append(p.shapes, bareShape{colour: accent, width: 0.4, x: marginX, y: y - 0.5, w: contentW})
		y += 7.5
		add(m.text("", 9.5, black, marginX, y, 0, "L", fmt.Sprintf(lw.Reference, l.Serial)))
		add(m.text("", 9.5, black, pageW/2, y, contentW/2, "R",
			fmt.Sprintf(lw.DateLine, ld.Workshop.City, FormatDate(lang, l.IssuedOn))))
		y += 8.5
		add(m.text("B", 11, black, marginX, y, 0, "L", l.HolderName))
		pp := l.Participant
		for _, line := range nonEmpty(pp.Position, pp.Institution, countryName(lang, pp.Country)) {
			y += 4.4
			add(m.text("", 9.5, black, marginX, y, 0, "L", line))
		}
		y += 9
		para := func(style string, size float64, colour [3]int, s string, lineH, after float64) {
			t, lines := m.paragraph(style, size, colour, marginX, y-lineH*0.75, contentW, lineH, strings.TrimSpace(s))
			add(t)
			y += float64(lines)*lineH + after
		}
		para("B", 11.5, accent, values.fill(wording.Subject), 5.5, 3)
		paragraphs, closing := letterParagraphs(values.fill(wording.Body))
		for _, s := range paragraphs {
			para("", 10, black, s, 4.6, 2.2)
		}
		const labelW, rowH = 52.0, 5.4
		x, rowW := marginX+6, contentW-12
		y++
		for i, r := range particularRows(l, lang, lw) {
			if i%2 == 0 {
				p.shapes = append(p.shapes, bareShape{style: "F", colour: [3]int{246, 247, 249}, x: x, y: y, w: rowW, h: rowH})
			}
			add(m.text("", 8.5, greyC, x+2, y+3.8, 0, "L", r.label))
			add(m.text("B", 9.5, black, x+labelW, y+3.8, 0, "L", r.value))
			y += rowH
		}
		p.shapes = append(p.shapes, bareShape{colour: light, width: 0.2, x: x, y: y, w: rowW})
		y += 6
		if closing != "" {
			para("", 10, black, closing, 4.6, 2.2)
		}
		if g, ok := letterSignatory(ld); ok {
			if im, ok := doc.fitImage(fmt.Sprintf("signature-%d", g.Position), g.Signature, marginX, y-2, 60, 14); ok {
				p.images = append(p.images, im)
			}
			y += 14
			add(m.text("B", 10, black, marginX, y, 0, "L", g.Name))
			add(m.text("", 9, greyC, marginX, y+4.5, 0, "L", g.TitleIn(lang)))
		}
		y = pageH - 16 - letterQR
		p.shapes = append(p.shapes, bareShape{colour: light, width: 0.3, x: marginX, y: y - 4, w: contentW})
		x = marginX + letterQR + 4
		add(m.text("", 8.5, black, x, y+4, 0, "L", fmt.Sprintf(w.SerialNumber, l.Serial)))
		add(m.text("B", 9, black, x, y+8.5, 0, "L", fmt.Sprintf(w.VerificationCode, l.Code)))
		note, _ := m.paragraph("", 7, greyC, x, y+10.5, contentW-letterQR-4, 3.3, letterVerifyNote(ld, l, lw))
		add(note)
		doc.pages = append(doc.pages, p)
	}
	return doc
}

// bareBadges is the badges' floor, eight 90 × 65 mm badges to an A4
// sheet: the cut marks and outlines of each sheet, and on each badge its
// band in the role's colour with the role's word and the place and year,
// the name (given name over family name), the code under where ours puts
// the QR code, the institution and the country.
func bareBadges(bd data.BadgeData) bareDoc {
	m := newBareMeasure()
	doc := bareDoc{orientation: "P", styles: []string{"", "B"}}
	if len(FindUnprintable(bd.Badges)) > 0 {
		doc.styles = append(doc.styles, "I") // for the line to write a name on
	}
	words := badgeLabels[known(bd.Workshop.Language)]
	g := badgeGrids[BadgesA4x8]
	x0, y0 := (pageW-float64(g.cols)*g.w)/2, (pageH-float64(g.rows)*g.h)/2
	year := ""
	if !bd.Workshop.StartDate.IsZero() {
		year = fmt.Sprint(bd.Workshop.StartDate.Year)
	}
	place := strings.TrimSpace(bd.Workshop.City + " " + year)
	var p *barePage
	for i, b := range bd.Badges {
		slot := i % (g.cols * g.rows)
		if slot == 0 {
			doc.pages = append(doc.pages, barePage{})
			p = &doc.pages[len(doc.pages)-1]
			p.shapes = cutMarkShapes(g, x0, y0)
		}
		add := func(t bareText) { p.texts = append(p.texts, t) }
		x, y := x0+float64(slot%g.cols)*g.w, y0+float64(slot/g.cols)*g.h
		const bandH, pad, qrSide = 10.0, 4.0, 19.0
		p.shapes = append(p.shapes, bareShape{style: "F", colour: badgeColours[b.Role], x: x, y: y, w: g.w, h: bandH})
		add(m.text("B", 10, white, x+4, y+6.3, 0, "L", words.Roles[b.Role]))
		add(m.text("", 8, white, x+g.w*0.55, y+6.3, g.w*0.45-4, "R", place))
		top, nameW := y+bandH+4, g.w-2*pad
		if MissingLetters(b.Name) != "" {
			p.shapes = append(p.shapes, bareShape{colour: [3]int{120, 120, 120}, width: 0.3, x: x + pad + 6, y: top + 10, w: nameW - 12})
			add(m.text("I", 7, greyC, x+pad, top+13.5, nameW, "C", words.ByHand))
		} else {
			lines := nonEmpty(b.Given, b.Family)
			if len(lines) == 1 {
				lines = m.split(printable(lines[0]), "B", 22, nameW)
			}
			for i, line := range lines {
				size := 22.0
				if i > 0 && b.Given != "" {
					size = 17.6
				}
				add(m.text("B", size, black, x+pad, top+size*0.35, nameW, "C", line))
				top += size*0.35 + 2.5
			}
		}
		textW := g.w - 2*pad
		if b.Code != "" {
			textW -= qrSide + 2
			add(m.text("B", 7, black, x+g.w-pad-qrSide, y+g.h-pad+0.2, qrSide, "C", b.Code))
		}
		ty := y + g.h - pad - 11
		lines := m.split(printable(b.Institution), "", 8.5, textW)
		if len(lines) > 2 {
			lines = []string{lines[0], strings.Join(lines[1:], " ")}
		}
		for _, line := range lines {
			add(m.text("", 8.5, black, x+pad, ty, 0, "L", line))
			ty += 8.5 * 0.42
		}
		add(m.text("B", 8.5*0.9, greyC, x+pad, ty+0.5, 0, "L", countryName(bd.Workshop.Language, b.Country)))
	}
	return doc
}

// cutMarkShapes are a sheet's cut marks and its badges' fine outlines.
func cutMarkShapes(g badgeGrid, x0, y0 float64) []bareShape {
	var out []bareShape
	x1, y1 := x0+float64(g.cols)*g.w, y0+float64(g.rows)*g.h
	mark := min(x0, y0) - 1.5
	for c := 0; c <= g.cols; c++ {
		x := x0 + float64(c)*g.w
		out = append(out, bareShape{colour: black, width: 0.2, x: x, y: y0 - mark, h: mark - 1.5},
			bareShape{colour: black, width: 0.2, x: x, y: y1 + 1.5, h: mark - 1.5})
	}
	for r := 0; r <= g.rows; r++ {
		y := y0 + float64(r)*g.h
		out = append(out, bareShape{colour: black, width: 0.2, x: x0 - mark, y: y, w: mark - 1.5},
			bareShape{colour: black, width: 0.2, x: x1 + 1.5, y: y, w: mark - 1.5})
	}
	for c := 0; c < g.cols; c++ {
		for r := 0; r < g.rows; r++ {
			out = append(out, bareShape{style: "D", colour: [3]int{215, 215, 215}, width: 0.1,
				x: x0 + float64(c)*g.w, y: y0 + float64(r)*g.h, w: g.w, h: g.h})
		}
	}
	return out
}

// bareCertificates is the certificates' floor: one landscape page per
// certificate with its double frame, the logos, the title, the holder's
// name over a rule, the wording, the workshop's title, place and dates,
// the sessions attended, each signatory's signature, rule, name and role,
// the serial, code, date of issue and key fingerprint, and the
// supporters' line.
func bareCertificates(cd CertificateData) bareDoc {
	m := newBareMeasure()
	doc := bareDoc{orientation: "L", styles: []string{"", "B", "I"}}
	var supporters []string
	for _, o := range cd.Organisations {
		if o.Role == data.RoleSupporter {
			supporters = append(supporters, o.Name)
		}
	}
	signatories := cd.Signatories[:min(len(cd.Signatories), data.MaxSignatories)]
	for _, c := range cd.Certificates {
		var p barePage
		add := func(t bareText) { p.texts = append(p.texts, t) }
		lang := known(c.Language)
		w := wordsFor(lang)
		wording := CertificateWords(lang, cd.Wording[lang])
		p.shapes = append(p.shapes, bareShape{style: "D", colour: accent, width: 1.2, x: 10, y: 10, w: landW - 20, h: landH - 20},
			bareShape{style: "D", colour: gold, width: 0.35, x: 13, y: 13, w: landW - 26, h: landH - 26},
			bareShape{colour: gold, width: 0.3, x: landW/2 - 60, y: 100, w: 120})
		doc.logoRow(m, &p, cd.Organisations, 5, landW, 22, 42, 20, 10, 12)
		add(m.text("B", 30, accent, landX, 64, landTextW, "C", wording.Title))
		add(m.text("I", 13, greyC, landX, 77, landTextW, "C", w.CertifyThat))
		add(m.text("B", 30, black, landX, 95, landTextW, "C", c.HolderName))
		body := wording.Body
		if c.TrainerID != 0 {
			body = wording.TrainerBody
		}
		add(m.text("", 12.5, greyC, landX, 110, landTextW, "C", body))
		y := 119.0
		for _, line := range m.split(printable(c.WorkshopTitle), "B", 16, landTextW) {
			add(m.text("B", 16, black, landX, y, landTextW, "C", line))
			y += 7
		}
		city, country := c.City, c.Country
		if city == "" {
			city, country = cd.Workshop.City, cd.Workshop.Country
		}
		add(m.text("", 12.5, greyC, landX, y+1.5, landTextW, "C", fmt.Sprintf(w.HeldIn, city, countryName(lang, country),
			FormatDateRange(lang, c.StartDate, c.EndDate))))
		add(m.text("I", 11, greyC, landX, y+8.5, landTextW, "C", (&document{lang: lang, words: w}).figures(c)))
		const blockW, lineY, left = 60.0, 151.0, 52.0
		gap := (landW - landX - left - float64(len(signatories))*blockW) / float64(len(signatories)+1)
		for i, g := range signatories {
			x := left + gap + float64(i)*(blockW+gap)
			if im, ok := doc.fitImage(fmt.Sprintf("signature-%d", g.Position), g.Signature, x+4, lineY-16, blockW-8, 15); ok {
				p.images = append(p.images, im)
			}
			p.shapes = append(p.shapes, bareShape{colour: greyC, width: 0.25, x: x, y: lineY, w: blockW})
			add(m.text("B", 10, black, x, lineY+5, blockW, "C", g.Name))
			add(m.text("", 8.5, greyC, x, lineY+9.5, blockW, "C", g.TitleIn(lang)))
		}
		const qx, qy = 22.0, landH - 25 - qrSize
		tx := qx + qrSize + 3
		add(m.text("", 8, black, tx, qy+qrSize-13, 0, "L", fmt.Sprintf(w.SerialNumber, c.Serial)))
		add(m.text("B", 8, black, tx, qy+qrSize-9, 0, "L", fmt.Sprintf(w.VerificationCode, c.Code)))
		add(m.text("", 7, greyC, tx, qy+qrSize-5, 0, "L", fmt.Sprintf(w.IssuedOn, FormatDate(lang, c.IssuedOn))))
		if fp := c.IssuerFingerprint(); fp != "" {
			add(m.text("", 6, greyC, tx, qy+qrSize-1.5, 0, "L", fmt.Sprintf(w.IssuerKey, fp)))
		}
		if len(supporters) > 0 {
			add(m.text("I", 9, greyC, 70, landH-18, landW-140, "C", w.WithTheSupportOf+" "+strings.Join(supporters, ", ")))
		}
		doc.pages = append(doc.pages, p)
	}
	return doc
}
