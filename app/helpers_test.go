package app

import (
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/assets"
	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/demo"
)

// useLanguage makes the interface speak one language for this test,
// whatever the machine running it is set to.
func useLanguage(t *testing.T, code string) {
	t.Helper()
	region := map[string]string{"en": "GB", "fr": "FR", "es": "ES"}[code]
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_ALL", code+"_"+region+".UTF-8")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", code+"_"+region+".UTF-8")
	loadTranslations()
	// Fyne picks the language when translations are added; adding ours
	// again makes it look at the environment just set.
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		t.Fatal(err)
	}
	if got := string(uiLanguage()); got != code {
		t.Fatalf("interface language is %q, want %q", got, code)
	}
}

// demoStore is a new database file holding the demo workshops.
func demoStore(t *testing.T) (*data.Store, demo.Result) {
	t.Helper()
	st := tempStore(t)
	res, err := demo.Write(st)
	if err != nil {
		t.Fatal(err)
	}
	return st, res
}

// tempStore opens a new database file in the test's temporary folder.
func tempStore(t *testing.T) *data.Store {
	t.Helper()
	st, err := data.Open(filepath.Join(t.TempDir(), "test.db"), data.OpenOrCreate)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func saveWorkshop(t *testing.T, st *data.Store, w data.Workshop) data.Workshop {
	t.Helper()
	if w.Language == "" {
		w.Language = data.English
	}
	if err := st.SaveWorkshop(&w); err != nil {
		t.Fatal(err)
	}
	return w
}

// twoWorkshops is a file with a 2022 workshop in Lagos and a 2024 one in
// Dakar; the list shows the later first.
func twoWorkshops(t *testing.T) (st *data.Store, lagos, dakar data.Workshop) {
	st = tempStore(t)
	lagos = saveWorkshop(t, st, data.Workshop{Title: "Regional training on collections care", City: "Lagos",
		Country: "NG", StartDate: data.NewDate(2022, 11, 21), EndDate: data.NewDate(2022, 11, 25), GrantTarget: 28})
	dakar = saveWorkshop(t, st, data.Workshop{Title: "Atelier sur l’inventaire des collections", City: "Dakar",
		Country: "SN", StartDate: data.NewDate(2024, 6, 3), EndDate: data.NewDate(2024, 6, 7), Language: data.French})
	return st, lagos, dakar
}

// uiQueue stands in for the UI goroutine's queue: work handed to fyne.Do by
// timers and loaders waits here until the test runs it on its own
// goroutine, as a real event loop would.
type uiQueue struct{ ch chan func() }

func newUIQueue() *uiQueue { return &uiQueue{ch: make(chan func(), 4096)} }

func (q *uiQueue) do(fn func()) { q.ch <- fn }

// runUntil runs queued UI work until cond holds; false when the deadline
// passes first.
func (q *uiQueue) runUntil(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		select {
		case fn := <-q.ch:
			fn()
		case <-time.After(10 * time.Millisecond):
		}
	}
	return true
}

// watched keeps, for each window a test opened, what the window told it
// of (controller.opened): the dialogs and forms it opened and the
// background work that ended, oldest first.
var watched sync.Map // *controller → *[]any

// queues holds each test window's UI queue, for helpers that wait on it.
var queues sync.Map // *controller → *uiQueue

func queueOf(c *controller) *uiQueue {
	q, _ := queues.Load(c)
	return q.(*uiQueue)
}

// lastOf is the newest thing of type T the window told its test of, or
// T's zero value when there was none.
func lastOf[T any](c *controller) T {
	var zero T
	seen, ok := watched.Load(c)
	if !ok {
		return zero
	}
	all := *seen.(*[]any)
	for i := len(all) - 1; i >= 0; i-- {
		if x, ok := all[i].(T); ok {
			return x
		}
	}
	return zero
}

// countOf is how many things of type T the window told its test of.
func countOf[T any](c *controller) int {
	n := 0
	if seen, ok := watched.Load(c); ok {
		for _, x := range *seen.(*[]any) {
			if _, ok := x.(T); ok {
				n++
			}
		}
	}
	return n
}

// openWindow builds the main window on st in a test app. Closing it at the
// end closes the store.
func openWindow(t *testing.T, st *data.Store) (*controller, *uiQueue) {
	t.Helper()
	test.NewTempApp(t)
	q := newUIQueue()
	c := newController(fyne.CurrentApp(), st, q.do)
	seen := &[]any{}
	watched.Store(c, seen)
	queues.Store(c, q)
	t.Cleanup(func() { watched.Delete(c); queues.Delete(c) })
	c.tell = func(x any) { *seen = append(*seen, x) } // on the UI goroutine, as the window runs
	c.win.Show()
	t.Cleanup(func() {
		if !c.closed { // Fyne's test driver panics when a window is closed twice
			c.win.Close()
		}
	})
	return c, q
}

