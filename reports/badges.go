package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/atelier-workshops/atelier/data"
)

// Name badges and table cards. A badge shows the name large (shrunk to
// fit and never cut, or set on two lines), the institution and country,
// a band in the colour of the person's role, and for participants a QR
// code holding their sign-in code, which a scanner at the door reads to
// mark them present. Sheets carry cut marks. A table card is an A4 sheet
// folded along its middle, the name upright on both faces.

// BadgeLayout is how badges sit on an A4 sheet.
type BadgeLayout string

const (
	BadgesA4x8 BadgeLayout = "a4-8" // eight 90 × 65 mm badges, two across, four down
	BadgesA6x4 BadgeLayout = "a6-4" // four 100 × 140 mm badges (A6 holders), two by two
)

// BadgeLayouts lists the layouts.
var BadgeLayouts = []BadgeLayout{BadgesA4x8, BadgesA6x4}

// badgeGrid is where a layout puts its badges, in mm.
type badgeGrid struct {
	cols, rows int
	w, h       float64
}

var badgeGrids = map[BadgeLayout]badgeGrid{
	BadgesA4x8: {2, 4, 90, 65},
	BadgesA6x4: {2, 2, 100, 140},
}

// PerPage is how many badges a layout puts on a sheet.
func (l BadgeLayout) PerPage() int { g := badgeGrids[l]; return g.cols * g.rows }

// Unprintable is a badge whose name the PDF's font cannot draw whole
// (Adlam, for one, which DejaVu Sans lacks): its badge carries a line to
// write the name by hand rather than a blank or half a name.
type Unprintable struct {
	Badge   data.Badge
	Missing string // the letters the font lacks, each once
}

// badgeColours are the role bands.
var badgeColours = map[data.BadgeRole][3]int{
	data.BadgeParticipant: accent,
	data.BadgeTrainer:     {46, 125, 50},
	data.BadgeOrganiser:   {166, 52, 70},
}

// badgeWords are a badge's fixed words in one language.
type badgeWords struct {
	Roles    map[data.BadgeRole]string
	ByHand   string // where the name goes when the font cannot draw it
	FoldHere string
}

var badgeLabels = map[data.Language]badgeWords{
	data.English: {Roles: map[data.BadgeRole]string{data.BadgeParticipant: "Participant", data.BadgeTrainer: "Trainer",
		data.BadgeOrganiser: "Organiser"}, ByHand: "Name: please write by hand", FoldHere: "Fold here"},
	data.French: {Roles: map[data.BadgeRole]string{data.BadgeParticipant: "Participant·e", data.BadgeTrainer: "Formateur·rice",
		data.BadgeOrganiser: "Organisation"}, ByHand: "Nom à écrire à la main", FoldHere: "Plier ici"},
	data.Spanish: {Roles: map[data.BadgeRole]string{data.BadgeParticipant: "Participante", data.BadgeTrainer: "Formador/a",
		data.BadgeOrganiser: "Organización"}, ByHand: "Escriba el nombre a mano", FoldHere: "Doblar aquí"},
}

// FindUnprintable lists the badges whose names the font cannot draw.
func FindUnprintable(badges []data.Badge) []Unprintable {
	var out []Unprintable
	for _, b := range badges {
		if m := MissingLetters(b.Name); m != "" {
			out = append(out, Unprintable{Badge: b, Missing: m})
		}
	}
	return out
}

// WriteBadges writes the badges of d on A4 sheets in layout, with cut
// marks, or as table cards (one folded A4 each) when tents is set. It
// returns the badges whose names could not be printed (see Unprintable).
func WriteBadges(d data.BadgeData, layout BadgeLayout, tents bool, w io.Writer) ([]Unprintable, error) {
	if _, ok := badgeGrids[layout]; !ok {
		return nil, fmt.Errorf("%q is not a badge layout (a4-8 or a6-4)", layout)
	}
	if len(d.Badges) == 0 {
		return nil, ErrNoBadges
	}
	lang := d.Workshop.Language
	orientation := "P"
	if tents {
		orientation = "L"
	}
	doc := newDocument(orientation, lang, d.Workshop.Title)
	doc.SetAutoPageBreak(false, 0)
	words := badgeLabels[known(lang)]
	if tents {
		// Table cards carry no QR code.
		for _, b := range d.Badges {
			doc.tent(d, b, words)
		}
		return FindUnprintable(d.Badges), doc.Output(w)
	}
	codes := make([]string, len(d.Badges))
	for i, b := range d.Badges {
		codes[i] = b.Code
	}
	qrs, stop := encodeAhead(codes)
	defer stop()
	g := badgeGrids[layout]
	x0, y0 := (pageW-float64(g.cols)*g.w)/2, (pageH-float64(g.rows)*g.h)/2
	for i, b := range d.Badges {
		slot := i % (g.cols * g.rows)
		if slot == 0 {
			doc.AddPage()
			doc.cutMarks(g, x0, y0)
		}
		x, y := x0+float64(slot%g.cols)*g.w, y0+float64(slot/g.cols)*g.h
		qr := <-qrs[i]
		if layout == BadgesA6x4 {
			doc.badgeA6(d, b, words, qr, x, y, g)
		} else {
			doc.badgeSmall(d, b, words, qr, x, y, g)
		}
	}
	return FindUnprintable(d.Badges), doc.Output(w)
}

