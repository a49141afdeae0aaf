package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// An empty file shows, in place of the tabs, what to do first: add a
// workshop, import a list, or add the demo; no dialog stands in the way.
func TestAnEmptyFileSaysWhatToDoFirst(t *testing.T) {
	useLanguage(t, "en")
	test.NewTempApp(t)
	st := tempStore(t)
	// Its first frame already says so.
	first := newWindow(fyne.CurrentApp(), tempStore(t), newUIQueue().do)
	if !slices.Contains(shownTexts(first.win.Content()), "This file has no workshops yet") {
		t.Errorf("the first frame on an empty file says %q", shownTexts(first.win.Content()))
	}
	first.win.Close()
	w := Start(fyne.CurrentApp(), st)
	t.Cleanup(w.Close)

	if !strings.Contains(w.Title(), "Atelier") || !strings.Contains(w.Title(), "test.db") {
		t.Errorf("window title %q", w.Title())
	}
	if top := w.Canvas().Overlays().Top(); top != nil {
		t.Errorf("a dialog on an empty file: %q", visibleTexts(top))
	}
	if !slices.Contains(shownTexts(w.Content()), "This file has no workshops yet") {
		t.Errorf("the window says %q", shownTexts(w.Content()))
	}
	for _, b := range []string{"Add a workshop", "Import a list of applicants…", "Add the demo workshops"} {
		if findButton(w.Content(), b) == nil {
			t.Errorf("no %q", b)
		}
	}
}

func TestAFileWithWorkshopsOpensWithoutTheFirstSteps(t *testing.T) {
	useLanguage(t, "en")
	test.NewTempApp(t)
	st, _, _ := twoWorkshops(t)
	w := Start(fyne.CurrentApp(), st)
	t.Cleanup(w.Close)
	if top := w.Canvas().Overlays().Top(); top != nil {
		t.Errorf("a dialog shows on a file with workshops: %q", visibleTexts(top))
	}
	if slices.Contains(shownTexts(w.Content()), "This file has no workshops yet") {
		t.Error("the first steps show on a file with workshops")
	}
}

// The first frame at start is the list of workshops alone: no line asking
// to select one (the one edited last opens in the next frame), and the
// tabs with their screens not yet in the window, to be laid out and drawn
// only once a workshop opens.
func TestTheFirstFrameIsTheListThenTheWorkshopEditedLastOpens(t *testing.T) {
	useLanguage(t, "en")
	test.NewTempApp(t)
	st, _, _ := twoWorkshops(t)
	c := newWindow(fyne.CurrentApp(), st, newUIQueue().do)
	t.Cleanup(c.win.Close)
	first := shownTexts(c.win.Content())
	if slices.Contains(first, "Select a workshop on the left, or add one.") {
		t.Errorf("the first frame asks to select a workshop: %q", first)
	}
	if slices.Contains(c.screen.right.Objects, fyne.CanvasObject(c.screen.tabs)) {
		t.Error("the tabs are in the first frame")
	}
	for _, w := range c.screen.items {
		if !slices.Contains(first, w.Title) {
			t.Errorf("the first frame has no %q in the list: %q", w.Title, first)
		}
	}
	c.screen.openRecent()
	recent := slices.MaxFunc(c.screen.items, func(a, b data.Workshop) int { return a.UpdatedAt.Compare(b.UpdatedAt) })
	if c.screen.form.id() != recent.ID || !c.screen.tabs.Visible() {
		t.Errorf("after start the form shows workshop %d (tabs shown: %v), want the one edited last, %d",
			c.screen.form.id(), c.screen.tabs.Visible(), recent.ID)
	}
	if slices.Contains(shownTexts(c.win.Content()), "Select a workshop on the left, or add one.") {
		t.Error("the line asking to select a workshop shows over an open one")
	}
}

