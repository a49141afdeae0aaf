package app

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// openPicker taps a date entry's calendar button and returns the calendar
// that opens, with the month it shows.
func openPicker(t *testing.T, c *controller, e *widget.DateEntry) (*widget.Calendar, string) {
	t.Helper()
	b, ok := e.ActionItem.(*widget.Button)
	if !ok {
		t.Fatalf("the date entry's button is a %T", e.ActionItem)
	}
	test.Tap(b)
	cal := lastIn[*widget.Calendar](topDialog(c))
	if cal == nil {
		t.Fatalf("no calendar opened: %q", visibleTexts(topDialog(c)))
	}
	// The month is the calendar's only label that is not a weekday or a
	// day: "November 2022".
	for _, s := range visibleTexts(cal) {
		if len(s) > 8 {
			return cal, s
		}
	}
	t.Fatalf("the calendar names no month: %q", visibleTexts(cal))
	return nil, ""
}

// pickDay taps a day of the month the calendar shows.
func pickDay(t *testing.T, cal *widget.Calendar, day string) {
	t.Helper()
	b := findButton(cal, day)
	if b == nil {
		t.Fatalf("the calendar has no day %s", day)
	}
	test.Tap(b)
}

// A date's calendar opens on the month of the date in its field, so that
// the Lagos workshop of November 2022 is not picked from today's month,
// years away; an empty field's opens on this month. So on the Details
// tab, on the participant sheet's travel dates and in New workshop.
func TestTheDatePickerOpensOnTheFieldsMonth(t *testing.T) {
	st, lagos := participantsWorkshop(t)
	bello, _ := st.Participants(lagos.ID, data.ParticipantFilter{Text: "bello"})
	if len(bello) != 1 {
		t.Fatalf("%d Bellos", len(bello))
	}
	bello[0].Travel.Arrival.Date = data.NewDate(2022, 11, 20)
	bello[0].Travel.PassportExpiry = data.NewDate(2031, 3, 9)
	if err := st.SaveParticipant(&bello[0]); err != nil {
		t.Fatal(err)
	}
	c, _ := openAt(t, "en", st, lagos.ID)
	c.win.Resize(fyne.NewSize(1366, 740))
	thisMonth := time.Now().Format("January 2006")

	// The Details tab: the end date picked from its own month is saved.
	f := c.screen.form
	cal, month := openPicker(t, c, &f.end.DateEntry)
	if month != "November 2022" {
		t.Fatalf("the end date's calendar opens on %q", month)
	}
	pickDay(t, cal, "26")
	f.flush()
	if got := reread(t, st, lagos.ID).EndDate; got != data.NewDate(2022, 11, 26) {
		t.Errorf("the end date picked is saved as %v", got)
	}
	if topDialog(c) != nil {
		t.Errorf("the calendar stays open: %q", visibleTexts(topDialog(c)))
	}
	// Opened again, it follows the date now in the field.
	typeOver(c, f.start, time.Date(2022, time.October, 3, 0, 0, 0, 0, time.UTC).Format(dateEntryLayout()))
	if _, month := openPicker(t, c, &f.start.DateEntry); month != "October 2022" {
		t.Errorf("after typing 3 October 2022 the start date's calendar opens on %q", month)
	}
	c.win.Canvas().Overlays().Top().Hide()
	c.win.Canvas().Overlays().Remove(c.win.Canvas().Overlays().Top())

	// The participant sheet's travel dates.
	v := participantsOf(c)
	sheet := v.showForm(v.index.People[slices.IndexFunc(v.index.People, func(p data.Participant) bool { return p.ID == bello[0].ID })])
	for field, want := range map[string]string{data.FieldArrivalDate: "November 2022", data.FieldPassportExpiry: "March 2031",
		data.FieldDepartureDate: thisMonth} {
		e := travelInput[*leaveDateEntry](t, sheet, field)
		cal, month := openPicker(t, c, &e.DateEntry)
		if month != want {
			t.Errorf("%s: the calendar opens on %q, want %q", field, month, want)
		}
		if field == data.FieldArrivalDate {
			pickDay(t, cal, "19")
			if e.Date == nil || data.DateOf(*e.Date) != data.NewDate(2022, 11, 19) {
				t.Errorf("the arrival picked reads %q", e.Text)
			}
		} else {
			pop := topDialog(c)
			pop.Hide()
			c.win.Canvas().Overlays().Remove(pop)
		}
	}
	test.Tap(sheet.close)
	if got, _ := st.Participant(bello[0].ID); got.Travel.Arrival.Date != data.NewDate(2022, 11, 19) {
		t.Errorf("the arrival picked is saved as %v", got.Travel.Arrival.Date)
	}

	// New workshop proposes today: its calendar opens on this month, and
	// on the month of a date typed instead.
	a := c.screen.showAddDialog()
	if _, month := openPicker(t, c, a.start); month != thisMonth {
		t.Errorf("New workshop's start date opens on %q", month)
	}
	pop := topDialog(c)
	pop.Hide()
	c.win.Canvas().Overlays().Remove(pop)
	typeOver(c, a.end, time.Date(2019, time.June, 15, 0, 0, 0, 0, time.UTC).Format(dateEntryLayout()))
	if _, month := openPicker(t, c, a.end); month != "June 2019" {
		t.Errorf("New workshop's end date, typed as 15 June 2019, opens on %q", month)
	}
}
