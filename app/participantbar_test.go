package app

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// settle lays the window out again, as the real driver does on the next
// frame when something shown or hidden changes what it needs; Fyne's test
// canvas does not.
func settle(c *controller) {
	size := c.win.Canvas().Size()
	c.win.Resize(size.AddWidthHeight(1, 1))
	c.win.Resize(size)
}

// at is where o is drawn in the window.
func at(o fyne.CanvasObject) fyne.Position {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
}

// rowBoxes are the tick boxes of the rows drawn, top to bottom.
func rowBoxes(v *participantsView) []*widget.Check {
	var boxes []*widget.Check
	walk(v.table, func(o fyne.CanvasObject) {
		if cell, ok := o.(*participantCell); ok && cell.check.Visible() {
			boxes = append(boxes, cell.check)
		}
	})
	slices.SortFunc(boxes, func(a, b *widget.Check) int { return int(at(a).Y - at(b).Y) })
	return boxes
}

// tickAllBox is the box above the rows' tick boxes.
func tickAllBox(t *testing.T, v *participantsView) *widget.Check {
	t.Helper()
	rows := map[*widget.Check]bool{}
	walk(v.table, func(o fyne.CanvasObject) {
		if cell, ok := o.(*participantCell); ok {
			rows[cell.check] = true
		}
	})
	var box *widget.Check
	walk(v.table, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Check); ok && !rows[b] && b.Visible() {
			box = b
		}
	})
	if box == nil {
		t.Fatal("no box ticks every row shown")
	}
	return box
}

// inside says whether o is drawn whole within the window.
func inside(c *controller, o fyne.CanvasObject) bool {
	p, s, w := at(o), o.Size(), c.win.Canvas().Size()
	return p.X >= 0 && p.Y >= 0 && p.X+s.Width <= w.Width+0.5 && p.Y+s.Height <= w.Height+0.5
}

// Ticking the first row showed the bar of changes of many above the table
// and pushed the rows some 80 px down, so that a quick second click landed
// on another row or on the box that ticks them all. The bar is now always
// there, below the table, its choices greyed until a row is ticked: the
// rows stay where they are as ticks come and go and a change of many is
// made, in English and French, at 1366×768 and at 1024×600, and the bar is
// drawn whole.
func TestTheRowsStayPutAsTicksComeAndGo(t *testing.T) {
	for _, code := range []string{"en", "fr"} {
		for _, size := range []fyne.Size{{Width: 1366, Height: 740}, {Width: 1024, Height: 560}} {
			st, res := demoStore(t)
			c, _ := openAt(t, code, st, res.Lagos)
			c.win.Resize(size)
			v := participantsOf(c)
			settle(c)
			boxes := rowBoxes(v)
			if len(boxes) < 3 {
				t.Fatalf("%s %v: %d rows drawn", code, size, len(boxes))
			}
			table, second := at(v.table), at(boxes[1])
			stays := func(what string) {
				t.Helper()
				settle(c)
				if at(v.table) != table || at(rowBoxes(v)[1]) != second {
					t.Errorf("%s %v, %s: the table moved from %v to %v, the second row's box from %v to %v",
						code, size, what, table, at(v.table), second, at(rowBoxes(v)[1]))
				}
				for _, o := range v.bulk.Objects {
					if !inside(c, o) {
						t.Errorf("%s %v, %s: the bar's %T at %v (%v) is not whole in the window", code, size, what, o, at(o), o.Size())
					}
				}
				if need := c.win.Content().MinSize(); need.Width > size.Width || need.Height > size.Height {
					t.Errorf("%s %v, %s: the window's content needs %v", code, size, what, need)
				}
			}
			award := findButton(v.bulk, map[string]string{"en": "Award grant", "fr": "Accorder la bourse"}[code])
			disabled := award.Disabled()
			test.Tap(boxes[0])
			stays("the first row ticked")
			if !disabled || len(v.checked) != 1 || award.Disabled() {
				t.Errorf("%s %v: Award grant disabled %v with nothing ticked, %v with %d ticked", code, size, disabled, award.Disabled(), len(v.checked))
			}
			test.Tap(rowBoxes(v)[1])
			if len(v.checked) != 2 {
				t.Errorf("%s %v: the second click ticked %d rows in all", code, size, len(v.checked))
			}
			stays("the second row ticked")
			test.Tap(rowBoxes(v)[0])
			test.Tap(rowBoxes(v)[1])
			if len(v.checked) != 0 || !award.Disabled() {
				t.Errorf("%s %v: after unticking both, %d ticked, Award grant disabled %v", code, size, len(v.checked), award.Disabled())
			}
			stays("the ticks cleared")
			test.Tap(tickAllBox(t, v))
			v.bulkStatus.SetSelectedIndex(1)
			if !v.bulkNote.Visible() {
				t.Errorf("%s %v: no word of the change of many", code, size)
			}
			stays("a change of many made")
		}
	}
}

