package app

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// monthAbbr is the short month name of the interface language. Each key is
// spelled out so that the translation test finds it.
func monthAbbr(m time.Month) string { return named("date.month.", strconv.Itoa(int(m)), "") }

// dayNumber writes the day of the month; French writes the first as "1er".
func dayNumber(day int) string {
	if day == 1 {
		return lang.X("date.first_day", "1")
	}
	return strconv.Itoa(day)
}

// formatDate writes one day, e.g. "21 Nov 2022".
func formatDate(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	return lang.X("date.day", "{{.Day}} {{.Month}} {{.Year}}",
		map[string]any{"Day": dayNumber(d.Day), "Month": monthAbbr(d.Month), "Year": d.Year})
}

// formatDateRange writes the days a workshop runs, sharing what the two ends
// have in common: "21–25 Nov 2022", "28 Nov – 2 Dec 2022".
func formatDateRange(start, end data.Date) string {
	switch {
	case start.IsZero():
		return formatDate(end)
	case end.IsZero() || start == end:
		return formatDate(start)
	case start.Year == end.Year && start.Month == end.Month:
		return lang.X("date.range.same_month", "{{.StartDay}}–{{.EndDay}} {{.Month}} {{.Year}}",
			map[string]any{"StartDay": dayNumber(start.Day), "EndDay": dayNumber(end.Day),
				"Month": monthAbbr(start.Month), "Year": start.Year})
	case start.Year == end.Year:
		return lang.X("date.range.same_year", "{{.StartDay}} {{.StartMonth}} – {{.EndDay}} {{.EndMonth}} {{.Year}}",
			map[string]any{"StartDay": dayNumber(start.Day), "StartMonth": monthAbbr(start.Month),
				"EndDay": dayNumber(end.Day), "EndMonth": monthAbbr(end.Month), "Year": start.Year})
	}
	return lang.X("date.range.other", "{{.Start}} – {{.End}}",
		map[string]any{"Start": formatDate(start), "End": formatDate(end)})
}

// dateEntryLayout is the layout Fyne's DateEntry reads and writes. Fyne
// chooses it from the system region and does not export it, so it is
// found by asking a DateEntry to write the reference date itself.
var dateEntryLayout = sync.OnceValue(func() string {
	ref := time.Date(2006, time.January, 2, 0, 0, 0, 0, time.UTC)
	probe := widget.NewDateEntry()
	probe.SetDate(&ref)
	if probe.Text == "" {
		return "02/01/2006"
	}
	return probe.Text
})

// datePlaceholder shows the expected date layout in the interface
// language's letters, e.g. "DD/MM/YYYY" or "JJ/MM/AAAA".
func datePlaceholder() string {
	return strings.NewReplacer(
		"2006", lang.X("date.letters.year", "YYYY"),
		"01", lang.X("date.letters.month", "MM"),
		"02", lang.X("date.letters.day", "DD"),
	).Replace(dateEntryLayout())
}

// clip cuts s to at most n characters, marking the cut with an ellipsis,
// for text in places that cannot cut it themselves (check boxes, the label
// beside a field) and would otherwise widen the window.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
