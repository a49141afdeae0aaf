package reports

import (
	"strings"
)

// The list sheets: participants, schedule, trainers, grants and the
// certificates register, one row per record.

func (b *book) participants() error {
	w := b.w
	t := table{sheet: w.Participants, freezeCols: 3, columns: []column{
		{header: w.Number}, {header: w.FamilyName, personal: true}, {header: w.GivenName, personal: true},
		{header: w.PrintedName, personal: true},
		{header: w.Gender}, {header: w.Country}, {header: w.Code}, {header: w.Institution}, {header: w.Position},
		{header: w.Email, personal: true}, {header: w.Phone, personal: true}, {header: w.Language}, {header: w.Status}, {header: w.GrantAwarded},
		{header: w.Travel}, {header: w.Accommodation}, {header: w.PerDiem},
		{header: w.Amount, style: b.styles.amount}, {header: w.Currency}, {header: w.Paid}, {header: w.Consent},
		{header: w.Notes, personal: true},
	}}
	for k, p := range b.d.Participants {
		g := p.Grant
		var amt any
		if g.Awarded && g.AmountMinor > 0 {
			amt = amount(g)
		}
		t.rows = append(t.rows, []any{k + 1, p.FamilyName, p.GivenName, p.PrintedName, w.Genders[p.Gender],
			b.country(p.Country), p.Country, p.Institution, p.Position, p.Email, p.Phone,
			w.LanguageNames[p.Language], w.Statuses[p.Status], w.yesNo(g.Awarded), w.yesNo(g.Travel),
			w.yesNo(g.Accommodation), w.yesNo(g.PerDiem), amt, g.Currency, w.yesNo(g.Paid),
			w.yesNo(p.DirectoryConsent), p.Notes})
	}
	return b.writeTable(t)
}

func (b *book) schedule() error {
	w := b.w
	t := table{sheet: w.Schedule, columns: []column{
		{header: w.Day, style: b.styles.date}, {header: w.Start, style: b.styles.time},
		{header: w.End, style: b.styles.time}, {header: w.Title}, {header: w.Kind}, {header: w.Room},
		{header: w.Trainers}, {header: w.CountsForCertificate}, {header: w.Mandatory}, {header: w.Attended},
	}}
	names := map[int64]string{}
	for _, tr := range b.d.Trainers {
		names[tr.ID] = tr.Name
	}
	kinds := wordsFor(b.d.Workshop.Language).Kinds
	for k, s := range b.d.Sessions {
		var trainers []string
		for _, id := range s.TrainerIDs {
			trainers = append(trainers, names[id])
		}
		t.rows = append(t.rows, []any{dateCell(s.Day()), timeOfDay(s.Start), timeOfDay(s.End), s.Title,
			kinds[s.Kind], s.Room, strings.Join(trainers, ", "), w.yesNo(s.CountsForCertificate),
			w.yesNo(s.Mandatory), b.attended[k]})
	}
	return b.writeTable(t)
}

func (b *book) trainers() error {
	w := b.w
	t := table{sheet: w.Trainers, freezeCols: 1, columns: []column{
		{header: w.Name}, {header: w.Title}, {header: w.Affiliation}, {header: w.Country}, {header: w.Code},
		{header: w.Email, personal: true}, {header: w.Languages}, {header: w.Sessions}, {header: w.Bio, width: maxWidth},
	}}
	sessions := map[int64]int{}
	for _, s := range b.d.Sessions {
		for _, id := range s.TrainerIDs {
			sessions[id]++
		}
	}
	for _, tr := range b.d.Trainers {
		t.rows = append(t.rows, []any{tr.Name, tr.Title, tr.Affiliation, b.country(tr.Country), tr.Country,
			tr.Email, tr.Languages, sessions[tr.ID], tr.Bio})
	}
	return b.writeTable(t)
}

func (b *book) grants() error {
	w := b.w
	t := table{sheet: w.Grants, freezeCols: 1, columns: []column{
		{header: w.Name}, {header: w.Country}, {header: w.Status}, {header: w.Covers},
		{header: w.Amount, style: b.styles.amount}, {header: w.Currency}, {header: w.Paid},
	}}
	for _, p := range b.d.Participants {
		g := p.Grant
		if !g.Awarded {
			continue
		}
		var covers []string
		for _, c := range []struct {
			on   bool
			word string
		}{{g.Travel, w.Travel}, {g.Accommodation, w.Accommodation}, {g.PerDiem, w.PerDiem}} {
			if c.on {
				covers = append(covers, strings.ToLower(c.word))
			}
		}
		t.rows = append(t.rows, []any{b.who(p, p.FullName()), b.country(p.Country), w.Statuses[p.Status],
			strings.Join(covers, ", "), amount(g), g.Currency, w.yesNo(g.Paid)})
	}
	return b.writeTable(t)
}

func (b *book) certificates() error {
	w := b.w
	t := table{sheet: w.Certificates, columns: []column{
		{header: w.Serial}, {header: w.Name}, {header: w.Code, personal: true}, {header: w.Language},
		{header: w.IssuedOn, style: b.styles.date},
	}}
	people := map[int64]string{}
	for _, p := range b.d.Participants {
		people[p.ID] = b.who(p, p.NameOnCertificate())
	}
	trainers := map[int64]string{}
	for _, tr := range b.d.Trainers {
		trainers[tr.ID] = tr.Name
	}
	for _, c := range b.d.Certificates {
		name := people[c.ParticipantID]
		if c.TrainerID != 0 {
			name = trainers[c.TrainerID]
		}
		t.rows = append(t.rows, []any{c.Serial, name, c.Code, w.LanguageNames[c.Language], dateCell(c.IssuedOn)})
	}
	return b.writeTable(t)
}
