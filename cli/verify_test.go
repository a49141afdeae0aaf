package cli

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data"
)

// issuedDemo is a demo file whose Lagos certificates are issued, with the
// path of its public key file and a certificate.
func issuedDemo(t *testing.T) (db, pub string, c data.Certificate) {
	t.Helper()
	db = demoFile(t)
	dir := t.TempDir()
	if code, _, stderr := runCLI("certificates", "--db", db, "--workshop", "1", "--out", filepath.Join(dir, "c.pdf")); code != 0 {
		t.Fatalf("certificates: %s", stderr)
	}
	pub = filepath.Join(dir, "issuer.pem")
	if code, _, stderr := runCLI("keys", "--db", db, "--out", pub); code != 0 {
		t.Fatalf("keys: %s", stderr)
	}
	st, err := data.Open(db, data.OpenExisting)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	certs, err := st.Certificates(1)
	if err != nil || len(certs) == 0 {
		t.Fatalf("register: %v", err)
	}
	for _, x := range certs {
		if x.HolderName == "María Ñúñez Obiang" {
			return db, pub, x
		}
	}
	t.Fatal("María has no certificate")
	return
}

func TestVerifyATextWithThePublicKeyAlone(t *testing.T) {
	db, pub, c := issuedDemo(t)
	text := c.QRText()
	code, stdout, stderr := runCLI("verify", "--key", pub, text)
	want := "GENUINE: certificate " + c.Serial + ", María Ñúñez Obiang attended \"" + c.WorkshopTitle + "\", Lagos, Nigeria, 21–25 November 2022"
	if code != 0 || !strings.HasPrefix(stdout, want) {
		t.Errorf("verify --key: code %d, %q %q; want %q", code, stdout, stderr, want)
	}
	// Spanish: María's certificate says the title in her language.
	if !strings.HasPrefix(c.WorkshopTitle, "El museo en su conjunto") {
		t.Errorf("María's certificate has the title %q", c.WorkshopTitle)
	}
	// As a scanner hands it over, through standard input.
	stdin = strings.NewReader(data.QRContent("https://icom.example/verify.html", text) + "\n")
	defer func() { stdin = os.Stdin }()
	if code, stdout, _ := runCLI("verify", "--key", pub, "-"); code != 0 || !strings.HasPrefix(stdout, want) {
		t.Errorf("verify --key - (address form): code %d, %q", code, stdout)
	}
	forged := strings.Replace(text, "Obiang", "Obiange", 1)
	if code, stdout, _ := runCLI("verify", "--key", pub, forged); code != 1 ||
		stdout != "NOT GENUINE: the text is not what issuer key "+c.IssuerFingerprint()+" signed: it was changed after signing\n" {
		t.Errorf("forged: code %d, %q", code, stdout)
	}
	otherDB, otherPub, _ := issuedDemo(t)
	if code, stdout, _ := runCLI("verify", "--key", otherPub, text); code != 1 ||
		!strings.Contains(stdout, "NOT GENUINE: it says it was signed by issuer key "+c.IssuerFingerprint()+", which is not a key of") {
		t.Errorf("another issuer's key: code %d, %q", code, stdout)
	}
	if code, stdout, _ := runCLI("verify", "--db", otherDB, text); code != 1 || !strings.Contains(stdout, "not a key of") {
		t.Errorf("another issuer's file: code %d, %q", code, stdout)
	}
	// The issuer's file verifies the text too, and finds it in its register.
	if code, stdout, _ := runCLI("verify", "--db", db, text); code != 0 || !strings.HasPrefix(stdout, want) || strings.Contains(stdout, "register") {
		t.Errorf("verify --db TEXT: code %d, %q", code, stdout)
	}
	if code, stdout, _ := runCLI("verify", "--key", pub, "no text at all"); code != 1 || !strings.HasPrefix(stdout, "NOT GENUINE: this is neither") {
		t.Errorf("junk: code %d, %q", code, stdout)
	}
	for _, args := range [][]string{{"verify", "--db", db, "--key", pub, text}, {"verify", "--key", pub}, {"verify", text}} {
		if code, _, stderr := runCLI(args...); code != 2 || !strings.Contains(stderr, "--key") {
			t.Errorf("%q: code %d, %q", args[:len(args)-1], code, stderr)
		}
	}
	if code, _, stderr := runCLI("verify", "--key", filepath.Join(t.TempDir(), "none.pem"), text); code != 1 || !strings.Contains(stderr, "Atelier cannot find “") {
		t.Errorf("missing key file: code %d, %q", code, stderr)
	}
}

// Issue 14: after the workshop's city changed, or the register entry was
// moved to another workshop, verify says CHANGED and repeats only what the
// code covers: the city as signed, not the new one, as what is certified.
func TestVerifyReportsAChangedCityAndAMovedRow(t *testing.T) {
	db, _, c := issuedDemo(t)
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Exec(`UPDATE workshops SET city = 'Atlantis' WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := runCLI("verify", "--db", db, c.Code)
	if code != 1 || !strings.HasPrefix(stdout, "CHANGED: certificate "+c.Serial+", María Ñúñez Obiang attended") ||
		!strings.Contains(stdout, `, Lagos, Nigeria, 21–25 November 2022 (issuer key`) ||
		!strings.Contains(stdout, `now says place "Atlantis, Nigeria"`) {
		t.Errorf("after the city changed: code %d, %q", code, stdout)
	}
	if _, err := conn.Exec(`UPDATE workshops SET city = 'Lagos' WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	if code, stdout, _ := runCLI("verify", "--db", db, c.Code); code != 0 || !strings.HasPrefix(stdout, "GENUINE") {
		t.Fatalf("city put back: code %d, %q", code, stdout)
	}
	if _, err := conn.Exec(`UPDATE certificates SET workshop_id = 2 WHERE id = ?`, c.ID); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = runCLI("verify", "--db", db, c.Code)
	if code != 1 || !strings.HasPrefix(stdout, "CHANGED: certificate "+c.Serial) || !strings.Contains(stdout, `now says title "`) ||
		!strings.Contains(stdout, `place "Dakar, Senegal"`) {
		t.Errorf("after the row moved: code %d, %q", code, stdout)
	}
}

// verify names the kind of document it checked: a letter is told from a
// certificate, and named by its kind, holder and dates.
func TestVerifyNamesTheKindOfDocument(t *testing.T) {
	db, pub, _ := issuedDemo(t)
	st, err := data.Open(db, data.OpenExisting)
	if err != nil {
		t.Fatal(err)
	}
	key, err := st.SigningKey()
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	signed, err := data.SignDocument(key, data.Document{Kind: "letter", Serial: "VIS-2022-003", Fields: []data.SignedField{
		{Label: "Purpose", Value: "Visa invitation"}, {Label: data.LabelName, Value: "Ìfẹ́olúwa Àdìgún"},
		{Label: data.LabelDates, Value: data.DatesText(data.NewDate(2022, 11, 20), data.NewDate(2022, 11, 26))}}})
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := runCLI("verify", "--key", pub, signed.Text())
	if want := "GENUINE: visa invitation letter VIS-2022-003 to Ìfẹ́olúwa Àdìgún, 20–26 November 2022 (issuer key " +
		key.Fingerprint() + ")\n"; code != 0 || stdout != want {
		t.Errorf("a letter: code %d, %q, want %q", code, stdout, want)
	}
}
