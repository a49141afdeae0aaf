package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/atelier-workshops/atelier/data"
)

// ProgrammeData is what the printed programme shows, read by data in one
// read transaction so that rendering does no I/O.
type ProgrammeData = data.ProgrammeData

// LoadProgramme reads a workshop's programme from the store, with one call.
func LoadProgramme(st *data.Store, workshopID int64) (ProgrammeData, error) {
	return st.ProgrammeData(workshopID)
}

// Programme writes the printed programme of a workshop as a PDF.
func Programme(st *data.Store, workshopID int64, w io.Writer) error {
	p, err := LoadProgramme(st, workshopID)
	if err != nil {
		return err
	}
	return WriteProgramme(p, w)
}

// WriteProgramme writes the programme, in the workshop's working
// language: a title page with the organisations and their logos, a page
// per day, and the trainers.
func WriteProgramme(p ProgrammeData, w io.Writer) error {
	d := newFootedDocument("P", p.Workshop.Language, p.Workshop.Title, p.Workshop.Title)
	d.SetMargins(marginX, 18, marginX)
	d.SetAutoPageBreak(false, 0)
	trainers := map[int64]data.Trainer{}
	for _, t := range p.Trainers {
		trainers[t.ID] = t
	}
	programmeTitlePage(d, p)
	for _, day := range p.Days {
		programmeDay(d, p.Workshop, day, trainers)
	}
	if len(p.Trainers) > 0 {
		programmeTrainers(d, p)
	}
	return d.Output(w)
}

func programmeTitlePage(d *document, p ProgrammeData) {
	ws := p.Workshop
	d.AddPage()
	y := 30.0
	d.setFont("B", 10)
	d.colour(accent)
	d.text(marginX, y, strings.ToUpper(d.words.Programme))
	d.rule(y+3, accent, 0.6)
	y += 16
	d.setFont("B", 22)
	d.ink()
	y = d.paragraph(marginX, y, contentW, 10, ws.Title)
	if ws.Theme != "" {
		y += 3
		d.setFont("I", 12)
		d.grey()
		y = d.paragraph(marginX, y, contentW, 6, ws.Theme)
	}
	y += 8
	d.setFont("B", 13)
	d.colour(accent)
	d.text(marginX, y+4, FormatDateRange(d.lang, ws.StartDate, ws.EndDate))
	y += 9
	d.setFont("", 12)
	d.ink()
	place := strings.Join(nonEmpty(ws.City, countryName(d.lang, ws.Country)), ", ")
	if place != "" {
		d.text(marginX, y+4, place)
		y += 7
	}
	if ws.Venue != "" {
		d.setFont("", 10.5)
		d.grey()
		y = d.paragraph(marginX, y, contentW, 5.5, ws.Venue)
	}
	// The organisations sit at the foot of the page, role by role.
	cells := organisationGrid(organisationGroups(d.words, p.Organisations))
	if len(cells) == 0 {
		return
	}
	rows := cells[len(cells)-1].row + 1
	top := max(y+14, bottomY-float64(rows)*(logoRowH+6))
	for _, cell := range cells {
		if cell.row > 0 && cell.col == 0 && top+float64(cell.row)*(logoRowH+6)+logoRowH > bottomY {
			// More organisations than the page holds: go on overleaf.
			d.AddPage()
			top = 30 - float64(cell.row)*(logoRowH+6)
		}
		x := marginX + float64(cell.col)*(logoW+logoGap)
		cy := top + float64(cell.row)*(logoRowH+6)
		if cell.label != "" {
			d.setFont("B", 8)
			d.colour(accent)
			d.fitText(x, cy, logoW, strings.ToUpper(cell.label), 8, 5.5, "L")
		}
		organisationBlock(d, cell.org, x, cy+4)
	}
}

// gridCell is where an organisation goes on the title page; label is set
// on the first of its role's cells on each row.
type gridCell struct {
	org      data.WorkshopOrganisation
	label    string
	row, col int
}

// organisationGrid lays the organisations out in rows of logosPerRow. A
// role takes as many columns as it has organisations, and roles share a
// row while they fit, so that a lone supporter does not take a row alone.
func organisationGrid(groups []organisationGroup) []gridCell {
	var cells []gridCell
	row, col := 0, 0
	for _, g := range groups {
		for i, o := range g.orgs {
			if col == logosPerRow || (i == 0 && col > 0 && col+min(len(g.orgs), logosPerRow) > logosPerRow) {
				row, col = row+1, 0
			}
			label := ""
			if i == 0 || col == 0 {
				label = g.label
			}
			cells = append(cells, gridCell{org: o, label: label, row: row, col: col})
			col++
		}
	}
	return cells
}

const (
	logosPerRow = 4
	logoGap     = 6.0
	logoW       = (contentW - (logosPerRow-1)*logoGap) / logosPerRow
	logoH       = 20.0
	logoRowH    = 4 + logoH + 14 // label, logo and up to three lines of name
)

// organisationBlock draws a logo (or the short name when there is no
// logo that can be read) above the organisation's name.
func organisationBlock(d *document, o data.WorkshopOrganisation, x, y float64) {
	if !d.image(fmt.Sprintf("logo-%d", o.ID), o.Logo, x, y, logoW, logoH) {
		d.SetFillColor(242, 244, 247)
		d.Rect(x, y, logoW, logoH, "F")
		d.setFont("B", 12)
		d.colour(accent)
		short := o.ShortName
		if short == "" {
			short = o.Name
		}
		d.fitText(x+2, y+logoH/2+1.5, logoW-4, short, 12, 6, "C")
	}
	d.setFont("", 7.5)
	d.ink()
	lines := d.lines(o.Name, logoW)
	for i, line := range lines[:min(len(lines), 3)] {
		d.fitText(x, y+logoH+4+float64(i)*3.3, logoW, line, 7.5, 5, "C")
	}
}

