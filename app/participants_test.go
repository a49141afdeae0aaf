package app

import (
	"cmp"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/atelier-workshops/atelier/data"
)

// tableValues lists the whole value of each cell the table draws, cut or
// not.
func tableValues(v *participantsView) []string {
	var out []string
	walk(v.table, func(o fyne.CanvasObject) {
		if cell, ok := o.(*participantCell); ok && cell.label.Visible() {
			out = append(out, cmp.Or(cell.whole, cell.label.Text))
		}
	})
	return out
}

// participantsOf brings the Participants tab to the front, as the
// organiser clicks it, and returns it.
func participantsOf(c *controller) *participantsView { return tabOf[*participantsView](nil, c) }

// shownNames lists the family names of the rows the table shows, in order.
func shownNames(v *participantsView) []string {
	var out []string
	for _, i := range v.shown {
		out = append(out, v.index.People[i].FamilyName)
	}
	return out
}

func participantsWorkshop(t *testing.T) (*data.Store, data.Workshop) {
	st, lagos, _ := twoWorkshops(t)
	for _, p := range []data.Participant{
		{GivenName: "Ọláńrewájú", FamilyName: "Àdìgún", Country: "NG", Status: data.StatusConfirmed, Gender: data.GenderFemale,
			Institution: "National Museum, Lagos", Email: "o.adigun@example.org", Grant: data.Grant{Awarded: true, Paid: true}},
		{GivenName: "Olanrewaju", FamilyName: "Bello", Country: "GH", Status: data.StatusSelected, Gender: data.GenderMale,
			Institution: "National Museum of Ghana", Grant: data.Grant{Awarded: true}},
		{GivenName: "Aïssatou", FamilyName: "Diallo", Country: "SN", Status: data.StatusApplicant, Gender: data.GenderFemale},
		{GivenName: "José", FamilyName: "Ñúñez", Country: "NG", Status: data.StatusWaitlisted, Gender: data.GenderMale},
	} {
		p.WorkshopID = lagos.ID
		if err := st.SaveParticipant(&p); err != nil {
			t.Fatal(err)
		}
	}
	return st, lagos
}

func TestSearchAndFiltersNarrowTheTable(t *testing.T) {
	st, lagos := participantsWorkshop(t)
	c, _ := openAt(t, "en", st, lagos.ID)
	// Wide enough for the whole of a name with tone marks in its column;
	// the window opens narrower, at a netbook's size (windowsize.go).
	c.win.Resize(fyne.NewSize(1100, 720))
	v := participantsOf(c)
	if got := shownNames(v); !slices.Equal(got, []string{"Àdìgún", "Bello", "Diallo", "Ñúñez"}) {
		t.Fatalf("table shows %v", got)
	}
	if want := "4 participants — Applicant: 1 · Selected: 1 · Waitlisted: 1 · Confirmed: 1 — grants awarded: 2 of a target of 28 · countries: 3 · women: 2 · men: 2"; v.counts.Text != want {
		t.Errorf("counts %q\nwant  %q", v.counts.Text, want)
	}

	c.win.Canvas().Focus(v.search)
	test.Type(v.search, "olanrewaju")
	if got := shownNames(v); !slices.Equal(got, []string{"Àdìgún", "Bello"}) {
		t.Fatalf("after typing “olanrewaju” the table shows %v", got)
	}
	// The summary counts what is shown.
	if want := "2 of 4 participants shown — Selected: 1 · Confirmed: 1 — grants awarded: 2 · countries: 2 · women: 1 · men: 1"; v.counts.Text != want {
		t.Errorf("counts %q\nwant  %q", v.counts.Text, want)
	}
	if !hasText(v.table, "Àdìgún, Ọláńrewájú") || hasText(v.table, "Diallo") {
		t.Errorf("table cells: %q", visibleTexts(v.table))
	}
	// A filter combines with the search.
	v.country.SetSelected(countryName("GH"))
	if got := shownNames(v); !slices.Equal(got, []string{"Bello"}) {
		t.Fatalf("search and Ghana: %v", got)
	}
	v.country.SetSelectedIndex(0)
	v.grant.SetSelected(grantFilterName(data.GrantPaid))
	if got := shownNames(v); !slices.Equal(got, []string{"Àdìgún"}) {
		t.Fatalf("search and paid grants: %v", got)
	}
	typeOver(c, v.search, "")
	v.grant.SetSelectedIndex(0)
	v.status.SetSelected(statusName(data.StatusWaitlisted))
	if got := shownNames(v); !slices.Equal(got, []string{"Ñúñez"}) {
		t.Fatalf("waitlisted: %v", got)
	}
	v.status.SetSelectedIndex(0)

	// Sorting by country, then the other way.
	v.sortBy(colCountry, true)
	if got := shownNames(v); got[0] != "Bello" || got[1] != "Àdìgún" && got[1] != "Ñúñez" || got[3] != "Diallo" {
		t.Errorf("by country: %v", got)
	}
	v.sortBy(colCountry, false)
	if got := shownNames(v); got[0] != "Diallo" || got[3] != "Bello" {
		t.Errorf("by country, descending: %v", got)
	}
}

