package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/atelier-workshops/atelier/data"
)

func session(t *testing.T, st *data.Store, w data.Workshop, day, hour int, title string, trainers ...int64) data.Session {
	t.Helper()
	d := w.StartDate.AddDays(day)
	ss := data.Session{WorkshopID: w.ID, Title: title, Kind: data.KindLecture, Start: d.At(hour, 0), End: d.At(hour+1, 0),
		TrainerIDs: trainers}
	if err := st.SaveSession(&ss); err != nil {
		t.Fatal(err)
	}
	return ss
}

func TestTrainersSearchEditAndAdd(t *testing.T) {
	useLanguage(t, "en")
	st, lagos, _ := twoWorkshops(t)
	ade := addTrainer(t, st, lagos, "Adéwálé Ògúnṣọlá")
	addTrainer(t, st, lagos, "Claire Dumoulin-Bérard")
	session(t, st, lagos, 1, 9, "Collections care", ade.ID)
	c, s := tabOn[*trainersScreen](t, st, lagos)
	if len(s.shown) != 2 {
		t.Fatalf("%d trainers listed", len(s.shown))
	}
	typeOver(c, s.search, "ogunsola")
	if len(s.shown) != 1 || s.shown[0].ID != ade.ID {
		t.Fatalf("searching without accents found %+v", s.shown)
	}
	s.list.Select(0)
	if s.sheet.saved.ID != ade.ID || s.fields.name.Text != ade.Name {
		t.Fatalf("selecting shows %+v", s.sheet.saved)
	}
	if !hasText(s.sessions, "Tue 22 Nov 2022, 09:00–10:00: Collections care") {
		t.Errorf("the trainer's sessions: %q", visibleTexts(s.sessions))
	}

	typeOver(c, s.fields.affiliation, "University of Lagos")
	pressEnter(s.fields.affiliation)
	if got, _ := st.Trainer(ade.ID); got.Affiliation != "University of Lagos" {
		t.Errorf("affiliation saved as %q", got.Affiliation)
	}
	typeOver(c, s.fields.email, "ade at unilag")
	pressEnter(s.fields.email)
	if got := s.fields.rows["email"].problem; !got.Visible() || !strings.Contains(got.Text, "is not an email address") {
		t.Errorf("bad email message %q", got.Text)
	}
	if got, _ := st.Trainer(ade.ID); got.Email != "" {
		t.Errorf("a bad email was saved: %q", got.Email)
	}
	typeOver(c, s.fields.email, "")
	pressEnter(s.fields.email)

	typeOver(c, s.search, "")
	test.Tap(s.add)
	if lastOf[*modal](c) == nil || topDialog(c) == nil {
		t.Fatal("Add trainer opened nothing")
	}
	test.Tap(findButton(topDialog(c), "Add trainer"))
	if !hasText(topDialog(c), "Name is required.") {
		t.Errorf("an unnamed trainer: %q", visibleTexts(topDialog(c)))
	}
	if ts, _ := st.Trainers(lagos.ID); len(ts) != 2 {
		t.Fatalf("%d trainers after a refused add", len(ts))
	}
	var name *leaveEntry
	walkEntries(topDialog(c), func(e *leaveEntry) {
		if name == nil {
			name = e
		}
	})
	typeOver(c, name, "Wanjiru Kamau-Otieno")
	pressEnter(name)
	if ts, _ := st.Trainers(lagos.ID); len(ts) != 3 || topDialog(c) != nil {
		t.Fatalf("%d trainers after adding one", len(ts))
	}
	if s.sheet.saved.Name != "Wanjiru Kamau-Otieno" || len(s.shown) != 3 {
		t.Errorf("the new trainer is not shown: %+v", s.sheet.saved)
	}
}

func walkEntries(o fyne.CanvasObject, visit func(*leaveEntry)) {
	walk(o, func(x fyne.CanvasObject) {
		if e, ok := x.(*leaveEntry); ok {
			visit(e)
		}
	})
}

func TestDeletingATrainerNamesTheirSessions(t *testing.T) {
	useLanguage(t, "en")
	st, lagos, _ := twoWorkshops(t)
	ade := addTrainer(t, st, lagos, "Adéwálé Ògúnṣọlá")
	claire := addTrainer(t, st, lagos, "Claire Dumoulin-Bérard")
	a := session(t, st, lagos, 0, 9, "Opening lecture", ade.ID, claire.ID)
	session(t, st, lagos, 2, 14, "Field visit", ade.ID)
	c, s := tabOn[*trainersScreen](t, st, lagos)
	s.list.Select(0) // the list is by name: Adéwálé first
	test.Tap(s.del)
	want := "Delete Adéwálé Ògúnṣọlá? These 2 sessions will no longer have them as trainer:\n" +
		"• Mon 21 Nov 2022, 09:00–10:00: Opening lecture\n• Wed 23 Nov 2022, 14:00–15:00: Field visit"
	if string(lastOf[asked](c)) != want || !hasText(topDialog(c), want) {
		t.Fatalf("confirmation:\n%s\nwant\n%s", string(lastOf[asked](c)), want)
	}
	test.Tap(findButton(topDialog(c), "Delete"))
	if _, err := st.Trainer(ade.ID); err == nil {
		t.Fatal("the trainer is still in the file")
	}
	got, _ := st.Session(a.ID)
	if len(got.TrainerIDs) != 1 || got.TrainerIDs[0] != claire.ID {
		t.Errorf("the session kept trainers %v", got.TrainerIDs)
	}
	if len(s.shown) != 1 || s.sheet.saved.ID != 0 {
		t.Errorf("the list after deleting: %+v", s.shown)
	}

	// A trainer who holds a certificate stays, and the refusal says why.
	cert := data.Certificate{WorkshopID: lagos.ID, TrainerID: claire.ID, Serial: "LOS-001", Code: "ABC",
		Language: data.English, IssuedOn: lagos.EndDate}
	if err := st.SaveCertificate(&cert); err != nil {
		t.Fatal(err)
	}
	s.list.Select(0)
	test.Tap(s.del)
	if !strings.HasPrefix(string(lastOf[asked](c)), "Delete Claire Dumoulin-Bérard? This session (1)") {
		t.Errorf("confirmation %q", string(lastOf[asked](c)))
	}
	test.Tap(findButton(topDialog(c), "Delete"))
	if _, err := st.Trainer(claire.ID); err != nil {
		t.Fatal("a trainer with a certificate was deleted")
	}
	if want := "Claire Dumoulin-Bérard holds a certificate of this workshop"; !hasText(topDialog(c), want) {
		t.Errorf("refusal says %q", visibleTexts(topDialog(c)))
	}
}
