package importer

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/atelier-workshops/atelier/data"
)

// readTravel reads a cell of a travel column into t: a nationality as
// countries are read, dates as lists write them (2022-11-20, 20/11/2022,
// 20.11.2022, or a workbook's date cell), times as people write them
// (14:35, 14h35, or a workbook's time cell), the rest as text. ok is false
// for a value it cannot read, with the reason's key and English words.
func readTravel(f Field, v string, t *data.Travel) (key, msg string, ok bool) {
	date := func(d *data.Date, clock *string) (string, string, bool) {
		day, at, ok := readDate(v)
		if !ok {
			return "error.import_date", fmt.Sprintf("%q is not a date (like 2022-11-21 or 21/11/2022).", Short(v)), false
		}
		*d = day
		if clock != nil && at != "" && *clock == "" {
			*clock = at // "2022-11-20 14:35" in one cell: the time too
		}
		return "", "", true
	}
	clock := func(c *string) (string, string, bool) {
		if _, at, found := strings.Cut(v, " "); found && strings.Count(v, "-") == 2 {
			v = at // a workbook's time cell reads "1899-12-31 14:35"
		}
		parsed, ok := data.ParseClock(v)
		if !ok {
			return "error.import_time", fmt.Sprintf("%q is not a time of day (like 14:35).", Short(v)), false
		}
		*c = parsed
		return "", "", true
	}
	switch f {
	case Nationality:
		code, ok := countryCode(v)
		if !ok {
			return "error.import_country", fmt.Sprintf("%q is not a country Atelier knows.", Short(v)), false
		}
		t.Nationality = code
	case BirthDate:
		return date(&t.BirthDate, nil)
	case PassportExpiry:
		return date(&t.PassportExpiry, nil)
	case ArrivalDate:
		return date(&t.Arrival.Date, &t.Arrival.Time)
	case DepartureDate:
		return date(&t.Departure.Date, &t.Departure.Time)
	case ArrivalTime:
		return clock(&t.Arrival.Time)
	case DepartureTime:
		return clock(&t.Departure.Time)
	case PassportNumber:
		t.PassportNumber = data.NormalisePassport(v)
	case ArrivalFlight:
		t.Arrival.Flight = v
	case DepartureFlight:
		t.Departure.Flight = v
	case Hotel:
		t.Hotel = v
	case Room:
		t.Room = v
	case Dietary:
		t.Dietary = v
	case Access:
		t.Access = v
	}
	return "", "", true
}

// readDate reads a day as registration lists write it: ISO (2022-11-20,
// as a workbook's date cell reads, perhaps with a time after it), or day
// first (20/11/2022, 20.11.2022, 20-11-2022), or month first when the
// day cannot be second (11/20/2022). A blank is no date.
func readDate(s string) (d data.Date, clock string, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return d, "", true
	}
	if day, at, found := strings.Cut(s, " "); found {
		s = day
		if c, ok := data.ParseClock(at); ok {
			clock = c
		}
	}
	if d, err := data.ParseDate(s); err == nil {
		return d, clock, true
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '.' || r == '-' })
	if len(parts) != 3 {
		return d, "", false
	}
	n := make([]int, 3)
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil {
			return d, "", false
		}
		n[i] = v
	}
	day, month, year := n[0], n[1], n[2]
	if len(parts[0]) == 4 { // 2022/11/20
		year, month, day = n[0], n[1], n[2]
	} else if month > 12 && day <= 12 {
		day, month = month, day
	}
	if year < 100 {
		year += 2000
		if year > time.Now().Year()+10 {
			year -= 100 // a two-digit year of birth: 88 is 1988
		}
	}
	d = data.NewDate(year, time.Month(month), day)
	if d.Day != day || int(d.Month) != month || d.Year != year {
		return data.Date{}, "", false // 31/02: time.Date would roll it over
	}
	return d, clock, true
}
