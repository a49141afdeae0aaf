package importer

import (
	"fmt"
	"strings"

	"github.com/atelier-workshops/atelier/data"
)

// Who a row is: someone new, someone earlier in the list, or someone
// already in the workshop (same email, or same name and country whatever
// the case and accents), and what the row would change of them.

// seen remembers who is in the workshop and who came earlier in the list.
type seen struct {
	emails, names map[string]seenAs
	// claimed are the participants of the workshop a row of the list
	// matched already, by the row that did: two rows must not change one
	// person.
	claimed map[int64]seenAs
}

// seenAs is one person seen: a row of the list, or (row 0) a participant
// of the workshop.
type seenAs struct {
	row      int
	name     string
	existing *data.Participant // row 0 only
}

func newSeen(existing []data.Participant) *seen {
	s := &seen{emails: map[string]seenAs{}, names: map[string]seenAs{}, claimed: map[int64]seenAs{}}
	for i := range existing {
		e := &existing[i]
		s.add(*e, seenAs{0, e.FullName(), e})
	}
	return s
}

func emailKey(p data.Participant) string { return strings.ToLower(strings.TrimSpace(p.Email)) }

func nameKey(p data.Participant) string {
	return data.Fold(p.GivenName) + "\x00" + data.Fold(p.FamilyName) + "\x00" + p.Country
}

func (s *seen) add(p data.Participant, as seenAs) {
	if k := emailKey(p); k != "" {
		if _, dup := s.emails[k]; !dup {
			// The key may be the email as read, a piece of its row:
			// copied, so that the row is not kept with it.
			s.emails[strings.Clone(k)] = as
		}
	}
	if k := nameKey(p); p.FullName() != "" {
		if _, dup := s.names[k]; !dup {
			s.names[k] = as
		}
	}
}

// match finds whom the row p is. It returns the participant of the
// workshop the row is (nil for someone new), or why the row cannot be
// taken: it repeats an earlier row, or it is two different people of the
// workshop at once. col names the column a reason is about.
func (s *seen) match(p data.Participant, row int, col func(byEmail bool) string) (*data.Participant, []data.FieldError) {
	var byEmail, byName seenAs
	email, name := false, false
	if k := emailKey(p); k != "" {
		byEmail, email = s.emails[k]
	}
	byName, name = s.names[nameKey(p)]
	switch {
	case email && byEmail.row > 0:
		return nil, sameAsRow(col(true), true, byEmail)
	case name && byName.row > 0:
		return nil, sameAsRow(col(false), false, byName)
	case email && name && byEmail.existing.ID != byName.existing.ID:
		return nil, []data.FieldError{{Field: col(true), Key: "error.import_two_people",
			Args: map[string]any{"Field": col(true), "Email": byEmail.name, "Name": byName.name},
			Message: fmt.Sprintf("%s: the row is two people of this workshop: %s by its email, %s by its name and country.",
				col(true), byEmail.name, byName.name)}}
	}
	found := byEmail
	if !email {
		found = byName
	}
	if !email && !name {
		return nil, nil
	}
	if earlier, ok := s.claimed[found.existing.ID]; ok {
		return nil, []data.FieldError{{Field: col(email), Key: "error.import_same_person",
			Args:    map[string]any{"Field": col(email), "Name": found.name, "Row": earlier.row},
			Message: fmt.Sprintf("%s: row %d is the same person of this workshop (%s).", col(email), earlier.row, found.name)}}
	}
	s.claimed[found.existing.ID] = seenAs{row: row, name: found.name}
	return found.existing, nil
}

// sameAsRow refuses a row that repeats an earlier one of the list.
func sameAsRow(col string, byEmail bool, as seenAs) []data.FieldError {
	what, key := "name and country", "error.import_duplicate_name"
	if byEmail {
		what, key = "email", "error.import_duplicate_email"
	}
	return []data.FieldError{{Field: col, Key: key, Args: map[string]any{"Field": col, "Name": as.name, "Row": as.row},
		Message: fmt.Sprintf("%s: same %s as row %d (%s).", col, what, as.row, as.name)}}
}

