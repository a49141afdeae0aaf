package app

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"
)

// File › Export workbook…: the user picks the anonymous variant, keeps the
// proposed name in a folder of their own, watches the bar fill, and gets a
// workbook in the workshop's language without personal columns.
func TestFileMenuExportsTheWorkbook(t *testing.T) {
	useLanguage(t, "fr")
	st, res := demoStore(t)
	c, q := openWindow(t, st)
	var item *fyne.MenuItem
	for _, it := range c.win.MainMenu().Items[0].Items {
		if it.Label == "Exporter le classeur pour le secrétariat…" {
			item = it
		}
	}
	if item == nil {
		t.Fatal("no workbook item in the File menu")
	}
	c.screen.selectID(res.Lagos)
	item.Action()
	form := topDialog(c)
	variant := lastIn[*widget.RadioGroup](form)
	if variant == nil || variant.Selected != "Tout, pour le secrétariat" {
		t.Fatalf("the variant choice is missing or starts elsewhere: %v", variant)
	}
	variant.SetSelected("Sans noms, courriels ni téléphones, pour partager des statistiques")
	test.Tap(findButton(form, "Enregistrer en classeur Excel…"))
	n := lastOf[*newDatabaseDialog](c)
	// The workbook speaks the workshop's English, and so does its name.
	if n == nil || n.name.Text != "Workbook without names Lagos 2022.xlsx" {
		t.Fatalf("file name dialog: %+v", n)
	}
	n.folder = t.TempDir()
	n.create()
	bar := lastIn[*widget.ProgressBar](topDialog(c))
	if bar == nil {
		t.Fatal("no progress bar while the workbook is written")
	}
	if !q.runUntil(20*time.Second, func() bool { return topDialog(c) != nil && hasText(topDialog(c), "est enregistré") }) {
		t.Fatal("the export did not finish")
	}
	if bar.Value != 1 {
		t.Errorf("the bar stopped at %v", bar.Value)
	}
	f, err := excelize.OpenFile(filepath.Join(n.folder, "Workbook without names Lagos 2022.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// Lagos works in English, whatever the interface language.
	header, err := f.GetRows("Participants")
	if err != nil || len(header) < 2 || slices.Contains(header[0], "Email") || header[0][0] != "No." {
		t.Errorf("participants sheet %v, %v", err, header[:min(1, len(header))])
	}
}
