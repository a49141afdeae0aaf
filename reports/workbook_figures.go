package reports

import (
	"slices"
	"strings"

	"github.com/atelier-workshops/atelier/data"
)

// figures are a workshop's key figures, shared by its summary sheet and by
// the overview across workshops.
type figures struct {
	byStatus  map[data.Status]int
	byGender  map[data.Gender]int
	countries map[string]*countryFigures
	grants    int
	totals    map[string]int64 // grant amounts in minor units, by currency
	rate      any              // overall attendance rate, nil when nothing counts yet
}

// countryFigures is one row of a table by country.
type countryFigures struct {
	code                             string
	participants, women, men, grants int
}

func keyFigures(d WorkbookData) figures {
	f := figures{byStatus: map[data.Status]int{}, byGender: map[data.Gender]int{},
		countries: map[string]*countryFigures{}, totals: map[string]int64{}}
	for _, p := range d.Participants {
		f.byStatus[p.Status]++
		f.byGender[p.Gender]++
		c := f.countries[p.Country]
		if c == nil {
			c = &countryFigures{code: p.Country}
			f.countries[p.Country] = c
		}
		c.participants++
		switch p.Gender {
		case data.GenderFemale:
			c.women++
		case data.GenderMale:
			c.men++
		}
		if p.Grant.Awarded {
			f.grants++
			c.grants++
			f.totals[p.Grant.Currency] += p.Grant.AmountMinor
		}
	}
	f.rate = overallRate(d.Verdicts)
	return f
}

// currencies lists the currencies grants were awarded in, sorted.
func (f figures) currencies() []string {
	out := make([]string, 0, len(f.totals))
	for c := range f.totals {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// byCountry sorts a table by country, the most participants first, then
// by the country's name.
func (b *book) byCountry(countries map[string]*countryFigures) []*countryFigures {
	rows := make([]*countryFigures, 0, len(countries))
	for _, c := range countries {
		rows = append(rows, c)
	}
	slices.SortFunc(rows, func(x, y *countryFigures) int {
		if x.participants != y.participants {
			return y.participants - x.participants
		}
		return strings.Compare(data.Fold(b.country(x.code)), data.Fold(b.country(y.code)))
	})
	return rows
}

// overallRate is the share of counted sessions attended, over everyone
// weighed, as a percent cell's value; nil when nothing counts yet.
func overallRate(v *data.Verdicts) any {
	attended, counted := 0, 0
	for i := range v.Len() {
		sum := v.At(i).Summary
		attended += sum.Attended
		counted += sum.Counted
	}
	if counted == 0 {
		return nil
	}
	return percentCell(float64(attended) * 100 / float64(counted))
}
