package app

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

func addTrainer(t *testing.T, st *data.Store, w data.Workshop, name string) data.Trainer {
	t.Helper()
	tr := data.Trainer{WorkshopID: w.ID, Name: name}
	if err := st.SaveTrainer(&tr); err != nil {
		t.Fatal(err)
	}
	return tr
}

func tapCheck(t *testing.T, o fyne.CanvasObject, label string) {
	t.Helper()
	var found *widget.Check
	walk(o, func(x fyne.CanvasObject) {
		if ch, ok := x.(*widget.Check); ok && ch.Text == label && found == nil {
			found = ch
		}
	})
	if found == nil {
		t.Fatalf("no check box %q", label)
	}
	test.Tap(found)
}

func sessionsOf(t *testing.T, st *data.Store, w data.Workshop) []data.Session {
	t.Helper()
	ss, err := st.Sessions(w.ID)
	if err != nil {
		t.Fatal(err)
	}
	return ss
}

func trainerClashes(s *scheduleScreen) []data.Conflict {
	var out []data.Conflict
	for _, c := range s.conflicts {
		if c.Kind == data.ConflictTrainerBusy {
			out = append(out, c)
		}
	}
	return out
}

func TestSessionFormAddsASessionAndAClashComesAndGoes(t *testing.T) {
	useLanguage(t, "en")
	st, lagos, _ := twoWorkshops(t)
	claire := addTrainer(t, st, lagos, "Claire Dumoulin-Bérard")
	ade := addTrainer(t, st, lagos, "Adéwálé Ògúnṣọlá")
	c, s := tabOn[*scheduleScreen](t, st, lagos)
	// Wide enough for two clashing sessions' titles side by side; the
	// window opens narrower, at a netbook's size (windowsize.go).
	c.win.Resize(fyne.NewSize(1100, 720))

	test.Tap(s.add)
	f := lastOf[*sessionForm](c)
	if f == nil || topDialog(c) == nil {
		t.Fatal("Add session opened no form")
	}
	typeOver(c, f.title, "Collections care is everybody’s job")
	f.kind.SetSelected("Seminar")
	f.day.SetSelectedIndex(0)
	typeOver(c, f.start, "9:00")
	typeOver(c, f.end, "10h30")
	typeOver(c, f.room, "Auditorium")
	tapCheck(t, topDialog(c), claire.Name)
	tapCheck(t, topDialog(c), ade.Name)
	pressEnter(f.title) // Enter saves

	got := sessionsOf(t, st, lagos)
	if len(got) != 1 {
		t.Fatalf("after Enter the file has %d sessions, want 1 (form says %q)", len(got), visibleTexts(topDialog(c)))
	}
	first := got[0]
	if first.Title != "Collections care is everybody’s job" || first.Kind != data.KindSeminar || first.Room != "Auditorium" ||
		first.Start != lagos.StartDate.At(9, 0) || first.End != lagos.StartDate.At(10, 30) ||
		len(first.TrainerIDs) != 2 || first.TrainerIDs[0] != claire.ID || first.TrainerIDs[1] != ade.ID {
		t.Errorf("saved %+v", first)
	}
	if topDialog(c) != nil {
		t.Error("the form stayed open after saving")
	}
	b := s.blocks[first.ID]
	if b == nil || !hasLine(blockLines(b), "09:00–10:30") || !hasLine(blockLines(b), first.Title) ||
		!hasLine(blockLines(b), "Claire Dumoulin-Bérard, Adéwálé Ògúnṣọlá") || !hasLine(blockLines(b), "Auditorium") {
		t.Fatalf("the timetable does not show the session: %v", b)
	}
	if len(trainerClashes(s)) != 0 || len(b.conflicts) != 0 {
		t.Fatalf("one session clashes: %+v", s.conflicts)
	}

	// A second session takes Claire at the same time, in another room.
	test.Tap(s.add)
	f = lastOf[*sessionForm](c)
	typeOver(c, f.title, "Handling objects")
	f.day.SetSelectedIndex(0)
	typeOver(c, f.start, "10:00")
	typeOver(c, f.end, "11:00")
	typeOver(c, f.room, "Studio")
	tapCheck(t, topDialog(c), claire.Name)
	test.Tap(f.save)
	got = sessionsOf(t, st, lagos)
	if len(got) != 2 {
		t.Fatalf("%d sessions after the second save", len(got))
	}
	second := got[1]
	clashes := trainerClashes(s)
	if len(clashes) != 1 || clashes[0].TrainerID != claire.ID {
		t.Fatalf("trainer clashes = %+v, want Claire's", clashes)
	}
	const warning = "Claire Dumoulin-Bérard is in “Collections care is everybody’s job” and “Handling objects” at once (10:00)."
	if !hasConflictLine(s, warning) {
		t.Errorf("the conflict list does not say %q", warning)
	}
	// The two overlap, so they share the column side by side, each still
	// showing its title (wrapped to its half of the column) and its
	// warning, and the whole of it when the pointer rests on it.
	for _, id := range []int64{first.ID, second.ID} {
		b := s.blocks[id]
		if !hasLine(blockLines(b), "1 conflict") || len(b.conflicts) != 1 {
			t.Errorf("block %d does not warn: %v", id, blockLines(b))
		}
		title := strings.Fields(b.session.Title)[0]
		if shown := shownLines(b); !slices.ContainsFunc(shown, func(l string) bool { return strings.HasPrefix(l, title) }) {
			t.Errorf("block %q shows %q, not its title", b.session.Title, shown)
		}
		if tip := hoverOver(c, b); !strings.Contains(tip, b.session.Title) || !strings.Contains(tip, warning) {
			t.Errorf("hovering over %q shows %q", b.session.Title, tip)
		}
	}
	if s.blocks[first.ID].Size().Width > s.blocks[second.ID].Position().X-s.blocks[first.ID].Position().X {
		t.Error("the two blocks at the same time overlap instead of standing side by side")
	}

	// The second session moves to the next day, through its form.
	test.Tap(s.blocks[second.ID])
	f = lastOf[*sessionForm](c)
	if f.session.ID != second.ID || !hasText(topDialog(c), warning) {
		t.Fatalf("tapping the block did not open it with its conflict (%d)", f.session.ID)
	}
	f.day.SetSelectedIndex(1)
	pressEnter(f.room)
	moved, _ := st.Session(second.ID)
	if moved.Day() != lagos.StartDate.AddDays(1) || moved.Start.Hour() != 10 {
		t.Fatalf("moved to %v", moved.Start)
	}
	if clashes := trainerClashes(s); len(clashes) != 0 {
		t.Errorf("the clash stayed after the move: %+v", clashes)
	}
	if hasConflictLine(s, warning) || hasLine(blockLines(s.blocks[first.ID]), "1") || len(s.blocks[first.ID].conflicts) != 0 {
		t.Error("the timetable still warns after the move")
	}
}

