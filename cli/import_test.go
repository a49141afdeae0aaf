package cli

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data"
)

func TestImportPreviewsThenImportsWithYes(t *testing.T) {
	db, id := workshopFile(t)
	list := filepath.Join(t.TempDir(), "candidatures.csv")
	csv := "Liste des candidatures\n\nNom;Prénom;Courriel;Pays\n" +
		"Diallo;Aïssatou;a.diallo@example.sn;Sénégal\n" +
		"Bâ;Amadou;amadou@;Mali\n" +
		";;personne@example.org;Mali\n" +
		"DIALLO;aissatou;autre@example.sn;Senegal\n" +
		"Kaboré;Issa;issa@example.bf;Burkina Faso\n"
	if err := os.WriteFile(list, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	count := func() int {
		st, err := data.Open(db, data.OpenExisting)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		workshop, _ := strconv.ParseInt(id, 10, 64)
		ps, err := st.Participants(workshop, data.ParticipantFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return len(ps)
	}

	code, out, errOut := runCLI("import", "--db", db, "--workshop", id, list)
	for _, want := range []string{"Column titles on row 3", "Courriel", "→ email", "2 rows to import, 3 rows refused",
		"row 5, Amadou Bâ:", `Courriel "amadou@" is not an email address`, "row 6, (no name):", "No name",
		"row 7, aissatou DIALLO:", "same name and country as row 4", "run again with --yes"} {
		if !strings.Contains(out, want) {
			t.Errorf("preview lacks %q:\n%s", want, out)
		}
	}
	if code != 0 || errOut != "" || count() != 0 {
		t.Fatalf("preview: code %d, stderr %q, %d participants in the file", code, errOut, count())
	}

	code, out, errOut = runCLI("import", "--db", db, "--workshop", id, "--yes", list)
	if code != 0 || !strings.Contains(out, "Imported 2 participants") || count() != 2 {
		t.Fatalf("import: code %d, out %q, err %q, %d participants", code, out, errOut, count())
	}
	// Again: everyone left is now a duplicate of the workshop's participants.
	_, out, _ = runCLI("import", "--db", db, "--workshop", id, list, "--yes")
	if !strings.Contains(out, "0 rows to import") || !strings.Contains(out, "already in this workshop") || count() != 2 {
		t.Fatalf("second import:\n%s", out)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"import", "--db", db, list}, "--workshop ID"},
		{[]string{"import", "--workshop", id, list}, "--db FILE"},
		{[]string{"import", "--db", db, "--workshop", id}, "one .xlsx or .csv file"},
		{[]string{"import", "--db", db, "--workshop", "999", list}, "workshop 999 does not exist"},
		{[]string{"import", "--db", db, "--workshop", id, db}, "not an .xlsx workbook or a .csv text file"},
	} {
		code, _, errOut := runCLI(c.args...)
		if code == 0 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: code %d, stderr %q; want %q", c.args, code, errOut, c.want)
		}
	}
}
