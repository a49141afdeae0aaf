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
	"github.com/xuri/excelize/v2"

	"github.com/atelier-workshops/atelier/data"
)

// File › Overview of several files… in Spanish: the list starts with the
// open file; a file that is not Atelier's stops the overview, names the
// file and writes nothing, and the list stays for the user to remove it;
// then the overview of the open file and a region's file, which holds the
// Lagos workshop again with a participant fewer, has each workshop once,
// says which was found twice and that the copies differ, and names the
// files of each row.
func TestFileMenuWritesTheOverviewOfSeveralFiles(t *testing.T) {
	useLanguage(t, "es")
	st, res := demoStore(t)
	lagos, err := st.Workshop(res.Lagos)
	if err != nil {
		t.Fatal(err)
	}
	regionDir := t.TempDir()
	region, err := data.Open(filepath.Join(regionDir, "kano.db"), data.OpenOrCreate)
	if err != nil {
		t.Fatal(err)
	}
	copyOf := lagos
	copyOf.ID, copyOf.Title = 0, "  "+strings.ToUpper(lagos.Title)
	saveWorkshop(t, region, copyOf)
	saveWorkshop(t, region, data.Workshop{Title: "Conservación preventiva", City: "Kano", Country: "NG",
		StartDate: data.NewDate(2025, 6, 2), EndDate: data.NewDate(2025, 6, 6), Language: data.Spanish,
		Rule: data.DefaultCertificateRule})
	region.Close()
	notes := filepath.Join(regionDir, "notas.txt")
	if err := os.WriteFile(notes, []byte("no es una base de datos"), 0o644); err != nil {
		t.Fatal(err)
	}

	c, q := openWindow(t, st)
	var item *fyne.MenuItem
	for _, it := range c.win.MainMenu().Items[0].Items {
		if it.Label == "Resumen de varios archivos…" {
			item = it
		}
	}
	if item == nil {
		t.Fatal("no overview item in the File menu")
	}
	item.Action()
	o := lastOf[*overviewDialog](c)
	if o == nil || !slices.Equal(o.paths, []string{st.Path()}) {
		t.Fatalf("the list starts with %v, want the open file", o)
	}
	o.add(notes)
	o.add(filepath.Join(regionDir, "kano.db"))
	o.add(st.Path())
	if len(o.paths) != 3 || !hasText(topDialog(c), "notas.txt") {
		t.Fatalf("list %q", o.paths)
	}
	out := t.TempDir()
	save := func() {
		t.Helper()
		test.Tap(findButton(topDialog(c), "Guardar el resumen…"))
		n := lastOf[*newDatabaseDialog](c)
		if n == nil || !strings.HasPrefix(n.name.Text, "Resumen ") || !strings.HasSuffix(n.name.Text, ".xlsx") {
			t.Fatalf("file name dialog: %+v", n)
		}
		n.folder = out
		n.create()
	}
	save()
	if !q.runUntil(20*time.Second, func() bool { return hasText(topDialog(c), "no se pudo leer «notas.txt»") }) {
		t.Fatalf("no failure naming the file: %q", visibleTexts(topDialog(c)))
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Fatalf("a failed overview left %d files", len(entries))
	}
	test.Tap(findButton(topDialog(c), "Cerrar"))
	o.remove(notes)
	if hasText(topDialog(c), "notas.txt") {
		t.Fatal("the removed file is still listed")
	}
	save()
	if !q.runUntil(20*time.Second, func() bool { return hasText(topDialog(c), "se cuenta una vez") }) {
		t.Fatalf("no message of the repeated workshop: %q", visibleTexts(topDialog(c)))
	}
	said := strings.Join(visibleTexts(topDialog(c)), "\n")
	for _, want := range []string{"Reúne 3 talleres, de 2 archivos.", "está en test.db, kano.db: se cuenta una vez, a partir de test.db.",
		"Las copias difieren"} {
		if !strings.Contains(said, want) {
			t.Errorf("the message lacks %q:\n%s", want, said)
		}
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 {
		t.Fatalf("%d files written", len(entries))
	}
	f, err := excelize.OpenFile(filepath.Join(out, entries[0].Name()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Talleres")
	if len(rows) != 4 {
		t.Fatalf("%d rows, want a header and three workshops", len(rows))
	}
	for _, r := range rows[1:] {
		if r[0] == lagos.Title && r[len(r)-1] != "test.db, kano.db" {
			t.Errorf("Lagos row names the files %q", r[len(r)-1])
		}
	}
}
