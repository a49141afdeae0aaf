package app

import (
	"testing"
)

func TestEditUndoBringsBackADeletedWorkshopAndOpensIt(t *testing.T) {
	useLanguage(t, "en")
	st, lagos, dakar := twoWorkshops(t)
	c, _ := openWindow(t, st)
	c.undoDelete()
	if !hasText(topDialog(c), "There is no delete to undo since Atelier opened this file.") {
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
	c.undoDelete()
	if c.screen.indexOf(dakar.ID) < 0 || c.screen.form.id() != dakar.ID {
		t.Fatalf("after undo: listed %v, open %d", c.screen.indexOf(dakar.ID) >= 0, c.screen.form.id())
	}
	if got := reread(t, st, dakar.ID); got.Title != dakar.Title {
		t.Fatalf("restored %+v", got)
	}
}