func hasLine(lines []string, want string) bool { return slices.Contains(lines, want) }

// shownLines are the lines a block draws at its size, cut as they are.
func shownLines(b *sessionBlock) []string { return drawnLines(b.text) }

// blockLines are the lines a block says, before they are wrapped or cut.
func blockLines(b *sessionBlock) []string {
	var out []string
	for _, l := range b.text.lines {
		out = append(out, l.text)
	}
	return out
}

// hoverOver rests the pointer on o and returns the tip that shows, or ""
// when none does.
func hoverOver(c *controller, o fyne.CanvasObject) string {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o).Add(fyne.NewPos(5, 5))
	test.MoveMouse(c.win.Canvas(), pos)
	defer test.MoveMouse(c.win.Canvas(), fyne.NewPos(0, 0))
	queueOf(c).runUntil(2*time.Second, func() bool { return c.tip.box.Visible() })
	if !c.tip.box.Visible() {
		return ""
	}
	return c.tip.text.Text
}

// hasConflictLine finds a warning in the conflict list.
func hasConflictLine(s *scheduleScreen, text string) bool {
	for _, o := range s.conflictsBox.Objects {
		if l, ok := o.(*conflictLine); ok && l.text.Text == text {
			return true
		}
	}
	return false
}

func TestSessionFormRefusesBadInputAndChangesNothing(t *testing.T) {
	useLanguage(t, "en")
	st, lagos, _ := twoWorkshops(t)
	c, s := tabOn[*scheduleScreen](t, st, lagos)

	test.Tap(s.add)
	f := lastOf[*sessionForm](c)
	typeOver(c, f.title, "")
	typeOver(c, f.start, "11:00")
	typeOver(c, f.end, "10:00")
	pressEnter(f.start)
	if n := len(sessionsOf(t, st, lagos)); n != 0 {
		t.Fatalf("%d sessions saved from a bad form", n)
	}
	if topDialog(c) == nil {
		t.Fatal("the form closed on bad input")
	}
	if got := f.rows["title"].problem; !got.Visible() || got.Text != "Title is required." {
		t.Errorf("title message %q", got.Text)
	}
	if got := f.rows["end"].problem; !got.Visible() || got.Text != "End (10:00) must be after the start (11:00)." {
		t.Errorf("end message %q", got.Text)
	}

	typeOver(c, f.title, "Lecture")
	typeOver(c, f.end, "half past ten")
	pressEnter(f.end)
	if got := f.rows["end"].problem.Text; got != "End: enter a time as HH:MM, e.g. 09:30." {
		t.Errorf("unreadable time message %q", got)
	}
	if f.rows["title"].problem.Visible() {
		t.Error("the title message stayed after the title was given")
	}
	if n := len(sessionsOf(t, st, lagos)); n != 0 {
		t.Fatalf("%d sessions saved from an unreadable time", n)
	}

	// Escape cancels, from an entry and from the window.
	f.end.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if topDialog(c) != nil {
		t.Fatal("Escape in an entry did not close the form")
	}
	test.Tap(s.add)
	c.win.Canvas().Unfocus()
	c.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if topDialog(c) != nil {
		t.Fatal("Escape with no entry focused did not close the form")
	}
	if n := len(sessionsOf(t, st, lagos)); n != 0 {
		t.Fatalf("%d sessions after cancelling", n)
	}

	// Enter saves with no entry focused, once a title is given.
	test.Tap(s.add)
	typeOver(c, lastOf[*sessionForm](c).title, "Welcome")
	c.win.Canvas().Unfocus()
	c.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if n := len(sessionsOf(t, st, lagos)); n != 1 || topDialog(c) != nil {
		t.Fatalf("Enter with no entry focused: %d sessions", n)
	}
}

