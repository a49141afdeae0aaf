package data

import (
	"errors"
	"reflect"
	"testing"
)

// snapshot reads everything a workshop holds, to compare before and after.
type snapshot struct {
	Workshop     Workshop
	Sessions     []Session
	Trainers     []Trainer
	Participants []Participant
	Marks        map[int64]map[int64]Attendance
	Roles        []WorkshopOrganisation
	Certificates []Certificate
}

func takeSnapshot(t *testing.T, st *Store, id int64) snapshot {
	t.Helper()
	var s snapshot
	var err error
	s.Workshop, err = st.Workshop(id)
	mustNoErr(t, err)
	s.Sessions, err = st.Sessions(id)
	mustNoErr(t, err)
	s.Trainers, err = st.Trainers(id)
	mustNoErr(t, err)
	s.Participants, err = st.Participants(id, ParticipantFilter{})
	mustNoErr(t, err)
	s.Marks = map[int64]map[int64]Attendance{}
	for _, p := range s.Participants {
		s.Marks[p.ID], err = st.ParticipantMarks(p.ID)
		mustNoErr(t, err)
	}
	s.Roles, err = st.WorkshopOrganisations(id)
	mustNoErr(t, err)
	s.Certificates, err = st.Certificates(id)
	mustNoErr(t, err)
	return s
}

func richWorkshop(t *testing.T, st *Store) (Workshop, Session, Trainer, Participant) {
	t.Helper()
	w := addWorkshop(t, st)
	org := Organisation{Name: "ICOM"}
	mustNoErr(t, st.SaveOrganisation(&org))
	mustNoErr(t, st.AddOrganisationRole(w.ID, org.ID, RoleOrganiser))
	tr := Trainer{WorkshopID: w.ID, Name: "Ngọzi Ùchẹ́", Email: "ngozi@example.org"}
	mustNoErr(t, st.SaveTrainer(&tr))
	s := addSession(t, st, w, 0, 9, 11, "Collections care")
	s.TrainerIDs = []int64{tr.ID}
	mustNoErr(t, st.SaveSession(&s))
	s2 := addSession(t, st, w, 1, 9, 11, "Risk management")
	p := Participant{WorkshopID: w.ID, GivenName: "Ọláńrewájú", FamilyName: "Àdìgún", Status: StatusConfirmed,
		Country: "NG", Email: "o@example.org", Grant: Grant{Awarded: true, Travel: true, PerDiem: true,
			AmountMinor: 85000, Currency: "USD", Paid: true}, DirectoryConsent: true, Notes: "Vegetarian"}
	mustNoErr(t, st.SaveParticipant(&p))
	other := addParticipant(t, st, w, "Ada", "Obi", StatusConfirmed)
	mustNoErr(t, st.SetMarks([]Attendance{
		{ParticipantID: p.ID, SessionID: s.ID, Mark: Late, Note: "traffic"},
		{ParticipantID: p.ID, SessionID: s2.ID, Mark: Excused, Note: "visa appointment"},
		{ParticipantID: other.ID, SessionID: s.ID, Mark: Present},
	}))
	c := Certificate{WorkshopID: w.ID, ParticipantID: other.ID, Serial: "LAG-2022-001", Code: "K7Q2", Language: English,
		IssuedOn: w.EndDate}
	mustNoErr(t, st.SaveCertificate(&c))
	return w, s, tr, p
}

func TestUndoBringsBackAParticipantWithAttendanceAndGrant(t *testing.T) {
	st, _ := openTemp(t)
	w, _, _, p := richWorkshop(t, st)
	before := takeSnapshot(t, st, w.ID)
	mustNoErr(t, st.DeleteParticipantWithAttendance(p.ID))
	if d := st.LastUndoable(); d == nil || d.Record != "participant" || d.Name != "Ọláńrewájú Àdìgún" {
		t.Fatalf("last deletion %+v", d)
	}
	d, err := st.Undo()
	mustNoErr(t, err)
	if d.Name != "Ọláńrewájú Àdìgún" {
		t.Fatalf("undid %+v", d)
	}
	if after := takeSnapshot(t, st, w.ID); !reflect.DeepEqual(before, after) {
		t.Fatalf("not exactly as before:\n%+v\n%+v", before, after)
	}
	if _, err := st.Undo(); !errors.Is(err, ErrNothingToUndo) {
		t.Fatalf("a second undo: %v", err)
	}
}

func TestUndoBringsBackAWholeWorkshop(t *testing.T) {
	st, _ := openTemp(t)
	w, _, _, _ := richWorkshop(t, st)
	before := takeSnapshot(t, st, w.ID)
	mustNoErr(t, st.DeleteWorkshop(w.ID))
	if _, err := st.Workshop(w.ID); !errors.Is(err, ErrNotFound) {
		t.Fatal("the workshop is still there")
	}
	_, err := st.Undo()
	mustNoErr(t, err)
	if after := takeSnapshot(t, st, w.ID); !reflect.DeepEqual(before, after) {
		t.Fatalf("not exactly as before:\n%+v\n%+v", before, after)
	}
	var fk int
	mustNoErr(t, st.r.QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&fk))
	if fk != 0 {
		t.Fatalf("%d broken references after undo", fk)
	}
}

func TestUndoSessionAndTrainerInReverseOrder(t *testing.T) {
	st, _ := openTemp(t)
	w, s, tr, _ := richWorkshop(t, st)
	before := takeSnapshot(t, st, w.ID)
	mustNoErr(t, st.DeleteSession(s.ID))
	mustNoErr(t, st.DeleteTrainer(tr.ID))
	d, err := st.Undo()
	mustNoErr(t, err)
	if d.Record != "trainer" {
		t.Fatalf("undid the %s first", d.Record)
	}
	d, err = st.Undo()
	mustNoErr(t, err)
	if d.Record != "session" {
		t.Fatalf("undid the %s second", d.Record)
	}
	after := takeSnapshot(t, st, w.ID)
	if !reflect.DeepEqual(before, after) {
		t.Fatalf("not exactly as before:\n%+v\n%+v", before, after)
	}
	if got, _ := st.Session(s.ID); len(got.TrainerIDs) != 1 || got.TrainerIDs[0] != tr.ID {
		t.Fatalf("the session lost its trainer: %+v", got)
	}
}

func TestANewRecordNeverTakesTheIdOfOneWaitingForUndo(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	last := addParticipant(t, st, w, "Last", "Added", StatusApplicant)
	mustNoErr(t, st.DeleteParticipant(last.ID))
	next := addParticipant(t, st, w, "Next", "One", StatusApplicant)
	if next.ID == last.ID {
		t.Fatal("a new participant took the deleted one's id")
	}
	_, err := st.Undo()
	mustNoErr(t, err)
	if got, err := st.Participant(last.ID); err != nil || got.GivenName != "Last" {
		t.Fatalf("undo after a new record: %+v, %v", got, err)
	}
}