type organisationGroup struct {
	label string
	orgs  []data.WorkshopOrganisation
}

func organisationGroups(wd words, orgs []data.WorkshopOrganisation) []organisationGroup {
	labels := map[data.Role]string{data.RoleOrganiser: wd.OrganisedBy, data.RoleHost: wd.HostedBy,
		data.RolePartner: wd.InPartnershipWith, data.RoleSupporter: wd.WithTheSupportOf}
	var out []organisationGroup
	for _, role := range data.Roles {
		g := organisationGroup{label: labels[role]}
		for _, o := range orgs {
			if o.Role == role {
				g.orgs = append(g.orgs, o)
			}
		}
		if len(g.orgs) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// dayHeading is "Day 1 — Monday 21 November 2022".
func dayHeading(d *document, ws data.Workshop, day data.Date) string {
	return fmt.Sprintf(d.words.Day, ws.StartDate.DaysUntil(day)+1) + " — " + FormatWeekday(d.lang, day)
}

const (
	timeW   = 27.0
	detailX = marginX + timeW
	detailW = contentW - timeW
)

func programmeDay(d *document, ws data.Workshop, day data.ProgrammeDay, trainers map[int64]data.Trainer) {
	heading := dayHeading(d, ws, day.Date)
	y := programmeDayHeader(d, heading)
	for _, s := range day.Sessions {
		title, meta := sessionLines(d, s, trainers)
		h := 7 + float64(len(title))*5 + float64(len(meta))*4.2 + 3
		if y+h > bottomY {
			y = programmeDayHeader(d, heading)
		}
		y = sessionBlock(d, s, title, meta, y, h)
	}
}

func programmeDayHeader(d *document, heading string) float64 {
	d.AddPage()
	d.setFont("B", 15)
	d.colour(accent)
	d.text(marginX, 28, heading)
	d.rule(31.5, accent, 0.5)
	d.ink()
	return 38
}

// sessionLines wraps a session's title and its line of room and trainers
// to the width they are printed in.
func sessionLines(d *document, s data.Session, trainers map[int64]data.Trainer) (title, meta []string) {
	d.setFont("B", 10.5)
	title = d.lines(s.Title, detailW)
	var names []string
	for _, id := range s.TrainerIDs {
		if t, ok := trainers[id]; ok {
			names = append(names, t.Name)
		}
	}
	var parts []string
	if s.Room != "" {
		parts = append(parts, fmt.Sprintf(d.words.InRoom, s.Room))
	}
	if len(names) > 0 {
		parts = append(parts, strings.Join(names, ", "))
	}
	d.setFont("", 9)
	meta = d.lines(strings.Join(parts, "  ·  "), detailW)
	return title, meta
}

// sessionBlock draws one session of height h from y and returns the y of
// the next: time on the left, then a coloured tag for the kind, the title
// and a line of room and trainers.
func sessionBlock(d *document, s data.Session, title, meta []string, y, h float64) float64 {
	c := kindColours[s.Kind]
	d.setFont("B", 10)
	d.ink()
	d.text(marginX, y+4.5, FormatTime(s.Start))
	d.setFont("", 8.5)
	d.grey()
	d.text(marginX, y+8.5, FormatTime(s.End))

	label := d.words.Kinds[s.Kind]
	if s.Mandatory {
		label += " · " + d.words.Mandatory
	}
	d.setFont("B", 7)
	tagW := d.width(label) + 4
	d.SetFillColor(c[0], c[1], c[2])
	d.RoundedRect(detailX, y+1.2, tagW, 4.4, 1, "1234", "F")
	d.SetTextColor(255, 255, 255)
	d.text(detailX+2, y+4.5, label)

	ty := y + 7
	d.setFont("B", 10.5)
	if s.Kind == data.KindBreak {
		d.setFont("I", 10.5)
		d.grey()
	} else {
		d.ink()
	}
	for _, line := range title {
		d.text(detailX, ty+4, line)
		ty += 5
	}
	d.setFont("", 9)
	d.grey()
	for _, line := range meta {
		d.text(detailX, ty+3.6, line)
		ty += 4.2
	}
	d.ink()
	d.rule(y+h, [3]int{lightGrey, lightGrey, lightGrey}, 0.2)
	return y + h + 1.5
}

func programmeTrainers(d *document, p ProgrammeData) {
	y := programmeDayHeader(d, d.words.TrainersHeading)
	for _, t := range p.Trainers {
		d.setFont("", 9.5)
		role := d.lines(strings.Join(nonEmpty(t.Title, t.Affiliation, countryName(d.lang, t.Country)), ", "), contentW)
		h := 6 + float64(len(role))*4.6 + 3
		if y+h > bottomY {
			y = programmeDayHeader(d, d.words.TrainersHeading)
		}
		d.setFont("B", 11)
		d.ink()
		d.text(marginX, y+4.5, t.Name)
		d.setFont("", 9.5)
		d.grey()
		ry := y + 6
		for _, line := range role {
			d.text(marginX, ry+4, line)
			ry += 4.6
		}
		y += h + 2
	}
	d.ink()
}

func nonEmpty(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}
