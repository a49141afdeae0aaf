package data

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// The grantees' logistics: who sleeps where each night, who to fetch at
// the airport and when, and the per diem each is due. They are worked out
// here, once, from one moment of the file, and the PDF sheets and the
// workbook only show them.

// PerDiemRate is a workshop's daily allowance in one currency. A workshop
// may pay in several: a grantee is paid in their grant's currency when
// the workshop has a rate in it, in the first rate's otherwise.
type PerDiemRate struct {
	Currency    string
	AmountMinor int64
}

func perDiemKey(workshopID int64) string { return fmt.Sprintf("per_diem.%d", workshopID) }

// PerDiemRates reads a workshop's daily allowances.
func (s *Store) PerDiemRates(workshopID int64) ([]PerDiemRate, error) {
	return perDiemRatesIn(s.r, workshopID)
}

func perDiemRatesIn(q querier, workshopID int64) ([]PerDiemRate, error) {
	var rates []PerDiemRate
	v, ok, err := settingIn(q, perDiemKey(workshopID))
	if err != nil || !ok {
		return nil, err
	}
	return rates, json.Unmarshal([]byte(v), &rates)
}

// SetPerDiemRates stores a workshop's daily allowances, one per currency.
func (s *Store) SetPerDiemRates(workshopID int64, rates []PerDiemRate) error {
	c := checker{record: "per diem"}
	seen := map[string]bool{}
	for i := range rates {
		r := &rates[i]
		r.Currency = strings.ToUpper(strings.TrimSpace(r.Currency))
		if !currencyPattern.MatchString(r.Currency) {
			c.add("per_diem_currency", "Currency", "error.currency",
				fmt.Sprintf("%q is not a three-letter currency code (like USD, EUR or NGN).", r.Currency),
				map[string]any{"Value": r.Currency})
		} else if seen[r.Currency] {
			c.add("per_diem_currency", "Currency", "error.per_diem_twice",
				fmt.Sprintf("%s has two daily amounts.", r.Currency), map[string]any{"Value": r.Currency})
		}
		seen[r.Currency] = true
		if r.AmountMinor <= 0 {
			c.add("per_diem_amount", "Daily amount", "error.positive", "must be more than zero.", nil)
		}
	}
	if err := c.err(); err != nil {
		return err
	}
	b, err := json.Marshal(rates)
	if err != nil {
		return err
	}
	return s.SetSetting(perDiemKey(workshopID), string(b))
}

// LogisticsData is the rooming list, the airport runs and the per diem of
// a workshop.
type LogisticsData struct {
	Workshop   Workshop
	Rooming    []HotelList
	Arrivals   []TravelLeg // by day and time of arrival, those who fly in
	Departures []TravelLeg // by day and time of departure, those who fly out
	PerDiem    PerDiemSheet
}

// HotelList is one hotel's guests, night by night.
type HotelList struct {
	Hotel  string // "" for grantees whose accommodation is paid and whose hotel is not known yet
	Nights []Date // every night someone sleeps there, in order
	Guests []HotelGuest
}

// HotelGuest is a grantee at a hotel.
type HotelGuest struct {
	Participant Participant
	CheckIn     Date
	CheckOut    Date
	Assumed     bool   // a date was not known: the night before the workshop, or its last day
	Nights      []bool // per night of the hotel's list
}

// NightCount is how many nights the guest sleeps at the hotel.
func (g HotelGuest) NightCount() int {
	n := 0
	for _, on := range g.Nights {
		if on {
			n++
		}
	}
	return n
}

// NightGuests counts the guests of night i.
func (h HotelList) NightGuests(i int) int {
	n := 0
	for _, g := range h.Guests {
		if g.Nights[i] {
			n++
		}
	}
	return n
}

// TravelLeg is one grantee's arrival or departure.
type TravelLeg struct {
	Participant Participant
	Journey     Journey
}

