package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/atelier-workshops/atelier/data"
)

// The logistics sheets: the rooming list by hotel and night, the airport
// pick-ups (and drop-offs) by time, and the per-diem sheet with a column
// per day, the amount due and a box to sign, with totals per currency.
// They show what data.LogisticsData worked out; the workbook shows the
// same.

// LogisticsKind is one of the sheets.
type LogisticsKind string

const (
	Rooming LogisticsKind = "rooming"
	Pickups LogisticsKind = "pickups"
	PerDiem LogisticsKind = "perdiem"
)

// LogisticsKinds lists the sheets.
var LogisticsKinds = []LogisticsKind{Rooming, Pickups, PerDiem}

// logisticsWords are the sheets' words in one language.
type logisticsWords struct {
	Titles                                           map[LogisticsKind]string
	NoHotel, Nights, Guests, CheckIn, CheckOut, Room string
	Needs, Assumed, Arrivals, Departures, Flight     string
	Phone, Hotel, Met, Days, Rate, Due, Total        string
	NoRate, Nobody, Attended, Planned, Missed, Key   string
}

var logisticsLabels = map[data.Language]logisticsWords{
	data.English: {
		Titles:  map[LogisticsKind]string{Rooming: "Rooming list", Pickups: "Airport pick-ups and drop-offs", PerDiem: "Per diem"},
		NoHotel: "Accommodation paid, hotel not yet known", Nights: "Nights", Guests: "Guests", CheckIn: "Check-in",
		CheckOut: "Check-out", Room: "Room", Needs: "Needs", Assumed: "* date not known yet: the workshop’s",
		Arrivals: "Arrivals", Departures: "Departures", Flight: "Flight", Phone: "Phone", Hotel: "Hotel",
		Met: "Done", Days: "Days", Rate: "Per day", Due: "Amount due", Total: "Total due",
		NoRate: "No daily amount is set for this workshop.", Nobody: "Nobody on this list yet.",
		Attended: "✓", Planned: "○", Missed: "—",
		Key: "✓ attended · ○ planned (no attendance taken that day yet) · — absent that day",
	},
	data.French: {
		Titles:  map[LogisticsKind]string{Rooming: "Liste des chambres", Pickups: "Accueil à l’aéroport et départs", PerDiem: "Indemnités journalières"},
		NoHotel: "Hébergement pris en charge, hôtel pas encore connu", Nights: "Nuits", Guests: "Personnes",
		CheckIn: "Arrivée", CheckOut: "Départ", Room: "Chambre", Needs: "Besoins",
		Assumed: "* date pas encore connue\u00a0: celle de l’atelier", Arrivals: "Arrivées", Departures: "Départs",
		Flight: "Vol", Phone: "Téléphone", Hotel: "Hôtel", Met: "Fait", Days: "Jours", Rate: "Par jour",
		Due: "Montant dû", Total: "Total dû", NoRate: "Aucun montant journalier n’est fixé pour cet atelier.",
		Nobody: "Personne sur cette liste pour l’instant.", Attended: "✓", Planned: "○", Missed: "—",
		Key: "✓ présent · ○ prévu (présences pas encore prises ce jour-là) · — absent ce jour-là",
	},
	data.Spanish: {
		Titles:  map[LogisticsKind]string{Rooming: "Lista de habitaciones", Pickups: "Recogidas y traslados al aeropuerto", PerDiem: "Viáticos"},
		NoHotel: "Alojamiento cubierto, hotel aún desconocido", Nights: "Noches", Guests: "Personas",
		CheckIn: "Entrada", CheckOut: "Salida", Room: "Habitación", Needs: "Necesidades",
		Assumed: "* fecha aún desconocida: la del taller", Arrivals: "Llegadas", Departures: "Salidas",
		Flight: "Vuelo", Phone: "Teléfono", Hotel: "Hotel", Met: "Hecho", Days: "Días", Rate: "Por día",
		Due: "Importe debido", Total: "Total debido", NoRate: "No se ha fijado un importe diario para este taller.",
		Nobody: "Nadie en esta lista todavía.", Attended: "✓", Planned: "○", Missed: "—",
		Key: "✓ asistió · ○ previsto (asistencia aún no tomada ese día) · — ausente ese día",
	},
}

