package reports

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/atelier-workshops/atelier/data"
)

// The overview is for secretariats that receive many files: one workbook
// across every workshop of one file or several (reports/overview_files.go),
// with a row of key figures per workshop and the files it was found in,
// and participants per country across them. It is written in one
// language, whatever the workshops' own.

// Overview writes the overview of every workshop in the store.
func Overview(st *data.Store, lang data.Language, w io.Writer) error {
	all, err := st.OverviewData()
	if err != nil {
		return err
	}
	_, err = WriteOverviewOfFiles([]OverviewFile{{Path: st.Path(), Workshops: all}}, lang, w)
	return err
}

// writeOverview writes the overview of the workshops of rows, in lang.
func writeOverview(rows []overviewRow, lang data.Language, w io.Writer) error {
	all := make([]WorkbookData, len(rows))
	for k, r := range rows {
		all[k] = r.data
	}
	b, err := newBook(WorkbookData{Workshop: data.Workshop{Language: lang}}, false)
	if err != nil {
		return err
	}
	defer b.f.Close()
	words := b.w
	if err := b.f.SetSheetName("Sheet1", words.Workshops); err != nil {
		return err
	}
	if _, err := b.f.NewSheet(words.Countries); err != nil {
		return err
	}
	figs := make([]figures, len(all))
	currencies := map[string]bool{}
	for k, d := range all {
		figs[k] = keyFigures(d)
		for c := range figs[k].totals {
			currencies[c] = true
		}
	}
	sorted := slices.Sorted(maps.Keys(currencies))
	t := table{sheet: words.Workshops, freezeCols: 1, columns: []column{
		{header: words.Title}, {header: words.City}, {header: words.Country},
		{header: words.Start, style: b.styles.date}, {header: words.End, style: b.styles.date},
		{header: words.Language}, {header: words.ParticipantsTotal}, {header: words.Confirmed},
		{header: words.Represented}, {header: words.Women}, {header: words.Men}, {header: words.GrantsAwarded},
	}}
	for _, c := range sorted {
		t.columns = append(t.columns, column{header: fmt.Sprintf(words.GrantsTotal, c), style: b.styles.amount})
	}
	t.columns = append(t.columns, column{header: words.AttendanceRate, style: b.styles.percent},
		column{header: words.CertificatesIssued}, column{header: words.Files})
	for k, d := range all {
		ws, f := d.Workshop, figs[k]
		row := []any{ws.Title, ws.City, b.country(ws.Country), dateCell(ws.StartDate), dateCell(ws.EndDate),
			words.LanguageNames[ws.Language], len(d.Participants), f.byStatus[data.StatusConfirmed], len(f.countries),
			f.byGender[data.GenderFemale], f.byGender[data.GenderMale], f.grants}
		for _, c := range sorted {
			var total any
			if n, ok := f.totals[c]; ok {
				total = amount(data.Grant{AmountMinor: n})
			}
			row = append(row, total)
		}
		t.rows = append(t.rows, append(row, f.rate, len(d.Certificates), strings.Join(rows[k].files, ", ")))
	}
	if err := b.writeTable(t); err != nil {
		return err
	}
	if err := b.countriesAcross(all, figs); err != nil {
		return err
	}
	_, err = b.f.WriteTo(w)
	return err
}

// countriesAcross writes participants per country, one column per
// workshop and their total, the countries with the most first.
func (b *book) countriesAcross(all []WorkbookData, figs []figures) error {
	words := b.w
	t := table{sheet: words.Countries, freezeCols: 2,
		columns: []column{{header: words.Country}, {header: words.Code}}}
	totals := map[string]*countryFigures{}
	for k, d := range all {
		header := d.Workshop.City
		if !d.Workshop.StartDate.IsZero() {
			header += " " + strconv.Itoa(d.Workshop.StartDate.Year)
		}
		t.columns = append(t.columns, column{header: header})
		for code, c := range figs[k].countries {
			if totals[code] == nil {
				totals[code] = &countryFigures{code: code}
			}
			totals[code].participants += c.participants
		}
	}
	t.columns = append(t.columns, column{header: words.Total})
	for _, c := range b.byCountry(totals) {
		row := []any{b.country(c.code), c.code}
		for k := range all {
			n := 0
			if f := figs[k].countries[c.code]; f != nil {
				n = f.participants
			}
			row = append(row, n)
		}
		t.rows = append(t.rows, append(row, c.participants))
	}
	return b.writeTable(t)
}
