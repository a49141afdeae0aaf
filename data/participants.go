package data

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
)

const participantColumns = `id, workshop_id, given_name, family_name, printed_name, gender, country, institution,
	position, email, phone, language, status, grant_awarded, grant_travel, grant_accommodation, grant_per_diem,
	grant_amount_minor, grant_currency, grant_paid, directory_consent, notes, ` + travelColumns

func scanParticipant(row scanner) (Participant, error) {
	var p Participant
	var awarded, travel, accommodation, perDiem, paid, consent int
	var t travelScan
	err := row.Scan(append([]any{&p.ID, &p.WorkshopID, &p.GivenName, &p.FamilyName, &p.PrintedName, &p.Gender,
		&p.Country, &p.Institution, &p.Position, &p.Email, &p.Phone, &p.Language, &p.Status, &awarded, &travel,
		&accommodation, &perDiem, &p.Grant.AmountMinor, &p.Grant.Currency, &paid, &consent, &p.Notes},
		t.targets(&p.Travel)...)...)
	t.fill(&p.Travel)
	p.Grant.Awarded, p.Grant.Travel, p.Grant.Accommodation = awarded == 1, travel == 1, accommodation == 1
	p.Grant.PerDiem, p.Grant.Paid, p.DirectoryConsent = perDiem == 1, paid == 1, consent == 1
	return p, err
}

// GrantFilter narrows participants by where their grant stands.
type GrantFilter string

const (
	GrantAny        GrantFilter = ""
	GrantAwarded    GrantFilter = "awarded"
	GrantNotAwarded GrantFilter = "not_awarded"
	GrantPaid       GrantFilter = "paid"
	GrantUnpaid     GrantFilter = "unpaid" // awarded and not paid yet
)

// GrantFilters lists the filters in the order a picker offers them.
var GrantFilters = []GrantFilter{GrantAny, GrantAwarded, GrantNotAwarded, GrantPaid, GrantUnpaid}

// ParticipantFilter narrows the participants list; zero values match all.
type ParticipantFilter struct {
	Text     string   // matched, accent- and case-insensitively, in names, email and institution
	Country  string   // ISO code
	Statuses []Status // any of these
	Grant    GrantFilter
}

// grantSQL is the condition each grant filter adds to the query.
var grantSQL = map[GrantFilter]string{
	GrantAwarded:    ` AND grant_awarded = 1`,
	GrantNotAwarded: ` AND grant_awarded = 0`,
	GrantPaid:       ` AND grant_paid = 1`,
	GrantUnpaid:     ` AND grant_awarded = 1 AND grant_paid = 0`,
}

// Participants lists a workshop's participants that match the filter,
// sorted by family name then given name.
func (s *Store) Participants(workshopID int64, f ParticipantFilter) ([]Participant, error) {
	return participantsIn(s.r, workshopID, f)
}

func participantsIn(db querier, workshopID int64, f ParticipantFilter) ([]Participant, error) {
	q := strings.Builder{}
	q.WriteString(`SELECT ` + participantColumns + ` FROM participants WHERE workshop_id = ?`)
	args := []any{workshopID}
	for _, word := range strings.Fields(Fold(f.Text)) {
		q.WriteString(` AND instr(search_key, ?) > 0`)
		args = append(args, word)
	}
	if f.Country != "" {
		q.WriteString(` AND country = ?`)
		args = append(args, strings.ToUpper(f.Country))
	}
	if len(f.Statuses) > 0 {
		q.WriteString(` AND status IN (?` + strings.Repeat(`, ?`, len(f.Statuses)-1) + `)`)
		for _, st := range f.Statuses {
			args = append(args, st)
		}
	}
	q.WriteString(grantSQL[f.Grant])
	q.WriteString(participantOrder)
	return queryAll(db, scanParticipant, q.String(), args...)
}

// Participant reads one participant.
func (s *Store) Participant(id int64) (Participant, error) { return participantIn(s.r, id) }

