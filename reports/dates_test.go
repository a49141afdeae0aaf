package reports

import (
	"testing"

	"github.com/atelier-workshops/atelier/data"
)

func TestDatesInTheDocumentsLanguage(t *testing.T) {
	d := data.NewDate
	cases := []struct {
		lang       data.Language
		start, end data.Date
		want       string
	}{
		{data.English, d(2022, 11, 21), d(2022, 11, 25), "21–25 November 2022"},
		{data.French, d(2022, 11, 21), d(2022, 11, 25), "du 21 au 25 novembre 2022"},
		{data.Spanish, d(2022, 11, 21), d(2022, 11, 25), "del 21 al 25 de noviembre de 2022"},
		{data.English, d(2022, 11, 30), d(2022, 12, 2), "30 November – 2 December 2022"},
		{data.French, d(2022, 11, 30), d(2022, 12, 2), "30 novembre – 2 décembre 2022"},
		{data.Spanish, d(2022, 11, 30), d(2022, 12, 2), "30 de noviembre – 2 de diciembre de 2022"},
		{data.English, d(2022, 12, 30), d(2023, 1, 2), "30 December 2022 – 2 January 2023"},
		{data.French, d(2022, 12, 30), d(2023, 1, 2), "30 décembre 2022 – 2 janvier 2023"},
		{data.Spanish, d(2022, 12, 30), d(2023, 1, 2), "30 de diciembre de 2022 – 2 de enero de 2023"},
		{data.French, d(2027, 3, 1), d(2027, 3, 5), "du 1er au 5 mars 2027"},
		{data.French, d(2027, 2, 26), d(2027, 3, 1), "26 février – 1er mars 2027"},
		{data.Spanish, d(2027, 3, 1), d(2027, 3, 1), "1 de marzo de 2027"},
		{data.English, data.Date{}, d(2022, 11, 25), "25 November 2022"},
		{data.French, d(2022, 11, 21), data.Date{}, "21 novembre 2022"},
		{data.Spanish, data.Date{}, data.Date{}, ""},
		{data.Language("de"), d(2022, 11, 21), d(2022, 11, 25), "21–25 November 2022"},
	}
	for _, c := range cases {
		if got := FormatDateRange(c.lang, c.start, c.end); got != c.want {
			t.Errorf("%s %v–%v: %q, want %q", c.lang, c.start, c.end, got, c.want)
		}
	}
	day := d(2022, 11, 21)
	for lang, want := range map[data.Language]string{
		data.English: "Monday 21 November 2022",
		data.French:  "lundi 21 novembre 2022",
		data.Spanish: "lunes 21 de noviembre de 2022",
	} {
		if got := FormatWeekday(lang, day); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	if got := FormatTimeRange(day.At(9, 5), day.At(14, 30)); got != "09:05–14:30" {
		t.Errorf("times %q", got)
	}
}
