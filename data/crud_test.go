package data

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

func TestWorkshopRoundTripUpdateDelete(t *testing.T) {
	st, _ := openTemp(t)
	w := lagosWorkshop()
	w.Title = "  Musées  et communautés  "
	w.Rule = CertificateRule{MinPercent: 75, LateCounts: false, ExcusedPolicy: ExcusedAbsent}
	mustNoErr(t, st.SaveWorkshop(&w))
	if w.ID == 0 || w.CreatedAt.IsZero() {
		t.Fatal("create did not set ID and CreatedAt")
	}
	got, err := st.Workshop(w.ID)
	mustNoErr(t, err)
	if got.Title != "Musées  et communautés" {
		t.Fatalf("title not trimmed: %q", got.Title)
	}
	if got.StartDate != w.StartDate || got.EndDate != w.EndDate || got.Rule != w.Rule || got.Country != "NG" ||
		got.Language != English || got.GrantTarget != 28 || got.Venue != w.Venue {
		t.Fatalf("round trip: got %+v, want %+v", got, w)
	}
	got.City, got.Language = "Cali", Spanish
	mustNoErr(t, st.SaveWorkshop(&got))
	again, err := st.Workshop(w.ID)
	mustNoErr(t, err)
	if again.City != "Cali" || again.Language != Spanish {
		t.Fatalf("update lost: %+v", again)
	}
	list, err := st.Workshops()
	mustNoErr(t, err)
	if len(list) != 1 {
		t.Fatalf("%d workshops", len(list))
	}
	mustNoErr(t, st.DeleteWorkshop(w.ID))
	if _, err := st.Workshop(w.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
	if err := st.DeleteWorkshop(w.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleting twice: %v", err)
	}
}

func TestNewWorkshopGetsTheDefaultRule(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	got, err := st.Workshop(w.ID)
	mustNoErr(t, err)
	if got.Rule != DefaultCertificateRule {
		t.Fatalf("rule %+v", got.Rule)
	}
}

func TestOrganisationsAndRoles(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	icom := Organisation{Name: "International Council of Museums", ShortName: "ICOM", Country: "fr", Logo: png}
	host := Organisation{Name: "Yemisi Shyllon Museum of Art", Country: "NG"}
	sponsor := Organisation{Name: "Smithsonian Institution"}
	for _, o := range []*Organisation{&icom, &host, &sponsor} {
		mustNoErr(t, st.SaveOrganisation(o))
	}
	got, err := st.Organisation(icom.ID)
	mustNoErr(t, err)
	if got.Country != "FR" || got.LogoType != "image/png" || !reflect.DeepEqual(got.Logo, png) {
		t.Fatalf("organisation round trip: %+v", got)
	}
	mustNoErr(t, st.AddOrganisationRole(w.ID, sponsor.ID, RoleSupporter))
	mustNoErr(t, st.AddOrganisationRole(w.ID, host.ID, RoleHost))
	mustNoErr(t, st.AddOrganisationRole(w.ID, icom.ID, RoleOrganiser))
	mustNoErr(t, st.AddOrganisationRole(w.ID, icom.ID, RoleOrganiser)) // twice is harmless
	mustNoErr(t, st.AddOrganisationRole(w.ID, host.ID, RoleOrganiser))
	roles, err := st.WorkshopOrganisations(w.ID)
	mustNoErr(t, err)
	var order []string
	for _, r := range roles {
		order = append(order, string(r.Role)+":"+r.Name)
	}
	want := []string{"organiser:International Council of Museums", "organiser:Yemisi Shyllon Museum of Art",
		"host:Yemisi Shyllon Museum of Art", "supporter:Smithsonian Institution"}
	if !reflect.DeepEqual(order, want) {
		t.Fatalf("roles %v, want %v", order, want)
	}
	err = st.AddOrganisationRole(w.ID, host.ID, "sponsor")
	if v, ok := AsValidation(err); !ok || v.Fields[0].Field != "role" {
		t.Fatalf("unknown role: %v", err)
	}
	mustNoErr(t, st.RemoveOrganisationRole(w.ID, host.ID, RoleOrganiser))
	mustNoErr(t, st.DeleteOrganisation(sponsor.ID))
	roles, _ = st.WorkshopOrganisations(w.ID)
	if len(roles) != 2 {
		t.Fatalf("after removing a role and an organisation: %d roles", len(roles))
	}
	all, _ := st.Organisations()
	if len(all) != 2 {
		t.Fatalf("%d organisations", len(all))
	}
	bad := Organisation{Name: "Fake", Logo: []byte("GIF89a......")}
	if err := st.SaveOrganisation(&bad); err == nil {
		t.Fatal("a GIF logo was accepted")
	}
}

func TestTrainersAndSessionsRoundTrip(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	a := Trainer{WorkshopID: w.ID, Name: "Ngọzi Ùchẹ́", Title: "Curator", Affiliation: "National Museum Lagos",
		Country: "NG", Email: "ngozi@example.org", Languages: "English, Igbo", Bio: "Works on community exhibitions."}
	b := Trainer{WorkshopID: w.ID, Name: "Hélène Dubois", Country: "FR"}
	mustNoErr(t, st.SaveTrainer(&a))
	mustNoErr(t, st.SaveTrainer(&b))
	gotA, err := st.Trainer(a.ID)
	mustNoErr(t, err)
	if !reflect.DeepEqual(gotA, a) {
		t.Fatalf("trainer round trip: %+v vs %+v", gotA, a)
	}
	d := w.StartDate.AddDays(1)
	s := Session{WorkshopID: w.ID, Title: "Risk management", Kind: KindFieldVisit, Start: d.At(9, 30),
		End: d.At(12, 0), Room: "Bus", Description: "Visit to the National Museum", CountsForCertificate: true,
		Mandatory: true, TrainerIDs: []int64{b.ID, a.ID}}
	mustNoErr(t, st.SaveSession(&s))
	got, err := st.Session(s.ID)
	mustNoErr(t, err)
	if !reflect.DeepEqual(got, s) {
		t.Fatalf("session round trip:\n got %+v\nwant %+v", got, s)
	}
	got.TrainerIDs = []int64{a.ID}
	got.Title = "Risk management field visit"
	mustNoErr(t, st.SaveSession(&got))
	again, _ := st.Session(s.ID)
	if again.Title != got.Title || !reflect.DeepEqual(again.TrainerIDs, []int64{a.ID}) {
		t.Fatalf("session update: %+v", again)
	}
	led, err := st.TrainerSessions(a.ID)
	mustNoErr(t, err)
	if len(led) != 1 || led[0].ID != s.ID {
		t.Fatalf("trainer sessions %+v", led)
	}
	mustNoErr(t, st.DeleteTrainer(a.ID))
	again, _ = st.Session(s.ID)
	if len(again.TrainerIDs) != 0 {
		t.Fatalf("deleted trainer still leads %v", again.TrainerIDs)
	}
	list, _ := st.Trainers(w.ID)
	if len(list) != 1 || list[0].ID != b.ID {
		t.Fatalf("trainers after delete: %+v", list)
	}
}

func TestSessionRefusesTrainerOfAnotherWorkshop(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	other := lagosWorkshop()
	mustNoErr(t, st.SaveWorkshop(&other))
	stranger := Trainer{WorkshopID: other.ID, Name: "Elsewhere"}
	mustNoErr(t, st.SaveTrainer(&stranger))
	s := Session{WorkshopID: w.ID, Title: "x", Kind: KindLecture, Start: w.StartDate.At(9, 0), End: w.StartDate.At(10, 0),
		TrainerIDs: []int64{stranger.ID}}
	err := st.SaveSession(&s)
	if v, ok := AsValidation(err); !ok || v.Fields[0].Field != "trainers" {
		t.Fatalf("want trainers error, got %v", err)
	}
	if list, _ := st.Sessions(w.ID); len(list) != 0 {
		t.Fatal("a rejected session was saved")
	}
}

func TestSessionsByDayIncludesEmptyDaysAndStrays(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	addSession(t, st, w, 2, 14, 16, "Afternoon")
	addSession(t, st, w, 2, 9, 10, "Morning")
	addSession(t, st, w, 0, 9, 10, "Opening")
	// A session stranded when the workshop shrinks stays visible.
	w.EndDate = w.StartDate.AddDays(1)
	mustNoErr(t, st.SaveWorkshop(&w))
	days, err := st.SessionsByDay(w.ID)
	mustNoErr(t, err)
	var got []string
	for _, d := range days {
		titles := ""
		for _, s := range d.Sessions {
			titles += "|" + s.Title
		}
		got = append(got, d.Date.String()+titles)
	}
	want := []string{"2022-11-21|Opening", "2022-11-22", "2022-11-23|Morning|Afternoon"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("days %v, want %v", got, want)
	}
}

func TestParticipantRoundTripAndFilters(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	p := Participant{WorkshopID: w.ID, GivenName: "Ọláńrewájú", FamilyName: "Àdìgún", PrintedName: "Dr Ọláńrewájú Àdìgún",
		Gender: GenderFemale, Country: "ng", Institution: "National Museum, Ọ̀yọ́", Position: "Curator",
		Email: "o.adigun@example.org", Phone: "+234 803 000 0000", Language: English, Status: StatusConfirmed,
		Grant:            Grant{Awarded: true, Travel: true, PerDiem: true, AmountMinor: 85000, Currency: "usd", Paid: true},
		DirectoryConsent: true, Notes: "Vegetarian"}
	mustNoErr(t, st.SaveParticipant(&p))
	got, err := st.Participant(p.ID)
	mustNoErr(t, err)
	if !reflect.DeepEqual(got, p) || got.Country != "NG" || got.Grant.Currency != "USD" {
		t.Fatalf("participant round trip:\n got %+v\nwant %+v", got, p)
	}
	addParticipant(t, st, w, "José", "Ñúñez", StatusApplicant)
	gh := Participant{WorkshopID: w.ID, GivenName: "Kwame", FamilyName: "Mensah", Country: "GH", Status: StatusWaitlisted}
	mustNoErr(t, st.SaveParticipant(&gh))

	cases := []struct {
		f    ParticipantFilter
		want []string
	}{
		{ParticipantFilter{}, []string{"Àdìgún", "Mensah", "Ñúñez"}},
		{ParticipantFilter{Text: "olanrewaju"}, []string{"Àdìgún"}},
		{ParticipantFilter{Text: "OYO curator"}, []string{"Àdìgún"}},
		{ParticipantFilter{Text: "nunez"}, []string{"Ñúñez"}},
		{ParticipantFilter{Country: "gh"}, []string{"Mensah"}},
		{ParticipantFilter{Statuses: []Status{StatusApplicant, StatusConfirmed}}, []string{"Àdìgún", "Ñúñez"}},
		{ParticipantFilter{Text: "jose", Country: "NG"}, []string{"Ñúñez"}},
		{ParticipantFilter{Text: "nobody"}, nil},
	}
	for _, c := range cases {
		list, err := st.Participants(w.ID, c.f)
		mustNoErr(t, err)
		var names []string
		for _, p := range list {
			names = append(names, p.FamilyName)
		}
		if !reflect.DeepEqual(names, c.want) {
			t.Errorf("filter %+v: got %v, want %v", c.f, names, c.want)
		}
	}
	countries, err := st.ParticipantCountries(w.ID)
	mustNoErr(t, err)
	if !reflect.DeepEqual(countries, []string{"GH", "NG"}) {
		t.Fatalf("countries %v", countries)
	}
}

func TestSaveParticipantsIsAllOrNothing(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	batch := []*Participant{
		{WorkshopID: w.ID, GivenName: "Aïssatou", FamilyName: "Diallo"},
		{WorkshopID: w.ID, GivenName: "Broken", Email: "not-an-email"},
	}
	err := st.SaveParticipants(batch)
	if v, ok := AsValidation(err); !ok || v.Fields[0].Field != "email" {
		t.Fatalf("want an email error, got %v", err)
	}
	if list, _ := st.Participants(w.ID, ParticipantFilter{}); len(list) != 0 {
		t.Fatalf("%d participants saved from a rejected batch", len(list))
	}
	batch[1].Email = "b@example.org"
	mustNoErr(t, st.SaveParticipants(batch))
	if list, _ := st.Participants(w.ID, ParticipantFilter{}); len(list) != 2 {
		t.Fatalf("%d participants", len(list))
	}
}

func TestDeletingASessionDeletesItsAttendance(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	s1 := addSession(t, st, w, 0, 9, 10, "One")
	s2 := addSession(t, st, w, 0, 10, 11, "Two")
	p := addParticipant(t, st, w, "Ada", "Obi", StatusConfirmed)
	mustNoErr(t, st.SetMarks([]Attendance{{ParticipantID: p.ID, SessionID: s1.ID, Mark: Present},
		{ParticipantID: p.ID, SessionID: s2.ID, Mark: Absent}}))
	mustNoErr(t, st.DeleteSession(s1.ID))
	marks, err := st.ParticipantMarks(p.ID)
	mustNoErr(t, err)
	if len(marks) != 1 || marks[s2.ID].Mark != Absent {
		t.Fatalf("marks after deleting a session: %+v", marks)
	}
}

func TestParticipantWithAttendanceIsNotDeletedSilently(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	s := addSession(t, st, w, 0, 9, 10, "One")
	p := addParticipant(t, st, w, "Chukwuemeka", "Ọkafọ̀", StatusConfirmed)
	mustNoErr(t, st.SetMark(&Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Present}))
	err := st.DeleteParticipant(p.ID)
	var inUse *InUseError
	if !errors.As(err, &inUse) || inUse.Count != 1 || inUse.What != "attendance marks" {
		t.Fatalf("want InUseError with 1 mark, got %v", err)
	}
	if _, err := st.Participant(p.ID); err != nil {
		t.Fatal("the participant went anyway")
	}
	// The database itself refuses too, whatever code path tries.
	if _, err := st.w.Exec(`DELETE FROM participants WHERE id = ?`, p.ID); err == nil {
		t.Fatal("the schema let a participant with marks be deleted")
	}
	mustNoErr(t, st.DeleteParticipantWithAttendance(p.ID))
	if _, err := st.Participant(p.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after an explicit delete: %v", err)
	}
	if a, _ := st.Mark(p.ID, s.ID); a.Mark != Unmarked {
		t.Fatal("marks survived their participant")
	}
}