// DayStatus is what a day of the workshop counts for in the per diem.
type DayStatus int

const (
	DayPlanned  DayStatus = iota // no attendance taken that day yet: due as planned
	DayAttended                  // present or late at a session that day: due
	DayMissed                    // attendance was taken that day, and they were at none of it
)

// PerDiemSheet is the per diem of a workshop's grantees whose grant
// covers it.
type PerDiemSheet struct {
	Days   []Date // the days with sessions
	Lines  []PerDiemLine
	Totals []PerDiemRate // what is due in each currency, in the order of the rates
}

// PerDiemLine is one grantee's per diem.
type PerDiemLine struct {
	Participant Participant
	Days        []DayStatus // per Days of the sheet
	DaysDue     int
	Rate        PerDiemRate // zero when the workshop has no rate
	DueMinor    int64
}

// LogisticsData reads the logistics of a workshop at one moment.
func (s *Store) LogisticsData(workshopID int64) (LogisticsData, error) {
	return readOne(s, func(q querier) (LogisticsData, error) {
		m, people, err := matrixIn(q, workshopID, 0)
		if err != nil {
			return LogisticsData{}, err
		}
		rates, err := perDiemRatesIn(q, workshopID)
		if err != nil {
			return LogisticsData{}, err
		}
		return logisticsOf(m, people, rates), nil
	})
}

// travelling is who the lists are for: those selected or confirmed.
func travelling(p Participant) bool { return p.Status == StatusSelected || p.Status == StatusConfirmed }

// logisticsOf works the lists out of a workshop's matrix, every
// participant and the per-diem rates.
func logisticsOf(m *AttendanceMatrix, people []Participant, rates []PerDiemRate) LogisticsData {
	w := m.Workshop
	d := LogisticsData{Workshop: w, Rooming: rooming(w, people)}
	for _, p := range people {
		if !travelling(p) {
			continue
		}
		// The airport runs: those who travel by road are not met.
		if a := p.Travel.Arrival; !a.Date.IsZero() && a.Flight != "" {
			d.Arrivals = append(d.Arrivals, TravelLeg{p, a})
		}
		if dep := p.Travel.Departure; !dep.Date.IsZero() && dep.Flight != "" {
			d.Departures = append(d.Departures, TravelLeg{p, dep})
		}
	}
	byTime := func(a, b TravelLeg) int {
		return cmp.Or(a.Journey.At().Compare(b.Journey.At()), cmp.Compare(a.Journey.Flight, b.Journey.Flight))
	}
	slices.SortStableFunc(d.Arrivals, byTime)
	slices.SortStableFunc(d.Departures, byTime)
	d.PerDiem = perDiem(m, people, rates)
	return d
}

// rooming lists the guests of each hotel: grantees with a hotel, and
// those whose grant pays their accommodation before a hotel is known.
func rooming(w Workshop, people []Participant) []HotelList {
	byHotel := map[string]*HotelList{}
	var names []string
	for _, p := range people {
		t := p.Travel
		if !travelling(p) || t.Hotel == "" && !p.Grant.Accommodation {
			continue
		}
		g := HotelGuest{Participant: p, CheckIn: t.Arrival.Date, CheckOut: t.Departure.Date}
		if g.CheckIn.IsZero() {
			g.CheckIn, g.Assumed = w.StartDate.AddDays(-1), true
		}
		if g.CheckOut.IsZero() {
			g.CheckOut, g.Assumed = w.EndDate, true
		}
		h := byHotel[t.Hotel]
		if h == nil {
			h = &HotelList{Hotel: t.Hotel}
			byHotel[t.Hotel] = h
			names = append(names, t.Hotel)
		}
		h.Guests = append(h.Guests, g)
	}
	// Hotels by name, the one not known yet last.
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(cmp.Compare(boolInt(a == ""), boolInt(b == "")), strings.Compare(Fold(a), Fold(b)))
	})
	out := make([]HotelList, 0, len(names))
	for _, name := range names {
		h := byHotel[name]
		first, last := h.Guests[0].CheckIn, h.Guests[0].CheckOut
		for _, g := range h.Guests {
			if g.CheckIn.Before(first) {
				first = g.CheckIn
			}
			if g.CheckOut.After(last) {
				last = g.CheckOut
			}
		}
		for n := first; n.Before(last); n = n.AddDays(1) {
			h.Nights = append(h.Nights, n)
		}
		for i := range h.Guests {
			g := &h.Guests[i]
			g.Nights = make([]bool, len(h.Nights))
			for j, n := range h.Nights {
				g.Nights[j] = !n.Before(g.CheckIn) && n.Before(g.CheckOut)
			}
		}
		slices.SortStableFunc(h.Guests, func(a, b HotelGuest) int {
			return cmp.Or(cmp.Compare(Fold(a.Participant.Travel.Room), Fold(b.Participant.Travel.Room)),
				cmp.Compare(a.Participant.sortKey(), b.Participant.sortKey()))
		})
		out = append(out, *h)
	}
	return out
}

