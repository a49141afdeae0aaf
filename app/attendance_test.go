package app

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/atelier-workshops/atelier/data"
)

// classroom is a workshop with three sessions on its first day and five
// confirmed participants (and an applicant, who is not on any list).
func classroom(t testing.TB, st *data.Store) (data.Workshop, []data.Session, []data.Participant) {
	t.Helper()
	w := data.Workshop{Title: "Regional training on collections care", City: "Lagos", Country: "NG",
		StartDate: data.NewDate(2022, 11, 21), EndDate: data.NewDate(2022, 11, 25), Language: data.English}
	if err := st.SaveWorkshop(&w); err != nil {
		t.Fatal(err)
	}
	var ss []data.Session
	for i, title := range []string{"Welcome", "Inventories", "Risk management field visit"} {
		s := data.Session{WorkshopID: w.ID, Title: title, Kind: data.KindLecture, CountsForCertificate: true,
			Start: w.StartDate.At(9+2*i, 0), End: w.StartDate.At(10+2*i, 30), Mandatory: i == 2}
		if err := st.SaveSession(&s); err != nil {
			t.Fatal(err)
		}
		ss = append(ss, s)
	}
	var ps []data.Participant
	for _, n := range [][2]string{{"Ọláńrewájú", "Àdìgún"}, {"Chiamaka", "Eze"}, {"María", "Ñúñez"}, {"João", "Gonçalves"}, {"Aminata", "Diallo"}} {
		p := data.Participant{WorkshopID: w.ID, GivenName: n[0], FamilyName: n[1], Status: data.StatusConfirmed, Country: "NG"}
		if err := st.SaveParticipant(&p); err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	applicant := data.Participant{WorkshopID: w.ID, GivenName: "Pending", FamilyName: "Applicant", Status: data.StatusApplicant}
	if err := st.SaveParticipant(&applicant); err != nil {
		t.Fatal(err)
	}
	// The list is in family-name order: Àdìgún, Diallo, Eze, Gonçalves, Ñúñez.
	slices.SortFunc(ps, func(a, b data.Participant) int { return compareFold(a.FamilyName, b.FamilyName) })
	return w, ss, ps
}

func compareFold(a, b string) int {
	a, b = data.Fold(a), data.Fold(b)
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// classroomAttendance opens the window, in English, on the classroom at
// its Attendance tab.
func classroomAttendance(t *testing.T) (*data.Store, data.Workshop, []data.Session, []data.Participant, *controller, *attendanceView) {
	t.Helper()
	useLanguage(t, "en")
	st := tempStore(t)
	w, ss, ps := classroom(t, st)
	c, _ := openWindow(t, st)
	return st, w, ss, ps, c, attendanceOf(t, c)
}

func attendanceOf(t *testing.T, c *controller) *attendanceView { return tabOf[*attendanceView](t, c) }

func marksOf(t testing.TB, st *data.Store, sid int64) map[int64]data.Attendance {
	t.Helper()
	m, err := st.SessionMarks(sid)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestKeyboardMarksAWholeSession(t *testing.T) {
	st, _, ss, ps, c, v := classroomAttendance(t)
	// The workshop is over: the last session is chosen for a start.
	if v.sid != ss[2].ID {
		t.Errorf("session %d chosen, want the last one %d", v.sid, ss[2].ID)
	}
	pickSession(v, 1)
	if v.sid != ss[1].ID || len(v.people) != 5 {
		t.Fatalf("session %d with %d people", v.sid, len(v.people))
	}

	// A click on a row selects it and gives the list the keyboard; then
	// the whole session is marked without the mouse.
	c.win.Resize(fyne.NewSize(1100, 720))
	var second *markRow
	walk(v.list, func(o fyne.CanvasObject) {
		if r, ok := o.(*markRow); ok && r.id == 1 {
			second = r
		}
	})
	if second == nil {
		t.Fatal("no row 1 drawn")
	}
	test.Tap(second)
	if v.cur != 1 || c.win.Canvas().Focused() != v.list {
		t.Fatalf("a tap on row 1: row %d, focus %T", v.cur, c.win.Canvas().Focused())
	}
	// Its buttons mark that row, move on to the next and leave the
	// keyboard on the list.
	test.Tap(second.buttons[3])
	if got := marksOf(t, st, ss[1].ID)[ps[1].ID].Mark; got != data.Absent || c.win.Canvas().Focused() != v.list || v.cur != 2 {
		t.Errorf("the A button saved %q and went to row %d", got, v.cur)
	}
	// Each key marks and moves on: a session is five key presses.
	v.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	keys := []rune{'p', 'L', 'e', 'a', 'P'}
	want := []data.Mark{data.Present, data.Late, data.Excused, data.Absent, data.Present}
	for i, r := range keys {
		focused := c.win.Canvas().Focused()
		if focused != v.list {
			t.Fatalf("focus moved to %T", focused)
		}
		if v.cur != i {
			t.Fatalf("key %d went to row %d", i, v.cur)
		}
		focused.TypedRune(r)
	}
	if v.cur != len(ps)-1 {
		t.Errorf("a mark on the last row moved to %d", v.cur)
	}
	got := marksOf(t, st, ss[1].ID)
	for i, p := range ps {
		if got[p.ID].Mark != want[i] {
			t.Errorf("%s: %q in the file, want %q", p.FullName(), got[p.ID].Mark, want[i])
		}
	}
	if v.counts.Text != "2 present · 1 late · 1 excused · 1 absent · 0 not yet marked" {
		t.Errorf("counts: %q", v.counts.Text)
	}

	// Back up with Up, clear with Delete, move on with Tab.
	v.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	v.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if _, ok := marksOf(t, st, ss[1].ID)[ps[3].ID]; ok || v.cur != 3 {
		t.Errorf("Delete on row %d did not clear %s", v.cur, ps[3].FullName())
	}
	if !v.list.AcceptsTab() {
		t.Error("Tab leaves the list before its last row")
	}
	v.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
	if v.cur != 4 || v.list.AcceptsTab() {
		t.Errorf("after Tab on row 3: row %d, accepts tab %v", v.cur, v.list.AcceptsTab())
	}

	// "/" goes to the search; typing a name without its accents jumps to
	// it, Enter comes back to the list, where a key marks that person.
	v.list.TypedRune('/')
	if c.win.Canvas().Focused() != v.search {
		t.Fatalf("/ focused %T", c.win.Canvas().Focused())
	}
	test.Type(v.search, "nunez")
	if v.cur != 4 {
		t.Errorf("typing nunez went to row %d", v.cur)
	}
	typeOver(c, v.search, "olan")
	if v.cur != 0 {
		t.Errorf("typing olan went to row %d", v.cur)
	}
	pressEnter(v.search)
	if c.win.Canvas().Focused() != v.list {
		t.Fatal("Enter in the search did not return to the list")
	}
	v.list.TypedRune('a')
	if got := marksOf(t, st, ss[1].ID)[ps[0].ID].Mark; got != data.Absent {
		t.Errorf("after search, A marked %q", got)
	}
	v.moveTo(0)
	// Ctrl+F works too.
	v.list.TypedShortcut(&desktopFind)
	if c.win.Canvas().Focused() != v.search {
		t.Error("Ctrl+F did not focus the search")
	}

	// Enter on the list opens the note; Enter in the note saves it.
	c.win.Canvas().Focus(v.list)
	v.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if c.win.Canvas().Focused() != v.note {
		t.Fatalf("Enter focused %T, want the note", c.win.Canvas().Focused())
	}
	test.Type(v.note, "Visa appointment")
	pressEnter(v.note)
	a := marksOf(t, st, ss[1].ID)[ps[0].ID]
	if a.Mark != data.Absent || a.Note != "Visa appointment" {
		t.Errorf("note not saved with the mark: %+v", a)
	}
	if !hasText(v.body, "“Visa appointment”") {
		t.Error("the row does not show the note")
	}

	// A note being typed is saved for its row when another row is clicked.
	v.moveTo(1)
	c.win.Canvas().Focus(v.note)
	test.Type(v.note, "Came back from the embassy")
	var other *markRow
	walk(v.list, func(o fyne.CanvasObject) {
		if r, ok := o.(*markRow); ok && r.id == 2 {
			other = r
		}
	})
	// Called directly: test.Tap unfocuses first, which the desktop driver
	// does not do when the list under the row is focusable.
	other.Tapped(&fyne.PointEvent{})
	if got := marksOf(t, st, ss[1].ID); got[ps[1].ID].Note != "Came back from the embassy" || got[ps[2].ID].Note != "" || v.cur != 2 {
		t.Errorf("note after clicking another row: %q / %q, row %d", got[ps[1].ID].Note, got[ps[2].ID].Note, v.cur)
	}
}

func TestMarkingTheRestAbsent(t *testing.T) {
	st, _, ss, ps, c, v := classroomAttendance(t)
	pickSession(v, 0)
	v.setMark(0, data.Present)
	v.setMark(1, data.Excused)
	if v.allOut.Disabled() {
		t.Fatal("the rest-absent button is disabled with three unmarked")
	}

	test.Tap(v.allOut)
	d := topDialog(c)
	if d == nil || !hasText(d, "Mark the 3 participants not yet marked as absent?") {
		t.Fatalf("no confirmation: %v", visibleTexts(d))
	}
	if n := len(marksOf(t, st, ss[0].ID)); n != 2 {
		t.Fatalf("%d marks before confirming", n)
	}
	test.Tap(findButton(d, "Absent"))
	got := marksOf(t, st, ss[0].ID)
	for i, p := range ps {
		want := data.Absent
		switch i {
		case 0:
			want = data.Present
		case 1:
			want = data.Excused
		}
		if got[p.ID].Mark != want {
			t.Errorf("%s: %q, want %q", p.FullName(), got[p.ID].Mark, want)
		}
	}
	if v.counts.Text != "1 present · 0 late · 1 excused · 3 absent · 0 not yet marked" {
		t.Errorf("counts: %q", v.counts.Text)
	}
	if !v.allOut.Disabled() || !v.allIn.Disabled() {
		t.Error("the rest buttons stay enabled with nobody left to mark")
	}

	// Everyone present on another session, cancelled first.
	pickSession(v, 1)
	test.Tap(v.allIn)
	test.Tap(findButton(topDialog(c), "Cancel"))
	if n := len(marksOf(t, st, ss[1].ID)); n != 0 {
		t.Errorf("cancel marked %d", n)
	}
	test.Tap(v.allIn)
	test.Tap(findButton(topDialog(c), "Present"))
	if n := len(marksOf(t, st, ss[1].ID)); n != 5 {
		t.Errorf("everyone present marked %d", n)
	}
}

func TestDefaultSession(t *testing.T) {
	day := data.NewDate(2022, 11, 21)
	ss := []data.Session{{Start: day.At(9, 0), End: day.At(10, 30)}, {Start: day.At(11, 0), End: day.At(12, 0)}}
	local := func(h, m int) time.Time { return time.Date(2022, 11, 21, h, m, 0, 0, time.Local) }
	for _, c := range []struct {
		now  time.Time
		want int
	}{
		{local(9, 30), 0},  // running
		{local(10, 45), 1}, // between: the next
		{local(7, 0), 0},   // before the day
		{local(13, 0), 1},  // over: the last
		{time.Date(2023, 1, 1, 9, 0, 0, 0, time.Local), 1},
	} {
		if got := defaultSession(ss, c.now); got != c.want {
			t.Errorf("at %v: %d, want %d", c.now, got, c.want)
		}
	}
	if defaultSession(nil, time.Now()) != -1 {
		t.Error("no sessions")
	}
}

var desktopFind = desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}

// BenchmarkMarkKeyToSaved measures one mark from the key press on the
// session list to SetMark having committed it to a file on disk.
func BenchmarkMarkKeyToSaved(b *testing.B) {
	test.NewTempApp(b)
	st, err := data.Open(filepath.Join(b.TempDir(), "bench.db"), data.OpenOrCreate)
	if err != nil {
		b.Fatal(err)
	}
	_, ss, _ := classroom(b, st)
	for i := range 25 {
		p := data.Participant{WorkshopID: ss[0].WorkshopID, GivenName: fmt.Sprint("Bọ́lá ", i), FamilyName: "Àjàyí", Status: data.StatusConfirmed}
		if err := st.SaveParticipant(&p); err != nil {
			b.Fatal(err)
		}
	}
	q := newUIQueue()
	c := newController(fyne.CurrentApp(), st, q.do)
	c.win.Show()
	defer c.win.Close()
	var v *attendanceView
	for _, x := range c.screen.views {
		if a, ok := x.(*attendanceView); ok {
			v = a
		}
	}
	c.screen.tabs.Select(v.item)
	pickSession(v, 0)
	c.win.Canvas().Focus(v.list)
	keys := []rune{'p', 'l', 'e', 'a'}
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		t0 := time.Now()
		c.win.Canvas().Focused().TypedRune(keys[i%len(keys)])
		times = append(times, time.Since(t0))
		// Moving on is not part of the mark.
		b.StopTimer()
		if v.cur == len(v.people)-1 {
			v.moveTo(0)
		} else {
			v.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		}
		b.StartTimer()
	}
	b.StopTimer()
	if got := marksOf(b, st, ss[0].ID)[v.people[0].ID].Mark; got == data.Unmarked {
		b.Fatal("nothing saved")
	}
	slices.Sort(times)
	median := times[len(times)/2]
	b.ReportMetric(float64(median.Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
	if b.N >= 100 {
		b.Logf("%d key presses: median %v, 95th percentile %v from key to committed mark (target median < 5 ms)",
			b.N, median, times[len(times)*95/100])
	}
}

func TestSessionListFollowsChangesMadeElsewhere(t *testing.T) {
	st, w, ss, ps, _, v := classroomAttendance(t)
	pickSession(v, 1)
	v.moveTo(2)

	// Another tab confirms a participant and adds a session meanwhile.
	late := data.Participant{WorkshopID: w.ID, GivenName: "Àbẹ̀ní", FamilyName: "Abíọ́lá", Status: data.StatusConfirmed}
	if err := st.SaveParticipant(&late); err != nil {
		t.Fatal(err)
	}
	extra := data.Session{WorkshopID: w.ID, Title: "Evening visit", Kind: data.KindFieldVisit, CountsForCertificate: true,
		Start: w.StartDate.At(18, 0), End: w.StartDate.At(19, 0)}
	if err := st.SaveSession(&extra); err != nil {
		t.Fatal(err)
	}
	v.tabs.SelectIndex(1)
	v.tabs.SelectIndex(0)
	if len(v.people) != 6 || len(v.session.sessions) != 4 {
		t.Fatalf("after coming back: %d people, %d sessions", len(v.people), len(v.session.sessions))
	}
	if v.sid != ss[1].ID || v.people[v.cur].ID != ps[2].ID {
		t.Errorf("the session or the participant being marked changed: session %d, %s", v.sid, v.people[v.cur].FullName())
	}
}

func TestAttendanceTabReadsAgainWhenSelected(t *testing.T) {
	st, w, _, _, c, v := classroomAttendance(t)
	v.tabs.SelectIndex(1)
	if n := len(c.verdicts.matrix.Participants); n != 5 {
		t.Fatalf("matrix of %d participants", n)
	}

	// The organiser confirms someone in the Participants tab, then comes
	// back to the matrix they left open.
	participantsOf(c)
	late := data.Participant{WorkshopID: w.ID, GivenName: "Àbẹ̀ní", FamilyName: "Abíọ́lá", Status: data.StatusConfirmed}
	if err := st.SaveParticipant(&late); err != nil {
		t.Fatal(err)
	}
	c.screen.tabs.Select(v.tab())
	if n := len(c.verdicts.matrix.Participants); n != 6 {
		t.Errorf("the matrix shows %d participants after coming back, want 6", n)
	}
	v.tabs.SelectIndex(0)
	if len(v.people) != 6 {
		t.Errorf("the session list shows %d participants, want 6", len(v.people))
	}
}

// pickSession opens the session picker and takes the i-th session marked,
// as the organiser does.
func pickSession(v *attendanceView, i int) {
	test.Tap(v.session.button)
	v.session.list.Select(v.session.rowOf(i))
}

// The first complaint: opening Attendance and pressing L did
// nothing, the focus being on the session chooser. Now the first key marks
// the first person and moves on, and so after choosing another session;
// with the box unticked a mark stays on its row.
func TestOpeningAttendanceThenLMarksTheFirstLate(t *testing.T) {
	useLanguage(t, "en")
	st := tempStore(t)
	w, ss, ps := classroom(t, st)
	c, v := tabOn[*attendanceView](t, st, w)
	focused := c.win.Canvas().Focused()
	if focused != v.list {
		t.Fatalf("opening Attendance focused %T, not the list", focused)
	}
	focused.TypedRune('L')
	if got := marksOf(t, st, v.sid)[ps[0].ID].Mark; got != data.Late || v.cur != 1 {
		t.Fatalf("L marked %s %q and went to row %d", ps[0].FullName(), got, v.cur)
	}

	// Another session from the picker, from the keyboard: the list has
	// the keyboard again.
	test.Tap(v.session.button)
	if c.win.Canvas().Focused() != v.session.list {
		t.Fatalf("the open picker does not have the keyboard: %T", c.win.Canvas().Focused())
	}
	v.session.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	v.session.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if v.sid != ss[1].ID || c.win.Canvas().Focused() != v.list || v.cur != 0 {
		t.Fatalf("after choosing with Up and Enter: session %d, focus %T, row %d", v.sid, c.win.Canvas().Focused(), v.cur)
	}
	test.Tap(v.advance) // off: a mark stays where it is
	c.win.Canvas().Focused().TypedRune('p')
	if got := marksOf(t, st, ss[1].ID)[ps[0].ID].Mark; got != data.Present || v.cur != 0 {
		t.Fatalf("with the box off, P marked %q and went to row %d", got, v.cur)
	}
	if c.app.Preferences().Bool(advancePreference) {
		t.Error("the choice is not kept")
	}
	// Coming back to the tab gives the list the keyboard again.
	c.screen.tabs.SelectIndex(0)
	c.win.Canvas().Focus(nil)
	tabOf[*attendanceView](t, c)
	if c.win.Canvas().Focused() != v.list {
		t.Errorf("back on Attendance the focus is on %T", c.win.Canvas().Focused())
	}
}

// Breaks are in the programme but are neither marked nor made mandatory:
// the picker goes from the morning session to the afternoon one, day by
// day under their headings, and the rule pane does not offer lunch.
func TestBreaksAreNotOfferedForMarking(t *testing.T) {
	useLanguage(t, "en")
	st := tempStore(t)
	w, ss, _ := classroom(t, st)
	lunch := data.Session{WorkshopID: w.ID, Title: "Lunch", Kind: data.KindBreak, Start: w.StartDate.At(12, 0),
		End: w.StartDate.At(13, 0), Room: "Dining hall"}
	day2 := data.Session{WorkshopID: w.ID, Title: "Documentation", Kind: data.KindSeminar, Start: w.StartDate.AddDays(1).At(9, 0),
		End: w.StartDate.AddDays(1).At(10, 0), CountsForCertificate: true}
	for _, s := range []*data.Session{&lunch, &day2} {
		if err := st.SaveSession(s); err != nil {
			t.Fatal(err)
		}
	}
	_, v := tabOn[*attendanceView](t, st, w)
	test.Tap(v.session.button)
	var labels []string
	for _, r := range v.session.rows {
		labels = append(labels, r.label)
	}
	want := []string{"Mon 21 Nov 2022", "09:00–10:30  " + ss[0].Title, "11:00–12:30  " + ss[1].Title,
		"13:00–14:30  " + ss[2].Title, "Tue 22 Nov 2022", "09:00–10:00  Documentation"}
	if !slices.Equal(labels, want) {
		t.Errorf("the picker offers %q, want %q", labels, want)
	}
	if !v.session.rows[0].day || !v.session.rows[4].day {
		t.Error("the days are not headings")
	}
	v.session.close()

	v.tabs.SelectIndex(2) // the certificate rule
	for _, o := range v.rule.mandatory.Options {
		if strings.Contains(o, "Lunch") {
			t.Errorf("the rule offers lunch as a mandatory session: %q", v.rule.mandatory.Options)
		}
	}
	if len(v.rule.mandatory.Options) != 4 {
		t.Errorf("mandatory sessions offered: %q", v.rule.mandatory.Options)
	}
}
