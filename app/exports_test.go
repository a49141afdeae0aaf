package app

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
)

func TestFileMenuExportsTheSelectedWorkshop(t *testing.T) {
	useLanguage(t, "en")
	st, res := demoStore(t)
	c, q := openWindow(t, st)
	file := c.win.MainMenu().Items[0]
	var labels []string
	for _, it := range file.Items {
		labels = append(labels, it.Label)
	}
	if !slices.Contains(labels, "Export programme…") || !slices.Contains(labels, "Print sign-in sheets…") {
		t.Fatalf("File menu: %q", labels)
	}
	c.screen.selectID(res.Lagos)
	dir := t.TempDir()

	var got []error
	path := filepath.Join(dir, "programme.pdf")
	c.exportProgramme(c.screen.form.id(), path, func(err error) { got = append(got, err) })
	sheets := filepath.Join(dir, "sheets.pdf")
	c.exportSignIn(c.screen.form.id(), reports.SignInSelection{Day: data.NewDate(2022, 11, 21)}, sheets,
		func(err error) { got = append(got, err) })
	if !q.runUntil(10*time.Second, func() bool { return len(got) == 2 }) {
		t.Fatal("the exports did not finish")
	}
	for i, p := range []string{path, sheets} {
		content, err := os.ReadFile(p)
		if got[i] != nil || err != nil || !bytes.HasPrefix(content, []byte("%PDF-")) || len(content) < 10000 {
			t.Errorf("%s: export error %v, read error %v, %d bytes", p, got[i], err, len(content))
		}
	}
	if top := topDialog(c); top == nil || !hasText(top, "Saved “") {
		t.Error("no notice says the file was saved")
	}
}

func TestExportIntoAMissingFolderSaysSoAndWritesNothing(t *testing.T) {
	useLanguage(t, "fr")
	st, res := demoStore(t)
	c, q := openWindow(t, st)
	path := filepath.Join(t.TempDir(), "absent", "programme.pdf")
	var got error
	finished := false
	c.exportProgramme(res.Planned, path, func(err error) { got, finished = err, true })
	if !q.runUntil(10*time.Second, func() bool { return finished }) {
		t.Fatal("the export did not finish")
	}
	if got == nil || topDialog(c) == nil || !hasText(topDialog(c), "Le document n’a pas pu être écrit") {
		t.Fatalf("error %v; the failure was not shown", got)
	}
	if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
		t.Errorf("something was created: %v", err)
	}
}

func TestSignInChoicesOfferDaysAndSessions(t *testing.T) {
	useLanguage(t, "en")
	st, res := demoStore(t)
	c, _ := openWindow(t, st)
	w, _ := st.Workshop(res.Lagos)
	choices, err := c.signInChoices(w)
	if err != nil {
		t.Fatal(err)
	}
	sessions, _ := st.Sessions(res.Lagos)
	held := 0
	for _, s := range sessions {
		if s.Kind != data.KindBreak {
			held++
		}
	}
	if len(choices) != 1+5+held || choices[0].sel != (reports.SignInSelection{}) ||
		choices[1].label != "Every session of 21 Nov 2022" || choices[1].sel.Day != data.NewDate(2022, 11, 21) {
		t.Fatalf("%d choices, first %+v %+v", len(choices), choices[0], choices[1])
	}
	empty := saveWorkshop(t, st, data.Workshop{Title: "No sessions yet", City: "Accra", Country: "GH",
		StartDate: data.NewDate(2030, 1, 7), EndDate: data.NewDate(2030, 1, 8)})
	if choices, _ := c.signInChoices(empty); len(choices) != 1 {
		t.Errorf("a workshop without sessions offers %d choices", len(choices))
	}
}

// A PDF may replace an older PDF, but no name typed into the export dialog
// can reach the database: the name always ends in .pdf.
func TestPDFNamesNeverLandOnTheDatabase(t *testing.T) {
	useLanguage(t, "en")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "old.pdf"), []byte("%PDF"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "atelier.db"), []byte("db"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"old.pdf": "old.pdf", "atelier.db": "atelier.db.pdf", "programme": "programme.pdf"} {
		path, problem := filePath(dir, name, pdfFile)
		if problem != "" || path != filepath.Join(dir, want) {
			t.Errorf("%s: %q, %q; want %s", name, path, problem, want)
		}
	}
	if _, problem := filePath(dir, "atelier.db", newDatabaseFile); problem == "" {
		t.Error("a new database may not replace an existing file")
	}
}

// The file names proposed follow the document's language, not the
// interface's: in the Spanish interface, the English workshop's sign-in
// sheets are "Sign-in sheets Lagos 2022.pdf", the French one's programme
// "Programme Dakar 2027.pdf", each with its extension.
func TestProposedFileNamesAreInTheDocumentsLanguage(t *testing.T) {
	useLanguage(t, "es")
	st, res := demoStore(t)
	c, _ := openWindow(t, st)
	c.screen.selectID(res.Lagos)
	c.askSignIn()
	test.Tap(findButton(topDialog(c), "Guardar como PDF…"))
	if n := lastOf[*newDatabaseDialog](c); n == nil || n.name.Text != "Sign-in sheets Lagos 2022.pdf" {
		t.Fatalf("sign-in sheets: %+v", n)
	}
	c.win.Canvas().Overlays().Remove(topDialog(c))
	c.screen.selectID(res.Planned)
	c.askProgramme()
	planned := reread(t, st, res.Planned)
	if n := lastOf[*newDatabaseDialog](c); n == nil || n.name.Text != "Programme "+planned.City+" "+strconv.Itoa(planned.StartDate.Year)+".pdf" {
		t.Fatalf("programme: %q", n.name.Text)
	}
	c.win.Canvas().Overlays().Remove(topDialog(c))

	// Badges are written in the workshop's language, and so are the
	// names of a run of letters (as of certificates); one person's letter
	// is named in the language it is written in, theirs.
	c.screen.selectID(res.Lagos)
	c.askBadges()
	test.Tap(findButton(topDialog(c), "Guardar como PDF…"))
	if n := lastOf[*newDatabaseDialog](c); n == nil || n.name.Text != "Badges Lagos 2022.pdf" {
		t.Fatalf("badges: %q", n.name.Text)
	}
	c.win.Canvas().Overlays().Remove(topDialog(c))
	c.askLetters()
	test.Tap(findButton(topDialog(c), "Expedir e imprimir…"))
	if n := lastOf[*newDatabaseDialog](c); n == nil || n.name.Text != "Visa letters Lagos 2022.pdf" {
		t.Fatalf("letters: %q", n.name.Text)
	}
	c.win.Canvas().Overlays().Remove(topDialog(c))
	v := participantsOf(c)
	helene := v.index.People[slices.IndexFunc(v.index.People, func(p data.Participant) bool { return p.FamilyName == "Agbéko" })]
	v.showForm(helene)
	test.Tap(findButton(topDialog(c), "Invitación para visado…"))
	if n := lastOf[*newDatabaseDialog](c); n == nil || n.name.Text != "Lettre de visa Hélène Agbéko.pdf" {
		t.Fatalf("Hélène Agbéko's letter: %q", n.name.Text)
	}
}
