package reports

import (
	"strings"

	"github.com/atelier-workshops/atelier/data"
)

// The workbook's travel sheets: every participant's travel and stay, and
// the logistics sheets as the PDFs print them (rooming, airport runs, per
// diem), from the same data.LogisticsData. The anonymous variant keeps
// the travel sheet without names, passports, dates of birth or needs, and
// leaves the logistics sheets out: they are for running the workshop,
// not for statistics.

// travelBookWords are those sheets' names and headers in one language.
type travelBookWords struct {
	Travel, Rooming, Pickups, PerDiem                          string // sheet names
	Nationality, Birth, Passport, Expiry, ValidSixMonths       string
	ArrivalDate, ArrivalTime, ArrivalFlight                    string
	DepartureDate, DepartureTime, DepartureFlight, Hotel, Room string
	Dietary, Access, Night, Nights, Way, Arrival, Departure    string
	Days, Rate, Due, Signature, Attended, Planned, Missed      string
	Time, Flight                                               string
}

var travelBookLabels = map[data.Language]travelBookWords{
	data.English: {Travel: "Travel and stay", Rooming: "Rooming", Pickups: "Airport runs", PerDiem: "Per diem",
		Nationality: "Nationality", Birth: "Date of birth", Passport: "Passport number", Expiry: "Passport expiry",
		ValidSixMonths: "Valid 6 months after", ArrivalDate: "Arrival", ArrivalTime: "Arrival time",
		ArrivalFlight: "Arrival flight", DepartureDate: "Departure", DepartureTime: "Departure time",
		DepartureFlight: "Departure flight", Hotel: "Hotel", Room: "Room", Dietary: "Dietary needs",
		Access: "Access needs", Night: "Night of", Nights: "Nights", Way: "Way", Arrival: "arrival",
		Departure: "departure", Days: "Days due", Rate: "Per day", Due: "Amount due", Signature: "Signature",
		Attended: "attended", Planned: "planned", Missed: "absent", Time: "Time", Flight: "Flight"},
	data.French: {Travel: "Voyage et séjour", Rooming: "Chambres", Pickups: "Aéroport", PerDiem: "Indemnités",
		Nationality: "Nationalité", Birth: "Date de naissance", Passport: "N° de passeport",
		Expiry: "Expiration du passeport", ValidSixMonths: "Valide 6 mois après", ArrivalDate: "Arrivée",
		ArrivalTime: "Heure d’arrivée", ArrivalFlight: "Vol d’arrivée", DepartureDate: "Départ",
		DepartureTime: "Heure de départ", DepartureFlight: "Vol de départ", Hotel: "Hôtel", Room: "Chambre",
		Dietary: "Régime alimentaire", Access: "Accessibilité", Night: "Nuit du", Nights: "Nuits", Way: "Sens",
		Arrival: "arrivée", Departure: "départ", Days: "Jours dus", Rate: "Par jour", Due: "Montant dû",
		Signature: "Signature", Attended: "présent", Planned: "prévu", Missed: "absent", Time: "Heure", Flight: "Vol"},
	data.Spanish: {Travel: "Viaje y estancia", Rooming: "Habitaciones", Pickups: "Aeropuerto", PerDiem: "Viáticos",
		Nationality: "Nacionalidad", Birth: "Fecha de nacimiento", Passport: "N.º de pasaporte",
		Expiry: "Caducidad del pasaporte", ValidSixMonths: "Válido 6 meses después", ArrivalDate: "Llegada",
		ArrivalTime: "Hora de llegada", ArrivalFlight: "Vuelo de llegada", DepartureDate: "Salida",
		DepartureTime: "Hora de salida", DepartureFlight: "Vuelo de salida", Hotel: "Hotel", Room: "Habitación",
		Dietary: "Necesidades alimentarias", Access: "Accesibilidad", Night: "Noche del", Nights: "Noches",
		Way: "Sentido", Arrival: "llegada", Departure: "salida", Days: "Días debidos", Rate: "Por día",
		Due: "Importe debido", Signature: "Firma", Attended: "asistió", Planned: "previsto", Missed: "ausente",
		Time: "Hora", Flight: "Vuelo"},
}

// bookSheet is a sheet of the workbook and what writes it, as
// WriteWorkbook lists them.
type bookSheet = struct {
	name  string
	write func() error
}

// travelSheets are the sheets this file adds, with what writes them; the
// anonymous variant has the travel sheet only.
func (b *book) travelSheets() []bookSheet {
	tw := travelBookLabels[known(b.d.Workshop.Language)]
	out := []bookSheet{{tw.Travel, func() error { return b.travel(tw) }}}
	if !b.anonymous {
		out = append(out, bookSheet{tw.Rooming, func() error { return b.rooming(tw) }},
			bookSheet{tw.Pickups, func() error { return b.pickups(tw) }},
			bookSheet{tw.PerDiem, func() error { return b.perDiem(tw) }})
	}
	return out
}

