package reports

import (
	"time"

	"github.com/atelier-workshops/atelier/data"
)

// markHistory is the sheet of the marks helpers' phones made and the
// marks later ones replaced (data.MarkHistory), in the order saved: who
// marked what from where, and what the last mark overrode. A workshop
// marked on this computer alone has an empty sheet.
func (b *book) markHistory() error {
	w := b.w
	t := table{sheet: w.MarkHistory, columns: []column{
		{header: w.MarkedAt, style: b.styles.date}, {header: w.MarkedTime, style: b.styles.time},
		{header: w.Name}, {header: w.Day, style: b.styles.date}, {header: w.Title},
		{header: w.Status}, {header: w.Device, personal: true}, {header: w.Replaced},
	}}
	people := map[int64]data.Participant{}
	for _, p := range b.d.Participants {
		people[p.ID] = p
	}
	sessions := map[int64]data.Session{}
	for _, s := range b.d.Sessions {
		sessions[s.ID] = s
	}
	for _, e := range b.d.MarkHistory {
		p, s := people[e.ParticipantID], sessions[e.SessionID]
		at := e.MarkedAt.In(time.Local)
		device := e.Device
		if device == "" {
			device = w.ThisComputer
		}
		mark := w.MarkNames[e.Mark]
		if e.Mark == data.Unmarked {
			mark = w.Cleared
		}
		t.rows = append(t.rows, []any{dateCell(data.NewDate(at.Year(), at.Month(), at.Day())), timeOfDay(at),
			b.who(p, p.FullName()), dateCell(s.Day()), s.Title, mark, device, w.yesNo(e.Replaced)})
	}
	return b.writeTable(t)
}