func TestDeletingASessionSaysHowManyMarksGo(t *testing.T) {
	useLanguage(t, "en")
	st, lagos, _ := twoWorkshops(t)
	ss := data.Session{WorkshopID: lagos.ID, Title: "Opening", Kind: data.KindCeremony,
		Start: lagos.StartDate.At(9, 0), End: lagos.StartDate.At(10, 0)}
	if err := st.SaveSession(&ss); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Ada", "Bola"} {
		p := data.Participant{WorkshopID: lagos.ID, GivenName: name, FamilyName: "Test"}
		if err := st.SaveParticipant(&p); err != nil {
			t.Fatal(err)
		}
		if err := st.SetMark(&data.Attendance{ParticipantID: p.ID, SessionID: ss.ID, Mark: data.Present}); err != nil {
			t.Fatal(err)
		}
	}
	c, s := tabOn[*scheduleScreen](t, st, lagos)
	test.Tap(s.blocks[ss.ID])
	test.Tap(findButton(topDialog(c), "Delete…"))
	if want := "Delete “Opening” and its 2 attendance marks?"; !hasText(topDialog(c), want) {
		t.Fatalf("confirmation says %q, want %q", visibleTexts(topDialog(c)), want)
	}
	test.Tap(findButton(topDialog(c), "Cancel"))
	if len(sessionsOf(t, st, lagos)) != 1 {
		t.Fatal("Cancel deleted the session")
	}
	s.askDelete(ss)
	test.Tap(findButton(topDialog(c), "Delete"))
	if len(sessionsOf(t, st, lagos)) != 0 || s.blocks[ss.ID] != nil {
		t.Fatal("the session is still there after Delete")
	}
	if topDialog(c) != nil {
		t.Error("a dialog stayed open after deleting")
	}
}

