package app

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/atelier-workshops/atelier/data"
)

// The participant's sheet says where they stand in sentences: their
// status since when, as said of them, with the steps before it; their
// attendance against the rule with the verdict and why; and the marks
// over the whole programme, which add up to its sessions.
func TestTheParticipantSheetSaysWhereTheyStand(t *testing.T) {
	st, lagos := participantsWorkshop(t)
	var sessions []data.Session
	for i, counts := range []bool{true, true, false} {
		s := data.Session{WorkshopID: lagos.ID, Title: fmt.Sprint("Session ", i+1), Kind: data.KindLecture,
			Start: lagos.StartDate.At(9+2*i, 0), End: lagos.StartDate.At(10+2*i, 0), CountsForCertificate: counts}
		if err := st.SaveSession(&s); err != nil {
			t.Fatal(err)
		}
		sessions = append(sessions, s)
	}
	c, _ := openAt(t, "en", st, lagos.ID)
	v := participantsOf(c)
	p := v.index.People[v.shown[0]] // Àdìgún, a woman, confirmed
	for i, m := range []data.Mark{data.Present, data.Absent, data.Present} {
		if err := st.SetMark(&data.Attendance{ParticipantID: p.ID, SessionID: sessions[i].ID, Mark: m}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SetStatus([]int64{p.ID}, data.StatusWaitlisted); err != nil {
		t.Fatal(err)
	}
	if err := st.SetStatus([]int64{p.ID}, data.StatusConfirmed); err != nil {
		t.Fatal(err)
	}
	today := formatDate(data.DateOf(time.Now()))
	v.showForm(p)
	texts := visibleTexts(topDialog(c))
	for _, want := range []string{
		"Confirmed since " + today + ".",
		"Before: Confirmed on " + today + " → Waitlisted on " + today + ".",
		"Attended 1 of the 2 sessions that count towards the certificate (50 %; the rule asks for 80 %). " +
			"Does not qualify for a certificate yet: below the minimum. " +
			"Over all 3 sessions of the programme: present 2, late 0, excused 0, absent 1, not marked yet 0.",
	} {
		if !slices.Contains(texts, want) {
			t.Errorf("the sheet does not say %q:\n%q", want, texts)
		}
	}
	c.win.Canvas().Overlays().Remove(topDialog(c))

	// In French her status agrees with her; an applicant is not weighed.
	useLanguage(t, "fr")
	v.showForm(p)
	if want := "Confirmée depuis le " + formatDate(data.DateOf(time.Now())) + "."; !slices.Contains(visibleTexts(topDialog(c)), want) {
		t.Errorf("the French sheet does not say %q: %q", want, visibleTexts(topDialog(c)))
	}
	c.win.Canvas().Overlays().Remove(topDialog(c))
	useLanguage(t, "en")
	diallo := v.index.People[slices.IndexFunc(v.index.People, func(x data.Participant) bool { return x.FamilyName == "Diallo" })]
	f := v.showForm(diallo)
	if !hasText(topDialog(c), "No attendance is weighed for a certificate: not a confirmed participant.") {
		t.Errorf("an applicant's sheet: %q", visibleTexts(topDialog(c)))
	}
	// Confirming her on the sheet says so at once.
	f.status.SetSelectedIndex(slices.Index(data.Statuses, data.StatusConfirmed))
	if !hasText(topDialog(c), "Confirmed since "+today+".") {
		t.Errorf("after confirming her: %q", visibleTexts(topDialog(c)))
	}
}
