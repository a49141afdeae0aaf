package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/atelier-workshops/atelier/data"
)

// checkInEntryOf finds the check-in field on the Attendance tab.
func checkInEntryOf(t *testing.T, v *attendanceView) *checkInEntry {
	t.Helper()
	var found *checkInEntry
	walk(v.body, func(o fyne.CanvasObject) {
		if e, ok := o.(*checkInEntry); ok && found == nil {
			found = e
		}
	})
	if found == nil {
		t.Fatal("no check-in field on the Attendance tab")
	}
	return found
}

// A badge scanned (its code typed by the scanner, then Enter) marks its
// holder in the session being taken: present within the grace period the
// organiser set, late after it; the name shows, and the field is ready
// for the next badge. A code nobody has marks nobody and says so.
func TestScanningABadgeMarksThePersonPresentThenLate(t *testing.T) {
	useLanguage(t, "en")
	st := tempStore(t)
	now := venueNow().Truncate(time.Minute)
	today := data.DateOf(now)
	w := saveWorkshop(t, st, data.Workshop{Title: "Check-in day", City: "Lagos", Country: "NG", Language: data.English,
		StartDate: today.AddDays(-1), EndDate: today.AddDays(1)})
	starting := data.Session{WorkshopID: w.ID, Title: "Starting now", Kind: data.KindLecture, CountsForCertificate: true,
		Start: now.Add(-5 * time.Minute), End: now.Add(2 * time.Hour)}
	started := data.Session{WorkshopID: w.ID, Title: "Started a while ago", Kind: data.KindLecture, CountsForCertificate: true,
		Start: now.Add(-40 * time.Minute), End: now.Add(time.Hour)}
	for _, s := range []*data.Session{&starting, &started} {
		if err := st.SaveSession(s); err != nil {
			t.Fatal(err)
		}
	}
	ola := data.Participant{WorkshopID: w.ID, GivenName: "Ọláńrewájú", FamilyName: "Àdìgún", Status: data.StatusConfirmed} // AO1
	eze := data.Participant{WorkshopID: w.ID, GivenName: "Chiamaka", FamilyName: "Eze", Status: data.StatusConfirmed}      // EC1
	for _, p := range []*data.Participant{&ola, &eze} {
		if err := st.SaveParticipant(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SetCheckInGrace(w.ID, 15*time.Minute); err != nil {
		t.Fatal(err)
	}
	c, v := tabOn[*attendanceView](t, st, w)
	entry := checkInEntryOf(t, v)
	c.win.Canvas().Focus(entry) // as the organiser clicks into it; it reads the grace period then
	if !strings.Contains(entry.k.grace.Text, "15") {
		t.Errorf("the grace shown: %q", entry.k.grace.Text)
	}
	choose := func(s data.Session) {
		pickSession(v, v.sessionIndex(s.ID))
		c.win.Canvas().Focus(entry)
	}
	scan := func(code string) string {
		test.Type(entry, code)
		pressEnter(entry)
		if entry.Text != "" {
			t.Errorf("the field still holds %q after Enter", entry.Text)
		}
		return lastOf[checkedIn](c).text
	}

	choose(starting)
	if got := scan("ao1"); got != "✓ Ọláńrewájú Àdìgún: Present" {
		t.Errorf("scanned within the grace: %q", got)
	}
	if m := marksOf(t, st, starting.ID)[ola.ID]; m.Mark != data.Present {
		t.Errorf("stored %+v", m)
	}
	if v.marks[ola.ID].Mark != data.Present || !hasText(v.body, "1 present") {
		t.Errorf("the list does not show the mark: %q", visibleTexts(v.body))
	}
	choose(started)
	if got := scan("EC1"); got != "✓ Chiamaka Eze: Late" {
		t.Errorf("scanned 40 minutes after the start: %q", got)
	}
	if m := marksOf(t, st, started.ID)[eze.ID]; m.Mark != data.Late {
		t.Errorf("stored %+v", m)
	}
	if got := scan("EC1"); !strings.Contains(got, "already marked Late") {
		t.Errorf("scanned twice: %q", got)
	}
	if got := scan("ZZ9"); got != "No participant of this workshop has the code ZZ9." {
		t.Errorf("an unknown code: %q", got)
	}
	if !hasText(v.body, "No participant of this workshop has the code ZZ9.") {
		t.Errorf("the refusal is not shown: %q", visibleTexts(v.body))
	}
	if len(marksOf(t, st, started.ID)) != 1 {
		t.Errorf("marks %+v", marksOf(t, st, started.ID))
	}
}