func TestEditingAParticipantSavesEachFieldAtOnce(t *testing.T) {
	st, lagos := participantsWorkshop(t)
	c, q := openAt(t, "en", st, lagos.ID)
	v := participantsOf(c)
	diallo := v.index.People[v.shown[2]]
	f := v.showForm(diallo)
	if findButton(topDialog(c), "Save") != nil {
		t.Error("editing a participant shows a Save button")
	}
	saved := func() data.Participant {
		t.Helper()
		p, err := st.Participant(diallo.ID)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}

	// A bad email says so beside the field as it is typed; the institution
	// typed next is saved on Enter while the file keeps the old email.
	typeOver(c, f.email, "aissatou@")
	row := f.rows["email"]
	if !row.problem.Visible() || row.problem.Text != "Email: “aissatou@” is not an email address (like name@example.org)." {
		t.Errorf("email problem %q (visible %v)", row.problem.Text, row.problem.Visible())
	}
	typeOver(c, f.institution, "Musée des civilisations noires")
	pressEnter(f.institution)
	got := saved()
	if got.Institution != "Musée des civilisations noires" || got.Email != diallo.Email {
		t.Fatalf("after Enter the file holds institution %q, email %q", got.Institution, got.Email)
	}
	if !hasText(topDialog(c), "Fields marked in red are not saved until they are corrected.") {
		t.Errorf("no word that the email is not saved: %q", visibleTexts(topDialog(c)))
	}

	// Corrected, the email is saved when the field is left.
	typeOver(c, f.email, "a.diallo@example.sn")
	c.win.Canvas().Focus(f.phone)
	if got := saved(); got.Email != "a.diallo@example.sn" {
		t.Errorf("email on leaving the field: %q", got.Email)
	}
	if row.problem.Visible() {
		t.Errorf("the email problem stays: %q", row.problem.Text)
	}

	// Choices are saved as they are made.
	f.status.SetSelected(statusName(data.StatusSelected))
	f.awarded.SetChecked(true)
	if got := saved(); got.Status != data.StatusSelected || !got.Grant.Awarded {
		t.Errorf("status %q, awarded %v", got.Status, got.Grant.Awarded)
	}

	// An amount that is not a number is said once the field is left, and
	// the file keeps the last one that was.
	typeOver(c, f.amount, "850,50")
	typeOver(c, f.currency, "usd")
	pressEnter(f.currency)
	if got := saved(); got.Grant.AmountMinor != 85050 || got.Grant.Currency != "USD" {
		t.Fatalf("grant %+v", got.Grant)
	}
	typeOver(c, f.amount, "about 900")
	if f.rows["grant_amount"].problem.Visible() {
		t.Errorf("the amount is refused while still being typed: %q", f.rows["grant_amount"].problem.Text)
	}
	pressEnter(f.amount)
	if p := f.rows["grant_amount"].problem; !p.Visible() || p.Text != "Amount must be a number, like 850 or 850.50." {
		t.Errorf("amount problem %q (visible %v)", p.Text, p.Visible())
	}
	if got := saved(); got.Grant.AmountMinor != 85050 {
		t.Errorf("an unreadable amount changed the file: %d", got.Grant.AmountMinor)
	}

	// Typing alone is saved after a pause.
	typeOver(c, f.position, "Registrar")
	if !q.runUntil(5*time.Second, func() bool { return saved().Position == "Registrar" }) {
		t.Fatalf("the position was not saved after a pause: %q", saved().Position)
	}
	if !slices.Contains(tableValues(v), "Musée des civilisations noires") {
		t.Errorf("the table does not show the change: %q", tableValues(v))
	}
	test.Tap(f.close)
	if topDialog(c) != nil {
		t.Errorf("the form stays open: %q", visibleTexts(topDialog(c)))
	}
}