// The box above the tick boxes shows how the rows shown are ticked:
// empty when none is, partly ticked when some are, ticked when every one
// is; ticking it ticks every row shown, and when they all are, clears
// them.
func TestTheTickAllBoxShowsTheRowsShown(t *testing.T) {
	st, lagos := participantsWorkshop(t)
	c, _ := openAt(t, "en", st, lagos.ID)
	v := participantsOf(c)
	state := func() string {
		b := tickAllBox(t, v)
		switch {
		case b.Checked && b.Partial:
			return "both"
		case b.Checked:
			return "ticked"
		case b.Partial:
			return "partly"
		}
		return "empty"
	}
	if got := state(); got != "empty" {
		t.Errorf("with no tick the box is %s", got)
	}
	test.Tap(rowBoxes(v)[0])
	if got := state(); got != "partly" {
		t.Errorf("with 1 of 4 rows ticked the box is %s", got)
	}
	test.Tap(tickAllBox(t, v))
	if got := state(); got != "ticked" || len(v.checked) != 4 {
		t.Errorf("after ticking the box, it is %s with %d of 4 rows ticked", got, len(v.checked))
	}
	test.Tap(rowBoxes(v)[3])
	if got := state(); got != "partly" {
		t.Errorf("with 3 of 4 rows ticked the box is %s", got)
	}
	// A search showing only ticked rows: every row shown is ticked.
	typeOver(c, v.search, "olanrewaju")
	if got := state(); got != "ticked" || len(v.shown) != 2 {
		t.Errorf("with the 2 rows shown ticked the box is %s (%d shown)", got, len(v.shown))
	}
	test.Tap(tickAllBox(t, v))
	if got := state(); got != "empty" || len(v.checked) != 0 {
		t.Errorf("after unticking the box, it is %s with %d ticked", got, len(v.checked))
	}
	typeOver(c, v.search, "nobody of that name")
	if b := tickAllBox(t, v); !b.Disabled() {
		t.Error("with no row shown the box can be ticked")
	}
}

// The bar's word on the last change of many goes when the list is read
// again for something else: an import, an undo, another workshop.
func TestTheNoteOfAChangeOfManyGoesWhenTheListIsReloaded(t *testing.T) {
	useLanguage(t, "en")
	st, lagos := participantsWorkshop(t)
	_, dakar := st, data.Workshop{}
	if list, _ := st.Workshops(); len(list) == 2 {
		dakar = list[slices.IndexFunc(list, func(w data.Workshop) bool { return w.ID != lagos.ID })]
	}
	c, q := openAt(t, "en", st, lagos.ID)
	v := participantsOf(c)
	changeMany := func() {
		t.Helper()
		test.Tap(findButton(v.bulk, "Clear ticks"))
		test.Tap(rowBoxes(v)[2])
		test.Tap(findButton(v.bulk, "Award grant"))
		if !v.bulkNote.Visible() || v.bulkNote.Text != "1 participant changed." {
			t.Fatalf("after the change of many the note is %q (visible %v)", v.bulkNote.Text, v.bulkNote.Visible())
		}
	}

	changeMany()
	path := filepath.Join(t.TempDir(), "applications.csv")
	if err := os.WriteFile(path, []byte("Surname;First name;Email;Country\nMensah;Kwame;kwame@example.gh;Ghana\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	z := v.startImport(path)
	if !q.runUntil(10*time.Second, func() bool { return z.preview != nil && !z.run.Disabled() }) {
		t.Fatal("the preview never came")
	}
	test.Tap(z.run)
	if !q.runUntil(10*time.Second, func() bool { return len(v.index.People) == 5 }) {
		t.Fatalf("after importing, the table has %d people", len(v.index.People))
	}
	if v.bulkNote.Visible() {
		t.Errorf("after an import the note still says %q", v.bulkNote.Text)
	}
	for _, d := range c.win.Canvas().Overlays().List() {
		d.Hide()
		c.win.Canvas().Overlays().Remove(d)
	}

	changeMany()
	c.undoLast()
	v = participantsOf(c)
	if len(v.index.People) != 4 || v.bulkNote.Visible() {
		t.Errorf("after Undo of the import: %d people, the note %q (visible %v)", len(v.index.People), v.bulkNote.Text, v.bulkNote.Visible())
	}

	changeMany()
	c.screen.selectID(dakar.ID)
	if v.bulkNote.Visible() {
		t.Errorf("in another workshop the note still says %q", v.bulkNote.Text)
	}
}
