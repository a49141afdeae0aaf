package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Journey is one leg of a participant's travel: the day, the time at the
// airport (local, "HH:MM", "" when not known yet) and the flight.
type Journey struct {
	Date   Date
	Time   string
	Flight string // as the ticket prints it: "ET 901"
}

// IsZero reports whether nothing of the journey is known.
func (j Journey) IsZero() bool { return j == Journey{} }

// At is the journey's day and time as a wall-clock time, for sorting; a
// journey without a time sorts at the start of its day.
func (j Journey) At() time.Time {
	h, m, _ := clockParts(j.Time)
	return j.Date.At(h, m)
}

// Travel is what a visa invitation, a rooming list and an airport pick-up
// need to know of a participant. Everything is optional.
type Travel struct {
	Nationality    string // ISO 3166-1 alpha-2: the passport's country
	BirthDate      Date
	PassportNumber string // letters and digits, as in the passport
	PassportExpiry Date
	Arrival        Journey
	Departure      Journey
	Hotel          string
	Room           string
	Dietary        string // dietary needs: "vegetarian", "no pork"
	Access         string // access needs: "wheelchair", "ground floor room"
}

// MaxPassportLength is the longest passport number accepted. ICAO's
// machine-readable zone holds nine characters; some countries print longer
// numbers, none this long.
const MaxPassportLength = 20

// The travel fields by data's field names, as forms, messages and the
// importer name them.
const (
	FieldNationality     = "nationality"
	FieldBirthDate       = "birth_date"
	FieldPassportNumber  = "passport_number"
	FieldPassportExpiry  = "passport_expiry"
	FieldArrivalDate     = "arrival_date"
	FieldArrivalTime     = "arrival_time"
	FieldArrivalFlight   = "arrival_flight"
	FieldDepartureDate   = "departure_date"
	FieldDepartureTime   = "departure_time"
	FieldDepartureFlight = "departure_flight"
	FieldHotel           = "hotel"
	FieldRoom            = "room"
	FieldDietary         = "dietary_needs"
	FieldAccess          = "access_needs"
)

// TravelFields lists the travel fields in the order forms show them.
var TravelFields = []string{FieldNationality, FieldBirthDate, FieldPassportNumber, FieldPassportExpiry,
	FieldArrivalDate, FieldArrivalTime, FieldArrivalFlight, FieldDepartureDate, FieldDepartureTime,
	FieldDepartureFlight, FieldHotel, FieldRoom, FieldDietary, FieldAccess}

// CopyTravelField sets one travel field of dst to its value in src, so
// that a form keeps the saved value of a field data refuses; it reports
// whether field is a travel field.
func CopyTravelField(field string, dst, src *Travel) bool {
	switch field {
	case FieldNationality:
		dst.Nationality = src.Nationality
	case FieldBirthDate:
		dst.BirthDate = src.BirthDate
	case FieldPassportNumber:
		dst.PassportNumber = src.PassportNumber
	case FieldPassportExpiry:
		dst.PassportExpiry = src.PassportExpiry
	case FieldArrivalDate:
		dst.Arrival.Date = src.Arrival.Date
	case FieldArrivalTime:
		dst.Arrival.Time = src.Arrival.Time
	case FieldArrivalFlight:
		dst.Arrival.Flight = src.Arrival.Flight
	case FieldDepartureDate:
		dst.Departure.Date = src.Departure.Date
	case FieldDepartureTime:
		dst.Departure.Time = src.Departure.Time
	case FieldDepartureFlight:
		dst.Departure.Flight = src.Departure.Flight
	case FieldHotel:
		dst.Hotel = src.Hotel
	case FieldRoom:
		dst.Room = src.Room
	case FieldDietary:
		dst.Dietary = src.Dietary
	case FieldAccess:
		dst.Access = src.Access
	default:
		return false
	}
	return true
}