func TestAddingAParticipantThroughTheForm(t *testing.T) {
	st, lagos := participantsWorkshop(t)
	c, _ := openAt(t, "en", st, lagos.ID)
	v := participantsOf(c)
	test.Tap(findButton(v.item.Content, "Add participant"))
	f := lastOf[*participantForm](c)
	typeOver(c, f.family, "Ògúnṣọlá")
	typeOver(c, f.email, "bad@")
	test.Tap(f.save)
	if !f.rows["email"].problem.Visible() || topDialog(c) == nil {
		t.Fatal("a bad email was not refused beside the field")
	}
	if n := len(v.index.People); n != 4 {
		t.Fatalf("a refused form added someone: %d participants", n)
	}
	typeOver(c, f.email, "ogunsola@example.org")
	pressEnter(f.email)
	if topDialog(c) != nil {
		t.Fatalf("the form stays open: %q", visibleTexts(topDialog(c)))
	}
	if !slices.Contains(shownNames(v), "Ògúnṣọlá") {
		t.Errorf("the table does not show the new participant: %v", shownNames(v))
	}
}

func TestDeletingAParticipantWithMarksAsksWithTheCount(t *testing.T) {
	useLanguage(t, "en")
	st, lagos := participantsWorkshop(t)
	s := data.Session{WorkshopID: lagos.ID, Title: "Opening", Kind: data.KindCeremony,
		Start: lagos.StartDate.At(9, 0), End: lagos.StartDate.At(10, 0), CountsForCertificate: true}
	if err := st.SaveSession(&s); err != nil {
		t.Fatal(err)
	}
	c, _ := openWindow(t, st)
	c.screen.selectID(lagos.ID)
	v := participantsOf(c)
	bello := v.index.People[v.shown[1]]
	if err := st.SetMark(&data.Attendance{ParticipantID: bello.ID, SessionID: s.ID, Mark: data.Present}); err != nil {
		t.Fatal(err)
	}
	v.showForm(bello)
	if !hasText(topDialog(c), "Attended 1 of the 1 sessions that count towards the certificate (100 %; the rule asks for 80 %). Qualifies for a certificate. Over all 1 sessions of the programme: present 1, late 0, excused 0, absent 0, not marked yet 0.") {
		t.Errorf("the form does not sum up attendance: %q", visibleTexts(topDialog(c)))
	}
	test.Tap(findButton(topDialog(c), "Delete…"))
	if !hasText(topDialog(c), "Delete Olanrewaju Bello from this workshop?") {
		t.Fatalf("first question: %q", visibleTexts(topDialog(c)))
	}
	confirm(t, c)
	if !hasText(topDialog(c), "Olanrewaju Bello has 1 attendance mark. Delete them together?") {
		t.Fatalf("second question: %q", visibleTexts(topDialog(c)))
	}
	if _, err := st.Participant(bello.ID); err != nil {
		t.Fatal("deleted before the second answer")
	}
	confirm(t, c)
	if _, err := st.Participant(bello.ID); err == nil {
		t.Fatal("Bello is still there")
	}
	if topDialog(c) != nil {
		t.Errorf("the form stays open after deleting: %q", visibleTexts(topDialog(c)))
	}
	if slices.Contains(shownNames(v), "Bello") {
		t.Errorf("the table still shows Bello: %v", shownNames(v))
	}
}