// openAt opens the window on st, speaking lang, with workshop id selected.
func openAt(t *testing.T, lang string, st *data.Store, id int64) (*controller, *uiQueue) {
	t.Helper()
	useLanguage(t, lang)
	c, q := openWindow(t, st)
	c.screen.selectID(id)
	return c, q
}

// windowOn opens the window on st with workshop w selected.
func windowOn(t *testing.T, st *data.Store, w data.Workshop) *controller {
	t.Helper()
	c, _ := openWindow(t, st)
	c.screen.selectID(w.ID)
	return c
}

// tabOn opens the window on st with workshop w selected and its tab of
// type T in front.
func tabOn[T workshopView](t *testing.T, st *data.Store, w data.Workshop) (*controller, T) {
	t.Helper()
	c := windowOn(t, st, w)
	return c, tabOf[T](t, c)
}

// tabOf brings the selected workshop's tab of type T to the front, as the
// organiser clicks it, and returns it.
func tabOf[T workshopView](t *testing.T, c *controller) T {
	for _, v := range c.screen.views {
		if x, ok := v.(T); ok {
			c.screen.tabs.Select(x.tab())
			return x
		}
	}
	if t != nil {
		t.Fatalf("no tab of %T", *new(T))
	}
	var zero T
	return zero
}

// walk visits o and everything drawn inside it.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	visit(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, child := range x.Objects {
			walk(child, visit)
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(x).Objects() {
			walk(child, visit)
		}
	}
}

// lastIn is the last thing of type T drawn inside o (walk's order), or
// T's zero value when there is none.
func lastIn[T fyne.CanvasObject](o fyne.CanvasObject) T {
	var found T
	walk(o, func(x fyne.CanvasObject) {
		if y, ok := x.(T); ok {
			found = y
		}
	})
	return found
}

// visibleTexts lists the text of every visible label under o.
func visibleTexts(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(x fyne.CanvasObject) {
		switch l := x.(type) {
		case *widget.Label:
			if l.Visible() {
				out = append(out, l.Text)
			}
		case *smallText:
			if l.Visible() {
				out = append(out, drawnLines(l)...)
			}
		}
	})
	return out
}

// drawnLines are the lines a smallText draws at its size, cut as they are.
func drawnLines(s *smallText) []string {
	var out []string
	for _, o := range test.WidgetRenderer(s).Objects() {
		if t, ok := o.(*canvas.Text); ok && t.Visible() {
			out = append(out, t.Text)
		}
	}
	return out
}

func hasText(o fyne.CanvasObject, want string) bool {
	for _, s := range visibleTexts(o) {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}

func findButton(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	walk(o, func(x fyne.CanvasObject) {
		if b, ok := x.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	return found
}

// topDialog is the dialog shown on top of the window, or nil.
func topDialog(c *controller) fyne.CanvasObject {
	return c.win.Canvas().Overlays().Top()
}

// typeOver replaces an entry's text the way a user does: select all, type.
func typeOver(c *controller, e fyne.Focusable, text string) {
	c.win.Canvas().Focus(e)
	if s, ok := e.(fyne.Shortcutable); ok {
		s.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
	if text == "" {
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
		return
	}
	test.Type(e, text)
}

func pressEnter(e fyne.Focusable) { e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

func reread(t *testing.T, st *data.Store, id int64) data.Workshop {
	t.Helper()
	w, err := st.Workshop(id)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// reopen opens the file at path again, as the next Atelier would, to see
// what reached the disk; it is closed when the test ends.
func reopen(t *testing.T, path string) *data.Store {
	t.Helper()
	st, err := data.Open(path, data.OpenExisting)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// menuLabels are the labels of the items of the window's menu named menu.
func menuLabels(c *controller, menu string) []string {
	var labels []string
	for _, m := range c.win.MainMenu().Items {
		if m.Label == menu {
			for _, it := range m.Items {
				labels = append(labels, it.Label)
			}
		}
	}
	return labels
}

// wantMenuItems checks that the window's menu named menu offers each of
// want.
func wantMenuItems(t *testing.T, c *controller, menu string, want ...string) {
	t.Helper()
	labels := menuLabels(c, menu)
	for _, w := range want {
		if !slices.Contains(labels, w) {
			t.Errorf("the %s menu %q lacks %q", menu, labels, w)
		}
	}
}