func TestDeletingAWorkshopTakesEverythingWithIt(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	keep := lagosWorkshop()
	mustNoErr(t, st.SaveWorkshop(&keep))
	kept := addParticipant(t, st, keep, "Kept", "Person", StatusConfirmed)
	s := addSession(t, st, w, 0, 9, 10, "One")
	p := addParticipant(t, st, w, "Ada", "Obi", StatusConfirmed)
	tr := Trainer{WorkshopID: w.ID, Name: "T"}
	mustNoErr(t, st.SaveTrainer(&tr))
	mustNoErr(t, st.SetMark(&Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Present}))
	c := Certificate{WorkshopID: w.ID, ParticipantID: p.ID, Serial: "LAG-2022-001", Code: "ABC", Language: English,
		IssuedOn: w.EndDate}
	mustNoErr(t, st.SaveCertificate(&c))
	mustNoErr(t, st.DeleteWorkshop(w.ID))
	var n int
	mustNoErr(t, st.r.QueryRow(`SELECT (SELECT count(*) FROM sessions) + (SELECT count(*) FROM attendance) +
		(SELECT count(*) FROM trainers) + (SELECT count(*) FROM certificates)`).Scan(&n))
	if n != 0 {
		t.Fatalf("%d rows of the deleted workshop remain", n)
	}
	if _, err := st.Participant(kept.ID); err != nil {
		t.Fatal("another workshop's participant went too")
	}
}

