package importer

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/atelier-workshops/atelier/data"
)

// firstList is what a committee sends first; correctedList is its newer
// version: two people corrected, one new, one as before, and one who is
// two people of the workshop at once.
var (
	firstList = [][]string{
		{"Surname", "First name", "Email", "Country", "Institution", "Grant"},
		{"Adigun", "Olanrewaju", "o.adigun@example.org", "Nigeria", "National Museum Lagos", "no"},
		{"Mensah", "Kwame", "", "Ghana", "National Museum of Ghana", "yes"},
		{"Diallo", "Aïssatou", "a.diallo@example.sn", "Senegal", "", "no"},
	}
	correctedList = [][]string{
		{"Surname", "First name", "Email", "Country", "Institution", "Grant"},
		// 2: by email; the accents are new, the institution corrected, the grant awarded
		{"Àdìgún", "Ọláńrewájú", "O.Adigun@example.org", "Nigeria", "National Museum, Onikan, Lagos", "yes"},
		// 3: by name and country, whatever the case; gains an email; the institution left blank changes nothing
		{"MENSAH", "kwame", "kwame@example.gh", "Ghana", "", "yes"},
		// 4: new
		{"Kaboré", "Issa", "issa@example.bf", "Burkina Faso", "Musée national", "no"},
		// 5: as she is
		{"Diallo", "Aïssatou", "a.diallo@example.sn", "Sénégal", "", "no"},
	}
)