func logisticsWordsFor(lang data.Language) logisticsWords { return logisticsLabels[known(lang)] }

// LogisticsTitle names a sheet in lang, for file names.
func LogisticsTitle(kind LogisticsKind, lang data.Language) string {
	return logisticsWordsFor(lang).Titles[kind]
}

// WriteLogistics writes one of the logistics sheets of d.
func WriteLogistics(d data.LogisticsData, kind LogisticsKind, w io.Writer) error {
	lw := logisticsWordsFor(d.Workshop.Language)
	title, ok := lw.Titles[kind]
	if !ok {
		return fmt.Errorf("%q is not a logistics sheet (rooming, pickups or perdiem)", kind)
	}
	orientation := "L"
	if kind == Pickups {
		orientation = "P"
	}
	doc := newFootedDocument(orientation, d.Workshop.Language, title+" — "+d.Workshop.Title, title+"  ·  "+d.Workshop.Title)
	doc.SetAutoPageBreak(false, 0)
	t := &sheetTable{d: doc, lw: lw, title: title, w: d.Workshop}
	switch kind {
	case Rooming:
		t.rooming(d.Rooming)
	case Pickups:
		t.pickups(d.Arrivals, d.Departures)
	case PerDiem:
		t.perDiem(d.PerDiem)
	}
	return doc.Output(w)
}

// sheetColumn is one column of a sheet's table.
type sheetColumn struct {
	label string
	width float64
	align string // "L", "C" or "R"
}

// sheetTable lays out the rows of a sheet under a heading, starting a new page
// with the heading and the columns again when one is full.
type sheetTable struct {
	d       *document
	lw      logisticsWords
	title   string
	w       data.Workshop
	y       float64
	columns []sheetColumn
	row     int
}

func (t *sheetTable) pageSize() (w, h float64) { return t.d.GetPageSize() }

// page starts a page with the sheet's title.
func (t *sheetTable) page() {
	d := t.d
	d.AddPage()
	pw, _ := t.pageSize()
	cw := pw - 2*marginX
	d.setFont("B", 16)
	d.ink()
	d.fitText(marginX, 20, cw*0.6, t.title, 16, 10, "L")
	d.setFont("", 9)
	d.grey()
	d.fitText(marginX+cw*0.6, 20, cw*0.4, FormatDateRange(d.lang, t.w.StartDate, t.w.EndDate)+" · "+PlaceLine(t.w, d.lang), 9, 6, "R")
	d.setFont("B", 9)
	d.colour(accent)
	d.fitText(marginX, 26, cw, t.w.Title, 9, 6, "L")
	d.SetDrawColor(accent[0], accent[1], accent[2])
	d.SetLineWidth(0.4)
	d.Line(marginX, 28, pw-marginX, 28)
	d.ink()
	t.y = 36
}

// section writes a heading above a table of columns, on a new page when
// little room is left.
func (t *sheetTable) section(heading string, columns []sheetColumn) {
	_, ph := t.pageSize()
	if t.y == 0 || t.y > ph-45 {
		t.page()
	}
	d := t.d
	if t.y > 36 {
		t.y += 8 // below the table before
	}
	d.setFont("B", 12)
	d.colour(accent)
	d.text(marginX, t.y, heading)
	d.ink()
	t.y += 3
	t.columns = columns
	t.header()
}

func (t *sheetTable) header() {
	d := t.d
	width := 0.0
	for _, c := range t.columns {
		width += c.width
	}
	d.SetFillColor(accent[0], accent[1], accent[2])
	d.Rect(marginX, t.y, width, 6, "F")
	d.setFont("B", 7.5)
	d.SetTextColor(255, 255, 255)
	x := marginX
	for _, c := range t.columns {
		d.fitText(x+1.2, t.y+4.2, c.width-2.4, c.label, 7.5, 5, c.align)
		x += c.width
	}
	d.ink()
	t.y += 6
	t.row = 0
}

