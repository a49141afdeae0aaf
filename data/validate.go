package data

import (
	"fmt"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Length limits, in characters. They are generous for real names and titles
// and keep a pasted document out of a one-line field.
const (
	MaxNameLength  = 200
	MaxTitleLength = 300
	MaxShortText   = 200
	MaxEmailLength = 254
	MaxPhoneLength = 40
	MaxNoteLength  = 1000
	MaxLongText    = 10000
	MaxGrantTarget = 10000
	MaxLogoBytes   = 2 << 20
)

// checker collects field errors for one record.
type checker struct {
	record string
	errs   []FieldError
}

func (c *checker) add(field, label, key, msg string, args map[string]any) {
	if args == nil {
		args = map[string]any{}
	}
	args["Field"] = label
	c.errs = append(c.errs, FieldError{Field: field, Key: key, Args: args, Message: label + " " + msg})
}

func (c *checker) has(field string) bool {
	for _, e := range c.errs {
		if e.Field == field {
			return true
		}
	}
	return false
}

func (c *checker) err() error {
	if len(c.errs) == 0 {
		return nil
	}
	return &ValidationError{Record: c.record, Fields: c.errs}
}

func (c *checker) required(field, label, value string) {
	if strings.TrimSpace(value) == "" {
		c.add(field, label, "error.required", "is required.", nil)
	}
}

func (c *checker) maxLen(field, label, value string, limit int) {
	if n := utf8.RuneCountInString(value); n > limit {
		c.add(field, label, "error.too_long",
			fmt.Sprintf("is too long: %d characters, at most %d.", n, limit),
			map[string]any{"Count": n, "Max": limit})
	}
}

// text checks a one-line field; longText a field where line breaks belong.
func (c *checker) text(field, label, value string, limit int, required bool) {
	c.checkText(field, label, value, limit, required, false)
}

func (c *checker) longText(field, label, value string) {
	c.checkText(field, label, value, MaxLongText, false, true)
}

func (c *checker) checkText(field, label, value string, limit int, required, multiline bool) {
	if required {
		c.required(field, label, value)
	}
	c.maxLen(field, label, value, limit)
	if hasControl(value, multiline) {
		c.add(field, label, "error.control_chars", "contains invisible control characters.", nil)
	}
}

func (c *checker) email(field, label, value string) {
	if value == "" {
		return
	}
	c.maxLen(field, label, value, MaxEmailLength)
	if !validEmail(value) {
		c.add(field, label, "error.email", fmt.Sprintf("%q is not an email address (like name@example.org).", value),
			map[string]any{"Value": value})
	}
}

func (c *checker) country(field, label, code string, required bool) {
	if code == "" {
		if required {
			c.required(field, label, code)
		}
		return
	}
	if !ValidCountry(code) {
		c.add(field, label, "error.country", fmt.Sprintf("%q is not a country code from the list (like NG or FR).", code),
			map[string]any{"Value": code})
	}
}

func oneOf[T comparable](c *checker, field, label string, value T, allowed []T) {
	if !slices.Contains(allowed, value) {
		names := make([]string, 0, len(allowed))
		for _, a := range allowed {
			if s := fmt.Sprint(a); s != "" {
				names = append(names, s)
			}
		}
		c.add(field, label, "error.one_of",
			fmt.Sprintf("must be one of %s, not %q.", strings.Join(names, ", "), fmt.Sprint(value)),
			map[string]any{"Value": fmt.Sprint(value), "Allowed": strings.Join(names, ", ")})
	}
}

// hasControl finds characters that do not belong in a typed field. Tabs and
// line breaks are allowed in multi-line fields only. Format characters
// (zero-width joiners, direction marks) are legitimate in names and stay.
func hasControl(s string, multiline bool) bool {
	for _, r := range s {
		if r == '\n' || r == '\t' || r == '\r' {
			if !multiline {
				return true
			}
			continue
		}
		if unicode.IsControl(r) || r == utf8.RuneError {
			return true
		}
	}
	return false
}

var emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$`)

func validEmail(s string) bool {
	if !emailPattern.MatchString(s) {
		return false
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s
}

var currencyPattern = regexp.MustCompile(`^[A-Z]{3}$`)

// normalise trims and puts text into NFC, so that a name typed with
// combining marks and one pasted precomposed are stored the same way.
func normalise(s string) string { return norm.NFC.String(strings.TrimSpace(s)) }

// normaliseCountry accepts "ng" for NG but leaves anything else as typed,
// so that the error message quotes what the user wrote.
func normaliseCountry(s string) string {
	s = strings.TrimSpace(s)
	if len(s) == 2 {
		return strings.ToUpper(s)
	}
	return s
}

// Validate checks a workshop before it is saved.
func (w *Workshop) Validate() error {
	c := checker{record: "workshop"}
	c.text("title", "Title", w.Title, MaxTitleLength, true)
	c.text("theme", "Theme", w.Theme, MaxTitleLength, false)
	c.text("city", "City", w.City, MaxShortText, true)
	c.country("country", "Country", w.Country, true)
	c.text("region", "Region", w.Region, MaxShortText, false)
	c.text("venue", "Venue", w.Venue, MaxShortText, false)
	if w.StartDate.IsZero() {
		c.add("start_date", "Start date", "error.required", "is required.", nil)
	}
	if w.EndDate.IsZero() {
		c.add("end_date", "End date", "error.required", "is required.", nil)
	}
	if !w.StartDate.IsZero() && !w.EndDate.IsZero() {
		if w.EndDate.Before(w.StartDate) {
			c.add("end_date", "End date", "error.end_before_start",
				fmt.Sprintf("(%s) is before the start date (%s).", w.EndDate, w.StartDate),
				map[string]any{"End": w.EndDate.String(), "Start": w.StartDate.String()})
		} else if n := w.StartDate.DaysUntil(w.EndDate); n > 366 {
			c.add("end_date", "End date", "error.too_long_span",
				fmt.Sprintf("is %d days after the start; a workshop lasts at most a year.", n),
				map[string]any{"Days": n})
		}
	}
	oneOf(&c, "language", "Working language", w.Language, Languages)
	if w.GrantTarget < 0 || w.GrantTarget > MaxGrantTarget {
		c.add("grant_target", "Grant target", "error.range",
			fmt.Sprintf("must be between 0 and %d.", MaxGrantTarget), map[string]any{"Min": 0, "Max": MaxGrantTarget})
	}
	if w.Rule.MinPercent < 0 || w.Rule.MinPercent > 100 {
		c.add("min_percent", "Minimum attendance", "error.range", "must be between 0 and 100.",
			map[string]any{"Min": 0, "Max": 100})
	}
	oneOf(&c, "excused_policy", "Excused absences", w.Rule.ExcusedPolicy, ExcusedPolicies)
	return c.err()
}

func (w *Workshop) normalise() {
	w.Title, w.Theme, w.City = normalise(w.Title), normalise(w.Theme), normalise(w.City)
	w.Country, w.Region, w.Venue = normaliseCountry(w.Country), normalise(w.Region), normalise(w.Venue)
}

// Validate checks an organisation before it is saved.
func (o *Organisation) Validate() error {
	c := checker{record: "organisation"}
	c.text("name", "Name", o.Name, MaxNameLength, true)
	c.text("short_name", "Short name", o.ShortName, MaxShortText, false)
	c.country("country", "Country", o.Country, false)
	c.text("website", "Website", o.Website, MaxShortText, false)
	if len(o.Logo) > 0 {
		if len(o.Logo) > MaxLogoBytes {
			c.add("logo", "Logo", "error.logo_too_big",
				fmt.Sprintf("is %d KB; at most %d KB.", len(o.Logo)/1024, MaxLogoBytes/1024),
				map[string]any{"Size": len(o.Logo) / 1024, "Max": MaxLogoBytes / 1024})
		}
		if t := SniffImage(o.Logo); t == "" {
			c.add("logo", "Logo", "error.logo_format", "must be a PNG or JPEG image.", nil)
		}
	}
	return c.err()
}

// SniffImage names the logo formats Atelier accepts, or returns "".
func SniffImage(b []byte) string {
	switch {
	case len(b) > 8 && string(b[:8]) == "\x89PNG\r\n\x1a\n":
		return "image/png"
	case len(b) > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF:
		return "image/jpeg"
	}
	return ""
}

func (o *Organisation) normalise() {
	o.Name, o.ShortName, o.Website = normalise(o.Name), normalise(o.ShortName), strings.TrimSpace(o.Website)
	o.Country = normaliseCountry(o.Country)
	o.LogoType = ""
	if len(o.Logo) > 0 {
		o.LogoType = SniffImage(o.Logo)
	}
}

// Validate checks a session against its own rules and the workshop's dates.
func (s *Session) Validate(w *Workshop) error {
	c := checker{record: "session"}
	c.text("title", "Title", s.Title, MaxTitleLength, true)
	oneOf(&c, "kind", "Kind", s.Kind, SessionKinds)
	c.text("room", "Room", s.Room, MaxShortText, false)
	c.longText("description", "Description", s.Description)
	if s.Start.IsZero() {
		c.add("start", "Start", "error.required", "is required.", nil)
	}
	if s.End.IsZero() {
		c.add("end", "End", "error.required", "is required.", nil)
	}
	if !s.Start.IsZero() && !s.End.IsZero() && !s.End.After(s.Start) {
		c.add("end", "End", "error.end_not_after_start",
			fmt.Sprintf("(%s) must be after the start (%s).", s.End.Format("15:04"), s.Start.Format("15:04")),
			map[string]any{"End": s.End.Format("15:04"), "Start": s.Start.Format("15:04")})
	}
	if w != nil && !s.Start.IsZero() && !c.has("end") {
		first, last := w.StartDate, w.EndDate
		if DateOf(s.Start).Before(first) || DateOf(s.End.Add(-1)).After(last) {
			c.add("start", "Start", "error.outside_workshop",
				fmt.Sprintf("(%s) is outside the workshop's dates (%s to %s).", DateOf(s.Start), first, last),
				map[string]any{"Day": DateOf(s.Start).String(), "Start": first.String(), "End": last.String()})
		}
	}
	return c.err()
}

func (s *Session) normalise() {
	s.Title, s.Room, s.Description = normalise(s.Title), normalise(s.Room), normalise(s.Description)
	s.Start, s.End = s.Start.Truncate(60e9), s.End.Truncate(60e9)
	s.breakCountsForNothing()
}

// Validate checks a trainer before it is saved.
func (t *Trainer) Validate() error {
	c := checker{record: "trainer"}
	c.text("name", "Name", t.Name, MaxNameLength, true)
	c.text("title", "Title", t.Title, MaxShortText, false)
	c.text("affiliation", "Affiliation", t.Affiliation, MaxShortText, false)
	c.country("country", "Country", t.Country, false)
	c.email("email", "Email", t.Email)
	c.text("languages", "Languages", t.Languages, MaxShortText, false)
	c.longText("bio", "Short bio", t.Bio)
	return c.err()
}

func (t *Trainer) normalise() {
	t.Name, t.Title, t.Affiliation = normalise(t.Name), normalise(t.Title), normalise(t.Affiliation)
	t.Country, t.Email = normaliseCountry(t.Country), strings.TrimSpace(t.Email)
	t.Languages, t.Bio = normalise(t.Languages), normalise(t.Bio)
}

// Validate checks a participant before it is saved.
func (p *Participant) Validate() error {
	c := checker{record: "participant"}
	if strings.TrimSpace(p.GivenName) == "" && strings.TrimSpace(p.FamilyName) == "" {
		c.add("family_name", "Family name", "error.name_required", "or given name is required.", nil)
	}
	c.text("given_name", "Given name", p.GivenName, MaxNameLength, false)
	c.text("family_name", "Family name", p.FamilyName, MaxNameLength, false)
	c.text("printed_name", "Name on certificate", p.PrintedName, MaxNameLength, false)
	oneOf(&c, "gender", "Gender", p.Gender, Genders)
	c.country("country", "Country", p.Country, false)
	c.text("institution", "Institution", p.Institution, MaxShortText, false)
	c.text("position", "Position", p.Position, MaxShortText, false)
	c.email("email", "Email", p.Email)
	c.text("phone", "Phone", p.Phone, MaxPhoneLength, false)
	if p.Language != "" {
		oneOf(&c, "language", "Preferred language", p.Language, Languages)
	}
	oneOf(&c, "status", "Status", p.Status, Statuses)
	g := p.Grant
	if g.AmountMinor < 0 {
		c.add("grant_amount", "Grant amount", "error.negative", "cannot be negative.", nil)
	}
	if g.Currency != "" && !currencyPattern.MatchString(g.Currency) {
		c.add("grant_currency", "Currency", "error.currency",
			fmt.Sprintf("%q is not a three-letter currency code (like USD, EUR or NGN).", g.Currency),
			map[string]any{"Value": g.Currency})
	}
	if g.AmountMinor > 0 && g.Currency == "" {
		c.add("grant_currency", "Currency", "error.currency_missing", "is required when a grant amount is given.", nil)
	}
	if !g.Awarded && (g.AmountMinor > 0 || g.Paid) {
		c.add("grant_awarded", "Grant awarded", "error.grant_not_awarded",
			"is off, but the grant has an amount or is marked paid.", nil)
	}
	c.longText("notes", "Notes", p.Notes)
	p.Travel.check(&c)
	return c.err()
}

func (p *Participant) normalise() {
	p.GivenName, p.FamilyName, p.PrintedName = normalise(p.GivenName), normalise(p.FamilyName), normalise(p.PrintedName)
	p.Country = normaliseCountry(p.Country)
	p.Institution, p.Position = normalise(p.Institution), normalise(p.Position)
	p.Email, p.Phone = strings.TrimSpace(p.Email), strings.TrimSpace(p.Phone)
	p.Grant.Currency = strings.ToUpper(strings.TrimSpace(p.Grant.Currency))
	p.Notes = normalise(p.Notes)
	p.Travel.normalise()
	if p.Status == "" {
		p.Status = StatusApplicant
	}
}

// Validate checks a mark before it is saved.
func (a *Attendance) Validate() error {
	c := checker{record: "attendance"}
	oneOf(&c, "mark", "Attendance", a.Mark, Marks)
	c.text("note", "Note", a.Note, MaxNoteLength, false)
	return c.err()
}

// Validate checks a register entry before it is saved.
func (ct *Certificate) Validate() error {
	c := checker{record: "certificate"}
	if (ct.ParticipantID == 0) == (ct.TrainerID == 0) {
		c.add("holder", "Holder", "error.certificate_holder", "must be one participant or one trainer.", nil)
	}
	c.text("serial", "Serial number", ct.Serial, 40, true)
	c.text("code", "Verification code", ct.Code, 80, true)
	oneOf(&c, "language", "Language", ct.Language, Languages)
	if ct.IssuedOn.IsZero() {
		c.add("issued_on", "Issue date", "error.required", "is required.", nil)
	}
	if ct.SessionsAttended < 0 || ct.SessionsCounted < 0 || ct.MinutesAttended < 0 || ct.SessionsAttended > ct.SessionsCounted {
		c.add("sessions_attended", "Sessions attended", "error.attendance_figures",
			fmt.Sprintf("(%d of %d) do not add up.", ct.SessionsAttended, ct.SessionsCounted),
			map[string]any{"Attended": ct.SessionsAttended, "Counted": ct.SessionsCounted})
	}
	return c.err()
}