func (b *book) travel(tw travelBookWords) error {
	w := b.w
	t := table{sheet: tw.Travel, freezeCols: 2, columns: []column{
		{header: w.Number}, {header: w.Name, personal: true}, {header: w.Status}, {header: tw.Nationality},
		{header: tw.Birth, style: b.styles.date, personal: true}, {header: tw.Passport, personal: true},
		{header: tw.Expiry, style: b.styles.date}, {header: tw.ValidSixMonths},
		{header: tw.ArrivalDate, style: b.styles.date}, {header: tw.ArrivalTime}, {header: tw.ArrivalFlight},
		{header: tw.DepartureDate, style: b.styles.date}, {header: tw.DepartureTime}, {header: tw.DepartureFlight},
		{header: tw.Hotel}, {header: tw.Room}, {header: tw.Dietary, personal: true}, {header: tw.Access, personal: true},
	}}
	for k, p := range b.d.Participants {
		tr := p.Travel
		valid := ""
		if !tr.PassportExpiry.IsZero() {
			_, warned := data.PassportWarning(tr, b.d.Workshop)
			valid = w.yesNo(!warned)
		}
		t.rows = append(t.rows, []any{k + 1, p.FullName(), w.Statuses[p.Status], b.country(tr.Nationality),
			dateCell(tr.BirthDate), tr.PassportNumber, dateCell(tr.PassportExpiry), valid,
			dateCell(tr.Arrival.Date), tr.Arrival.Time, tr.Arrival.Flight, dateCell(tr.Departure.Date),
			tr.Departure.Time, tr.Departure.Flight, tr.Hotel, tr.Room, tr.Dietary, tr.Access})
	}
	return b.writeTable(t)
}

func (b *book) rooming(tw travelBookWords) error {
	w := b.w
	t := table{sheet: tw.Rooming, freezeCols: 2, columns: []column{
		{header: tw.Hotel}, {header: w.Name}, {header: tw.Room}, {header: tw.ArrivalDate, style: b.styles.date},
		{header: tw.DepartureDate, style: b.styles.date}, {header: tw.Nights}, {header: tw.Night},
		{header: tw.Dietary}, {header: tw.Access},
	}}
	lw := logisticsWordsFor(b.d.Workshop.Language)
	for _, h := range b.d.Logistics.Rooming {
		hotel := h.Hotel
		if hotel == "" {
			hotel = lw.NoHotel
		}
		for _, g := range h.Guests {
			var nights []string
			for i, on := range g.Nights {
				if on {
					nights = append(nights, shortDay(b.d.Workshop.Language, h.Nights[i]))
				}
			}
			tr := g.Participant.Travel
			t.rows = append(t.rows, []any{hotel, g.Participant.FullName(), tr.Room, dateCell(g.CheckIn),
				dateCell(g.CheckOut), g.NightCount(), strings.Join(nights, ", "), tr.Dietary, tr.Access})
		}
	}
	return b.writeTable(t)
}

func (b *book) pickups(tw travelBookWords) error {
	w := b.w
	t := table{sheet: tw.Pickups, columns: []column{
		{header: tw.Way}, {header: w.Day, style: b.styles.date}, {header: tw.Time}, {header: tw.Flight},
		{header: w.Name}, {header: w.Country}, {header: w.Phone}, {header: tw.Hotel},
	}}
	for _, part := range []struct {
		way  string
		legs []data.TravelLeg
	}{{tw.Arrival, b.d.Logistics.Arrivals}, {tw.Departure, b.d.Logistics.Departures}} {
		for _, leg := range part.legs {
			p := leg.Participant
			t.rows = append(t.rows, []any{part.way, dateCell(leg.Journey.Date), leg.Journey.Time, leg.Journey.Flight,
				p.FullName(), b.country(p.Country), p.Phone, p.Travel.Hotel})
		}
	}
	return b.writeTable(t)
}

func (b *book) perDiem(tw travelBookWords) error {
	w := b.w
	s := b.d.Logistics.PerDiem
	columns := []column{{header: w.Number}, {header: w.Name}, {header: w.Country}}
	for _, d := range s.Days {
		columns = append(columns, column{header: shortDay(b.d.Workshop.Language, d)})
	}
	columns = append(columns, column{header: tw.Days}, column{header: tw.Rate, style: b.styles.amount},
		column{header: tw.Due, style: b.styles.amount}, column{header: w.Currency}, column{header: tw.Signature, width: 24})
	t := table{sheet: tw.PerDiem, freezeCols: 2, columns: columns}
	status := map[data.DayStatus]string{data.DayAttended: tw.Attended, data.DayPlanned: tw.Planned, data.DayMissed: tw.Missed}
	for k, l := range s.Lines {
		row := []any{k + 1, l.Participant.FullName(), b.country(l.Participant.Country)}
		for _, st := range l.Days {
			row = append(row, status[st])
		}
		row = append(row, l.DaysDue, float64(l.Rate.AmountMinor)/100, float64(l.DueMinor)/100, l.Rate.Currency, nil)
		t.rows = append(t.rows, row)
	}
	for _, total := range s.Totals {
		footer := make([]any, len(columns))
		footer[1] = w.Total
		footer[len(columns)-3] = float64(total.AmountMinor) / 100
		footer[len(columns)-2] = total.Currency
		t.footer = append(t.footer, footer)
	}
	return b.writeTable(t)
}
