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
	for _, want := range []string{"Column titles on row 3", "Courriel", "→ email", "2 rows to add, 0 rows to update, 0 rows already there as they are, 3 rows refused",
		"To add:\n  row 4, Aïssatou Diallo <a.diallo@example.sn>, SN\n  row 8, Issa Kaboré <issa@example.bf>, BF\n",
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
	if code != 0 || !strings.Contains(out, "2 participants added, 0 participants updated") || count() != 2 {
		t.Fatalf("import: code %d, out %q, err %q, %d participants", code, out, errOut, count())
	}
	// Again: the two are in the workshop as they are.
	_, out, _ = runCLI("import", "--db", db, "--workshop", id, list, "--yes")
	if !strings.Contains(out, "0 rows to add, 0 rows to update, 2 rows already there as they are") ||
		!strings.Contains(out, "Already in the workshop as they are (nothing to change):\n  row 4, Aïssatou Diallo\n") || count() != 2 {
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

// A corrected list updates the people already in the workshop: the preview
// lists each row to add and each row to update with the values it changes,
// and --yes writes both.
func TestImportOfACorrectedListUpdates(t *testing.T) {
	db, id := workshopFile(t)
	dir := t.TempDir()
	first := filepath.Join(dir, "first.csv")
	corrected := filepath.Join(dir, "corrected.csv")
	write := func(path, text string) {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(first, "Surname;First name;Email;Country;Institution\n"+
		"Adigun;Olanrewaju;o.adigun@example.org;Nigeria;National Museum Lagos\n"+
		"Mensah;Kwame;;Ghana;National Museum of Ghana\n")
	write(corrected, "Surname;First name;Email;Country;Institution;Status\n"+
		"Àdìgún;Ọláńrewájú;o.adigun@example.org;Nigeria;National Museum, Onikan, Lagos;selected\n"+
		"MENSAH;Kwame;kwame@example.gh;Ghana;;\n"+
		"Kaboré;Issa;issa@example.bf;Burkina Faso;Musée national;\n")
	if code, out, errOut := runCLI("import", "--db", db, "--workshop", id, "--yes", first); code != 0 {
		t.Fatalf("first list: %d %s %s", code, out, errOut)
	}
	code, out, errOut := runCLI("import", "--db", db, "--workshop", id, corrected)
	if code != 0 || errOut != "" {
		t.Fatalf("preview: %d %q", code, errOut)
	}
	for _, want := range []string{
		"1 row to add, 2 rows to update, 0 rows already there as they are, 0 rows refused",
		"To add:\n  row 4, Issa Kaboré <issa@example.bf>, BF\n",
		"To update (someone already in the workshop):\n" +
			"  row 2, Olanrewaju Adigun <o.adigun@example.org>, NG (same email):\n" +
			"    given_name: \"Olanrewaju\" → \"Ọláńrewájú\"\n" +
			"    family_name: \"Adigun\" → \"Àdìgún\"\n" +
			"    institution: \"National Museum Lagos\" → \"National Museum, Onikan, Lagos\"\n" +
			"    status: \"applicant\" → \"selected\"\n" +
			"  row 3, Kwame Mensah, GH (same name and country):\n" +
			"    email: (empty) → \"kwame@example.gh\"\n",
		"run again with --yes to add and update the 3 rows above",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("preview lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCLI("import", "--db", db, "--workshop", id, "--yes", corrected)
	if code != 0 || !strings.Contains(out, "1 participant added, 2 participants updated") {
		t.Fatalf("import: %d\n%s", code, out)
	}
	st, err := data.Open(db, data.OpenReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	workshop, _ := strconv.ParseInt(id, 10, 64)
	list, err := st.Participants(workshop, data.ParticipantFilter{})
	if err != nil || len(list) != 3 {
		t.Fatalf("%d participants (%v)", len(list), err)
	}
	for _, p := range list {
		switch p.Country {
		case "NG":
			if p.FamilyName != "Àdìgún" || p.Institution != "National Museum, Onikan, Lagos" || p.Status != data.StatusSelected {
				t.Errorf("Àdìgún: %+v", p)
			}
		case "GH":
			if p.FamilyName != "Mensah" || p.Email != "kwame@example.gh" {
				t.Errorf("Mensah: %+v", p)
			}
		}
	}
}