// NormalisePassport writes a passport number as data keeps it: capitals,
// without the spaces and dashes people type to group the digits.
func NormalisePassport(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' || r == '\u00a0' {
			return -1
		}
		return unicode.ToUpper(r)
	}, s)
}

// ParseClock reads a time of day as people write it, "9:05", "09:05",
// "9h05", "9.05" or "0905", and returns it as "HH:MM"; ok is false when
// it is none.
func ParseClock(s string) (clock string, ok bool) {
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "" {
		return "", true
	}
	hh, mm, found := "", "", false
	for _, sep := range []string{":", "h", "."} {
		if hh, mm, found = strings.Cut(s, sep); found {
			break
		}
	}
	if !found {
		if len(s) != 4 {
			return s, false
		}
		hh, mm = s[:2], s[2:]
	}
	if mm == "" {
		mm = "00" // "9h"
	}
	h, err1 := strconv.Atoi(hh)
	m, err2 := strconv.Atoi(mm)
	if err1 != nil || err2 != nil || len(mm) != 2 || len(hh) > 2 || h < 0 || h > 23 || m < 0 || m > 59 {
		return s, false
	}
	return fmt.Sprintf("%02d:%02d", h, m), true
}

func clockParts(clock string) (h, m int, ok bool) {
	hh, mm, found := strings.Cut(clock, ":")
	if !found {
		return 0, 0, false
	}
	h, err1 := strconv.Atoi(hh)
	m, err2 := strconv.Atoi(mm)
	return h, m, err1 == nil && err2 == nil
}

func (t *Travel) normalise() {
	t.Nationality = normaliseCountry(t.Nationality)
	t.PassportNumber = NormalisePassport(t.PassportNumber)
	for _, j := range []*Journey{&t.Arrival, &t.Departure} {
		if c, ok := ParseClock(j.Time); ok {
			j.Time = c
		} else {
			j.Time = strings.TrimSpace(j.Time)
		}
		j.Flight = strings.ToUpper(normalise(j.Flight))
	}
	t.Hotel, t.Room = normalise(t.Hotel), normalise(t.Room)
	t.Dietary, t.Access = normalise(t.Dietary), normalise(t.Access)
}

// earliestBirth is as far back as a date of birth is believed.
var earliestBirth = NewDate(1900, time.January, 1)