// ErrNoBadges is returned for a workshop with nobody to make a badge for.
var ErrNoBadges = fmt.Errorf("nobody to make a badge for: no confirmed participant, trainer or signatory")

// cutMarks draws short lines in the margins along every cut, and a fine
// grey outline of each badge for those who cut with scissors.
func (d *document) cutMarks(g badgeGrid, x0, y0 float64) {
	x1, y1 := x0+float64(g.cols)*g.w, y0+float64(g.rows)*g.h
	d.SetDrawColor(0, 0, 0)
	d.SetLineWidth(0.2)
	mark := min(x0, y0) - 1.5
	for c := 0; c <= g.cols; c++ {
		x := x0 + float64(c)*g.w
		d.Line(x, y0-mark, x, y0-1.5)
		d.Line(x, y1+1.5, x, y1+mark)
	}
	for r := 0; r <= g.rows; r++ {
		y := y0 + float64(r)*g.h
		d.Line(x0-mark, y, x0-1.5, y)
		d.Line(x1+1.5, y, x1+mark, y)
	}
	d.SetDrawColor(215, 215, 215)
	d.SetLineWidth(0.1)
	for c := 0; c < g.cols; c++ {
		for r := 0; r < g.rows; r++ {
			d.Rect(x0+float64(c)*g.w, y0+float64(r)*g.h, g.w, g.h, "D")
		}
	}
}

// band draws the role's colour band with the role's word and the
// workshop's place and year.
func (d *document) band(b data.Badge, words badgeWords, w data.Workshop, x, y, width, height, size float64) {
	c := badgeColours[b.Role]
	d.SetFillColor(c[0], c[1], c[2])
	d.Rect(x, y, width, height, "F")
	d.SetTextColor(255, 255, 255)
	d.setFont("B", size)
	base := y + height/2 + size*0.13
	d.fitText(x+4, base, width*0.55, words.Roles[b.Role], size, 6, "L")
	d.setFont("", size*0.8)
	year := ""
	if !w.StartDate.IsZero() {
		year = fmt.Sprint(w.StartDate.Year)
	}
	d.fitText(x+width*0.55, base, width*0.45-4, strings.TrimSpace(w.City+" "+year), size*0.8, 5, "R")
	d.ink()
}

// badgeName draws the name centred in the box (x, top, width) down to
// bottom, as large as size and never cut: given name over family name,
// or the whole name on one line or two. It returns the y below it.
func (d *document) badgeName(b data.Badge, words badgeWords, x, top, width, size, minSize float64) float64 {
	if MissingLetters(b.Name) != "" {
		// A name the font would print with letters missing: a line to
		// write it on, and the part of it that prints, small, beneath.
		y := top + size*0.45
		d.SetDrawColor(120, 120, 120)
		d.SetLineWidth(0.3)
		d.Line(x+6, y, x+width-6, y)
		d.grey()
		d.setFont("I", 7)
		d.fitText(x, y+3.5, width, words.ByHand, 7, 5, "C")
		d.ink()
		return y + 6
	}
	lines := nonEmpty(b.Given, b.Family)
	d.setFont("B", size)
	if len(lines) == 1 && d.width(lines[0]) > width*1.25 {
		// One long name: on two lines rather than small.
		if two := d.titleLines(lines[0], width, size, minSize); len(two) == 2 {
			lines = two
		}
	}
	y := top
	for i, line := range lines {
		s := size
		if i > 0 && len(lines) == 2 && b.Given != "" {
			s = size * 0.8 // the family name under the given name
		}
		d.setFont("B", s)
		used := d.fitText(x, y+s*0.35, width, line, s, minSize, "C")
		y += used*0.35 + 2.5
	}
	return y
}

