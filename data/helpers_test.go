package data

import (
	"path/filepath"
	"testing"
	"time"
)

func openTemp(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "atelier.db")
	st, err := Open(path, OpenOrCreate)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st, path
}

func mustNoErr(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func lagosWorkshop() Workshop {
	return Workshop{
		Title: "Museums for everyone", Theme: "Participatory heritage", City: "Lagos", Country: "NG",
		Region: "Africa", Venue: "Yemisi Shyllon Museum of Art", StartDate: NewDate(2022, time.November, 21),
		EndDate: NewDate(2022, time.November, 25), Language: English, GrantTarget: 28,
	}
}

func addWorkshop(t testing.TB, st *Store) Workshop {
	t.Helper()
	w := lagosWorkshop()
	mustNoErr(t, st.SaveWorkshop(&w))
	return w
}

func addSession(t testing.TB, st *Store, w Workshop, day, startHour, endHour int, title string) Session {
	t.Helper()
	d := w.StartDate.AddDays(day)
	s := Session{WorkshopID: w.ID, Title: title, Kind: KindLecture, Start: d.At(startHour, 0), End: d.At(endHour, 0),
		Room: "Auditorium", CountsForCertificate: true}
	mustNoErr(t, st.SaveSession(&s))
	return s
}

func addParticipant(t testing.TB, st *Store, w Workshop, given, family string, status Status) Participant {
	t.Helper()
	p := Participant{WorkshopID: w.ID, GivenName: given, FamilyName: family, Status: status, Country: "NG"}
	mustNoErr(t, st.SaveParticipant(&p))
	return p
}

// openOldSchema creates a file at path as Atelier's schema version made
// it, through today's store.
func openOldSchema(t testing.TB, path string, version int) *Store {
	t.Helper()
	all := migrations
	migrations, SchemaVersion = all[:version], version
	old, err := Open(path, OpenOrCreate)
	migrations, SchemaVersion = all, lastVersion(all)
	mustNoErr(t, err)
	return old
}

// markedAsOldSchemas wrote it: a confirmed participant of w marked in
// session s at the time given. Today's store writes columns older schemas
// lacked, so both rows are written by hand.
func markedAsOldSchemas(t testing.TB, old *Store, w Workshop, s Session, given, family string, mark Mark, at string) Participant {
	t.Helper()
	res, err := old.w.Exec(`INSERT INTO participants(workshop_id, given_name, family_name, status, country)
		VALUES (?, ?, ?, 'confirmed', 'NG')`, w.ID, given, family)
	mustNoErr(t, err)
	p := Participant{WorkshopID: w.ID, GivenName: given, FamilyName: family, Status: StatusConfirmed, Country: "NG"}
	p.ID, err = res.LastInsertId()
	mustNoErr(t, err)
	_, err = old.w.Exec(`INSERT INTO attendance(workshop_id, participant_id, session_id, status, marked_at)
		VALUES (?, ?, ?, ?, ?)`, w.ID, p.ID, s.ID, mark, at)
	mustNoErr(t, err)
	return p
}
