package app

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/demo"
)

func TestEditingTitleSavesToTheFile(t *testing.T) {
	useLanguage(t, "en")
	st, lagos, dakar := twoWorkshops(t)
	path := st.Path()
	c, _ := openWindow(t, st)
	s, f := c.screen, c.screen.form

	if len(s.items) != 2 || s.items[0].ID != dakar.ID || s.items[1].ID != lagos.ID {
		t.Fatalf("list = %+v, want Dakar then Lagos", s.items)
	}
	if !f.content.Visible() || s.indexOf(f.id()) < 0 {
		t.Errorf("the window does not open on one of the workshops (form on %d)", f.id())
	}

	s.list.Select(1)
	if f.id() != lagos.ID || f.title.Text != lagos.Title || f.city.Text != "Lagos" {
		t.Fatalf("form shows %d %q %q after selecting Lagos", f.id(), f.title.Text, f.city.Text)
	}
	if !f.content.Visible() || !hasText(f.content, "Lagos, Nigeria · 21–25 Nov 2022") {
		t.Errorf("the form's heading does not say where and when: %q", visibleTexts(f.content))
	}

	const title = "West African training on preventive conservation"
	typeOver(c, f.title, title)
	if got := reread(t, st, lagos.ID).Title; got != lagos.Title {
		t.Errorf("saved while typing, before a pause, Enter or leaving the field: %q", got)
	}
	pressEnter(f.title)
	if got := reread(t, st, lagos.ID).Title; got != title {
		t.Fatalf("after Enter the file has title %q, want %q", got, title)
	}
	if s.items[s.indexOf(lagos.ID)].Title != title || !hasText(c.win.Content(), title) {
		t.Errorf("the list does not show the new title")
	}
	if f.heading.Text != title {
		t.Errorf("heading = %q, want the new title", f.heading.Text)
	}

	// The other fields are saved the same way; the file is reopened to be
	// sure the edits reached the disk, not only the open connection.
	c.win.Close()
	st2 := reopen(t, path)
	if got := reread(t, st2, lagos.ID); got.Title != title || got.City != "Lagos" {
		t.Errorf("reopened file has %q in %q", got.Title, got.City)
	}
	if got := reread(t, st2, dakar.ID); got != dakar {
		t.Errorf("the other workshop changed:\n got %+v\nwant %+v", got, dakar)
	}
}

func TestEditsAreSavedAfterAPauseOnLeavingAFieldAndFromLists(t *testing.T) {
	st, lagos, _ := twoWorkshops(t)
	c, q := openAt(t, "en", st, lagos.ID)
	s, f := c.screen, c.screen.form

	// A pause in typing: the timer hands the save to the UI goroutine.
	typeOver(c, f.city, "Ibadan")
	if reread(t, st, lagos.ID).City != "Lagos" {
		t.Fatal("the city was saved at the first keystroke")
	}
	if !q.runUntil(5*time.Second, func() bool { return reread(t, st, lagos.ID).City == "Ibadan" }) {
		t.Fatal("the city was not saved after a pause in typing")
	}
	if !hasText(s.list, "Ibadan · 21–25 Nov 2022") {
		t.Errorf("list row not refreshed: %q", visibleTexts(s.list))
	}

	// Leaving a field saves it at once.
	typeOver(c, f.venue, "National Museum, Onikan")
	c.win.Canvas().Focus(f.region)
	if got := reread(t, st, lagos.ID).Venue; got != "National Museum, Onikan" {
		t.Errorf("venue after leaving the field = %q", got)
	}

	// Choices from a list are saved when made.
	f.language.SetSelectedIndex(1)
	f.country.SetSelected(countryName("GH"))
	got := reread(t, st, lagos.ID)
	if got.Language != data.French || got.Country != "GH" {
		t.Errorf("language %q, country %q after choosing French and Ghana", got.Language, got.Country)
	}

	// Dates, as the calendar sets them, and a number.
	newEnd := time.Date(2022, 11, 26, 0, 0, 0, 0, time.UTC)
	f.end.SetDate(&newEnd)
	pressEnter(f.end)
	typeOver(c, f.grant, "30")
	pressEnter(f.grant)
	got = reread(t, st, lagos.ID)
	if got.EndDate != data.NewDate(2022, 11, 26) || got.GrantTarget != 30 {
		t.Errorf("end %v, grant target %d", got.EndDate, got.GrantTarget)
	}
	if !hasText(s.list, "Ibadan · 21–26 Nov 2022") {
		t.Errorf("list row not refreshed after the date change: %q", visibleTexts(s.list))
	}
}