func importRows(t *testing.T, st *data.Store, w data.Workshop, rows [][]string) (*Preview, Result) {
	t.Helper()
	p, err := Prepare(st, w.ID, rows, Options{Source: "list.csv"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Import(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	return p, res
}

func byName(t *testing.T, st *data.Store, w data.Workshop, text string) data.Participant {
	t.Helper()
	list, err := st.Participants(w.ID, data.ParticipantFilter{Text: text})
	if err != nil || len(list) != 1 {
		t.Fatalf("searching %q: %v, %v", text, list, err)
	}
	return list[0]
}

func TestACorrectedListUpdatesThoseAlreadyThere(t *testing.T) {
	st, w := openStore(t)
	importRows(t, st, w, firstList)
	p, err := Prepare(st, w.ID, correctedList, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rejected) != 0 || len(p.Ready) != 1 || p.Ready[0].Row != 4 {
		t.Fatalf("rejected %+v, ready %+v", p.Rejected, p.Ready)
	}
	if len(p.Unchanged) != 1 || p.Unchanged[0].Row != 5 {
		t.Fatalf("unchanged %+v", p.Unchanged)
	}
	if len(p.Updates) != 2 {
		t.Fatalf("updates %+v", p.Updates)
	}
	adigun, mensah := p.Updates[0], p.Updates[1]
	if !adigun.ByEmail || mensah.ByEmail || adigun.Row != 2 || mensah.Row != 3 {
		t.Errorf("matched: row %d by email %v, row %d by email %v", adigun.Row, adigun.ByEmail, mensah.Row, mensah.ByEmail)
	}
	want := []Change{
		{"given_name", "Olanrewaju", "Ọláńrewájú"},
		{"family_name", "Adigun", "Àdìgún"},
		{"institution", "National Museum Lagos", "National Museum, Onikan, Lagos"},
		{"grant_awarded", "no", "yes"},
	}
	if !reflect.DeepEqual(adigun.Changes, want) {
		t.Errorf("changes of row 2:\n%+v\nwant\n%+v", adigun.Changes, want)
	}
	if want := []Change{{"email", "", "kwame@example.gh"}}; !reflect.DeepEqual(mensah.Changes, want) {
		t.Errorf("changes of row 3: %+v, want %+v", mensah.Changes, want)
	}

	res, err := p.Import(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	if res.Imported != 1 || res.Updated != 2 || len(res.Skipped) != 0 || res.Undo == nil {
		t.Fatalf("result %+v", res)
	}
	got := byName(t, st, w, "olanrewaju")
	if got.GivenName != "Ọláńrewájú" || got.FamilyName != "Àdìgún" || got.Email != "o.adigun@example.org" ||
		got.Institution != "National Museum, Onikan, Lagos" || !got.Grant.Awarded {
		t.Errorf("Àdìgún after the update: %+v", got)
	}
	if k := byName(t, st, w, "kwame"); k.Email != "kwame@example.gh" || k.FamilyName != "Mensah" || k.Institution != "National Museum of Ghana" {
		t.Errorf("Mensah after the update: %+v", k)
	}
	if list, _ := st.Participants(w.ID, data.ParticipantFilter{}); len(list) != 4 {
		t.Errorf("%d participants, want 4", len(list))
	}
	// The same list again changes nothing.
	again, err := Prepare(st, w.ID, correctedList, Options{})
	if err != nil || len(again.Updates) != 0 || len(again.Ready) != 0 || len(again.Unchanged) != 4 {
		t.Fatalf("the corrected list again: %v, %+v", err, again)
	}
}

// A row that is one person by its email and another by its name and
// country is refused rather than guessed; a row that takes back a grant
// that has an amount says why.
func TestRowsThatCannotUpdateSayWhy(t *testing.T) {
	st, w := openStore(t)
	people := []*data.Participant{
		{WorkshopID: w.ID, GivenName: "Ada", FamilyName: "Obi", Country: "NG", Email: "ada@example.ng"},
		{WorkshopID: w.ID, GivenName: "Chidi", FamilyName: "Eze", Country: "NG",
			Grant: data.Grant{Awarded: true, AmountMinor: 50000, Currency: "USD"}},
	}
	if err := st.SaveParticipants(people); err != nil {
		t.Fatal(err)
	}
	p, err := Prepare(st, w.ID, [][]string{
		{"Surname", "First name", "Email", "Country", "Grant"},
		{"Eze", "Chidi", "ada@example.ng", "Nigeria", ""},
		{"Eze", "Chidi", "", "Nigeria", "no"},
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := reasonKeys(p); !reflect.DeepEqual(got, map[int][]string{2: {"error.import_two_people"}, 3: {"error.grant_not_awarded"}}) {
		t.Errorf("reasons %v", got)
	}
	if len(p.Updates)+len(p.Ready)+len(p.Unchanged) != 0 {
		t.Errorf("%+v", p)
	}
}

// An import is undone as one: whom it added goes, whom it changed gets
// their values from before, status history included; a second undo finds
// nothing. Undo refuses, and changes nothing, once someone the import
// wrote has been changed since.
func TestUndoOfAnImport(t *testing.T) {
	st, w := openStore(t)
	importRows(t, st, w, firstList)
	if _, err := st.Undo(); err != nil { // the first import
		t.Fatal(err)
	}
	if list, _ := st.Participants(w.ID, data.ParticipantFilter{}); len(list) != 0 {
		t.Fatalf("undoing the first import left %d participants", len(list))
	}
	importRows(t, st, w, firstList)
	before, _ := st.Participants(w.ID, data.ParticipantFilter{})
	withStatus := append([][]string{append(correctedList[0], "Status")}, correctedList[1:]...)
	withStatus[1] = append(withStatus[1], "selected")
	for i := 2; i < len(withStatus); i++ {
		withStatus[i] = append(withStatus[i], "")
	}
	_, res := importRows(t, st, w, withStatus)
	if res.Imported != 1 || res.Updated != 2 || res.Undo.Added != 1 || res.Undo.Updated != 2 || res.Undo.Name != "list.csv" {
		t.Fatalf("result %+v, undo %+v", res, res.Undo)
	}
	adigun := byName(t, st, w, "olanrewaju")
	if h, _ := st.StatusHistory(adigun.ID); len(h) != 2 {
		t.Fatalf("history %+v", h)
	}
	if u := st.LastUndoable(); u != res.Undo {
		t.Fatalf("last undoable %+v", u)
	}
	undone, err := st.Undo()
	if err != nil || undone.Record != "import" {
		t.Fatalf("undo: %+v, %v", undone, err)
	}
	after, _ := st.Participants(w.ID, data.ParticipantFilter{})
	if !reflect.DeepEqual(before, after) {
		t.Fatalf("not as before:\n%+v\n%+v", before, after)
	}
	if h, _ := st.StatusHistory(adigun.ID); len(h) != 1 {
		t.Errorf("history after undo %+v", h)
	}

	// Changed since: the undo is refused with the name, and nothing moves.
	importRows(t, st, w, correctedList)
	issa := byName(t, st, w, "kabore")
	issa.Position = "Guide"
	if err := st.SaveParticipant(&issa); err != nil {
		t.Fatal(err)
	}
	now, _ := st.Participants(w.ID, data.ParticipantFilter{})
	_, err = st.Undo()
	var fe data.FieldError
	if !errors.As(err, &fe) || fe.Key != "error.undo_import_changed" || fe.Args["Name"] != "Issa Kaboré" {
		t.Fatalf("undo after a change: %v", err)
	}
	if still, _ := st.Participants(w.ID, data.ParticipantFilter{}); !reflect.DeepEqual(now, still) {
		t.Fatal("a refused undo changed the file")
	}
	if st.LastUndoable() == nil || st.LastUndoable().Record != "import" {
		t.Error("the refused import is no longer the one to undo")
	}
}

// Someone the import added who has been marked since keeps the import.
func TestUndoOfAnImportKeepsPeopleWithMarks(t *testing.T) {
	st, w := openStore(t)
	_, res := importRows(t, st, w, firstList)
	s := data.Session{WorkshopID: w.ID, Title: "Opening", Kind: data.KindCeremony,
		Start: w.StartDate.At(9, 0), End: w.StartDate.At(10, 0), CountsForCertificate: true}
	if err := st.SaveSession(&s); err != nil {
		t.Fatal(err)
	}
	kwame := byName(t, st, w, "kwame")
	if err := st.SetMark(&data.Attendance{ParticipantID: kwame.ID, SessionID: s.ID, Mark: data.Present}); err != nil {
		t.Fatal(err)
	}
	if st.LastUndoable() != res.Undo {
		t.Fatal("a session or a mark took the import's place for Undo")
	}
	_, err := st.Undo()
	var fe data.FieldError
	if !errors.As(err, &fe) || fe.Key != "error.undo_import_used" || fe.Args["Name"] != "Kwame Mensah" {
		t.Fatalf("undo: %v", err)
	}
	if list, _ := st.Participants(w.ID, data.ParticipantFilter{}); len(list) != 3 {
		t.Fatalf("%d participants after a refused undo", len(list))
	}
}

// Undo keeps no copy of the rows an import added, only what tells whether
// they are as it wrote them: among many rows, one edited since (its notes
// only) or one deleted by another Atelier stops the undo, named as the
// import wrote them even once renamed, and nothing moves.
func TestUndoOfALongImportNamesWhomItAddedAsItWroteThem(t *testing.T) {
	st, w := openStore(t)
	rows := [][]string{{"Surname", "First name", "Email", "Country"}}
	for i := range 300 {
		rows = append(rows, []string{fmt.Sprintf("Adébáyọ̀-%d", i), "Fúnmiláyọ̀", fmt.Sprintf("f%d@example.org", i), "Nigeria"})
	}
	_, res := importRows(t, st, w, rows)
	if res.Imported != 300 {
		t.Fatalf("%+v", res)
	}
	refused := func(name string) {
		t.Helper()
		now, _ := st.Participants(w.ID, data.ParticipantFilter{})
		_, err := st.Undo()
		var fe data.FieldError
		if !errors.As(err, &fe) || fe.Key != "error.undo_import_changed" || fe.Args["Name"] != name {
			t.Fatalf("undo: %v, want %s named", err, name)
		}
		if still, _ := st.Participants(w.ID, data.ParticipantFilter{}); !reflect.DeepEqual(now, still) {
			t.Fatal("a refused undo changed the file")
		}
	}
	p := byName(t, st, w, "f250@example.org")
	p.Notes = "Arrives a day late."
	if err := st.SaveParticipant(&p); err != nil {
		t.Fatal(err)
	}
	refused("Fúnmiláyọ̀ Adébáyọ̀-250")
	p.GivenName, p.FamilyName = "Kemi", "Okafor"
	if err := st.SaveParticipant(&p); err != nil {
		t.Fatal(err)
	}
	refused("Fúnmiláyọ̀ Adébáyọ̀-250")

	other, err := data.Open(st.Path(), data.OpenExisting)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	gone := byName(t, st, w, "f17@example.org")
	if err := other.DeleteParticipant(gone.ID); err != nil {
		t.Fatal(err)
	}
	refused("Fúnmiláyọ̀ Adébáyọ̀-17")
	if u := st.LastUndoable(); u != res.Undo {
		t.Fatalf("the refused import is no longer the one to undo: %+v", u)
	}
}