func TestMarksRoundTripAndWorkshopBoundary(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	s := addSession(t, st, w, 0, 9, 10, "One")
	p := addParticipant(t, st, w, "Ada", "Obi", StatusConfirmed)
	at := time.Date(2022, 11, 21, 9, 5, 0, 0, time.UTC)
	a := Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Excused, MarkedAt: at, Note: "Visa appointment"}
	mustNoErr(t, st.SetMark(&a))
	got, err := st.Mark(p.ID, s.ID)
	mustNoErr(t, err)
	a.Revision = 0 // set by the save alone
	if !reflect.DeepEqual(got, a) {
		t.Fatalf("mark round trip: %+v vs %+v", got, a)
	}
	a.Mark, a.Note = Present, ""
	mustNoErr(t, st.SetMark(&a))
	if got, _ := st.Mark(p.ID, s.ID); got.Mark != Present {
		t.Fatalf("remark: %+v", got)
	}
	byP, _ := st.SessionMarks(s.ID)
	if len(byP) != 1 || byP[p.ID].Mark != Present {
		t.Fatalf("session marks %+v", byP)
	}
	mustNoErr(t, st.ClearMark(p.ID, s.ID))
	if got, _ := st.Mark(p.ID, s.ID); got.Mark != Unmarked {
		t.Fatalf("cleared mark: %+v", got)
	}

	other := lagosWorkshop()
	mustNoErr(t, st.SaveWorkshop(&other))
	stranger := addParticipant(t, st, other, "Not", "Here", StatusConfirmed)
	if err := st.SetMark(&Attendance{ParticipantID: stranger.ID, SessionID: s.ID, Mark: Present}); err == nil {
		t.Fatal("a participant was marked at another workshop's session")
	}
	if err := st.SetMark(&Attendance{ParticipantID: p.ID, SessionID: 9999, Mark: Present}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown session: %v", err)
	}
	if err := st.SetMark(&Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: "maybe"}); err == nil {
		t.Fatal("an unknown mark was accepted")
	}
	// A batch with one bad pair saves nothing.
	err = st.SetMarks([]Attendance{{ParticipantID: p.ID, SessionID: s.ID, Mark: Present},
		{ParticipantID: stranger.ID, SessionID: s.ID, Mark: Present}})
	if err == nil {
		t.Fatal("a batch with a cross-workshop mark was accepted")
	}
	if got, _ := st.Mark(p.ID, s.ID); got.Mark != Unmarked {
		t.Fatal("a rejected batch left a mark behind")
	}
}

