package app

import (
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/demo"
)

// BenchmarkWalkFootprint walks the window as ../shared/tools/gui-footprint
// clicks the real one: every workshop of the list, every tab of each and
// the three panes of Attendance, five times, then once per iteration. It
// reports the Go heap left live after the first walk (first-MB), after
// them all (live-MB), their growth (growth-%: the test driver never drops
// Fyne's caches on its own, so this is more than the real window's), the
// heap a minute later once Fyne has dropped them (idle-MB), and that as a
// ratio to a bare Fyne window of thirty labels and two tabs measured in
// the same run (x-bare). The targets are resident memory of the real window (at
// most 250 MB a minute after five walks, 400 MB right after, no growth
// beyond 10 % from the first walk to the fifth); the live heap is the part
// Atelier itself keeps, which before the fixes of issue 17 was some 450 MB
// of fonts loaded again for each theme override.
func BenchmarkWalkFootprint(b *testing.B) {
	b.Run("demo", func(b *testing.B) {
		benchWalk(b, func(st *data.Store) error { _, err := demo.Write(st); return err })
	})
	// The large case: 5,000 confirmed participants and 60 sessions,
	// everyone marked present at half of them.
	b.Run("5000x60", func(b *testing.B) { benchWalk(b, bigWorkshop) })
}

func benchWalk(b *testing.B, fill func(*data.Store) error) {
	st, err := data.Open(filepath.Join(b.TempDir(), "walk.db"), data.OpenOrCreate)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if err := fill(st); err != nil {
		b.Fatal(err)
	}
	workshops, err := st.Workshops()
	if err != nil {
		b.Fatal(err)
	}
	test.NewTempApp(b)
	bare := bareFloor()

	c := newController(fyne.CurrentApp(), st, newUIQueue().do)
	c.win.Resize(fyne.NewSize(1366, 768))
	c.win.Show()
	defer c.win.Close()
	walk := func() {
		for _, w := range workshops {
			c.screen.selectID(w.ID)
			for _, item := range c.screen.tabs.Items {
				c.screen.tabs.Select(item)
				for _, v := range c.screen.views {
					if a, ok := v.(*attendanceView); ok && a.item == item {
						for i := range a.tabs.Items {
							a.tabs.SelectIndex(i)
						}
					}
				}
			}
		}
	}
	walk()
	first := liveHeap()
	for range 4 {
		walk()
	}
	b.ResetTimer()
	for b.Loop() {
		walk()
	}
	b.StopTimer()
	live := liveHeap()
	// Fyne keeps the renderers of widgets no longer shown for a minute,
	// and drops them when the canvas is next drawn: measured again then,
	// as gui-footprint --idle 70 does, what is left is what Atelier keeps.
	time.Sleep(61 * time.Second)
	c.win.Canvas().Capture()
	idle := liveHeap()
	b.ReportMetric(first/1e6, "first-MB")
	b.ReportMetric(live/1e6, "live-MB")
	b.ReportMetric(idle/1e6, "idle-MB")
	b.ReportMetric(100*(live-first)/first, "growth-%")
	b.ReportMetric(idle/bare, "x-bare")
}

// bareFloor is the live heap with a bare Fyne window of thirty labels and
// two tabs open, as scripts/barewindow draws it: what the library itself
// holds here.
func bareFloor() float64 {
	w := fyne.CurrentApp().NewWindow("Bare")
	box := container.NewVBox()
	for i := range 30 {
		box.Add(widget.NewLabel(fmt.Sprintf("Label %d", i+1)))
	}
	tabs := container.NewAppTabs(container.NewTabItem("One", container.NewVScroll(box)),
		container.NewTabItem("Two", widget.NewLabel("Second tab")))
	w.SetContent(tabs)
	w.Resize(fyne.NewSize(1366, 768))
	w.Show()
	tabs.SelectIndex(1)
	tabs.SelectIndex(0)
	floor := liveHeap()
	w.Close()
	return floor
}

// liveHeap is the Go heap left live after a full collection.
func liveHeap() float64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc)
}

// bigWorkshop writes a workshop of 5,000 confirmed participants and 60
// sessions over five days, everyone present at every other session.
func bigWorkshop(st *data.Store) error {
	start := data.NewDate(2027, 3, 15)
	w := data.Workshop{Title: "Large workshop", City: "Lagos", Country: "NG", StartDate: start, EndDate: start.AddDays(4),
		Language: data.English, Rule: data.DefaultCertificateRule}
	if err := st.SaveWorkshop(&w); err != nil {
		return err
	}
	ps := make([]*data.Participant, 5000)
	for i := range ps {
		ps[i] = &data.Participant{WorkshopID: w.ID, GivenName: fmt.Sprint("Ọláńrewájú ", i), FamilyName: fmt.Sprint("Àdìgún ", i%97),
			Status: data.StatusConfirmed, Country: "NG", Email: fmt.Sprintf("p%d@example.org", i)}
	}
	if err := st.SaveParticipants(ps); err != nil {
		return err
	}
	for i := range 60 {
		at := start.AddDays(i/12).At(8, 0).Add(time.Duration(i%12) * 40 * time.Minute)
		s := data.Session{WorkshopID: w.ID, Title: fmt.Sprint("Collections care and documentation, part ", i+1), Kind: data.KindLecture,
			Start: at, End: at.Add(40 * time.Minute), Room: "Hall A", CountsForCertificate: true}
		if err := st.SaveSession(&s); err != nil {
			return err
		}
		if i%2 == 0 {
			if _, err := st.MarkEveryone(s.ID, data.Present); err != nil {
				return err
			}
		}
	}
	return nil
}
