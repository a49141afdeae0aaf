package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"github.com/atelier-workshops/atelier/data"
)

// At the sizes of the organisers' laptops every column fits the tab; a
// value too long for its column is cut with "…", and shown whole while
// the pointer is over it.
// In each language, with the demo's Lagos workshop (French and Spanish
// statuses for people of no stated gender are the longest words), every
// column is whole inside the tab at 1366×768 and at 1024×600, with a row
// ticked too (the bar of changes of many wraps rather than widen the
// window): nothing runs off the right edge.
func TestEveryColumnFitsInEachLanguage(t *testing.T) {
	for _, code := range []string{"en", "fr", "es"} {
		st, res := demoStore(t)
		c, _ := openAt(t, code, st, res.Lagos)
		v := participantsOf(c)
		if len(v.index.People) != 28 {
			t.Fatalf("%s: the table holds %d people", code, len(v.index.People))
		}
		v.setChecked(v.index.People[v.shown[0]].ID, true)
		for _, size := range []fyne.Size{{Width: 1366, Height: 768}, {Width: 1024, Height: 600}} {
			c.win.Resize(size)
			if need := c.win.Content().MinSize().Width; need > size.Width {
				t.Errorf("%s, window %v: the window's content needs %.0f", code, size, need)
			}
			var total float32
			for _, w := range v.widths {
				total += w + theme.Padding()
			}
			if table := v.table.Size().Width; total > table || total < table-40 {
				t.Errorf("%s, window %v: the columns take %.0f of the table's %.0f (%v)", code, size, total, table, v.widths)
			}
		}
	}
}

func TestLongValuesAreCutAndShownWholeUnderThePointer(t *testing.T) {
	st, lagos := participantsWorkshop(t)
	long := "Centre for Black and African Arts and Civilization, National Theatre, Iganmu, Lagos"
	p := data.Participant{WorkshopID: lagos.ID, GivenName: "Bọ́lá", FamilyName: "Ajíbádé", Country: "NG", Institution: long,
		Email: "bola.ajibade@cbaac.example.org", Status: data.StatusConfirmed, Gender: data.GenderFemale}
	if err := st.SaveParticipant(&p); err != nil {
		t.Fatal(err)
	}
	c, _ := openAt(t, "en", st, lagos.ID)
	v := participantsOf(c)
	for _, size := range []fyne.Size{{Width: 1366, Height: 768}, {Width: 1100, Height: 720}, {Width: 1024, Height: 600}} {
		c.win.Resize(size)
		var total float32
		for _, w := range v.widths {
			total += w + theme.Padding()
		}
		if table := v.table.Size().Width; total > table || total < table-40 {
			t.Errorf("window %v: the columns take %.0f of the table's %.0f", size, total, table)
		}
	}
	c.win.Resize(fyne.NewSize(1366, 768))
	var cell *participantCell
	walk(v.table, func(o fyne.CanvasObject) {
		if x, ok := o.(*participantCell); ok && x.whole == long {
			cell = x
		}
	})
	if cell == nil {
		t.Fatalf("no cell holds the institution cut: %q", tableValues(v))
	}
	shown := cell.label.Text
	if !strings.HasSuffix(shown, "…") || !strings.HasPrefix(long, strings.TrimSuffix(shown, "…")) || len(shown) < 10 {
		t.Errorf("the institution reads %q", shown)
	}
	if got := fyne.MeasureText(shown, theme.TextSize(), fyne.TextStyle{}).Width; got > v.widths[colInstitution]-2*theme.InnerPadding() {
		t.Errorf("%q is %.0f wide in a column of %.0f", shown, got, v.widths[colInstitution])
	}
	cell.MouseIn(&desktop.MouseEvent{})
	queueOf(c).runUntil(2*time.Second, func() bool { return c.tip.box.Visible() })
	if !c.tip.box.Visible() || c.tip.text.Text != long {
		t.Errorf("under the pointer: %v %q", c.tip.box.Visible(), c.tip.text.Text)
	}
	cell.MouseOut()
	if c.tip.box.Visible() {
		t.Error("the whole value stays after the pointer left")
	}
	// Her status agrees with her in French, and the column is as wide as
	// its widest word.
	useLanguage(t, "fr")
	if got := personStatus(p.Status, p.Gender); got != "Confirmée" {
		t.Errorf("her status in French: %q", got)
	}
	if got := personStatus(data.StatusConfirmed, data.GenderUnspecified); got != "Participation confirmée" {
		t.Errorf("a status in French without a gender: %q", got)
	}
}
