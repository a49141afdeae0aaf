package reports

import (
	"fmt"
	"strconv"
	"time"

	"github.com/atelier-workshops/atelier/data"
)

// Dates in documents are written the way the document's language writes
// them, whatever the interface language is; so they are spelled out here
// rather than taken from the interface translations.

var monthNames = map[data.Language][12]string{
	data.English: {"January", "February", "March", "April", "May", "June", "July", "August", "September",
		"October", "November", "December"},
	data.French: {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
		"octobre", "novembre", "décembre"},
	data.Spanish: {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
		"octubre", "noviembre", "diciembre"},
}

var dayNames = map[data.Language][7]string{ // from Sunday, as time.Weekday counts
	data.English: {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	data.French:  {"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
	data.Spanish: {"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"},
}

// known falls back to English for a language Atelier has no words for.
func known(lang data.Language) data.Language {
	if _, ok := monthNames[lang]; ok {
		return lang
	}
	return data.English
}

func monthName(lang data.Language, m time.Month) string { return monthNames[known(lang)][m-1] }

// dayOfMonth writes the day number; French writes the first "1er".
func dayOfMonth(lang data.Language, day int) string {
	if day == 1 && known(lang) == data.French {
		return "1er"
	}
	return strconv.Itoa(day)
}

// dayMonth is a day and its month without the year: "21 November",
// "21 novembre", "21 de noviembre".
func dayMonth(lang data.Language, d data.Date) string {
	if known(lang) == data.Spanish {
		return fmt.Sprintf("%d de %s", d.Day, monthName(lang, d.Month))
	}
	return dayOfMonth(lang, d.Day) + " " + monthName(lang, d.Month)
}

// FormatDate writes a day in full: "21 November 2022", "21 novembre 2022",
// "21 de noviembre de 2022".
func FormatDate(lang data.Language, d data.Date) string {
	if d.IsZero() {
		return ""
	}
	if known(lang) == data.Spanish {
		return fmt.Sprintf("%s de %d", dayMonth(lang, d), d.Year)
	}
	return fmt.Sprintf("%s %d", dayMonth(lang, d), d.Year)
}

// FormatWeekday writes a day with its weekday: "Monday 21 November 2022",
// "lundi 21 novembre 2022", "lunes 21 de noviembre de 2022".
func FormatWeekday(lang data.Language, d data.Date) string {
	if d.IsZero() {
		return ""
	}
	return dayNames[known(lang)][d.Time().Weekday()] + " " + FormatDate(lang, d)
}

// FormatDateRange writes the days a workshop runs, sharing what both ends
// have in common. Within a month: "21–25 November 2022", "du 21 au 25
// novembre 2022", "del 21 al 25 de noviembre de 2022"; across months or
// years the two ends are joined by a spaced dash: "30 novembre – 2 décembre
// 2022", "30 December 2022 – 2 January 2023".
func FormatDateRange(lang data.Language, start, end data.Date) string {
	lang = known(lang)
	switch {
	case start.IsZero():
		return FormatDate(lang, end)
	case end.IsZero() || start == end:
		return FormatDate(lang, start)
	case start.Year == end.Year && start.Month == end.Month:
		switch lang {
		case data.French:
			return fmt.Sprintf("du %s au %d %s %d", dayOfMonth(lang, start.Day), end.Day, monthName(lang, end.Month), end.Year)
		case data.Spanish:
			return fmt.Sprintf("del %d al %d de %s de %d", start.Day, end.Day, monthName(lang, end.Month), end.Year)
		}
		return fmt.Sprintf("%d–%d %s %d", start.Day, end.Day, monthName(lang, end.Month), end.Year)
	case start.Year == end.Year:
		return dayMonth(lang, start) + " – " + FormatDate(lang, end)
	}
	return FormatDate(lang, start) + " – " + FormatDate(lang, end)
}

// FormatTime writes a wall-clock time on the 24-hour clock, as all three
// languages print it in programmes: "09:30".
func FormatTime(t time.Time) string { return t.Format("15:04") }

// FormatTimeRange writes when a session runs: "09:30–11:00".
func FormatTimeRange(start, end time.Time) string { return FormatTime(start) + "–" + FormatTime(end) }