func TestDuplicateAndMoveFromTheMenu(t *testing.T) {
	useLanguage(t, "en")
	st, lagos, _ := twoWorkshops(t)
	ss := data.Session{WorkshopID: lagos.ID, Title: "Risk register", Kind: data.KindHandsOn, Room: "Room 1",
		Start: lagos.StartDate.At(14, 0), End: lagos.StartDate.At(15, 30)}
	if err := st.SaveSession(&ss); err != nil {
		t.Fatal(err)
	}
	c, s := tabOn[*scheduleScreen](t, st, lagos)
	test.Tap(s.blocks[ss.ID])
	test.Tap(findButton(topDialog(c), "Duplicate…"))
	f := lastOf[*sessionForm](c)
	if f.session.ID != 0 || f.title.Text != "Risk register" {
		t.Fatalf("duplicate opened %+v", f.session)
	}
	f.day.SetSelectedIndex(2)
	test.Tap(f.save)
	got := sessionsOf(t, st, lagos)
	if len(got) != 2 || got[1].Day() != lagos.StartDate.AddDays(2) || got[1].Room != "Room 1" || got[1].Kind != data.KindHandsOn {
		t.Fatalf("after duplicating: %+v", got)
	}
	s.moveTo(got[0], lagos.StartDate.AddDays(4))
	moved, _ := st.Session(ss.ID)
	if moved.Start != lagos.StartDate.AddDays(4).At(14, 0) || moved.End != lagos.StartDate.AddDays(4).At(15, 30) {
		t.Errorf("moved to %v–%v", moved.Start, moved.End)
	}
}

func TestTimetableShowsDaysAndStraySessions(t *testing.T) {
	useLanguage(t, "fr")
	st, lagos, _ := twoWorkshops(t)
	ss := session(t, st, lagos, 4, 9, "Dernier jour") // the last day, the 25th
	// The workshop is shortened: the session is now outside its dates.
	lagos.EndDate = lagos.EndDate.AddDays(-1)
	if err := st.SaveWorkshop(&lagos); err != nil {
		t.Fatal(err)
	}
	_, s := tabOn[*scheduleScreen](t, st, lagos)
	if len(s.days) != 5 {
		t.Fatalf("%d day columns, want 4 days and the stray one", len(s.days))
	}
	for _, want := range []string{"Jour 1", "lun. 21 nov.", "Jour 4", "Hors des dates", "ven. 25 nov."} {
		if !hasText(s.grid, want) {
			t.Errorf("the timetable does not show %q: %q", want, visibleTexts(s.grid))
		}
	}
	var outside bool
	for _, c := range s.conflicts {
		if c.Kind == data.ConflictOutsideDates {
			outside = true
			if msg := conflictMessage(c); !strings.Contains(msg, "«\u00a0Dernier jour\u00a0»") || !strings.Contains(msg, "25 nov. 2022") {
				t.Errorf("French conflict: %q", msg)
			}
		}
	}
	if !outside {
		t.Errorf("no conflict for the stray session: %+v", s.conflicts)
	}
	if b := s.blocks[ss.ID]; b == nil || !hasLine(blockLines(b), "1 conflit") {
		t.Errorf("the stray session's block does not warn: %v", b)
	}
}

func TestParseClock(t *testing.T) {
	for in, want := range map[string][2]int{"9": {9, 0}, "09:30": {9, 30}, "930": {9, 30}, "9h30": {9, 30}, "9h": {9, 0},
		"14.15": {14, 15}, " 1700 ": {17, 0}, "24:00": {24, 0}} {
		h, m, ok := parseClock(in)
		if !ok || h != want[0] || m != want[1] {
			t.Errorf("parseClock(%q) = %d:%d %v", in, h, m, ok)
		}
	}
	for _, in := range []string{"", "nine", "25:00", "9:60", "24:30", "9:305", "-1"} {
		if _, _, ok := parseClock(in); ok {
			t.Errorf("parseClock(%q) accepted", in)
		}
	}
}

func TestOverlappingSessionsShareTheColumn(t *testing.T) {
	// 9–11 and 10–12 overlap (two lanes); 11–12 fits in the first lane
	// again; 13–14 is on its own.
	lane, count := lanes([][2]int{{540, 660}, {600, 720}, {660, 720}, {780, 840}})
	if !slices.Equal(lane, []int{0, 1, 0, 0}) || !slices.Equal(count, []int{2, 2, 2, 1}) {
		t.Errorf("lanes %v, counts %v", lane, count)
	}
}

