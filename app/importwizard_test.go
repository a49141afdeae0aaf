package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2/test"

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
	if want := "Read as UTF-8 text."; !strings.Contains(z.summary.Text, want) {
		t.Errorf("the summary does not say %q: %q", want, z.summary.Text)
	}
	if got := visibleTexts(z.adds); !slices.Equal(got, []string{"Row 2: Bello Ọ̀ṣun · Nigeria", "Row 4: Issa Kaboré · Burkina Faso"}) {
		t.Errorf("the rows to add read %q", got)
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

// A newer list: the wizard lists the row it adds and the rows that update
// people already in the workshop, with what changes; a refused row is
// corrected in place and then added; Import writes both, and Undo (from
// the notice at the foot of the window) takes the whole import back.
func TestImportWizardAddsAndUpdatesAndUndoTakesItAllBack(t *testing.T) {
	useLanguage(t, "en")
	st, lagos := participantsWorkshop(t)
	before, _ := st.Participants(lagos.ID, data.ParticipantFilter{})
	c, q, z := importWizardOn(t, st, lagos, "Surname;First name;Email;Country;Institution\n"+
		"Àdìgún;Ọláńrewájú;O.Adigun@example.org;Nigeria;National Museum, Onikan, Lagos\n"+
		"BELLO;Olanrewaju;bello@example.gh;Ghana;\n"+
		"Mensah;Kwame;kwame@example.gh;Ghana;National Museum of Ghana\n"+
		"Okoro;Ngozi;ngozi@;Nigeria;\n")
	v := participantsOf(c)
	if got := visibleTexts(z.adds); !slices.Equal(got, []string{"Row 4: Kwame Mensah · kwame@example.gh · Ghana · National Museum of Ghana"}) {
		t.Errorf("to add: %q", got)
	}
	for _, want := range []string{
		"Row 2: Ọláńrewájú Àdìgún · o.adigun@example.org · Nigeria · National Museum, Lagos (same email)",
		"    Institution: “National Museum, Lagos” → “National Museum, Onikan, Lagos”",
		"Row 3: Olanrewaju Bello · Ghana · National Museum of Ghana (same name and country)",
		"    Email: (empty) → “bello@example.gh”",
	} {
		if !slices.Contains(visibleTexts(z.updates), want) {
			t.Errorf("to update lacks %q: %q", want, visibleTexts(z.updates))
		}
	}
	if z.lists.Items[0].Text != "To add (1)" || z.lists.Items[1].Text != "To update (2)" || z.lists.Items[2].Text != "Refused (1)" ||
		z.run.Text != "Import 3 rows" {
		t.Errorf("tabs %q %q %q, button %q", z.lists.Items[0].Text, z.lists.Items[1].Text, z.lists.Items[2].Text, z.run.Text)
	}
	// The button grew with its count, and the buttons beside it moved.
	if z.run.Size().Width < z.run.MinSize().Width {
		t.Errorf("“%s” is drawn %.0f wide, and needs %.0f", z.run.Text, z.run.Size().Width, z.run.MinSize().Width)
	}

	// The refused row is corrected in the wizard, and moves to the rows to add.
	test.Tap(findButton(z.rejected, "Correct…"))
	k := lastOf[*rowCorrection](c)
	if k == nil || k.row != 5 || k.entries[2].Text != "ngozi@" || !hasText(topDialog(c), "Email: “ngozi@” is not an email address (like name@example.org).") {
		t.Fatalf("correction of row 5: %+v, %q", k, visibleTexts(topDialog(c)))
	}
	typeOver(c, k.entries[2], "ngozi@example.ng")
	test.Tap(k.apply)
	if !q.runUntil(10*time.Second, func() bool { return len(z.preview.Ready) == 2 && !z.run.Disabled() }) {
		t.Fatalf("after the correction: %d to add, %d refused", len(z.preview.Ready), len(z.preview.Rejected))
	}
	if !strings.Contains(z.summary.Text, "1 row corrected here; the file itself is unchanged.") || z.run.Text != "Import 4 rows" {
		t.Errorf("summary %q, button %q", z.summary.Text, z.run.Text)
	}

	test.Tap(z.run)
	if !q.runUntil(10*time.Second, func() bool { return len(v.index.People) == 6 }) {
		t.Fatalf("after importing, the table has %d people", len(v.index.People))
	}
	adigun, _ := st.Participant(before[0].ID)
	bello, _ := st.Participant(before[1].ID)
	if adigun.Institution != "National Museum, Onikan, Lagos" || bello.Email != "bello@example.gh" || bello.FamilyName != "Bello" {
		t.Fatalf("after the import: %+v\n%+v", adigun, bello)
	}
	if ngozi, _ := st.Participants(lagos.ID, data.ParticipantFilter{Text: "okoro"}); len(ngozi) != 1 || ngozi[0].Email != "ngozi@example.ng" {
		t.Fatalf("the corrected row: %+v", ngozi)
	}
	if !c.notice.bar.Visible() || c.notice.text.Text != "applications.csv: 2 added, 2 updated." {
		t.Fatalf("notice %q (visible %v)", c.notice.text.Text, c.notice.bar.Visible())
	}
	// The message names the menu item that undoes it as the menu has it.
	if !hasText(topDialog(c), "Edit › Undo last delete or import takes the whole import back while Atelier stays open.") ||
		!slices.Contains(menuLabels(c, "Edit"), "Undo last delete or import") {
		t.Errorf("the message %q; the Edit menu %q", visibleTexts(topDialog(c)), menuLabels(c, "Edit"))
	}

	test.Tap(findButton(c.notice.bar, "Undo"))
	after, _ := st.Participants(lagos.ID, data.ParticipantFilter{})
	if !slices.EqualFunc(before, after, func(a, b data.Participant) bool { return a == b }) {
		t.Fatalf("after Undo:\n%+v\nwant\n%+v", after, before)
	}
	if v := participantsOf(c); len(v.index.People) != 4 || c.screen.form.id() != lagos.ID {
		t.Errorf("after Undo the table shows %d people (workshop %d)", len(v.index.People), c.screen.form.id())
	}
}

// The wizard's preview shows a short, cut piece of any long value: a
// column title, a name, an institution, a country it does not know and
// notes that update someone are each cut to a few dozen letters, and say
// how many more there are.
func TestImportWizardCutsLongValues(t *testing.T) {
	useLanguage(t, "en")
	st, lagos := participantsWorkshop(t)
	long := func(n int) string { return strings.Repeat("Ọ", n) }
	_, _, z := importWizardOn(t, st, lagos, "Surname;First name;Email;Country;Institution;Notes;"+long(20000)+"\n"+
		"Àdìgún;Ọláńrewájú;O.Adigun@example.org;Nigeria;;"+long(5000)+";\n"+ // updates the notes of someone there
		"Mensah;"+long(150)+";kwame@example.gh;Ghana;"+long(190)+";;\n"+ // to add
		"Kaboré;Issa;issa@example.bf;"+long(20000)+";;;\n"+ // a country it does not know
		long(20000)+";Ada;ada@example.org;Ghana;;;\n") // a name too long
	var shown []string
	for _, item := range z.columns.Items {
		shown = append(shown, item.Text)
	}
	shown = append(shown, visibleTexts(z.adds)...)
	shown = append(shown, visibleTexts(z.updates)...)
	shown = append(shown, z.reasons...)
	if len(z.preview.Ready) != 1 || len(z.preview.Updates) != 1 || len(z.preview.Rejected) != 2 {
		t.Fatalf("%d to add, %d to update, %d refused: %q", len(z.preview.Ready), len(z.preview.Updates), len(z.preview.Rejected), shown)
	}
	cut := 0
	for _, s := range shown {
		if n := utf8.RuneCountInString(s); n > 400 {
			t.Errorf("a text of %d letters is shown: %.100s…", n, s)
		}
		cut += strings.Count(s, "characters more)")
	}
	// The title, the given name and the institution to add, the notes,
	// the country and the name refused.
	if cut < 6 {
		t.Errorf("%d values are said to be cut; want 6:\n%s", cut, strings.Join(shown, "\n"))
	}
	z.close()
}

// The wizard keeps no rows of the list, only its corrections: a row
// corrected stays corrected when a column is mapped anew (the list is read
// again, with the corrections), a second correction of it starts from the
// first, and closing the wizard lets go of the list and its preview.
func TestImportWizardKeepsCorrectionsThroughARemap(t *testing.T) {
	useLanguage(t, "en")
	st, lagos := participantsWorkshop(t)
	c, q, z := importWizardOn(t, st, lagos, "Surname;First name;Email;Country;Institution\n"+
		"Mensah;Kwame;kwame@example.gh;Ghana;National Museum of Ghana\n"+
		"Okoro;Ngozi;ngozi@;Nigeria;\n")
	correct := func(email string, ready int) {
		t.Helper()
		test.Tap(findButton(z.rejected, "Correct…"))
		k := lastOf[*rowCorrection](c)
		if k == nil || k.row != 3 {
			t.Fatalf("correction: %+v", k)
		}
		typeOver(c, k.entries[2], email)
		test.Tap(k.apply)
		if !q.runUntil(10*time.Second, func() bool { return len(z.preview.Ready) == ready && !z.progress.Visible() }) {
			t.Fatalf("after correcting to %q: %d to add, %d refused", email, len(z.preview.Ready), len(z.preview.Rejected))
		}
	}
	correct("ngozi@example", 1) // still not an address
	if k := z.correct(3); k == nil || k.entries[2].Text != "ngozi@example" || k.entries[0].Text != "Okoro" {
		t.Fatalf("the second correction starts from %+v", k)
	} else {
		k.d.Hide()
	}
	correct("ngozi@example.ng", 2)

	z.selects[4].SetSelectedIndex(0) // the institution not imported
	if !q.runUntil(10*time.Second, func() bool { return z.preview.Mapping[4] == "" && !z.progress.Visible() }) {
		t.Fatal("the new mapping was not checked")
	}
	if len(z.preview.Ready) != 2 || len(z.preview.Rejected) != 0 || z.preview.Ready[1].Participant.Email != "ngozi@example.ng" ||
		!strings.Contains(z.summary.Text, "1 row corrected here") {
		t.Fatalf("after the remap: %d to add, %d refused; %q", len(z.preview.Ready), len(z.preview.Rejected), z.summary.Text)
	}
	z.close()
	if z.preview != nil || z.corrections != nil {
		t.Error("the closed wizard still holds its preview")
	}
}