// alreadyThere words a row found, at the import, to be someone another
// Atelier added to the workshop after the preview.
func alreadyThere(col string, byEmail bool, name string) data.FieldError {
	what, key := "name and country", "error.import_existing_name"
	if byEmail {
		what, key = "email", "error.import_existing_email"
	}
	return data.FieldError{Field: col, Key: key, Args: map[string]any{"Field": col, "Name": name, "Row": 0},
		Message: fmt.Sprintf("%s: %s is already in this workshop (same %s).", col, name, what)}
}

// Change is one value a row of the list changes of someone already in the
// workshop, by data's name of the field ("institution", "status"…); yes
// and no fields read "yes" or "no", codes (country, status, gender,
// language) are data's.
type Change struct {
	Field    string
	From, To string
}

// mergeRow gives the participant existing the values of the row's fields
// that differ from theirs, and lists those changes. A cell left blank
// changes nothing. Text that differs only in case and accents is taken
// from the list only when it has more accents than the file ("Adigun" in
// the file, "Àdìgún" in the list), never to write "ADIGUN" over "Àdìgún".
func mergeRow(existing data.Participant, row data.Participant, given map[string]bool) (data.Participant, []Change) {
	merged := existing
	var changes []Change
	text := func(field string, dst *string, from, to string) {
		if !given[field] || from == to || !betterText(from, to) {
			return
		}
		*dst = to
		changes = append(changes, Change{field, from, to})
	}
	text("given_name", &merged.GivenName, existing.GivenName, row.GivenName)
	text("family_name", &merged.FamilyName, existing.FamilyName, row.FamilyName)
	text("printed_name", &merged.PrintedName, existing.PrintedName, row.PrintedName)
	text("institution", &merged.Institution, existing.Institution, row.Institution)
	text("position", &merged.Position, existing.Position, row.Position)
	text("phone", &merged.Phone, existing.Phone, row.Phone)
	text("notes", &merged.Notes, existing.Notes, row.Notes)
	if given["email"] && !strings.EqualFold(existing.Email, row.Email) {
		merged.Email = row.Email
		changes = append(changes, Change{"email", existing.Email, row.Email})
	}
	code := func(field, from, to string) bool {
		if given[field] && from != to {
			changes = append(changes, Change{field, from, to})
			return true
		}
		return false
	}
	if code("country", existing.Country, row.Country) {
		merged.Country = row.Country
	}
	if code("gender", string(existing.Gender), string(row.Gender)) {
		merged.Gender = row.Gender
	}
	if code("language", string(existing.Language), string(row.Language)) {
		merged.Language = row.Language
	}
	if code("status", string(existing.Status), string(row.Status)) {
		merged.Status = row.Status
	}
	yesNo := func(field string, dst *bool, from, to bool) {
		if given[field] && from != to {
			*dst = to
			changes = append(changes, Change{field, yesOrNo(from), yesOrNo(to)})
		}
	}
	yesNo("grant_awarded", &merged.Grant.Awarded, existing.Grant.Awarded, row.Grant.Awarded)
	yesNo("directory_consent", &merged.DirectoryConsent, existing.DirectoryConsent, row.DirectoryConsent)
	return merged, changes
}

func yesOrNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// betterText says whether the list's text to should replace the file's
// from: always when they differ in more than case and accents, otherwise
// only when to carries more accents.
func betterText(from, to string) bool {
	if data.Fold(from) != data.Fold(to) {
		return true
	}
	return marks(to) > marks(from)
}

// marks counts the letters of s that folding changes other than by case:
// accented letters, dotted and hooked ones.
func marks(s string) int {
	n := 0
	for _, r := range s {
		if f := data.Fold(string(r)); f != strings.ToLower(string(r)) {
			n++
		}
	}
	return n
}
