package data

import (
	"fmt"
	"time"
)

// Date is a calendar day with no time zone: a workshop runs from one day to
// another wherever it is, and converting through UTC would shift dates.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate builds a Date; out-of-range parts are normalised as time.Date does.
func NewDate(year int, month time.Month, day int) Date {
	return DateOf(time.Date(year, month, day, 0, 0, 0, 0, time.UTC))
}

// DateOf takes the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads the ISO form YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

const (
	dateLayout     = "2006-01-02"
	dateTimeLayout = "2006-01-02T15:04"
)

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// IsZero reports whether the date was never set.
func (d Date) IsZero() bool { return d == Date{} }

// Time is midnight of the day, as a wall-clock time in UTC.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// At is the wall-clock time hour:minute on this day.
func (d Date) At(hour, minute int) time.Time {
	return time.Date(d.Year, d.Month, d.Day, hour, minute, 0, 0, time.UTC)
}

// AddDays moves n days forward (or back when n is negative).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// Before reports whether d is an earlier day than o.
func (d Date) Before(o Date) bool { return d.Time().Before(o.Time()) }

// After reports whether d is a later day than o.
func (d Date) After(o Date) bool { return d.Time().After(o.Time()) }

// DaysUntil counts the days from d to o (0 when equal).
func (d Date) DaysUntil(o Date) int { return int(o.Time().Sub(d.Time()).Hours() / 24) }

// Days lists every day from start to end inclusive.
func Days(start, end Date) []Date {
	var out []Date
	for d := start; !d.After(end); d = d.AddDays(1) {
		out = append(out, d)
	}
	return out
}

func formatDateTime(t time.Time) string { return t.Format(dateTimeLayout) }

func parseDateTime(s string) (time.Time, error) {
	return time.ParseInLocation(dateTimeLayout, s, time.UTC)
}

func nowStamp() string { return time.Now().UTC().Format(time.RFC3339) }