// confirm presses the confirming button of the dialog on top.
func confirm(t *testing.T, c *controller) {
	t.Helper()
	b := findButton(topDialog(c), "Yes")
	if b == nil {
		t.Fatalf("no Yes button in %q", visibleTexts(topDialog(c)))
	}
	test.Tap(b)
}

func TestTickedParticipantsChangeTogether(t *testing.T) {
	st, lagos := participantsWorkshop(t)
	c, _ := openAt(t, "en", st, lagos.ID)
	v := participantsOf(c)
	test.Type(v.search, "olanrewaju")
	v.toggleAllShown()
	if !v.bulk.Visible() || v.bulkLabel.Text != "2 ticked rows, all shown:" {
		t.Fatalf("bulk bar %v %q", v.bulk.Visible(), v.bulkLabel.Text)
	}
	v.bulkStatus.SetSelected(statusName(data.StatusConfirmed))
	list, _ := st.Participants(lagos.ID, data.ParticipantFilter{Statuses: []data.Status{data.StatusConfirmed}})
	if len(list) != 2 {
		t.Fatalf("%d confirmed after the change", len(list))
	}
	// Paying both works. Searching for Diallo clears their ticks, since
	// their rows are no longer shown; Diallo has no grant, so paying her
	// is refused, and the two out of sight are not touched.
	test.Tap(findButton(v.bulk, "Mark grant paid"))
	typeOver(c, v.search, "diallo")
	if len(v.checked) != 0 || v.bulkLabel.Text != "Tick rows to change several at once:" || !findButton(v.bulk, "Mark grant paid").Disabled() ||
		v.bulkNote.Text != "2 ticks were cleared: their rows are no longer shown, so no change of many reaches them." {
		t.Fatalf("after the search: %d ticked, bar %q, note %q", len(v.checked), v.bulkLabel.Text, v.bulkNote.Text)
	}
	v.toggleAllShown()
	test.Tap(findButton(v.bulk, "Mark grant unpaid"))
	test.Tap(findButton(v.bulk, "Mark grant paid"))
	if !hasText(topDialog(c), "no one was changed") {
		t.Fatalf("no refusal shown: %q", visibleTexts(topDialog(c)))
	}
	if paid, _ := st.Participants(lagos.ID, data.ParticipantFilter{Grant: data.GrantPaid}); len(paid) != 2 {
		t.Errorf("%d paid after the refused change, want the 2 paid before", len(paid))
	}
}