// The demo programme with a clash, and every other tab, must fit a
// 1024-pixel netbook screen: long warnings once widened the window past
// the screen, and so did the attendance tab's session and buttons.
func TestDemoScheduleFitsTheWindow(t *testing.T) {
	useLanguage(t, "fr")
	st, res := demoStore(t)
	lagos := reread(t, st, res.Lagos)
	sessions := sessionsOf(t, st, lagos)
	clash := sessions[len(sessions)-1]
	clash.Start, clash.End = sessions[0].Start, sessions[0].End
	clash.Room = sessions[0].Room
	if err := st.SaveSession(&clash); err != nil {
		t.Fatal(err)
	}
	c, s := tabOn[*scheduleScreen](t, st, lagos)
	if len(s.blocks) != len(sessions) {
		t.Errorf("%d blocks for %d sessions", len(s.blocks), len(sessions))
	}
	if len(s.conflicts) == 0 || len(s.conflictsBox.Objects) != len(s.conflicts) {
		t.Fatalf("conflicts %d, lines %d", len(s.conflicts), len(s.conflictsBox.Objects))
	}
	if w := c.win.Content().MinSize().Width; w > 1024 {
		t.Errorf("the window needs %.0f pixels", w)
	}
	// Tapping a warning opens the session it names.
	test.Tap(s.conflictsBox.Objects[0].(*conflictLine))
	if lastOf[*sessionForm](c) == nil || lastOf[*sessionForm](c).session.ID != s.conflicts[0].SessionIDs[0] {
		t.Error("tapping the warning did not open its session")
	}
}

func TestTappingAnEmptySlotProposesASessionThere(t *testing.T) {
	useLanguage(t, "en")
	st, lagos, _ := twoWorkshops(t)
	c, s := tabOn[*scheduleScreen](t, st, lagos)
	var third *dayColumn
	for _, o := range s.grid.Objects {
		if d, ok := o.(*dayColumn); ok && d.day == lagos.StartDate.AddDays(2) {
			third = d
		}
	}
	if third == nil {
		t.Fatal("no column for the third day")
	}
	third.Resize(fyne.NewSize(120, float32(s.last-s.first)*100))
	// 14:40 on a 09:00–17:00 timetable of 100 pixels an hour.
	third.Tapped(&fyne.PointEvent{Position: fyne.NewPos(10, float32(14*60+40-s.first*60)*100/60)})
	f := lastOf[*sessionForm](c)
	if f == nil || topDialog(c) == nil {
		t.Fatal("tapping an empty slot opened nothing")
	}
	if f.day.SelectedIndex() != 2 || f.start.Text != "14:30" || f.end.Text != "15:30" {
		t.Errorf("proposed day %d, %s–%s", f.day.SelectedIndex(), f.start.Text, f.end.Text)
	}
}

func TestShorteningTheWorkshopRedrawsTheSchedule(t *testing.T) {
	useLanguage(t, "en")
	st, lagos, _ := twoWorkshops(t)
	c, s := tabOn[*scheduleScreen](t, st, lagos)
	if len(s.days) != 5 {
		t.Fatalf("%d days", len(s.days))
	}
	f := c.screen.form
	typeOver(c, &f.end.Entry, "23/11/2022")
	pressEnter(&f.end.Entry)
	if got := reread(t, st, lagos.ID).EndDate; got != data.NewDate(2022, 11, 23) {
		t.Fatalf("end date saved as %v", got)
	}
	if len(s.days) != 3 {
		t.Errorf("the schedule still shows %d days", len(s.days))
	}
}

func TestWarningsAboutTrainersAndDaysLeadToThem(t *testing.T) {
	useLanguage(t, "en")
	st, lagos, _ := twoWorkshops(t)
	idle := addTrainer(t, st, lagos, "Youssef El Amrani")
	addTrainer(t, st, lagos, "Claire Dumoulin-Bérard")
	c, s := tabOn[*scheduleScreen](t, st, lagos)
	line := func(text string) *conflictLine {
		for _, o := range s.conflictsBox.Objects {
			if l, ok := o.(*conflictLine); ok && l.text.Text == text {
				return l
			}
		}
		t.Fatalf("no warning %q", text)
		return nil
	}
	test.Tap(line("Youssef El Amrani leads no session."))
	var ts *trainersScreen
	for _, v := range c.screen.views {
		if x, ok := v.(*trainersScreen); ok {
			ts = x
		}
	}
	if c.screen.tabs.Selected() != ts.tab() || ts.sheet.saved.ID != idle.ID {
		t.Errorf("the warning opened trainer %d", ts.sheet.saved.ID)
	}
	test.Tap(line("23 Nov 2022 has no session."))
	if f := lastOf[*sessionForm](c); f == nil || f.session.ID != 0 || f.day.SelectedIndex() != 2 {
		t.Error("the empty-day warning did not propose a session that day")
	}
}
