package data

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

// issuedWorkshop has three confirmed participants over two sessions led by
// a trainer: Ọ̀ṣun attends both, Ada one (below 80%), Bola one with an
// override granting the certificate.
func issuedWorkshop(t *testing.T) (*Store, Workshop, map[string]Participant, Trainer) {
	t.Helper()
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	s1 := addSession(t, st, w, 0, 9, 11, "Opening")
	s2 := addSession(t, st, w, 1, 9, 12, "Storage")
	tr := Trainer{WorkshopID: w.ID, Name: "Claire Dubois"}
	mustNoErr(t, st.SaveTrainer(&tr))
	s1.TrainerIDs = []int64{tr.ID}
	mustNoErr(t, st.SaveSession(&s1))
	ps := map[string]Participant{
		"osun": addParticipant(t, st, w, "O\u0323\u0300s\u0323un", "Bello", StatusConfirmed),
		"ada":  addParticipant(t, st, w, "Ada", "Obi", StatusConfirmed),
		"bola": addParticipant(t, st, w, "Bola", "Ade", StatusConfirmed),
	}
	mark := func(p Participant, s Session, m Mark) {
		mustNoErr(t, st.SetMark(&Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: m}))
	}
	mark(ps["osun"], s1, Present)
	mark(ps["osun"], s2, Present)
	mark(ps["ada"], s1, Present)
	mark(ps["ada"], s2, Absent)
	mark(ps["bola"], s1, Present)
	mark(ps["bola"], s2, Absent)
	mustNoErr(t, st.SetEligibilityOverride(&EligibilityOverride{ParticipantID: ps["bola"].ID, Eligible: true,
		Reason: "ill on day two, made up with the trainer"}))
	return st, w, ps, tr
}

