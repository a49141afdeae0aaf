package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

func TestEditUndoBringsBackADeletedWorkshopAndOpensIt(t *testing.T) {
	useLanguage(t, "en")
	st, lagos, dakar := twoWorkshops(t)
	c, _ := openWindow(t, st)
	c.undoLast()
	if !hasText(topDialog(c), "There is nothing to undo: no delete or import since Atelier opened this file.") {
		t.Fatalf("undo with nothing to undo: %v", visibleTexts(topDialog(c)))
	}
	c.screen.selectID(lagos.ID)
	if err := st.DeleteWorkshop(dakar.ID); err != nil {
		t.Fatal(err)
	}
	c.screen.reload()
	if c.screen.indexOf(dakar.ID) >= 0 {
		t.Fatal("the deleted workshop is still listed")
	}
	c.undoLast()
	if c.screen.indexOf(dakar.ID) < 0 || c.screen.form.id() != dakar.ID {
		t.Fatalf("after undo: listed %v, open %d", c.screen.indexOf(dakar.ID) >= 0, c.screen.form.id())
	}
	if got := reread(t, st, dakar.ID); got.Title != dakar.Title {
		t.Fatalf("restored %+v", got)
	}
}

// Deleting a workshop says what goes with it; the notice that follows
// brings it all back.
func TestDeletingAWorkshopThenUndoFromTheNotice(t *testing.T) {
	st, res := demoStore(t)
	c, q := openAt(t, "en", st, res.Lagos)
	before, err := st.CountsOf(res.Lagos)
	if err != nil {
		t.Fatal(err)
	}
	c.screen.form.askDelete()
	if !hasText(topDialog(c), "Delete “The whole museum: functions, communities and participatory heritage” with its 26 sessions, 7 trainers, 28 participants, 432 attendance marks and 0 certificates? Edit › Undo brings it back while Atelier stays open.") {
		t.Fatalf("the confirmation does not say what goes: %v", visibleTexts(topDialog(c)))
	}
	test.Tap(findButton(topDialog(c), "Delete"))
	if _, err := st.Workshop(res.Lagos); err == nil || c.screen.indexOf(res.Lagos) >= 0 {
		t.Fatal("the workshop is still there")
	}
	q.runUntil(5*time.Second, c.notice.bar.Visible) // the notice comes through the UI queue
	if !c.notice.bar.Visible() || c.notice.text.Text != "Deleted “The whole museum: functions, communities and participatory heritage”." {
		t.Fatalf("notice %q (visible %v)", c.notice.text.Text, c.notice.bar.Visible())
	}
	test.Tap(findButton(c.notice.bar, "Undo"))
	after, err := st.CountsOf(res.Lagos)
	if err != nil || after != before || c.screen.form.id() != res.Lagos {
		t.Fatalf("after undo: %+v (%v), open %d; before %+v", after, err, c.screen.form.id(), before)
	}
	if c.notice.bar.Visible() {
		t.Error("the notice stays after undoing")
	}
}
