package app

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/atelier-workshops/atelier/data"
)

func TestSaveACopyWritesTheWholeFileAndKeepsWorking(t *testing.T) {
	useLanguage(t, "en")
	st, _, _ := twoWorkshops(t)
	c, q := openWindow(t, st)
	n := c.showSaveCopy()
	typeOver(c, n.name, "before-lagos.db")
	test.Tap(findButton(topDialog(c), "Save copy"))
	path := filepath.Join(filepath.Dir(st.Path()), "before-lagos.db")
	if !q.runUntil(5*time.Second, func() bool { return hasText(topDialog(c), "The copy is saved.") }) {
		t.Fatal("no word that the copy was saved")
	}
	cp, err := data.Open(path, data.OpenExisting)
	if err != nil {
		t.Fatal(err)
	}
	ws, err := cp.Workshops()
	cp.Close()
	if err != nil || len(ws) != 2 {
		t.Fatalf("the copy holds %d workshops (%v)", len(ws), err)
	}
	if c.st != st {
		t.Fatal("saving a copy switched files")
	}

	// A name that exists is refused beside the field, and nothing is written.
	before, _ := os.ReadFile(path)
	n = c.showSaveCopy()
	typeOver(c, n.name, "before-lagos.db")
	test.Tap(findButton(topDialog(c), "Save copy"))
	if !hasText(topDialog(c), "“before-lagos.db” already exists in this folder. Choose another name, or open that file with File › Open…") {
		t.Fatalf("no message for an existing name: %v", visibleTexts(topDialog(c)))
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("an existing file was overwritten")
	}
}

func TestRestoreBringsBackADeletedWorkshop(t *testing.T) {
	useLanguage(t, "en")
	st, _, dakar := twoWorkshops(t)
	c, _ := openWindow(t, st)
	c.dataDir = t.TempDir()
	if _, err := st.RotateBackup(c.backupFolder(st.Path()), time.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteWorkshop(dakar.ID); err != nil {
		t.Fatal(err)
	}
	c.screen.reload()

	c.showRestore()
	if !hasText(topDialog(c), "2 workshops: Atelier sur l’inventaire des collections · Regional training on collections care") {
		t.Fatalf("the backup is not described: %v", visibleTexts(topDialog(c)))
	}
	test.Tap(findButton(topDialog(c), "Restore"))
	test.Tap(findButton(topDialog(c), "Restore")) // the confirmation

	got, err := c.st.Workshop(dakar.ID)
	if err != nil || got.Title != dakar.Title {
		t.Fatalf("after restoring: %+v, %v", got, err)
	}
	if c.screen.indexOf(dakar.ID) < 0 {
		t.Fatal("the list does not show the restored workshop")
	}
	backups, err := data.Backups(c.backupFolder(c.st.Path()))
	if err != nil || len(backups) != 2 || len(backups[0].Workshops) != 1 {
		t.Fatalf("the state before restoring was not backed up: %+v, %v", backups, err)
	}
}

// A file's backup is taken while the window draws; when it fails, the
// organiser is told once it is known, and the file stays open and
// writable.
func TestAFailedBackupIsSaidOnceKnown(t *testing.T) {
	useLanguage(t, "en")
	st, _, _ := twoWorkshops(t)
	path := st.Path()
	c, q := openWindow(t, st)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	notAFolder := filepath.Join(t.TempDir(), "backups")
	if err := os.WriteFile(notAFolder, []byte("a file where the backups would go"), 0o644); err != nil {
		t.Fatal(err)
	}
	again, err := data.Open(path, data.OpenExisting, data.WithBackups(filepath.Join(notAFolder, "a")))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { again.Close() })
	c.useStore(again)
	if !q.runUntil(10*time.Second, func() bool { return hasText(topDialog(c), "No backup") }) {
		t.Fatalf("no word of the failed backup: %v", visibleTexts(topDialog(c)))
	}
	if !hasText(topDialog(c), "Atelier could not back up “"+filepath.Base(path)+"” before opening it. Your work is saved as usual, but there is no backup of today’s starting point. Check the free space on the disk.") {
		t.Fatalf("the failure is not said in words: %v", visibleTexts(topDialog(c)))
	}
	if _, err := again.Workshops(); err != nil {
		t.Fatal(err)
	}
}
