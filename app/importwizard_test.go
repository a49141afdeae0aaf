package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/importer"
)

// importWizardOn opens the import wizard of a workshop's participants on
// a list, and waits for its preview.
func importWizardOn(t *testing.T, st *data.Store, w data.Workshop, list string) (*controller, *uiQueue, *importWizard) {
	t.Helper()
	c, q := openWindow(t, st)
	c.screen.selectID(w.ID)
	path := filepath.Join(t.TempDir(), "applications.csv")
	if err := os.WriteFile(path, []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	z := participantsOf(c).startImport(path)
	if !q.runUntil(10*time.Second, func() bool { return z.preview != nil }) {
		t.Fatal("the preview never came")
	}
	return c, q, z
}

// A UTF-8 list with one row an old program wrote in Windows-1252: the
// wizard says how it read the list and shows the first names as they will
// be stored, and the row that is not UTF-8 is listed as refused with what
// its bytes would read as.
func TestImportWizardShowsHowTheListWasRead(t *testing.T) {
	useLanguage(t, "en")
	st, lagos := participantsWorkshop(t)
	_, _, z := importWizardOn(t, st, lagos, "Surname;First name;Country\n"+
		"Ọ̀ṣun;Bello;Nigeria\n"+
		"Caf\xe9;Marie;France\n"+
		"Kaboré;Issa;Burkina Faso\n")
	for _, want := range []string{"Read as UTF-8 text.", "First rows to import: Bello Ọ̀ṣun, Issa Kaboré."} {
		if !strings.Contains(z.summary.Text, want) {
			t.Errorf("the summary does not say %q: %q", want, z.summary.Text)
		}
	}
	want := "Row 3, Marie Caf\uFFFD: Surname: “Caf\uFFFD” holds bytes that are not UTF-8 text like the rest of the file (in Windows-1252 they would read “Café”); save the list as UTF-8 and import it again."
	if !slices.Contains(z.reasons, want) {
		t.Errorf("refused rows lack %q: %q", want, z.reasons)
	}
	z.close()
}

// A file past one of the importer's limits is refused with the limit's
// own words, in the interface's language.
func TestImportWizardNamesTheLimitAFilePasses(t *testing.T) {
	for lang, want := range map[string]string{
		"en": "This file cannot be imported: big.csv: the file is larger than 50 MB",
		"fr": "Ce fichier ne peut pas être importé\u00a0: big.csv\u00a0: le fichier dépasse 50\u00a0Mo",
	} {
		t.Run(lang, func(t *testing.T) {
			useLanguage(t, lang)
			st, lagos := participantsWorkshop(t)
			c, q := openWindow(t, st)
			c.screen.selectID(lagos.ID)
			v := participantsOf(c)
			path := filepath.Join(t.TempDir(), "big.csv")
			if err := os.WriteFile(path, []byte("Surname\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(path, importer.MaxTextFile+1); err != nil {
				t.Fatal(err)
			}
			z := v.startImport(path)
			if !q.runUntil(10*time.Second, func() bool { return strings.Contains(z.summary.Text, want) }) {
				t.Fatalf("the wizard says %q; want %q", z.summary.Text, want)
			}
			if !z.run.Disabled() {
				t.Error("Import can be pressed")
			}
			z.close()
		})
	}
}