// Under the Applicant filter, two ticked applicants made Selected leave
// the view: their ticks go with them, the bar says what was done, and a
// change of many that follows reaches no one out of sight; the summary
// follows the filter throughout.
func TestAChangeOfManyReachesOnlyTickedRowsInView(t *testing.T) {
	st, lagos := participantsWorkshop(t)
	osei := data.Participant{WorkshopID: lagos.ID, GivenName: "Ama", FamilyName: "Osei", Country: "GH", Status: data.StatusApplicant}
	if err := st.SaveParticipant(&osei); err != nil {
		t.Fatal(err)
	}
	c, _ := openAt(t, "en", st, lagos.ID)
	v := participantsOf(c)
	v.status.SetSelected(statusName(data.StatusApplicant))
	if got := shownNames(v); !slices.Equal(got, []string{"Diallo", "Osei"}) {
		t.Fatalf("applicants: %v", got)
	}
	if !strings.HasPrefix(v.counts.Text, "2 of 5 participants shown — Applicant: 2 — grants awarded: 0 ·") {
		t.Errorf("counts %q", v.counts.Text)
	}
	v.toggleAllShown()
	if v.bulkLabel.Text != "2 ticked rows, all shown:" {
		t.Fatalf("bar %q", v.bulkLabel.Text)
	}
	v.bulkStatus.SetSelected(statusName(data.StatusSelected))
	if len(v.shown) != 0 || len(v.checked) != 0 || !findButton(v.bulk, "Award grant").Disabled() {
		t.Fatalf("after the change: %d shown, %d ticked, bar %q", len(v.shown), len(v.checked), v.bulkLabel.Text)
	}
	if want := "2 participants changed. 2 ticks were cleared: their rows are no longer shown, so no change of many reaches them."; v.bulkNote.Text != want || !v.bulkNote.Visible() {
		t.Errorf("note %q", v.bulkNote.Text)
	}
	if !strings.HasPrefix(v.counts.Text, "0 of 5 participants shown") {
		t.Errorf("counts %q", v.counts.Text)
	}

	// A tick left on a row out of sight (as the old bar allowed) is not
	// reached by a change of many.
	v.status.SetSelected(statusName(data.StatusSelected))
	if got := shownNames(v); !slices.Equal(got, []string{"Bello", "Diallo", "Osei"}) {
		t.Fatalf("selected: %v", got)
	}
	typeOver(c, v.search, "osei")
	v.toggleAllShown()
	diallo := v.index.People[slices.IndexFunc(v.index.People, func(p data.Participant) bool { return p.FamilyName == "Diallo" })]
	v.checked[diallo.ID] = true
	test.Tap(findButton(v.bulk, "Award grant"))
	if got, _ := st.Participant(osei.ID); !got.Grant.Awarded {
		t.Error("Osei, ticked and shown, has no grant")
	}
	if got, _ := st.Participant(diallo.ID); got.Grant.Awarded {
		t.Error("Diallo, ticked out of sight, got a grant")
	}
	if v.bulkNote.Text != "1 participant changed. 1 tick was cleared: its row is no longer shown, so no change of many reaches it." {
		t.Errorf("note %q", v.bulkNote.Text)
	}
}

func TestImportWizardShowsRefusedRowsAndImportsTheRest(t *testing.T) {
	st, lagos := participantsWorkshop(t)
	c, q, z := importWizardOn(t, st, lagos, "Applications\n\nSurname;First name;Email;Country\n"+
		"Mensah;Kwame;kwame@example.gh;Ghana\n"+
		"Okoro;Ngozi;ngozi@;Nigeria\n"+
		"ADIGUN;olanrewaju;;Nigeria\n"+
		"Kaboré;Issa;issa@example.bf;Burkina Faso\n")
	v := participantsOf(c)
	if len(z.selects) != 4 || z.selects[2].Selected != "Email" {
		t.Errorf("column choices: %d, third %q", len(z.selects), z.selects[2].Selected)
	}
	if want := "Row 5, Ngozi Okoro: Email: “ngozi@” is not an email address (like name@example.org)."; !slices.Contains(z.reasons, want) {
		t.Errorf("refused rows lack %q: %q", want, z.reasons)
	}
	// Àdìgún is in the workshop already, spelt better than in the list:
	// her row changes nothing.
	if !hasText(z.unchanged, "Row 6: Ọláńrewájú Àdìgún") || z.lists.Items[3].Text != "Already here (1)" {
		t.Errorf("already here: %q (%q)", visibleTexts(z.unchanged), z.lists.Items[3].Text)
	}
	if z.run.Text != "Import 2 rows" || z.run.Disabled() {
		t.Fatalf("import button %q (disabled %v)", z.run.Text, z.run.Disabled())
	}
	if list, _ := st.Participants(lagos.ID, data.ParticipantFilter{}); len(list) != 4 {
		t.Fatalf("the preview imported: %d participants", len(list))
	}

	// Mapping the country column away re-checks the rows.
	z.selects[3].SetSelectedIndex(0)
	if !q.runUntil(10*time.Second, func() bool { return z.preview.Mapping[3] == "" }) {
		t.Fatal("the new mapping was not checked")
	}
	z.selects[3].SetSelected("Country")
	if !q.runUntil(10*time.Second, func() bool { return z.preview.Mapping[3] == "country" && !z.run.Disabled() }) {
		t.Fatal("the country mapping was not restored")
	}

	test.Tap(z.run)
	if !q.runUntil(10*time.Second, func() bool { return len(v.index.People) == 6 }) {
		t.Fatalf("after importing, the table has %d people", len(v.index.People))
	}
	issa, _ := st.Participants(lagos.ID, data.ParticipantFilter{Text: "kabore"})
	if len(issa) != 1 || issa[0].Country != "BF" || issa[0].Email != "issa@example.bf" {
		t.Fatalf("Issa imported as %+v", issa)
	}
	if !hasText(topDialog(c), "applications.csv: 2 added, 0 updated.") {
		t.Errorf("no confirmation: %q", visibleTexts(topDialog(c)))
	}
}