// check adds what is wrong with the travel fields to c.
func (t *Travel) check(c *checker) {
	c.country(FieldNationality, "Nationality", t.Nationality, false)
	if !t.BirthDate.IsZero() {
		if today := DateOf(time.Now()); t.BirthDate.After(today) || t.BirthDate.Before(earliestBirth) {
			c.add(FieldBirthDate, "Date of birth", "error.birth_date",
				fmt.Sprintf("(%s) must be a day between %s and today.", t.BirthDate, earliestBirth),
				map[string]any{"Day": t.BirthDate.String(), "Start": earliestBirth.String()})
		}
	}
	if n := t.PassportNumber; n != "" {
		c.maxLen(FieldPassportNumber, "Passport number", n, MaxPassportLength)
		if strings.ContainsFunc(n, func(r rune) bool { return !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') }) {
			c.add(FieldPassportNumber, "Passport number", "error.passport_number",
				fmt.Sprintf("%q must be letters A–Z and digits only, as printed in the passport (like A01234567).", n),
				map[string]any{"Value": n})
		}
	}
	journeys := []struct {
		j                  Journey
		date, time, flight string
		label              string
	}{
		{t.Arrival, FieldArrivalDate, FieldArrivalTime, FieldArrivalFlight, "Arrival"},
		{t.Departure, FieldDepartureDate, FieldDepartureTime, FieldDepartureFlight, "Departure"},
	}
	for _, x := range journeys {
		if x.j.Time != "" {
			if _, ok := ParseClock(x.j.Time); !ok {
				c.add(x.time, x.label+" time", "error.clock",
					fmt.Sprintf("%q is not a time of day like 14:35.", x.j.Time), map[string]any{"Value": x.j.Time})
			} else if x.j.Date.IsZero() {
				c.add(x.time, x.label+" time", "error.time_without_date", "needs the day as well.", nil)
			}
		}
		c.text(x.flight, x.label+" flight", x.j.Flight, 20, false)
	}
	if a, d := t.Arrival, t.Departure; !a.Date.IsZero() && !d.Date.IsZero() &&
		(d.Date.Before(a.Date) || d.Date == a.Date && d.Time != "" && a.Time != "" && d.Time < a.Time) {
		c.add(FieldDepartureDate, "Departure", "error.departure_before_arrival",
			fmt.Sprintf("(%s) is before the arrival (%s).", d.Date, a.Date),
			map[string]any{"End": d.Date.String(), "Start": a.Date.String()})
	}
	c.text(FieldHotel, "Hotel", t.Hotel, MaxShortText, false)
	c.text(FieldRoom, "Room", t.Room, 40, false)
	c.text(FieldDietary, "Dietary needs", t.Dietary, MaxShortText, false)
	c.text(FieldAccess, "Access needs", t.Access, MaxShortText, false)
}

// PassportMonths is how long after a workshop a visa invitation wants the
// passport to stay valid: most embassies ask for six months.
const PassportMonths = 6

// PassportWarning says, as a problem with the passport's expiry that does
// not stop saving, when the participant's passport expires less than six
// months after the workshop's last day (or has expired); ok is false when
// it does not, or when no expiry is known.
func PassportWarning(t Travel, w Workshop) (FieldError, bool) {
	if t.PassportExpiry.IsZero() || w.EndDate.IsZero() {
		return FieldError{}, false
	}
	needed := DateOf(w.EndDate.Time().AddDate(0, PassportMonths, 0))
	if !t.PassportExpiry.Before(needed) {
		return FieldError{}, false
	}
	return FieldError{Field: FieldPassportExpiry, Key: "warning.passport_expiry",
		Args: map[string]any{"Field": "Passport expiry", "Day": t.PassportExpiry.String(), "End": needed.String(),
			"Months": PassportMonths},
		Message: fmt.Sprintf("Passport expiry (%s) is less than %d months after the workshop: most embassies want the passport valid until %s.",
			t.PassportExpiry, PassportMonths, needed)}, true
}

// travelColumns are the travel columns of participants, in the order
// travelValues and scanTravel name them.
const travelColumns = `nationality, birth_date, passport_number, passport_expiry, arrival_date, arrival_time,
	arrival_flight, departure_date, departure_time, departure_flight, hotel, room, dietary_needs, access_needs`

// travelValues are the travel columns' values.
func travelValues(t Travel) []any {
	return []any{t.Nationality, t.BirthDate.String(), t.PassportNumber, t.PassportExpiry.String(),
		t.Arrival.Date.String(), t.Arrival.Time, t.Arrival.Flight, t.Departure.Date.String(), t.Departure.Time,
		t.Departure.Flight, t.Hotel, t.Room, t.Dietary, t.Access}
}

// travelScan is where a row's travel columns are scanned into; fill then
// reads the dates.
type travelScan struct {
	birth, expiry, arrival, departure string
}

func (s *travelScan) targets(t *Travel) []any {
	return []any{&t.Nationality, &s.birth, &t.PassportNumber, &s.expiry, &s.arrival, &t.Arrival.Time,
		&t.Arrival.Flight, &s.departure, &t.Departure.Time, &t.Departure.Flight, &t.Hotel, &t.Room, &t.Dietary,
		&t.Access}
}

// fill reads the dates: a date that cannot be read (written by hand into
// the file) is left out rather than failing every list of participants.
func (s *travelScan) fill(t *Travel) {
	t.BirthDate, _ = ParseDate(s.birth)
	t.PassportExpiry, _ = ParseDate(s.expiry)
	t.Arrival.Date, _ = ParseDate(s.arrival)
	t.Departure.Date, _ = ParseDate(s.departure)
}
