package data

import "cmp"

// BadgeRole is the colour band of a badge: who the person is at the
// workshop.
type BadgeRole string

const (
	BadgeParticipant BadgeRole = "participant"
	BadgeTrainer     BadgeRole = "trainer"
	BadgeOrganiser   BadgeRole = "organiser"
)

// Badge is one person's name badge (or table card).
type Badge struct {
	Role        BadgeRole
	PersonID    int64  // the participant's or trainer's id; 0 for an organiser's person
	Given       string // on the first line, large; "" when the name is one piece
	Family      string // on the second line
	Name        string // the whole name, as one line
	Institution string
	Country     string // ISO
	// Code is a participant's sign-in code, the one on the sign-in sheets,
	// which the badge's QR code holds for check-in; "" for the others,
	// whose attendance is not taken.
	Code string
}

// BadgeData is what a workshop's badges are printed from, read at one
// moment: confirmed participants, then trainers, then the organisers'
// people (the workshop's signatories).
type BadgeData struct {
	Workshop      Workshop
	Organisations []WorkshopOrganisation
	Badges        []Badge
}

// BadgeData reads a workshop's badges.
func (s *Store) BadgeData(workshopID int64) (BadgeData, error) {
	return readOne(s, func(q querier) (d BadgeData, err error) {
		if d.Workshop, err = workshopIn(q, workshopID); err != nil {
			return d, err
		}
		if d.Organisations, err = workshopOrganisationsIn(q, workshopID); err != nil {
			return d, err
		}
		people, err := participantsIn(q, workshopID, ParticipantFilter{})
		if err != nil {
			return d, err
		}
		// Codes over every participant, as the sign-in sheets make them.
		codes := SignInCodes(people)
		for _, p := range people {
			if p.Status != StatusConfirmed {
				continue
			}
			b := Badge{Role: BadgeParticipant, PersonID: p.ID, Given: p.GivenName, Family: p.FamilyName,
				Name: p.FullName(), Institution: p.Institution, Country: p.Country, Code: codes[p.ID]}
			if p.PrintedName != "" {
				// The name the participant asked to be printed, whole.
				b.Given, b.Family, b.Name = "", p.PrintedName, p.PrintedName
			}
			d.Badges = append(d.Badges, b)
		}
		trainers, err := trainersIn(q, workshopID)
		if err != nil {
			return d, err
		}
		for _, t := range trainers {
			d.Badges = append(d.Badges, Badge{Role: BadgeTrainer, PersonID: t.ID, Family: t.Name, Name: t.Name,
				Institution: t.Affiliation, Country: t.Country})
		}
		signatories, err := signatoriesIn(q, workshopID)
		if err != nil {
			return d, err
		}
		organiser := ""
		for _, o := range d.Organisations {
			if o.Role == RoleOrganiser && organiser == "" {
				organiser = o.Name
			}
		}
		for _, g := range signatories {
			d.Badges = append(d.Badges, Badge{Role: BadgeOrganiser, Family: g.Name, Name: g.Name,
				Institution: cmp.Or(g.Title, organiser)})
		}
		return d, nil
	})
}