func TestIssueCertificatesToEligibleAndTrainers(t *testing.T) {
	st, w, ps, tr := issuedWorkshop(t)
	// A trainer whose only session has not taken place gets none.
	later := Trainer{WorkshopID: w.ID, Name: "Yaw Mensah"}
	mustNoErr(t, st.SaveTrainer(&later))
	s3 := addSession(t, st, w, 3, 9, 10, "Closing")
	s3.CountsForCertificate, s3.TrainerIDs = false, []int64{later.ID}
	mustNoErr(t, st.SaveSession(&s3))
	certs, err := st.IssueCertificates(w.ID, IssueOptions{Trainers: true})
	mustNoErr(t, err)
	got := map[string]Certificate{}
	for _, c := range certs {
		got[c.HolderName] = c
	}
	if len(certs) != 3 {
		t.Fatalf("issued %d certificates, want Ọ̀ṣun, Bola and the trainer: %+v", len(certs), certs)
	}
	osun, ok := got["Ọ̀ṣun Bello"]
	if !ok || osun.ParticipantID != ps["osun"].ID || osun.SessionsAttended != 2 || osun.MinutesAttended != 300 {
		t.Errorf("Ọ̀ṣun's certificate (name in NFC, 2 sessions, 300 minutes): %+v", osun)
	}
	if _, ok := got["Ada Obi"]; ok {
		t.Error("Ada attended half the sessions and has no override, yet got a certificate")
	}
	if _, ok := got["Bola Ade"]; !ok {
		t.Error("Bola's override did not give a certificate")
	}
	trainer := got["Claire Dubois"]
	if trainer.TrainerID != tr.ID || trainer.SessionsAttended != 1 || trainer.MinutesAttended != 120 {
		t.Errorf("trainer's certificate: %+v", trainer)
	}
	serial := regexp.MustCompile(`^LAG-2022-\d{3}$`)
	code := regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$`)
	for _, c := range certs {
		if !serial.MatchString(c.Serial) || !code.MatchString(c.Code) {
			t.Errorf("serial %q or code %q not in the printed form", c.Serial, c.Code)
		}
		if c.IssuedOn != w.EndDate || c.WorkshopTitle != w.Title || c.StartDate != w.StartDate || c.Language != English {
			t.Errorf("content: %+v", c)
		}
	}
	register, err := st.Certificates(w.ID)
	mustNoErr(t, err)
	if len(register) != 3 {
		t.Errorf("register holds %d rows, want what was issued", len(register))
	}
}

func TestReissueKeepsSerialAndCodeUnlessTheNameChanged(t *testing.T) {
	st, w, ps, _ := issuedWorkshop(t)
	first, err := st.IssueCertificates(w.ID, IssueOptions{})
	mustNoErr(t, err)
	again, err := st.IssueCertificates(w.ID, IssueOptions{Trainers: true})
	mustNoErr(t, err)
	for i := range first {
		if first[i].Serial != again[i].Serial || first[i].Code != again[i].Code || first[i].ID != again[i].ID {
			t.Errorf("reissue changed %+v into %+v", first[i], again[i])
		}
	}
	if again[len(again)-1].Serial != "LAG-2022-003" {
		t.Errorf("the trainer added on reissue got %q, want the next serial", again[len(again)-1].Serial)
	}
	p := ps["osun"]
	p.PrintedName = "Ọ̀ṣun Adébáyọ̀ Bello"
	mustNoErr(t, st.SaveParticipant(&p))
	corrected, err := st.IssueCertificates(w.ID, IssueOptions{})
	mustNoErr(t, err)
	of := func(list []Certificate) Certificate {
		for _, c := range list {
			if c.ParticipantID == p.ID {
				return c
			}
		}
		t.Fatalf("no certificate for Ọ̀ṣun in %+v", list)
		return Certificate{}
	}
	before, after := of(first), of(corrected)
	if after.Serial != before.Serial || after.Code == before.Code {
		t.Errorf("a corrected name keeps the serial and gets a new code: %+v then %+v", before, after)
	}
	if _, err := st.Verify(before.Code); !errors.Is(err, ErrUnknownCode) {
		t.Errorf("the old code still verifies: %v", err)
	}
	v, err := st.Verify(after.Code)
	if err != nil || !v.Genuine || v.Certificate.HolderName != "Ọ̀ṣun Adébáyọ̀ Bello" {
		t.Errorf("new code: %+v, %v", v, err)
	}
}

func TestVerifyGenuineTamperedAndUnknown(t *testing.T) {
	st, w, _, _ := issuedWorkshop(t)
	certs, err := st.IssueCertificates(w.ID, IssueOptions{})
	mustNoErr(t, err)
	c := certs[0]
	typed := []string{c.Code, " " + c.Code + " ", regexp.MustCompile("-").ReplaceAllString(c.Code, ""),
		strings.ToLower(c.Code)}
	for _, code := range typed {
		v, err := st.Verify(code)
		if err != nil || !v.Genuine || v.Certificate.Serial != c.Serial || v.Certificate.HolderName != c.HolderName {
			t.Errorf("Verify(%q) = %+v, %v; want genuine %s", code, v, err, c.Serial)
		}
	}
	for column, value := range map[string]any{"holder_name": "Mallory Bello", "start_date": "2022-11-20",
		"end_date": "2022-11-26", "workshop_title": "Museums for some", "language": "fr"} {
		_, err := st.w.Exec(`UPDATE certificates SET `+column+` = ? WHERE id = ?`, value, c.ID)
		mustNoErr(t, err)
		v, err := st.Verify(c.Code)
		if err != nil || v.Genuine {
			t.Errorf("after changing %s, Verify = %+v, %v; want not genuine", column, v, err)
		}
		back := map[string]any{"holder_name": c.HolderName, "start_date": c.StartDate.String(),
			"end_date": c.EndDate.String(), "workshop_title": c.WorkshopTitle, "language": string(c.Language)}
		_, err = st.w.Exec(`UPDATE certificates SET `+column+` = ? WHERE id = ?`, back[column], c.ID)
		mustNoErr(t, err)
	}
	for _, code := range []string{"0000-0000-0000", "K7Q2-M9XD-4FHT", "", "not a code"} {
		if v, err := st.Verify(code); !errors.Is(err, ErrUnknownCode) {
			t.Errorf("Verify(%q) = %+v, %v; want unknown", code, v, err)
		}
	}
	// Another file has another secret: the same content gets another code.
	other, _, _, _ := issuedWorkshop(t)
	elsewhere, err := other.IssueCertificates(w.ID, IssueOptions{})
	mustNoErr(t, err)
	if elsewhere[0].Code == c.Code {
		t.Error("two files with the same content issued the same code: the secret is not per file")
	}
}

func TestNormaliseCodeReadsWhatPeopleType(t *testing.T) {
	for typed, want := range map[string]string{
		"k7q2-m9xd-4fht": "K7Q2-M9XD-4FHT", "K7Q2 M9XD 4FHT": "K7Q2-M9XD-4FHT", "k7q2m9xd4fht": "K7Q2-M9XD-4FHT",
		"OIL0-0000-0000": "0110-0000-0000", "abc": "abc", "UUUU-UUUU-UUUU": "UUUU-UUUU-UUUU",
	} {
		if got := NormaliseCode(typed); got != want {
			t.Errorf("NormaliseCode(%q) = %q, want %q", typed, got, want)
		}
	}
}

func TestSignatoriesAndWording(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	sig := []byte("\x89PNG fake")
	mustNoErr(t, st.SetSignatories(w.ID, []Signatory{{Name: " Adébáyọ̀ Okafor ", Title: "Director", Signature: sig},
		{Name: "Claire Dubois", Title: "Programme officer"}}))
	got, err := st.Signatories(w.ID)
	mustNoErr(t, err)
	if len(got) != 2 || got[0].Name != "Adébáyọ̀ Okafor" || got[0].Position != 1 || string(got[0].Signature) != string(sig) ||
		got[1].Signature != nil {
		t.Errorf("signatories: %+v", got)
	}
	if err := st.SetSignatories(w.ID, []Signatory{{Name: " "}}); err == nil {
		t.Error("a signatory without a name was accepted")
	}
	if err := st.SetSignatories(w.ID, make([]Signatory, 4)); err == nil {
		t.Error("four signatories were accepted")
	}
	empty, err := st.CertificateWording(w.ID, French)
	mustNoErr(t, err)
	if empty != (CertificateWording{}) {
		t.Errorf("no wording set, got %+v", empty)
	}
	mustNoErr(t, st.SetCertificateWording(w.ID, French, CertificateWording{Title: "Attestation de participation"}))
	fr, err := st.CertificateWording(w.ID, French)
	mustNoErr(t, err)
	en, _ := st.CertificateWording(w.ID, English)
	if fr.Title != "Attestation de participation" || en.Title != "" {
		t.Errorf("wording: fr %+v en %+v", fr, en)
	}
}

func TestPreviewMatchesWhatIssueWritesAndWritesNothing(t *testing.T) {
	st, w, _, _ := issuedWorkshop(t)
	before, err := st.PreviewCertificates(w.ID, IssueOptions{Trainers: true})
	mustNoErr(t, err)
	if list, _ := st.Certificates(w.ID); len(list) != 0 {
		t.Fatalf("a preview wrote %d certificates", len(list))
	}
	for _, c := range before {
		if c.Serial != "" || c.Code != "" {
			t.Fatalf("a certificate not yet issued has a serial or code: %+v", c)
		}
	}
	issued, err := st.IssueCertificates(w.ID, IssueOptions{Trainers: true})
	mustNoErr(t, err)
	after, err := st.PreviewCertificates(w.ID, IssueOptions{Trainers: true})
	mustNoErr(t, err)
	if len(after) != len(issued) || len(before) != len(issued) {
		t.Fatalf("previewed %d then %d, issued %d", len(before), len(after), len(issued))
	}
	for i := range issued {
		if after[i].HolderName != issued[i].HolderName || after[i].Serial != issued[i].Serial || after[i].Code != issued[i].Code {
			t.Fatalf("preview %+v differs from the register %+v", after[i], issued[i])
		}
	}
}