func TestTheDemoFromTheFirstStepsFillsTheFileAndSelectsLagos(t *testing.T) {
	useLanguage(t, "en")
	st := tempStore(t)
	c, q := openWindow(t, st)
	test.Tap(findButton(c.screen.welcomeBox, "Add the demo workshops"))

	// The demo is written on another goroutine; its result comes back
	// through the UI queue.
	loaded := q.runUntil(60*time.Second, func() bool {
		ws, err := st.Workshops()
		return err == nil && len(ws) == 2 && len(c.screen.items) == 2 && c.screen.form.id() != 0
	})
	if !loaded {
		t.Fatalf("the demo did not appear; list has %d workshops", len(c.screen.items))
	}
	f := c.screen.form
	lagos := reread(t, st, f.id())
	if lagos.City != "Lagos" || f.title.Text != lagos.Title {
		t.Errorf("selected %q in %q, want the Lagos workshop", f.title.Text, lagos.City)
	}
	if f.counts["sessions"].Text == "0" || f.counts["participants"].Text == "0" {
		t.Errorf("the Lagos workshop shows %s sessions, %s participants", f.counts["sessions"].Text, f.counts["participants"].Text)
	}
	orgs, err := st.WorkshopOrganisations(lagos.ID)
	if err != nil || len(orgs) == 0 {
		t.Fatalf("the demo Lagos workshop has no organisations (%v)", err)
	}
	for _, o := range orgs {
		if !hasText(f.organisations.box, o.Name) {
			t.Errorf("organisation %q not shown: %q", o.Name, visibleTexts(f.organisations.box))
		}
	}
	if top := topDialog(c); top != nil {
		t.Errorf("a dialog is still open: %q", visibleTexts(top))
	}
	if c.screen.welcomeBox.Visible() {
		t.Error("the first steps still show")
	}

	// Help › Add demo workshops… asks first, then adds them again.
	var demo *fyne.MenuItem
	for _, m := range c.win.MainMenu().Items {
		for _, it := range m.Items {
			if m.Label == "Help" && it.Label == "Add demo workshops…" {
				demo = it
			}
		}
	}
	if demo == nil {
		t.Fatal("no Help › Add demo workshops…")
	}
	demo.Action()
	if !hasText(topDialog(c), "Add the two demo workshops to “test.db”?") {
		t.Fatalf("the question: %q", visibleTexts(topDialog(c)))
	}
	test.Tap(findButton(topDialog(c), "Add demo"))
	if !q.runUntil(60*time.Second, func() bool { ws, _ := st.Workshops(); return len(ws) == 4 && len(c.screen.items) == 4 }) {
		t.Fatalf("Help › Add demo workshops: %d workshops", len(c.screen.items))
	}
}

// Import a list, from the first steps: the workshop first, then the
// spreadsheet, from the Participants tab.
func TestImportingAListFromTheFirstSteps(t *testing.T) {
	useLanguage(t, "en")
	st := tempStore(t)
	c, _ := openWindow(t, st)
	test.Tap(findButton(c.screen.welcomeBox, "Import a list of applicants…"))
	a := lastOf[*addWorkshopDialog](c)
	if a == nil {
		t.Fatal("no workshop asked for first")
	}
	typeOver(c, a.title, "Regional training on inventories")
	typeOver(c, a.city, "Accra")
	a.country.SetSelected(countryName("GH"))
	test.Tap(a.add)
	if c.screen.form.id() == 0 || c.screen.tabs.Selected().Text != "Participants" {
		t.Fatalf("after adding: workshop %d, tab %q", c.screen.form.id(), c.screen.tabs.Selected().Text)
	}
	if !hasText(topDialog(c), "Choose a registration list (.xlsx or .csv)") {
		t.Errorf("no file dialog for the list: %q", visibleTexts(topDialog(c)))
	}
}