// perDiem works out the per diem of every confirmed grantee whose grant
// covers it: the rate for each day attended, or for each day still
// planned (no attendance taken that day yet, as before the workshop).
func perDiem(m *AttendanceMatrix, people []Participant, rates []PerDiemRate) PerDiemSheet {
	var sheet PerDiemSheet
	dayOf := map[Date]int{}
	sessionDay := make([]int, len(m.Sessions))
	for j, s := range m.Sessions {
		if s.Kind == KindBreak {
			sessionDay[j] = -1
			continue
		}
		i, ok := dayOf[s.Day()]
		if !ok {
			i = len(sheet.Days)
			dayOf[s.Day()] = i
			sheet.Days = append(sheet.Days, s.Day())
		}
		sessionDay[j] = i
	}
	// A day counts as taken once anyone has a mark on it.
	taken := make([]bool, len(sheet.Days))
	for j := range m.Sessions {
		if sessionDay[j] < 0 {
			continue
		}
		for i := range m.Participants {
			if m.At(i, j) != Unmarked {
				taken[sessionDay[j]] = true
				break
			}
		}
	}
	totals := map[string]int64{}
	for _, p := range people {
		if p.Status != StatusConfirmed || !p.Grant.PerDiem {
			continue
		}
		line := PerDiemLine{Participant: p, Days: make([]DayStatus, len(sheet.Days)), Rate: rateFor(p, rates)}
		row, marked := m.RowOf(p.ID)
		for d := range sheet.Days {
			if taken[d] {
				line.Days[d] = DayMissed
			}
		}
		for j := range m.Sessions {
			if d := sessionDay[j]; d >= 0 && marked && (m.At(row, j) == Present || m.At(row, j) == Late) {
				line.Days[d] = DayAttended
			}
		}
		for _, st := range line.Days {
			if st != DayMissed {
				line.DaysDue++
			}
		}
		line.DueMinor = int64(line.DaysDue) * line.Rate.AmountMinor
		if line.Rate.Currency != "" {
			totals[line.Rate.Currency] += line.DueMinor
		}
		sheet.Lines = append(sheet.Lines, line)
	}
	for _, r := range rates {
		if total, ok := totals[r.Currency]; ok {
			sheet.Totals = append(sheet.Totals, PerDiemRate{Currency: r.Currency, AmountMinor: total})
		}
	}
	return sheet
}

// rateFor is the daily rate p is paid at: in their grant's currency when
// the workshop has one, else the first.
func rateFor(p Participant, rates []PerDiemRate) PerDiemRate {
	for _, r := range rates {
		if r.Currency == p.Grant.Currency {
			return r
		}
	}
	if len(rates) > 0 {
		return rates[0]
	}
	return PerDiemRate{}
}