func TestSwitchingWorkshopSavesPendingEdits(t *testing.T) {
	st, lagos, dakar := twoWorkshops(t)
	c, _ := openAt(t, "en", st, lagos.ID)
	s, f := c.screen, c.screen.form
	typeOver(c, f.theme, "Preventive conservation")
	s.selectID(dakar.ID)
	if got := reread(t, st, lagos.ID).Theme; got != "Preventive conservation" {
		t.Errorf("theme typed before switching = %q", got)
	}
	if f.id() != dakar.ID || f.title.Text != dakar.Title || f.theme.Text != "" {
		t.Errorf("form after switching shows %d %q %q", f.id(), f.title.Text, f.theme.Text)
	}
	if got := reread(t, st, dakar.ID); got != dakar {
		t.Errorf("Dakar changed by switching to it:\n got %+v\nwant %+v", got, dakar)
	}
}

func TestInvalidFieldsShowTheirProblemAndAreNotSaved(t *testing.T) {
	st, lagos, _ := twoWorkshops(t)
	c, _ := openAt(t, "en", st, lagos.ID)
	f := c.screen.form
	for field, row := range f.rows {
		if row.problem.Visible() {
			t.Errorf("%s shows a problem on a valid workshop: %q", field, row.problem.Text)
		}
	}

	// An empty title: the message is under the title, the file keeps the
	// old title, and other edits still go through.
	typeOver(c, f.title, "")
	row := f.rows["title"]
	if !row.problem.Visible() || row.problem.Text != "Title is required." {
		t.Errorf("title problem = %q (visible %v)", row.problem.Text, row.problem.Visible())
	}
	pressEnter(f.title)
	typeOver(c, f.city, "Abuja")
	pressEnter(f.city)
	got := reread(t, st, lagos.ID)
	if got.Title != lagos.Title {
		t.Errorf("an empty title reached the file: %q", got.Title)
	}
	if got.City != "Abuja" {
		t.Errorf("a valid city was held back by the empty title: %q", got.City)
	}
	if f.status.Text != "Fields marked in red are not saved until they are corrected." {
		t.Errorf("status = %q", f.status.Text)
	}

	// Correcting it clears the message and saves.
	typeOver(c, f.title, "Collections care")
	if row.problem.Visible() {
		t.Errorf("the title problem stays after correcting it: %q", row.problem.Text)
	}
	pressEnter(f.title)
	if got := reread(t, st, lagos.ID).Title; got != "Collections care" {
		t.Errorf("corrected title not saved: %q", got)
	}

	// An end date before the start date.
	before := time.Date(2022, 11, 20, 0, 0, 0, 0, time.UTC)
	f.end.SetDate(&before)
	pressEnter(f.end)
	endRow := f.rows["end_date"]
	if want := "End date (20 Nov 2022) is before the start date (21 Nov 2022)."; endRow.problem.Text != want || !endRow.problem.Visible() {
		t.Errorf("end date problem = %q, want %q", endRow.problem.Text, want)
	}
	if got := reread(t, st, lagos.ID).EndDate; got != lagos.EndDate {
		t.Errorf("end date before the start reached the file: %v", got)
	}

	// Text that is not a date at all, then one that is.
	typeOver(c, f.end, "26/13/2022")
	if strings.Contains(endRow.problem.Text, "enter a date") {
		t.Errorf("a date being typed is already called unreadable: %q", endRow.problem.Text)
	}
	pressEnter(f.end)
	if want := "End date: enter a date as DD/MM/YYYY."; endRow.problem.Text != want {
		t.Errorf("unreadable date problem = %q, want %q", endRow.problem.Text, want)
	}
	typeOver(c, f.end, "24/11/2022")
	pressEnter(f.end)
	if endRow.problem.Visible() {
		t.Errorf("end date problem stays: %q", endRow.problem.Text)
	}
	if got := reread(t, st, lagos.ID).EndDate; got != data.NewDate(2022, 11, 24) {
		t.Errorf("typed end date = %v", got)
	}

	// A grant target that is not a number.
	typeOver(c, f.grant, "2")
	typeOver(c, f.grant, "2x")
	c.win.Canvas().Focus(f.venue)
	if want := "Grant target must be a whole number."; f.rows["grant_target"].problem.Text != want {
		t.Errorf("grant target problem = %q", f.rows["grant_target"].problem.Text)
	}
	if got := reread(t, st, lagos.ID).GrantTarget; got != lagos.GrantTarget {
		t.Errorf("grant target = %d", got)
	}
	typeOver(c, f.grant, "-3")
	if want := "Grant target must be between 0 and 10000."; f.rows["grant_target"].problem.Text != want {
		t.Errorf("negative grant target problem = %q", f.rows["grant_target"].problem.Text)
	}
}

