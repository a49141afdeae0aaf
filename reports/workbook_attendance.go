package reports

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/atelier-workshops/atelier/data"
)

// markColours are the fill and text colours of each status in the
// attendance matrix, the same in every language.
var markColours = []struct {
	mark       data.Mark
	fill, font string
}{
	{data.Present, "C6EFCE", "006100"},
	{data.Late, "FFEB9C", "9C5700"},
	{data.Excused, "DDEBF7", "1F4E78"},
	{data.Absent, "FFC7CE", "9C0006"},
}

// attendance writes the participants × sessions matrix: a status letter
// per cell, then each participant's attended and counted sessions, rate
// and eligibility; below, each session's count and a legend.
func (b *book) attendance() error {
	w, v := b.w, b.d.Verdicts
	m := v.Matrix
	lang := b.d.Workshop.Language
	t := table{sheet: w.Attendance, freezeCols: 2, headerStyle: b.styles.rotated, headerHeight: 150,
		columns: []column{{header: w.Name, width: 28}, {header: w.Country, width: 16}}}
	days := map[data.Date]int{}
	for _, s := range m.Sessions {
		if _, ok := days[s.Day()]; !ok {
			days[s.Day()] = len(days) + 1
		}
	}
	dayWord := wordsFor(lang).Day
	for _, s := range m.Sessions {
		label := fmt.Sprintf(dayWord, days[s.Day()]) + " " + s.Start.Format("15:04") + " " + s.Title
		t.columns = append(t.columns, column{header: label, width: 4.5})
	}
	first := len(t.columns) + 1
	t.columns = append(t.columns, column{header: w.Attended, width: 7}, column{header: w.Counted, width: 7},
		column{header: w.Rate, style: b.styles.percent, width: 8}, column{header: w.Eligible, width: 8})
	n := len(m.Sessions)
	for i, p := range m.Participants {
		row := make([]any, 0, len(t.columns))
		row = append(row, b.who(p, p.FullName()), b.country(p.Country))
		for j := 0; j < n; j++ {
			if mark := m.At(i, j); mark != data.Unmarked {
				row = append(row, w.Marks[mark])
			} else {
				row = append(row, nil)
			}
		}
		e := v.At(i)
		var rate any
		if e.Summary.Counted > 0 {
			rate = percentCell(e.Summary.Percent)
		}
		row = append(row, e.Summary.Attended, e.Summary.Counted, rate, w.yesNo(e.Eligible))
		t.rows = append(t.rows, row)
	}
	counts := make([]any, 0, n+2)
	counts = append(counts, w.Attended, nil)
	col := map[int64]int{}
	for k, s := range b.d.Sessions {
		col[s.ID] = k
	}
	for _, s := range m.Sessions {
		counts = append(counts, b.attended[col[s.ID]])
	}
	t.footer = append(t.footer, counts)
	for _, c := range markColours {
		t.footer = append(t.footer, []any{w.Marks[c.mark], w.MarkNames[c.mark]})
	}
	t.decorate = func(lastRow int) error {
		if n == 0 {
			return nil
		}
		from, _ := excelize.CoordinatesToCellName(3, 2)
		to, _ := excelize.CoordinatesToCellName(first-1, lastRow)
		legend, _ := excelize.CoordinatesToCellName(1, lastRow+3)
		legendEnd := "A" + strconv.Itoa(lastRow+2+len(t.footer))
		var formats []excelize.ConditionalFormatOptions
		for _, c := range markColours {
			style, err := b.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: c.font, Bold: true},
				Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c.fill}}})
			if err != nil {
				return err
			}
			formats = append(formats, excelize.ConditionalFormatOptions{Type: "cell", Criteria: "==",
				Value: strconv.Quote(w.Marks[c.mark]), Format: &style})
		}
		// The legend's letters take the colours they explain.
		return b.f.SetConditionalFormat(b.w.Attendance, from+":"+to+" "+legend+":"+legendEnd, formats)
	}
	return b.writeTable(t)
}
