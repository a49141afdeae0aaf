package app

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/atelier-workshops/atelier/data"
)

// travelInput is the input of a travel field in the sheet f.
func travelInput[T fyne.Focusable](t *testing.T, f *participantForm, field string) T {
	t.Helper()
	row, ok := f.rows[field]
	if !ok {
		t.Fatalf("the sheet has no row for %s", field)
	}
	in, ok := row.input.(T)
	if !ok {
		t.Fatalf("%s's input is a %T", field, row.input)
	}
	return in
}

// The sheet's travel fields save as the others do: a passport number
// refused says why beside it and keeps the file's value while the rest is
// saved; corrected, it is saved as data writes it; a passport expiring
// too soon after the workshop is warned of, and saved all the same.
func TestTheSheetSavesTravelAndWarnsOfAPassportExpiringTooSoon(t *testing.T) {
	st, lagos := participantsWorkshop(t)
	c, _ := openAt(t, "en", st, lagos.ID)
	v := participantsOf(c)
	bello := v.index.People[v.shown[1]]
	f := v.showForm(bello)
	saved := func() data.Participant {
		p, err := st.Participant(bello.ID)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	passport := travelInput[*leaveEntry](t, f, data.FieldPassportNumber)
	hotel := travelInput[*leaveEntry](t, f, data.FieldHotel)
	typeOver(c, passport, "G 284/7301")
	typeOver(c, hotel, "Lagos Continental Hotel")
	pressEnter(hotel)
	row := f.rows[data.FieldPassportNumber]
	if !row.problem.Visible() || row.problem.Text != "Passport number: “G284/7301” must be letters A–Z and digits only, as printed in the passport (like A01234567)." {
		t.Errorf("passport problem %q (visible %v)", row.problem.Text, row.problem.Visible())
	}
	if got := saved().Travel; got.Hotel != "Lagos Continental Hotel" || got.PassportNumber != "" {
		t.Errorf("the file holds %+v", got)
	}
	// An edit of the main fields meanwhile keeps the refused number in
	// view, and its problem beside it.
	typeOver(c, f.position, "Curator")
	pressEnter(f.position)
	if !row.problem.Visible() || saved().Position != "Curator" {
		t.Errorf("after the position was saved, the passport problem is gone (%q)", row.problem.Text)
	}
	typeOver(c, passport, "g 2847-301")
	pressEnter(passport)
	if got := saved().Travel.PassportNumber; got != "G2847301" || row.problem.Visible() {
		t.Errorf("passport saved %q, problem %q", got, row.problem.Text)
	}

	// A main field's edit keeps what the travel section holds, saved or
	// not yet.
	typeOver(c, hotel, "Eko Hotel")
	typeOver(c, f.position, "Registrar")
	pressEnter(f.position)
	if got := saved(); got.Travel.Hotel != "Eko Hotel" || got.Position != "Registrar" {
		t.Errorf("after the position: hotel %q, position %q", got.Travel.Hotel, got.Position)
	}
	expiry := travelInput[*leaveDateEntry](t, f, data.FieldPassportExpiry)
	soon := time.Date(2023, time.January, 10, 0, 0, 0, 0, time.UTC)
	expiry.SetDate(&soon)
	pressEnter(expiry)
	got := saved()
	if got.Position != "Registrar" || got.Travel.PassportNumber != "G2847301" || got.Travel.PassportExpiry != data.DateOf(soon) {
		t.Errorf("the file holds %+v", got)
	}
	if !hasText(topDialog(c), "Passport expiry (10 Jan 2023) is less than 6 months after the workshop") {
		t.Errorf("no warning: %q", visibleTexts(topDialog(c)))
	}
}

// From the sheet, a participant's letter is issued and printed, and the
// sheet lists it.
func TestTheSheetPrintsTheParticipantsLetter(t *testing.T) {
	useLanguage(t, "en")
	st, res := demoStore(t)
	c, q := openAt(t, "en", st, res.Lagos)
	v := participantsOf(c)
	var efua data.Participant
	for _, p := range v.index.People {
		if p.FamilyName == "Boakye" {
			efua = p
		}
	}
	f := v.showForm(efua)
	if !hasText(topDialog(c), "No letter issued yet.") {
		t.Fatalf("the sheet: %q", visibleTexts(topDialog(c)))
	}
	path := filepath.Join(t.TempDir(), "boakye.pdf")
	ended := countOf[lettersIssued](c)
	c.issueLetters(res.Lagos, data.LetterOptions{Kind: data.LetterVisa, ParticipantID: efua.ID}, path, nil)
	if !q.runUntil(20*time.Second, func() bool { return countOf[lettersIssued](c) > ended }) {
		t.Fatal("the letter was not printed")
	}
	if r := lastOf[lettersIssued](c); r.err != nil || len(r.run.Letters) != 1 {
		t.Fatalf("%+v", r)
	}
	if b, err := os.ReadFile(path); err != nil || len(b) < 1000 {
		t.Fatalf("the PDF: %d bytes, %v", len(b), err)
	}
	letters, err := st.ParticipantLetters(efua.ID)
	if err != nil || len(letters) != 1 {
		t.Fatalf("register: %+v %v", letters, err)
	}
	f.d.Hide()
	v.showForm(efua)
	if !hasText(topDialog(c), "Visa invitation: "+letters[0].Serial+", code "+letters[0].Code) {
		t.Errorf("the sheet does not list the letter: %q", visibleTexts(topDialog(c)))
	}
}

// File › Letters… writes a kind to everyone it is for, and says who was
// left out and whose passport expires too soon; File › Badges… says whose
// name the font cannot draw.
func TestLettersAndBadgesFromTheFileMenu(t *testing.T) {
	useLanguage(t, "en")
	st, res := demoStore(t)
	c, q := openAt(t, "en", st, res.Lagos)
	wantMenuItems(t, c, "File", "Letters…", "Badges and table cards…", "Logistics sheets…")
	c.askLetters()
	ld := lastOf[*lettersDialog](c)
	if ld.chosen() != data.LetterVisa {
		t.Errorf("the dialog starts on %s", ld.chosen())
	}
	dir := t.TempDir()
	ended := countOf[lettersIssued](c)
	c.issueLetters(res.Lagos, data.LetterOptions{Kind: data.LetterVisa}, filepath.Join(dir, "visa.pdf"), nil)
	if !q.runUntil(20*time.Second, func() bool { return countOf[lettersIssued](c) > ended }) {
		t.Fatal("the letters were not printed")
	}
	if !hasText(topDialog(c), "8 letters saved in “visa.pdf”.") ||
		!hasText(topDialog(c), "Hélène Agbéko: Passport expiry (15 Mar 2023) is less than 6 months after the workshop") {
		t.Errorf("the letters' message: %q", visibleTexts(topDialog(c)))
	}

	// A confirmed participant whose name is in Vai, which the fonts lack.
	p := data.Participant{WorkshopID: res.Lagos, GivenName: "\uA549\uA55C", FamilyName: "\uA56E\uA514",
		Status: data.StatusConfirmed, Travel: data.Travel{Nationality: "GN", PassportNumber: "R0417729"}}
	if err := st.SaveParticipant(&p); err != nil {
		t.Fatal(err)
	}
	var done []error
	c.exportBadges(res.Lagos, badgesChoice{layout: "a4-8"}, filepath.Join(dir, "badges.pdf"), func(err error) { done = append(done, err) })
	if !q.runUntil(20*time.Second, func() bool { return len(done) == 1 }) || done[0] != nil {
		t.Fatalf("badges: %v", done)
	}
	if !hasText(topDialog(c), "The PDF’s font cannot draw the letters of 1 name, so its badge has a line to write it by hand: "+p.FullName()+" (Vai)") {
		t.Errorf("the badges' message: %q", visibleTexts(topDialog(c)))
	}

	// Their visa letter is not written with the name cut short: the run
	// says which letters the font lacks, and what to do.
	ended = countOf[lettersIssued](c)
	c.issueLetters(res.Lagos, data.LetterOptions{Kind: data.LetterVisa}, filepath.Join(dir, "visa2.pdf"), nil)
	if !q.runUntil(20*time.Second, func() bool { return countOf[lettersIssued](c) > ended }) {
		t.Fatal("the letters were not printed")
	}
	if !hasText(topDialog(c), "8 letters saved in “visa2.pdf”.") ||
		!hasText(topDialog(c), "The PDF font cannot draw the Vai letters of "+p.FullName()+
			"’s name: give the name as in the passport under Name on certificate on the participant sheet.") {
		t.Errorf("the letters' message: %q", visibleTexts(topDialog(c)))
	}
}

// On the sheet, at a laptop's and a netbook's size, in French (whose
// labels are the longest), the arrival and departure dates and the hotel
// show their whole value: in equal thirds a date was cut to "20/11/202".
func TestTheSheetsTravelRowsShowTheirValuesWhole(t *testing.T) {
	st, res := demoStore(t)
	c, _ := openAt(t, "fr", st, res.Lagos)
	v := participantsOf(c)
	adigun := v.index.People[slices.IndexFunc(v.index.People, func(p data.Participant) bool { return p.FamilyName == "Àdìgún" })]
	width := func(s string) float32 { return fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{}).Width }
	for _, size := range []fyne.Size{{Width: 1366, Height: 768}, {Width: 1024, Height: 560}} {
		c.win.Resize(size)
		f := v.showForm(adigun)
		for _, field := range []string{data.FieldArrivalDate, data.FieldDepartureDate} {
			e := travelInput[*leaveDateEntry](t, f, field)
			// The entry's check and calendar each take an icon.
			room := e.Size().Width - 2*theme.IconInlineSize() - 3*theme.InnerPadding()
			if e.Text == "" || room < width(e.Text) {
				t.Errorf("%v: %s %q needs %.0f, has %.0f", size, field, e.Text, width(e.Text), room)
			}
		}
		hotel := travelInput[*leaveEntry](t, f, data.FieldHotel)
		if room := hotel.Size().Width - 2*theme.InnerPadding(); hotel.Text == "" || room < width(hotel.Text) {
			t.Errorf("%v: the hotel %q needs %.0f, has %.0f", size, hotel.Text, width(hotel.Text), room)
		}
		f.d.Hide()
	}
}