func TestProblemsAreWordedInTheInterfaceLanguage(t *testing.T) {
	st, lagos, _ := twoWorkshops(t)
	c, _ := openAt(t, "fr", st, lagos.ID)
	f := c.screen.form
	if !hasText(f.content, "Lagos, Nigéria · 21–25 nov. 2022") {
		t.Errorf("French heading: %q", visibleTexts(f.content))
	}
	typeOver(c, f.title, "")
	if want := "Titre\u00a0: champ obligatoire."; f.rows["title"].problem.Text != want {
		t.Errorf("French problem = %q, want %q", f.rows["title"].problem.Text, want)
	}
	before := time.Date(2022, 11, 1, 0, 0, 0, 0, time.UTC)
	f.end.SetDate(&before)
	if want := "Date de fin\u00a0: le 1er nov. 2022 tombe avant la date de début (21 nov. 2022)."; f.rows["end_date"].problem.Text != want {
		t.Errorf("French date problem = %q, want %q", f.rows["end_date"].problem.Text, want)
	}
}

func TestAddWorkshopAsksForWhatIsRequired(t *testing.T) {
	useLanguage(t, "en")
	st, _, _ := twoWorkshops(t)
	c, _ := openWindow(t, st)
	s := c.screen

	test.Tap(s.add)
	a := lastOf[*addWorkshopDialog](c)
	if a == nil || topDialog(c) == nil {
		t.Fatal("no dialog after tapping Add workshop")
	}
	if a.title.Text != "New workshop" {
		t.Errorf("proposed title %q", a.title.Text)
	}
	today := data.DateOf(time.Now())
	if a.start.Date == nil || data.DateOf(*a.start.Date) != today || data.DateOf(*a.end.Date) != today.AddDays(4) {
		t.Errorf("proposed dates %v – %v", a.start.Date, a.end.Date)
	}

	// Without city and country nothing is saved and both say why.
	test.Tap(a.add)
	if got := a.rows["city"].problem.Text; got != "City is required." {
		t.Errorf("city problem = %q", got)
	}
	if got := a.rows["country"].problem.Text; got != "Country is required." {
		t.Errorf("country problem = %q", got)
	}
	if ws, _ := st.Workshops(); len(ws) != 2 {
		t.Fatalf("%d workshops after a refused add", len(ws))
	}

	typeOver(c, a.title, "Digitisation of museum inventories")
	typeOver(c, a.city, "Accra")
	a.country.SetSelected(countryName("GH"))
	test.Tap(a.add)
	if topDialog(c) != nil {
		t.Error("the dialog stays open after a valid add")
	}
	ws, _ := st.Workshops()
	if len(ws) != 3 {
		t.Fatalf("%d workshops after adding one", len(ws))
	}
	added := ws[0] // today is later than both others
	if added.Title != "Digitisation of museum inventories" || added.City != "Accra" || added.Country != "GH" ||
		added.Language != data.English || added.Rule != data.DefaultCertificateRule {
		t.Errorf("added %+v", added)
	}
	if s.form.id() != added.ID || s.form.title.Text != added.Title {
		t.Errorf("the new workshop is not the one shown: form has %d %q", s.form.id(), s.form.title.Text)
	}
}