func TestMarkEveryoneMarksOnlyConfirmedAndUnmarked(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	s := addSession(t, st, w, 0, 9, 10, "One")
	early := addParticipant(t, st, w, "Early", "Bird", StatusConfirmed)
	addParticipant(t, st, w, "Late", "Comer", StatusConfirmed)
	addParticipant(t, st, w, "Not", "Selected", StatusApplicant)
	mustNoErr(t, st.SetMark(&Attendance{ParticipantID: early.ID, SessionID: s.ID, Mark: Present}))
	n, err := st.MarkEveryone(s.ID, Absent)
	mustNoErr(t, err)
	if n != 1 {
		t.Fatalf("marked %d, want 1", n)
	}
	marks, _ := st.SessionMarks(s.ID)
	if len(marks) != 2 || marks[early.ID].Mark != Present {
		t.Fatalf("marks %+v", marks)
	}
}

func TestCertificateRegisterReissueKeepsSerialAndCode(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	p := addParticipant(t, st, w, "Ada", "Obi", StatusConfirmed)
	q := addParticipant(t, st, w, "Bola", "Ade", StatusConfirmed)
	tr := Trainer{WorkshopID: w.ID, Name: "Expert"}
	mustNoErr(t, st.SaveTrainer(&tr))

	serial, err := st.NextSerial(w.ID)
	mustNoErr(t, err)
	if serial != "LAG-2022-001" {
		t.Fatalf("first serial %q", serial)
	}
	c := Certificate{WorkshopID: w.ID, ParticipantID: p.ID, Serial: serial, Code: "K7Q2-M9XD", Language: English,
		SessionsAttended: 17, SessionsCounted: 20, MinutesAttended: 1500, IssuedOn: w.EndDate}
	mustNoErr(t, st.SaveCertificate(&c))
	next, _ := st.NextSerial(w.ID)
	if next != "LAG-2022-002" {
		t.Fatalf("second serial %q", next)
	}
	re := Certificate{WorkshopID: w.ID, ParticipantID: p.ID, Serial: next, Code: "OTHER", Language: French,
		SessionsAttended: 18, SessionsCounted: 20, IssuedOn: w.EndDate.AddDays(3)}
	mustNoErr(t, st.SaveCertificate(&re))
	if re.Serial != serial || re.Code != "K7Q2-M9XD" || re.ID != c.ID {
		t.Fatalf("reissue changed identity: %+v", re)
	}
	got, err := st.CertificateByCode(" K7Q2-M9XD ")
	mustNoErr(t, err)
	if got.Language != French || got.SessionsAttended != 18 || got.IssuedOn != w.EndDate.AddDays(3) {
		t.Fatalf("reissue did not update figures: %+v", got)
	}
	dup := Certificate{WorkshopID: w.ID, ParticipantID: q.ID, Serial: serial, Code: "NEW", Language: English, IssuedOn: w.EndDate}
	if err := st.SaveCertificate(&dup); err == nil {
		t.Fatal("a serial was used twice")
	}
	forTrainer := Certificate{WorkshopID: w.ID, TrainerID: tr.ID, Serial: "LAG-2022-T01", Code: "TRN", Language: English, IssuedOn: w.EndDate}
	mustNoErr(t, st.SaveCertificate(&forTrainer))
	if err := st.DeleteTrainer(tr.ID); err == nil {
		t.Fatal("a trainer holding a certificate was deleted")
	}
	both := Certificate{WorkshopID: w.ID, ParticipantID: q.ID, TrainerID: tr.ID, Serial: "X", Code: "Y", Language: English, IssuedOn: w.EndDate}
	if err := st.SaveCertificate(&both); err == nil {
		t.Fatal("a certificate with two holders was accepted")
	}
	list, _ := st.Certificates(w.ID)
	if len(list) != 2 {
		t.Fatalf("%d certificates", len(list))
	}
	if _, err := st.CertificateByCode("NOPE"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown code: %v", err)
	}
	mustNoErr(t, st.DeleteCertificate(forTrainer.ID))
	mustNoErr(t, st.DeleteTrainer(tr.ID))
}

func TestCountsOf(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	s := addSession(t, st, w, 0, 9, 10, "One")
	p := addParticipant(t, st, w, "Ada", "Obi", StatusConfirmed)
	addParticipant(t, st, w, "Bo", "Ade", StatusApplicant)
	mustNoErr(t, st.SetMark(&Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Present}))
	c, err := st.CountsOf(w.ID)
	mustNoErr(t, err)
	if c != (WorkshopCounts{Sessions: 1, Participants: 2, Confirmed: 1, Marks: 1}) {
		t.Fatalf("counts %+v", c)
	}
}