// badgeSmall draws a 90 × 65 mm badge.
func (d *document) badgeSmall(bd data.BadgeData, b data.Badge, words badgeWords, qr qrStencil, x, y float64, g badgeGrid) {
	const bandH, pad, qrSide = 10.0, 4.0, 19.0
	d.band(b, words, bd.Workshop, x, y, g.w, bandH, 10)
	d.badgeName(b, words, x+pad, y+bandH+4, g.w-2*pad, 22, 8)
	textW := g.w - 2*pad
	if qr.side != 0 {
		textW -= qrSide + 2
		d.qr(qr, x+g.w-pad-qrSide, y+g.h-pad-qrSide-2.5, qrSide)
		d.setFont("B", 7)
		d.fitText(x+g.w-pad-qrSide, y+g.h-pad+0.2, qrSide, b.Code, 7, 5, "C")
	}
	d.badgeDetails(b, x+pad, y+g.h-pad-11, textW, 8.5)
}

// badgeA6 draws a 100 × 140 mm badge, with the organisers' logos.
func (d *document) badgeA6(bd data.BadgeData, b data.Badge, words badgeWords, qr qrStencil, x, y float64, g badgeGrid) {
	const bandH, pad, qrSide = 14.0, 6.0, 30.0
	d.band(b, words, bd.Workshop, x, y, g.w, bandH, 13)
	logoY := y + bandH + 4
	d.badgeLogos(bd.Organisations, x+pad, logoY, g.w-2*pad, 13)
	d.badgeName(b, words, x+pad, logoY+22, g.w-2*pad, 32, 10)
	detailsY := y + g.h - pad - 8
	if qr.side != 0 {
		qy := y + g.h - pad - qrSide - 4
		d.qr(qr, x+(g.w-qrSide)/2, qy, qrSide)
		d.setFont("B", 8)
		d.fitText(x, qy+qrSide+3.5, g.w, b.Code, 8, 6, "C")
		detailsY = qy - 12
	}
	d.badgeDetails(b, x+pad, detailsY, g.w-2*pad, 11)
}

// badgeDetails writes the institution (on up to two lines) and the
// country from y.
func (d *document) badgeDetails(b data.Badge, x, y, w, size float64) {
	d.ink()
	d.setFont("", size)
	lines := d.lines(b.Institution, w)
	if len(lines) > 2 {
		lines = []string{lines[0], strings.Join(lines[1:], " ")}
	}
	for _, l := range lines {
		d.fitText(x, y, w, l, size, 5, "L")
		y += size * 0.42
	}
	d.grey()
	d.setFont("B", size*0.9)
	d.fitText(x, y+0.5, w, countryName(d.lang, b.Country), size*0.9, 5, "L")
	d.ink()
}

// badgeLogos draws the organisers' and host's logos in a row.
func (d *document) badgeLogos(orgs []data.WorkshopOrganisation, x, y, w, h float64) {
	var shown []data.WorkshopOrganisation
	for _, o := range orgs {
		if o.Role == data.RoleOrganiser || o.Role == data.RoleHost {
			shown = append(shown, o)
		}
	}
	n := min(len(shown), 4)
	if n == 0 {
		return
	}
	box := (w - float64(n-1)*4) / float64(n)
	box = min(box, 28)
	start := x + (w-float64(n)*box-float64(n-1)*4)/2
	for i, o := range shown[:n] {
		bx := start + float64(i)*(box+4)
		if !d.image(fmt.Sprintf("logo-%d", o.ID), o.Logo, bx, y, box, h) {
			d.colour(accent)
			d.setFont("B", 9)
			d.fitText(bx, y+h/2+1.5, box, cmpOr(o.ShortName, o.Name), 9, 5, "C")
			d.ink()
		}
	}
}

// tent draws a table card: A4 landscape folded along its middle, each
// half with the name upright when the card stands on the table, the top
// half turned round.
func (d *document) tent(bd data.BadgeData, b data.Badge, words badgeWords) {
	const landW, landH = 297.0, 210.0
	half := landH / 2
	d.AddPage()
	face := func(top float64) {
		c := badgeColours[b.Role]
		d.SetFillColor(c[0], c[1], c[2])
		d.Rect(0, top+half-9, landW, 9, "F") // the band along the table
		y := d.badgeName(b, words, 20, top+30, landW-40, 54, 14)
		d.grey()
		d.setFont("", 16)
		d.fitText(20, y+10, landW-40, strings.Join(nonEmpty(b.Institution, countryName(d.lang, b.Country)), " · "), 16, 8, "C")
		d.ink()
	}
	face(half)
	d.TransformBegin()
	d.TransformRotate(180, landW/2, half/2)
	face(0)
	d.TransformEnd()
	d.SetDrawColor(160, 160, 160)
	d.SetLineWidth(0.2)
	d.SetDashPattern([]float64{2, 2}, 0)
	d.Line(8, half, landW-8, half)
	d.SetDashPattern(nil, 0)
	d.grey()
	d.setFont("", 7)
	d.text(8, half-1.5, words.FoldHere)
	d.ink()
}
