package app

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/atelier-workshops/atelier/data"
)

// A file whose last change is still in its -wal, with no -shm beside it
// (a folder copied to a stick), opened read-only: the window says it is
// read-only and shows the change, not the file as it was before it.
func TestReadOnlyFileShowsTheChangesInItsLog(t *testing.T) {
	useLanguage(t, "en")
	st, lagos, _ := twoWorkshops(t)
	live := st.Path()
	lagos.Title = "Changed in the log"
	if err := st.SaveWorkshop(&lagos); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "copied.db")
	for _, side := range []string{"", "-wal"} {
		b, err := os.ReadFile(live + side)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path+side, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ro, err := data.Open(path, data.OpenReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := openWindow(t, st)
	if err := c.st.Close(); err != nil {
		t.Fatal(err)
	}
	c.useStore(ro)
	if !hasText(topDialog(c), "“copied.db” is open read-only") {
		t.Errorf("no word of read-only: %q", visibleTexts(topDialog(c)))
	}
	if !hasText(c.win.Content(), "Changed in the log") {
		t.Errorf("the workshop list does not show the change in the log: %q", visibleTexts(c.win.Content()))
	}
}
