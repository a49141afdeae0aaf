package cli

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/mail/mailtest"
)

// oneEligible is a file with one workshop of one session, one confirmed
// participant with an email, present at it: one of everything to count.
func oneEligible(t *testing.T) (db, id string) {
	t.Helper()
	db, id = workshopFile(t)
	st, err := data.Open(db, data.OpenExisting)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	w, _ := strconv.ParseInt(id, 10, 64)
	day := time.Date(2027, 3, 8, 9, 0, 0, 0, time.Local)
	s := data.Session{WorkshopID: w, Title: "Conservation préventive", Kind: data.KindLecture, Start: day,
		End: day.Add(2 * time.Hour), CountsForCertificate: true}
	if err := st.SaveSession(&s); err != nil {
		t.Fatal(err)
	}
	p := data.Participant{WorkshopID: w, FamilyName: "Diallo", GivenName: "Aïssatou", Email: "aissatou@example.sn",
		Country: "SN", Status: data.StatusConfirmed}
	if err := st.SaveParticipants([]*data.Participant{&p}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetMark(&data.Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: data.Present}); err != nil {
		t.Fatal(err)
	}
	return db, id
}

// Every message of the command line that counts says one thing in the
// singular, pronouns and verbs included: a certificate, an earlier key, a
// message that waits and is sent.
func TestCommandsCountOneInTheSingular(t *testing.T) {
	a, id := oneEligible(t)
	b, _ := oneEligible(t)
	for _, db := range []string{a, b} {
		if code, out, errOut := runCLI("certificates", "--db", db, "--workshop", id, "--out", filepath.Join(t.TempDir(), "c.pdf")); code != 0 ||
			!strings.Contains(out, "Wrote 1 certificate to") {
			t.Fatalf("certificates: code %d, %q %q", code, out, errOut)
		}
	}
	if _, out, _ := runCLI("keys", "--db", a); !strings.Contains(out, "signs new certificates; 1 certificate in the register;") {
		t.Errorf("keys: %q", out)
	}
	private := filepath.Join(t.TempDir(), "issuer.pem")
	if code, _, errOut := runCLI("keys", "--db", a, "--export-private", private); code != 0 {
		t.Fatal(errOut)
	}
	if _, out, _ := runCLI("keys", "--db", b, "--import-private", private); !strings.Contains(out, "to verify the 1 certificate it signed;") {
		t.Errorf("keys --import-private: %q", out)
	}
	if _, out, _ := runCLI("keys", "--db", b, "--out", filepath.Join(t.TempDir(), "keys.pem")); !strings.Contains(out, " and 1 earlier one.") {
		t.Errorf("keys --out: %q", out)
	}

	send := []string{"send", "--db", a, "--workshop", id, "--what", "text", "--subject", "Bus", "--body", "The bus leaves at 8.",
		"--from", "organiser@example.org", "--smtp", "127.0.0.1:" + strconv.Itoa(mailtest.FreePort(t)), "--security", "none"}
	_, out, _ := runCLI(send...)
	for _, want := range []string{"1 message to 1 person.", "The message:", "add --yes to queue and send it."} {
		if !strings.Contains(out, want) {
			t.Errorf("send: %q lacks %q", out, want)
		}
	}
	_, out, _ = runCLI(append(send, "--yes")...)
	if !strings.Contains(out, "1 message waits in the outbox: atelier send --db "+a+" --retry sends it.") {
		t.Errorf("send --yes with the server down: %q", out)
	}
}