// line writes a row of cells, rowH high; a box column (label "") gets a
// box to sign or tick in.
func (t *sheetTable) line(rowH float64, cells ...string) {
	d := t.d
	_, ph := t.pageSize()
	if t.y+rowH > ph-18 {
		t.page()
		t.header()
	}
	width := 0.0
	for _, c := range t.columns {
		width += c.width
	}
	if t.row%2 == 1 {
		d.SetFillColor(246, 247, 249)
		d.Rect(marginX, t.y, width, rowH, "F")
	}
	d.SetDrawColor(200, 200, 200)
	d.SetLineWidth(0.15)
	d.Line(marginX, t.y+rowH, marginX+width, t.y+rowH)
	x := marginX
	for i, c := range t.columns {
		text := ""
		if i < len(cells) {
			text = cells[i]
		}
		if text == "\x00box" {
			d.SetDrawColor(150, 150, 150)
			d.Rect(x+1, t.y+1, c.width-2, rowH-2, "D")
		} else {
			d.setFont("", 8.5)
			if i == 1 {
				d.setFont("B", 8.5)
			}
			d.fitText(x+1.2, t.y+rowH/2+1.3, c.width-2.4, text, 8.5, 4.5, c.align)
		}
		x += c.width
	}
	t.y += rowH
	t.row++
}

// note writes a line of small text under the table.
func (t *sheetTable) note(s string) {
	d := t.d
	t.y += 4
	d.grey()
	d.setFont("I", 8)
	pw, _ := t.pageSize()
	d.fitText(marginX, t.y, pw-2*marginX, s, 8, 5, "L")
	d.ink()
	t.y += 6
}

const box = "\x00box"

// shortDay writes a night or a day as a column heading: "Sun 20".
func shortDay(lang data.Language, d data.Date) string {
	name := []rune(dayNames[known(lang)][d.Time().Weekday()])
	return string(name[:3]) + " " + strconv.Itoa(d.Day)
}

func (t *sheetTable) rooming(hotels []data.HotelList) {
	if len(hotels) == 0 {
		t.page()
		t.note(t.lw.Nobody)
		return
	}
	lw, lang := t.lw, t.d.lang
	assumed := false
	for _, h := range hotels {
		nightW := 11.0
		fixed := 8 + 58 + 16 + 22 + 22 + 12 + 40.0
		avail := landW - 2*marginX - fixed
		if n := float64(len(h.Nights)); n*nightW > avail {
			nightW = avail / n
		}
		cols := []sheetColumn{{"No.", 8, "R"}, {t.d.words.Name, 58, "L"}, {lw.Room, 16, "L"}, {lw.CheckIn, 22, "L"},
			{lw.CheckOut, 22, "L"}}
		for _, n := range h.Nights {
			cols = append(cols, sheetColumn{shortDay(lang, n), nightW, "C"})
		}
		cols = append(cols, sheetColumn{lw.Nights, 12, "R"}, sheetColumn{lw.Needs, 40, "L"})
		name := h.Hotel
		if name == "" {
			name = lw.NoHotel
		}
		t.section(name, cols)
		for i, g := range h.Guests {
			in, out := shortDate(lang, g.CheckIn), shortDate(lang, g.CheckOut)
			if g.Assumed {
				if g.Participant.Travel.Arrival.Date.IsZero() {
					in += " *"
				}
				if g.Participant.Travel.Departure.Date.IsZero() {
					out += " *"
				}
				assumed = true
			}
			cells := []string{strconv.Itoa(i + 1), g.Participant.FullName(), g.Participant.Travel.Room, in, out}
			for _, on := range g.Nights {
				cells = append(cells, map[bool]string{true: "●", false: ""}[on])
			}
			tr := g.Participant.Travel
			cells = append(cells, strconv.Itoa(g.NightCount()), strings.Join(nonEmpty(tr.Dietary, tr.Access), "; "))
			t.line(7, cells...)
		}
		totals := []string{"", lw.Guests, "", "", ""}
		for i := range h.Nights {
			totals = append(totals, strconv.Itoa(h.NightGuests(i)))
		}
		t.line(7, totals...)
	}
	if assumed {
		t.note(lw.Assumed)
	}
}

