package data

import (
	"strings"
	"testing"
	"time"
)

// wantFieldError checks that err is a validation error naming field, with a
// message that says what is wrong.
func wantFieldError(t *testing.T, err error, field, key, words string) {
	t.Helper()
	v, ok := AsValidation(err)
	if !ok {
		t.Fatalf("want a validation error on %s, got %v", field, err)
	}
	fe, ok := v.For(field)
	if !ok {
		t.Fatalf("no error on %s in %v", field, v)
	}
	if fe.Key != key || !strings.Contains(fe.Message, words) {
		t.Fatalf("%s: key %q message %q; want key %q and words %q", field, fe.Key, fe.Message, key, words)
	}
	if fe.Args["Field"] == "" {
		t.Fatalf("%s: the message does not carry its field label", field)
	}
}

func TestWorkshopValidationRules(t *testing.T) {
	st, _ := openTemp(t)
	saved := addWorkshop(t, st)
	cases := []struct {
		name, field, key, words string
		edit                    func(w *Workshop)
	}{
		{"title required", "title", "error.required", "Title is required", func(w *Workshop) { w.Title = "   " }},
		{"title bounded", "title", "error.too_long", "at most 300", func(w *Workshop) { w.Title = strings.Repeat("é", 301) }},
		{"city required", "city", "error.required", "City is required", func(w *Workshop) { w.City = "" }},
		{"country from the list", "country", "error.country", `"Nigeria" is not a country code`, func(w *Workshop) { w.Country = "Nigeria" }},
		{"country not a region", "country", "error.country", "not a country code", func(w *Workshop) { w.Country = "EU" }},
		{"end after start", "end_date", "error.end_before_start", "(2022-11-20) is before the start date (2022-11-21)",
			func(w *Workshop) { w.EndDate = NewDate(2022, time.November, 20) }},
		{"start required", "start_date", "error.required", "Start date is required", func(w *Workshop) { w.StartDate = Date{} }},
		{"language from the list", "language", "error.one_of", "must be one of en, fr, es", func(w *Workshop) { w.Language = "de" }},
		{"grant target bounded", "grant_target", "error.range", "between 0 and", func(w *Workshop) { w.GrantTarget = -1 }},
		{"rule percent bounded", "min_percent", "error.range", "between 0 and 100", func(w *Workshop) { w.Rule.MinPercent = 120 }},
		{"no line break in a title", "title", "error.control_chars", "control characters", func(w *Workshop) { w.Title = "A\tB\nC" }},
		{"no control characters", "venue", "error.control_chars", "control characters", func(w *Workshop) { w.Venue = "Hall\x00A" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := saved
			c.edit(&w)
			wantFieldError(t, st.SaveWorkshop(&w), c.field, c.key, c.words)
			got, err := st.Workshop(saved.ID)
			mustNoErr(t, err)
			if got.Title != saved.Title || got.City != saved.City || got.EndDate != saved.EndDate ||
				got.Country != saved.Country || got.Language != saved.Language || got.Rule != saved.Rule {
				t.Fatalf("a rejected update changed the workshop: %+v", got)
			}
		})
	}
}

func TestValidationReportsEveryProblemAtOnce(t *testing.T) {
	w := Workshop{Language: "xx"}
	v, ok := AsValidation(w.Validate())
	if !ok {
		t.Fatal("an empty workshop passed")
	}
	for _, f := range []string{"title", "city", "country", "start_date", "end_date", "language"} {
		if _, ok := v.For(f); !ok {
			t.Errorf("no error for %s in %v", f, v)
		}
	}
}

func TestSessionValidationRules(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	day := w.StartDate
	base := Session{WorkshopID: w.ID, Title: "Lecture", Kind: KindLecture, Start: day.At(9, 0), End: day.At(10, 0)}
	cases := []struct {
		name, field, key, words string
		edit                    func(s *Session)
	}{
		{"title required", "title", "error.required", "Title is required", func(s *Session) { s.Title = "" }},
		{"kind from the list", "kind", "error.one_of", "must be one of lecture", func(s *Session) { s.Kind = "party" }},
		{"end after start", "end", "error.end_not_after_start", "(09:00) must be after the start (10:00)",
			func(s *Session) { s.Start, s.End = day.At(10, 0), day.At(9, 0) }},
		{"inside the workshop", "start", "error.outside_workshop", "outside the workshop's dates",
			func(s *Session) { s.Start, s.End = day.AddDays(-1).At(9, 0), day.AddDays(-1).At(10, 0) }},
		{"not after the workshop", "start", "error.outside_workshop", "2022-11-26",
			func(s *Session) { s.Start, s.End = day.AddDays(5).At(9, 0), day.AddDays(5).At(10, 0) }},
		{"description bounded", "description", "error.too_long", "at most 10000",
			func(s *Session) { s.Description = strings.Repeat("x", 10001) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := base
			c.edit(&s)
			wantFieldError(t, st.SaveSession(&s), c.field, c.key, c.words)
			if list, _ := st.Sessions(w.ID); len(list) != 0 {
				t.Fatal("a rejected session was saved")
			}
		})
	}
	last := base
	last.Start, last.End = w.EndDate.At(16, 0), w.EndDate.At(23, 59)
	mustNoErr(t, st.SaveSession(&last))
}