// Help › Getting started is a short guide inside the window, in the
// interface language.
func TestGettingStartedSpeaksTheInterfaceLanguage(t *testing.T) {
	for code, want := range map[string][]string{
		"en": {"Getting started", "3. Select the participants."},
		"fr": {"Premiers pas", "3. Sélectionnez les participants."},
		"es": {"Primeros pasos", "3. Seleccione a los participantes."},
	} {
		t.Run(code, func(t *testing.T) {
			useLanguage(t, code)
			st := tempStore(t)
			c, _ := openWindow(t, st)
			var item *fyne.MenuItem
			items := c.win.MainMenu().Items
			for _, it := range items[len(items)-1].Items { // Help is the last menu
				if it.Label == want[0] {
					item = it
				}
			}
			if item == nil {
				t.Fatalf("no %q in the Help menu", want[0])
			}
			item.Action()
			if !hasText(topDialog(c), want[0]) || !hasRichText(topDialog(c), want[1]) {
				t.Errorf("the guide lacks %q", want)
			}
		})
	}
}

func TestOpeningAFileThatIsNotAtelierKeepsTheCurrentOne(t *testing.T) {
	useLanguage(t, "en")
	st, lagos, _ := twoWorkshops(t)
	c, _ := openWindow(t, st)
	title := c.win.Title()
	notes := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(notes, []byte("Packing list for Lagos\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	if c.openPath(notes, data.OpenExisting) {
		t.Fatal("a text file was opened")
	}
	msg := topDialog(c)
	if msg == nil || !hasText(msg, "“notes.txt” is not an Atelier database, so it was left untouched.") ||
		!hasText(msg, "“test.db” stays open.") {
		t.Fatalf("refusal says %q", visibleTexts(msg))
	}
	if c.st != st || c.win.Title() != title {
		t.Error("the current file was replaced")
	}
	if _, err := st.Workshop(lagos.ID); err != nil {
		t.Errorf("the current store no longer works: %v", err)
	}
	if b, _ := os.ReadFile(notes); string(b) != "Packing list for Lagos\n" {
		t.Errorf("the refused file was changed: %q", b)
	}

	if c.openPath(filepath.Join(t.TempDir(), "missing.db"), data.OpenExisting) {
		t.Error("a missing file was opened")
	}
	if !hasText(topDialog(c), "“missing.db” cannot be found") {
		t.Errorf("missing file refusal says %q", visibleTexts(topDialog(c)))
	}
}

func TestOpeningAnotherFileSwitchesStores(t *testing.T) {
	st, lagos, _ := twoWorkshops(t)
	c, _ := openAt(t, "en", st, lagos.ID)
	typeOver(c, c.screen.form.venue, "National Museum, Onikan") // pending when the file changes

	other := tempStore(t)
	accra := saveWorkshop(t, other, data.Workshop{Title: "Museum education", City: "Accra", Country: "GH",
		StartDate: data.NewDate(2025, 3, 10), EndDate: data.NewDate(2025, 3, 14)})
	otherPath := other.Path()
	if err := other.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(otherPath, filepath.Join(filepath.Dir(otherPath), "accra.db")); err != nil {
		t.Fatal(err)
	}

	if !c.openPath(filepath.Join(filepath.Dir(otherPath), "accra.db"), data.OpenExisting) {
		t.Fatalf("could not open the other file: %q", visibleTexts(topDialog(c)))
	}
	if _, err := st.Workshops(); err == nil {
		t.Error("the previous store is still open")
	}
	if !strings.Contains(c.win.Title(), "accra.db") {
		t.Errorf("title %q", c.win.Title())
	}
	if len(c.screen.items) != 1 || c.screen.items[0].ID != accra.ID || c.screen.form.id() != accra.ID {
		t.Errorf("list %+v, form on %d", c.screen.items, c.screen.form.id())
	}
	if topDialog(c) != nil {
		t.Error("a dialog shows after opening a file with workshops")
	}

	if got := reread(t, reopen(t, st.Path()), lagos.ID).Venue; got != "National Museum, Onikan" {
		t.Errorf("venue typed before switching files = %q", got)
	}
}

func TestNewDatabaseRefusesExistingFilesAndOpensTheNewOne(t *testing.T) {
	useLanguage(t, "en")
	st, _, _ := twoWorkshops(t)
	c, _ := openWindow(t, st)

	n := c.showNewDatabase()
	if n.folder != filepath.Dir(st.Path()) || n.name.Text != "atelier.db" {
		t.Errorf("proposes %q in %q", n.name.Text, n.folder)
	}
	typeOver(c, n.name, "test") // becomes test.db: the file open now
	pressEnter(n.name)
	if got := n.nameRow.problem.Text; !strings.Contains(got, "“test.db” already exists in this folder") {
		t.Errorf("problem for an existing file = %q", got)
	}
	if c.st != st {
		t.Fatal("the open file was replaced by itself")
	}
	if ws, err := st.Workshops(); err != nil || len(ws) != 2 {
		t.Fatalf("the open file was touched: %d workshops, %v", len(ws), err)
	}

	typeOver(c, n.name, "../elsewhere.db")
	pressEnter(n.name)
	if !strings.Contains(n.nameRow.problem.Text, "cannot contain") {
		t.Errorf("problem for a path = %q", n.nameRow.problem.Text)
	}

	typeOver(c, n.name, "lome-2026")
	pressEnter(n.name)
	want := filepath.Join(filepath.Dir(st.Path()), "lome-2026.db")
	if c.st == st || c.st.Path() != want {
		t.Fatalf("open file is %s, want %s", c.st.Path(), want)
	}
	if !c.screen.welcomeBox.Visible() || !hasText(c.screen.welcomeBox, "This file has no workshops yet") {
		t.Errorf("the new file does not say what to do first: %q", visibleTexts(c.win.Content()))
	}
}

func TestQuitClosesTheStore(t *testing.T) {
	st, lagos, _ := twoWorkshops(t)
	c, _ := openAt(t, "en", st, lagos.ID)
	typeOver(c, c.screen.form.region, "Lagos State")

	menu := c.win.MainMenu()
	var labels []string
	for _, m := range menu.Items {
		labels = append(labels, m.Label)
	}
	if strings.Join(labels, " ") != "File Edit Attendance Mail Help" {
		t.Fatalf("menus %v", labels)
	}
	var quit *fyne.MenuItem
	quits := 0
	for _, item := range menu.Items[0].Items {
		if item.IsQuit {
			quit = item
			quits++
		}
	}
	if quits != 1 {
		t.Fatalf("File menu has %d Quit items", quits)
	}
	quit.Action()
	if _, err := st.Workshops(); err == nil {
		t.Error("the store is still open after Quit")
	}
	if got := reread(t, reopen(t, st.Path()), lagos.ID).Region; got != "Lagos State" {
		t.Errorf("region typed before Quit = %q", got)
	}
}

func TestAboutShowsNameVersionAndDescription(t *testing.T) {
	useLanguage(t, "es")
	st, _, _ := twoWorkshops(t)
	c, _ := openWindow(t, st)
	c.showAbout()
	about := topDialog(c)
	for _, want := range []string{"Atelier", "Versión de desarrollo", "talleres internacionales de formación"} {
		if !hasText(about, want) {
			t.Errorf("About lacks %q: %q", want, visibleTexts(about))
		}
	}
	if findButton(about, "Cerrar") == nil {
		t.Error("About has no Cerrar button")
	}
}

// shownTexts lists the labels under o that are drawn: visible, and inside
// nothing hidden.
func shownTexts(o fyne.CanvasObject) []string {
	if o == nil || !o.Visible() {
		return nil
	}
	var out []string
	switch x := o.(type) {
	case *widget.Label:
		return []string{x.Text}
	case *fyne.Container:
		for _, child := range x.Objects {
			out = append(out, shownTexts(child)...)
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(x).Objects() {
			out = append(out, shownTexts(child)...)
		}
	}
	return out
}