// shortDate writes a day briefly: "Sun 20 Nov".
func shortDate(lang data.Language, d data.Date) string {
	month := []rune(monthName(lang, d.Month))
	return shortDay(lang, d) + " " + string(month[:min(3, len(month))])
}

func (t *sheetTable) pickups(arrivals, departures []data.TravelLeg) {
	lw, lang := t.lw, t.d.lang
	if len(arrivals)+len(departures) == 0 {
		t.page()
		t.note(lw.Nobody)
		return
	}
	cols := func() []sheetColumn {
		return []sheetColumn{{t.d.words.Time, 12, "L"}, {t.d.words.Name, 44, "L"}, {lw.Flight, 17, "L"},
			{t.d.words.Country, 22, "L"}, {lw.Phone, 28, "L"}, {lw.Hotel, 35, "L"}, {lw.Met, 12, "C"}}
	}
	for _, part := range []struct {
		heading string
		legs    []data.TravelLeg
	}{{lw.Arrivals, arrivals}, {lw.Departures, departures}} {
		var day data.Date
		for _, leg := range part.legs {
			if leg.Journey.Date != day {
				day = leg.Journey.Date
				t.section(part.heading+" · "+FormatWeekday(lang, day), cols())
			}
			p := leg.Participant
			t.line(8, leg.Journey.Time, p.FullName(), leg.Journey.Flight, countryName(lang, p.Country), p.Phone,
				p.Travel.Hotel, box)
		}
	}
}

func (t *sheetTable) perDiem(s data.PerDiemSheet) {
	lw, lang := t.lw, t.d.lang
	if len(s.Lines) == 0 {
		t.page()
		t.note(lw.Nobody)
		return
	}
	dayW := 13.0
	cols := []sheetColumn{{"No.", 8, "R"}, {t.d.words.Name, 56, "L"}, {t.d.words.Country, 26, "L"}}
	for _, day := range s.Days {
		cols = append(cols, sheetColumn{shortDay(lang, day), dayW, "C"})
	}
	cols = append(cols, sheetColumn{lw.Days, 11, "R"}, sheetColumn{lw.Rate, 24, "R"}, sheetColumn{lw.Due, 28, "R"})
	used := 0.0
	for _, c := range cols {
		used += c.width
	}
	cols = append(cols, sheetColumn{t.d.words.Signature, max(30, landW-2*marginX-used), "L"})
	var rates []string
	seen := map[string]bool{}
	for _, l := range s.Lines {
		if r := l.Rate; r.Currency != "" && !seen[r.Currency] {
			seen[r.Currency] = true
			rates = append(rates, moneyIn(lang, r.AmountMinor, r.Currency))
		}
	}
	t.section(strings.Join(append([]string{lw.Rate}, rates...), " · "), cols)
	mark := map[data.DayStatus]string{data.DayAttended: lw.Attended, data.DayPlanned: lw.Planned, data.DayMissed: lw.Missed}
	for i, l := range s.Lines {
		cells := []string{strconv.Itoa(i + 1), l.Participant.FullName(), countryName(lang, l.Participant.Country)}
		for _, st := range l.Days {
			cells = append(cells, mark[st])
		}
		cells = append(cells, strconv.Itoa(l.DaysDue), moneyIn(lang, l.Rate.AmountMinor, l.Rate.Currency),
			moneyIn(lang, l.DueMinor, l.Rate.Currency), box)
		t.line(10, cells...)
	}
	t.y += 3
	for _, total := range s.Totals {
		t.d.setFont("B", 10)
		pw, _ := t.pageSize()
		t.d.fitText(marginX, t.y+4, pw-2*marginX-40, lw.Total+" ("+total.Currency+")", 10, 6, "R")
		t.d.fitText(pw-marginX-40, t.y+4, 40, moneyIn(lang, total.AmountMinor, total.Currency), 10, 6, "R")
		t.y += 6
	}
	if len(s.Totals) == 0 {
		t.note(lw.NoRate)
	}
	t.note(lw.Key)
}