func participantIn(q querier, id int64) (Participant, error) {
	p, err := scanParticipant(q.QueryRow(`SELECT `+participantColumns+` FROM participants WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, &NotFoundError{"participant", id}
	}
	return p, err
}

func (p *Participant) searchKey() string {
	return Fold(strings.Join([]string{p.GivenName, p.FamilyName, p.PrintedName, p.Email, p.Institution, p.Position}, " "))
}

func (p *Participant) sortKey() string { return Fold(p.FamilyName) + "\x00" + Fold(p.GivenName) }

// participantOrder is the order of every participant list.
const participantOrder = ` ORDER BY sort_key, id`

// SaveParticipant creates (ID 0) or updates a participant.
func (s *Store) SaveParticipant(p *Participant) error {
	p.normalise()
	if err := p.Validate(); err != nil {
		return err
	}
	return s.write(context.Background(), func(tx *sql.Tx) error { return saveParticipant(tx, p) })
}

// SaveParticipants saves many participants in one transaction: all of them
// or, when any is invalid, none. The error names the first bad record.
func (s *Store) SaveParticipants(ps []*Participant) error {
	for _, p := range ps {
		p.normalise()
		if err := p.Validate(); err != nil {
			return err
		}
	}
	return s.write(context.Background(), func(tx *sql.Tx) error {
		for _, p := range ps {
			if err := saveParticipant(tx, p); err != nil {
				return err
			}
		}
		return nil
	})
}

// UpdateParticipants applies change to each of the participants in one
// transaction: all of them are changed or, when the change leaves any of
// them invalid, none. The error names the first one refused.
func (s *Store) UpdateParticipants(ids []int64, change func(*Participant)) error {
	return s.write(context.Background(), func(tx *sql.Tx) error {
		for _, id := range ids {
			p, err := scanParticipant(tx.QueryRow(`SELECT `+participantColumns+` FROM participants WHERE id = ?`, id))
			if errors.Is(err, sql.ErrNoRows) {
				return &NotFoundError{"participant", id}
			}
			if err != nil {
				return err
			}
			change(&p)
			p.normalise()
			if err := p.Validate(); err != nil {
				if v, ok := AsValidation(err); ok {
					v.Record = "participant " + p.FullName()
				}
				return err
			}
			if err := saveParticipant(tx, &p); err != nil {
				return err
			}
		}
		return nil
	})
}

// SetStatus moves many participants to one status at once.
func (s *Store) SetStatus(ids []int64, status Status) error {
	return s.UpdateParticipants(ids, func(p *Participant) { p.Status = status })
}

// SetGrantAwarded awards many participants' grants, or takes them back.
// Validation refuses, for all of them at once, taking back a grant that is
// paid or carries an amount.
func (s *Store) SetGrantAwarded(ids []int64, awarded bool) error {
	return s.UpdateParticipants(ids, func(p *Participant) { p.Grant.Awarded = awarded })
}

// SetGrantPaid marks many participants' grants paid or unpaid. Only an
// awarded grant can be paid: validation refuses the others, for all of
// them at once.
func (s *Store) SetGrantPaid(ids []int64, paid bool) error {
	return s.UpdateParticipants(ids, func(p *Participant) { p.Grant.Paid = paid })
}

// insertParticipantSQL adds a participant: participantValues, then the workshop.
const insertParticipantSQL = `INSERT INTO participants(given_name, family_name, printed_name, gender, country,
	institution, position, email, phone, language, status, grant_awarded, grant_travel, grant_accommodation,
	grant_per_diem, grant_amount_minor, grant_currency, grant_paid, directory_consent, notes, search_key,
	sort_key, ` + travelColumns + `, workshop_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
	?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// insertStatusSQL starts a participant's status history.
const insertStatusSQL = `INSERT INTO participant_status_changes(participant_id, status, changed_at) VALUES (?, ?, ?)`

// participantValues are a participant's columns in the order the insert
// and the update of saveParticipant name them.
func participantValues(p *Participant) []any {
	g := p.Grant
	return append([]any{p.GivenName, p.FamilyName, p.PrintedName, p.Gender, p.Country, p.Institution, p.Position,
		p.Email, p.Phone, p.Language, p.Status, boolInt(g.Awarded), boolInt(g.Travel), boolInt(g.Accommodation),
		boolInt(g.PerDiem), g.AmountMinor, g.Currency, boolInt(g.Paid), boolInt(p.DirectoryConsent), p.Notes,
		p.searchKey(), p.sortKey()}, travelValues(p.Travel)...)
}

func saveParticipant(tx *sql.Tx, p *Participant) error {
	args := participantValues(p)
	if p.ID == 0 {
		res, err := tx.Exec(insertParticipantSQL, append(args, p.WorkshopID)...)
		if err != nil {
			return err
		}
		if p.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		_, err = tx.Exec(insertStatusSQL, p.ID, p.Status, nowStamp())
		return err
	}
	// The history gains a line only when the status really changes.
	if _, err := tx.Exec(`INSERT INTO participant_status_changes(participant_id, status, changed_at)
		SELECT id, ?1, ?2 FROM participants WHERE id = ?3 AND status <> ?1`, p.Status, nowStamp(), p.ID); err != nil {
		return err
	}
	res, err := tx.Exec(`UPDATE participants SET given_name = ?, family_name = ?, printed_name = ?, gender = ?,
		country = ?, institution = ?, position = ?, email = ?, phone = ?, language = ?, status = ?,
		grant_awarded = ?, grant_travel = ?, grant_accommodation = ?, grant_per_diem = ?, grant_amount_minor = ?,
		grant_currency = ?, grant_paid = ?, directory_consent = ?, notes = ?, search_key = ?, sort_key = ?,
		nationality = ?, birth_date = ?, passport_number = ?, passport_expiry = ?, arrival_date = ?, arrival_time = ?,
		arrival_flight = ?, departure_date = ?, departure_time = ?, departure_flight = ?, hotel = ?, room = ?,
		dietary_needs = ?, access_needs = ? WHERE id = ?`,
		append(args, p.ID)...)
	if err != nil {
		return err
	}
	return mustAffect(res, "participant", p.ID)
}

// StatusChange is one step of a participant's selection: the status and
// when it was set (zero for a status older than the history).
type StatusChange struct {
	Status Status
	At     time.Time
}

// StatusHistory lists a participant's statuses, oldest first.
func (s *Store) StatusHistory(participantID int64) ([]StatusChange, error) {
	return queryAll(s.r, func(r scanner) (StatusChange, error) {
		var c StatusChange
		var at string
		if err := r.Scan(&c.Status, &at); err != nil {
			return c, err
		}
		if at != "" {
			c.At, _ = time.Parse(time.RFC3339, at)
		}
		return c, nil
	}, `SELECT status, changed_at FROM participant_status_changes WHERE participant_id = ? ORDER BY id`, participantID)
}

// DeleteParticipant removes a participant who has no attendance marks and
// no certificate. Otherwise it refuses with an InUseError that says how
// many marks would go, so that the caller can ask and then call
// DeleteParticipantWithAttendance.
func (s *Store) DeleteParticipant(id int64) error { return s.deleteParticipant(id, false) }

// DeleteParticipantWithAttendance removes a participant and their marks.
// A participant with a certificate is still refused: the register keeps
// every certificate issued.
func (s *Store) DeleteParticipantWithAttendance(id int64) error { return s.deleteParticipant(id, true) }

func (s *Store) deleteParticipant(id int64, withMarks bool) error {
	var d *Undoable
	err := s.write(context.Background(), func(tx *sql.Tx) error {
		var p Participant
		var marks, certs int
		err := tx.QueryRow(`SELECT given_name, family_name,
			(SELECT count(*) FROM attendance WHERE participant_id = p.id),
			(SELECT count(*) FROM certificates WHERE participant_id = p.id)
			FROM participants p WHERE id = ?`, id).Scan(&p.GivenName, &p.FamilyName, &marks, &certs)
		if errors.Is(err, sql.ErrNoRows) {
			return &NotFoundError{"participant", id}
		}
		if err != nil {
			return err
		}
		if certs > 0 {
			return &InUseError{Record: "participant", Name: p.FullName(), What: "certificates", Count: certs}
		}
		if marks > 0 && !withMarks {
			return &InUseError{Record: "participant", Name: p.FullName(), What: "attendance marks", Count: marks}
		}
		if d, err = capture(tx, "participant", p.FullName(), "participants", id); err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM attendance WHERE participant_id = ?`, id); err != nil {
			return err
		}
		_, err = tx.Exec(`DELETE FROM participants WHERE id = ?`, id)
		return err
	})
	if err == nil {
		s.remember(d)
	}
	return err
}

// ParticipantCountries lists the countries of a workshop's participants,
// for the country filter.
func (s *Store) ParticipantCountries(workshopID int64) ([]string, error) {
	return queryAll(s.r, func(r scanner) (string, error) {
		var c string
		return c, r.Scan(&c)
	}, `SELECT DISTINCT country FROM participants WHERE workshop_id = ? AND country <> '' ORDER BY country`, workshopID)
}