func TestAmounts(t *testing.T) {
	useLanguage(t, "en")
	for in, want := range map[string]int64{"": 0, "850": 85000, "850.5": 85050, "850,50": 85050, "1 200": 120000} {
		if got, ok := parseAmount(in); !ok || got != want {
			t.Errorf("parseAmount(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, bad := range []string{"abc", "1.234", "-5", "."} {
		if _, ok := parseAmount(bad); ok {
			t.Errorf("parseAmount(%q) accepted", bad)
		}
	}
	if formatAmount(85050) != "850.50" || formatAmount(85000) != "850" {
		t.Errorf("formatAmount: %q %q", formatAmount(85050), formatAmount(85000))
	}
	for _, code := range []string{"fr", "es"} {
		useLanguage(t, code)
		if got := formatAmount(85050); got != "850,50" {
			t.Errorf("%s: formatAmount = %q, want 850,50", code, got)
		}
		if back, ok := parseAmount(formatAmount(123456)); !ok || back != 123456 {
			t.Errorf("%s: %q does not read back", code, formatAmount(123456))
		}
	}
}

// BenchmarkSearchKeystroke types into the search box of a workshop of
// 5,000 participants: filtering, sorting the rows shown and refreshing the
// table, as one keystroke does. Target: under 20 ms per keystroke.
func BenchmarkSearchKeystroke(b *testing.B) {
	st, err := data.Open(filepath.Join(b.TempDir(), "big.db"), data.OpenOrCreate)
	if err != nil {
		b.Fatal(err)
	}
	w := data.Workshop{Title: "Big", City: "Lagos", Country: "NG", Language: data.English, Rule: data.DefaultCertificateRule,
		StartDate: data.NewDate(2022, 11, 21), EndDate: data.NewDate(2022, 11, 25), GrantTarget: 28}
	if err := st.SaveWorkshop(&w); err != nil {
		b.Fatal(err)
	}
	const n = 5000
	people := make([]*data.Participant, n)
	countries := []string{"NG", "GH", "SN", "CI", "BJ", "CM"}
	for i := range people {
		people[i] = &data.Participant{WorkshopID: w.ID, GivenName: "Ọláńrewájú " + strconv.Itoa(i), FamilyName: "Àdìgún",
			Country: countries[i%len(countries)], Institution: "National Museum", Status: data.Statuses[i%len(data.Statuses)],
			Email: "p" + strconv.Itoa(i) + "@example.org"}
	}
	if err := st.SaveParticipants(people); err != nil {
		b.Fatal(err)
	}
	test.NewTempApp(b)
	c := newController(fyne.CurrentApp(), st, newUIQueue().do)
	c.win.Show()
	defer c.win.Close()
	c.screen.selectID(w.ID)
	v := participantsOf(c)
	typed := "olanrewaju 4321"
	b.ResetTimer()
	for i := range b.N {
		v.search.SetText(typed[:1+i%len(typed)])
	}
	b.StopTimer()
	ms := float64(b.Elapsed().Microseconds()) / 1000 / float64(b.N)
	b.ReportMetric(ms, "ms/keystroke")
	b.Logf("%d keystrokes over %d participants: %.2f ms each (target < 20 ms)", b.N, n, ms)
}