func TestParticipantAndTrainerValidationRules(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	base := Participant{WorkshopID: w.ID, GivenName: "Ada", FamilyName: "Obi"}
	cases := []struct {
		name, field, key, words string
		edit                    func(p *Participant)
	}{
		{"a name required", "family_name", "error.name_required", "or given name is required",
			func(p *Participant) { p.GivenName, p.FamilyName = "", " " }},
		{"email syntax", "email", "error.email", `"ada@" is not an email address`, func(p *Participant) { p.Email = "ada@" }},
		{"email without dot", "email", "error.email", "not an email", func(p *Participant) { p.Email = "ada@localhost" }},
		{"status from the list", "status", "error.one_of", "applicant, selected, waitlisted, confirmed, withdrawn",
			func(p *Participant) { p.Status = "maybe" }},
		{"language from the list", "language", "error.one_of", "en, fr, es", func(p *Participant) { p.Language = "pt" }},
		{"gender from the list", "gender", "error.one_of", "female, male, other", func(p *Participant) { p.Gender = "f" }},
		{"currency code", "grant_currency", "error.currency", "three-letter", func(p *Participant) {
			p.Grant = Grant{Awarded: true, AmountMinor: 100, Currency: "dollars"}
		}},
		{"currency with amount", "grant_currency", "error.currency_missing", "required when",
			func(p *Participant) { p.Grant = Grant{Awarded: true, AmountMinor: 100} }},
		{"grant consistent", "grant_awarded", "error.grant_not_awarded", "is off",
			func(p *Participant) { p.Grant = Grant{Paid: true} }},
		{"name bounded", "given_name", "error.too_long", "at most 200", func(p *Participant) { p.GivenName = strings.Repeat("Ọ", 201) }},
		{"phone bounded", "phone", "error.too_long", "at most 40", func(p *Participant) { p.Phone = strings.Repeat("1", 41) }},
		{"no line break in a name", "given_name", "error.control_chars", "control", func(p *Participant) { p.GivenName = "Ada\nObi" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := base
			c.edit(&p)
			wantFieldError(t, st.SaveParticipant(&p), c.field, c.key, c.words)
			if list, _ := st.Participants(w.ID, ParticipantFilter{}); len(list) != 0 {
				t.Fatal("a rejected participant was saved")
			}
		})
	}
	// Multi-line notes, zero-width joiners and direction marks are legitimate.
	ok := base
	ok.Notes = "Arrives Sunday.\nNeeds a visa letter."
	ok.GivenName = "Ada\u200d"
	mustNoErr(t, st.SaveParticipant(&ok))

	tr := Trainer{WorkshopID: w.ID, Name: "", Email: "x@y"}
	err := st.SaveTrainer(&tr)
	wantFieldError(t, err, "name", "error.required", "Name is required")
	wantFieldError(t, err, "email", "error.email", "not an email")
}

func TestNamesAreStoredInNFC(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	decomposed := "O\u0323la\u0301n\u0301rewa\u0301ju\u0301" // Ọláńrewájú typed with combining marks
	p := Participant{WorkshopID: w.ID, GivenName: decomposed, FamilyName: "Test"}
	mustNoErr(t, st.SaveParticipant(&p))
	got, _ := st.Participant(p.ID)
	if got.GivenName != "Ọláńrewájú" {
		t.Fatalf("stored %q (%d bytes), want the precomposed form", got.GivenName, len(got.GivenName))
	}
}

func TestFold(t *testing.T) {
	cases := map[string]string{
		"Ọláńrewájú":         "olanrewaju",
		"ÀDÌGÚN":             "adigun",
		"Ñúñez Gonçalves":    "nunez goncalves",
		"Ɗanjuma Ƙabir":      "danjuma kabir",
		"Ẹ̀kọ́":              "eko",
		"Ngọzi Ùchẹ́ Ọkafọ̀": "ngozi uche okafo",
		"Søren Łukasz":       "soren lukasz",
		"Ɛfua Ɔfori Ɖogbe":   "efua ofori dogbe",
	}
	for in, want := range cases {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDates(t *testing.T) {
	d, err := ParseDate("2022-11-21")
	mustNoErr(t, err)
	if d != NewDate(2022, time.November, 21) || d.String() != "2022-11-21" {
		t.Fatalf("parsed %v", d)
	}
	if _, err := ParseDate("21/11/2022"); err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD") {
		t.Fatalf("bad date: %v", err)
	}
	days := Days(NewDate(2022, time.November, 29), NewDate(2022, time.December, 2))
	if len(days) != 4 || days[3].String() != "2022-12-02" {
		t.Fatalf("days %v", days)
	}
	if NewDate(2022, time.December, 31).AddDays(1).String() != "2023-01-01" {
		t.Fatal("year rollover")
	}
}