func TestTheWindowOpensOnTheWorkshopEditedLast(t *testing.T) {
	useLanguage(t, "en")
	st, lagos, _ := twoWorkshops(t)
	time.Sleep(1100 * time.Millisecond) // the store keeps update times to the second
	lagos.Theme = "Collections care"
	saveWorkshop(t, st, lagos)
	c, _ := openWindow(t, st)
	if c.screen.form.id() != lagos.ID || c.screen.list.Length() != 2 {
		t.Errorf("opened on %d, want Lagos (%d), edited last", c.screen.form.id(), lagos.ID)
	}
}

// Opening a workshop reads only the tab at the front; each tab behind it
// reads the workshop when it comes to the front, so none shows the
// workshop opened before.
func TestTabsBehindReadTheWorkshopWhenTheyComeToTheFront(t *testing.T) {
	st, res := demoStore(t)
	c, _ := openAt(t, "en", st, res.Lagos)
	p := participantsOf(c)
	lagosRows := len(p.shown)
	if lagosRows == 0 {
		t.Fatal("the Participants tab shows nobody for Lagos")
	}

	c.screen.tabs.SelectIndex(0) // back to Details, then another workshop
	c.screen.selectID(res.Planned)
	if c.screen.form.id() != res.Planned {
		t.Fatalf("the form shows workshop %d, not %d", c.screen.form.id(), res.Planned)
	}
	if len(p.shown) != lagosRows {
		t.Errorf("the Participants tab, behind Details, was read again: %d rows, had %d", len(p.shown), lagosRows)
	}

	participantsOf(c)
	planned, err := st.Participants(res.Planned, data.ParticipantFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, pp := range planned {
		want = append(want, pp.FamilyName)
	}
	got := shownNames(p)
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("at the front, the Participants tab shows %q, want the planned workshop's %q", got, want)
	}
}

// BenchmarkOpenWorkshop switches between the two demo workshops with the
// Details tab at the front, as at start and on every click in the list.
func BenchmarkOpenWorkshop(b *testing.B) {
	st, err := data.Open(filepath.Join(b.TempDir(), "demo.db"), data.OpenOrCreate)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	res, err := demo.Write(st)
	if err != nil {
		b.Fatal(err)
	}
	test.NewTempApp(b)
	c := newController(fyne.CurrentApp(), st, newUIQueue().do)
	c.win.Show()
	defer c.win.Close()
	ids := []int64{res.Lagos, res.Planned}
	b.ResetTimer()
	for i := range b.N {
		c.screen.selectID(ids[i%2])
	}
}

// A date changed on the Details tab moves the Schedule's days, which it
// reads when it comes to the front.
func TestScheduleShowsTheDaysSetOnDetails(t *testing.T) {
	useLanguage(t, "en")
	st, lagos, _ := twoWorkshops(t)
	c, sched := tabOn[*scheduleScreen](t, st, lagos)
	if len(sched.days) != 5 {
		t.Fatalf("the schedule shows %d days for 21–25 November", len(sched.days))
	}
	c.screen.tabs.SelectIndex(0)
	newEnd := time.Date(2022, 11, 27, 0, 0, 0, 0, time.UTC)
	c.screen.form.end.SetDate(&newEnd)
	pressEnter(c.screen.form.end)
	if got := reread(t, st, lagos.ID).EndDate; got != data.NewDate(2022, 11, 27) {
		t.Fatalf("end date saved as %v", got)
	}
	c.screen.tabs.Select(sched.tab())
	if len(sched.days) != 7 {
		t.Errorf("at the front, the schedule shows %d days for 21–27 November, want 7", len(sched.days))
	}
}
