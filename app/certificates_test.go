package app

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/atelier-workshops/atelier/assets"
	"github.com/atelier-workshops/atelier/data"
)

func certificatesOf(t *testing.T, c *controller) *certificatesView {
	return tabOf[*certificatesView](t, c)
}

func TestCertificatesTabIssuesPrintsAndVerifies(t *testing.T) {
	st, res := demoStore(t)
	c, q := openAt(t, "en", st, res.Lagos)
	v := certificatesOf(t, c)
	if len(v.rows) == 0 || !strings.Contains(v.summary.Text, "participants eligible · 0 certificates in the register") {
		t.Fatalf("%d rows, summary %q", len(v.rows), v.summary.Text)
	}
	if !hasText(v.item.Content, "Eligible") && !hasText(v.item.Content, "eligible") {
		t.Error("the verdicts are not shown")
	}

	// Issue and print goes through the file name dialog into a folder.
	ended := countOf[workEnded](c)
	v.each.SetChecked(true)
	test := findButton(v.item.Content, "Issue and print…")
	if test == nil {
		t.Fatal("no Issue and print button")
	}
	test.OnTapped()
	ask := lastOf[*issueConfirm](c)
	if ask == nil {
		t.Fatal("Issue and print did not say first what it will do")
	}
	ask.issue.OnTapped()
	dir := t.TempDir()
	n := lastOf[*newDatabaseDialog](c)
	if n == nil {
		t.Fatal("no dialog asked where to save")
	}
	n.folder = dir
	n.name.SetText("lagos")
	n.create()
	if v.working.Hidden || !v.issue.Disabled() {
		t.Error("no progress while printing, or the button can be tapped twice")
	}
	if !q.runUntil(20*time.Second, func() bool { return countOf[workEnded](c) > ended }) {
		t.Fatal("printing did not finish")
	}
	done := lastOf[workEnded](c).err
	pdf, err := os.ReadFile(filepath.Join(dir, "lagos.pdf"))
	if done != nil || err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("error %v, file %v", done, err)
	}
	register, _ := st.Certificates(res.Lagos)
	if len(register) == 0 || !v.working.Hidden || v.issue.Disabled() {
		t.Fatalf("register %d, progress still shown %v", len(register), !v.working.Hidden)
	}
	if top := topDialog(c); top == nil || !hasText(top, "certificates saved in “lagos.pdf”.") ||
		!hasText(top, "One file each is in the folder “lagos”.") {
		t.Error("no notice says how many were saved, and where")
	}
	if each, _ := os.ReadDir(filepath.Join(dir, "lagos")); len(each) != len(register) {
		t.Errorf("the folder holds %d files for %d certificates", len(each), len(register))
	}
	if !strings.Contains(v.summary.Text, "certificates in the register") || strings.Contains(v.summary.Text, " 0 certificates") {
		t.Errorf("the summary did not follow: %q", v.summary.Text)
	}
	withSerial := 0
	for _, r := range v.rows {
		if r.cert != nil {
			withSerial++
		}
	}
	if withSerial == 0 {
		t.Error("no row shows its serial number")
	}

	first := register[0]
	for typed, want := range map[string]string{
		strings.ToLower(first.Code):              "Genuine: " + first.Serial + ", " + first.HolderName,
		"ZZZZ-ZZZZ-ZZZZ":                         "Not genuine: no certificate",
		strings.ReplaceAll(first.Code, "-", " "): "Genuine: ",
	} {
		typeOver(c, v.code, typed)
		v.verify()
		if !strings.HasPrefix(v.verdict.Text, want) {
			t.Errorf("verify %q: %q, want %q…", typed, v.verdict.Text, want)
		}
	}
}

func TestCertificatesVerifyInFrenchAndNobodyEligible(t *testing.T) {
	st, res := demoStore(t)
	c, q := openAt(t, "fr", st, res.Planned)
	v := certificatesOf(t, c)
	ended := countOf[workEnded](c)
	v.issueTo(filepath.Join(t.TempDir(), "dakar.pdf"))
	if !q.runUntil(20*time.Second, func() bool { return countOf[workEnded](c) > ended }) {
		t.Fatal("did not finish")
	}
	if top := topDialog(c); top == nil || !hasText(top, "Personne n’a encore droit à une attestation") {
		t.Errorf("nobody eligible is not said: %q", visibleTexts(top))
	}
	typeOver(c, v.code, "0000-0000-0000")
	v.verify()
	if v.verdict.Text != "Non authentique\u00a0: aucune attestation ni lettre de ce fichier n’a ce code." {
		t.Errorf("verdict %q", v.verdict.Text)
	}
}

func TestWordingAndSignatoriesSaveAsTyped(t *testing.T) {
	useLanguage(t, "en")
	st, res := demoStore(t)
	if err := st.SetSignatories(res.Lagos, nil); err != nil { // the demo has its own
		t.Fatal(err)
	}
	c, _ := openWindow(t, st)
	c.screen.selectID(res.Lagos)
	v := certificatesOf(t, c)
	findButton(v.item.Content, "Wording and signatories…").OnTapped()
	g := lastOf[*wordingDialog](c)
	if g == nil || g.current != data.English || g.title.PlaceHolder != "Certificate of attendance" {
		t.Fatalf("dialog %+v", g)
	}
	g.language.SetSelectedIndex(1) // French
	if g.current != data.French || g.title.PlaceHolder != "Attestation de participation" || g.title.Text != "" {
		t.Fatalf("French wording: %q / %q", g.title.PlaceHolder, g.title.Text)
	}
	typeOver(c, g.title, "Attestation de formation")
	typeOver(c, g.names[0], "Adébáyọ̀ Okafor")
	typeOver(c, g.roles[0], "Directeur")
	typeOver(c, g.names[2], "Claire Dubois")
	fr, _ := st.CertificateWording(res.Lagos, data.French)
	en, _ := st.CertificateWording(res.Lagos, data.English)
	signers, _ := st.Signatories(res.Lagos)
	if fr.Title != "Attestation de formation" || en.Title != "" {
		t.Errorf("wording: fr %+v, en %+v", fr, en)
	}
	if len(signers) != 2 || signers[0].Name != "Adébáyọ̀ Okafor" || signers[0].Title != "Directeur" || signers[1].Name != "Claire Dubois" {
		t.Errorf("signatories %+v", signers)
	}
	g.language.SetSelectedIndex(0)
	if g.title.Text != "" {
		t.Errorf("English shows %q", g.title.Text)
	}
	g.language.SetSelectedIndex(1)
	if g.title.Text != "Attestation de formation" {
		t.Errorf("French back: %q", g.title.Text)
	}
}

// A signature image chosen from disk is kept with its signatory; a file that
// is not an image is refused and changes nothing.
func TestSignatureImages(t *testing.T) {
	st, res := demoStore(t)
	c, _ := openAt(t, "en", st, res.Lagos)
	v := certificatesOf(t, c)
	findButton(v.item.Content, "Wording and signatories…").OnTapped()
	g := lastOf[*wordingDialog](c)
	dir := t.TempDir()
	notImage := filepath.Join(dir, "signature.png")
	if err := os.WriteFile(notImage, []byte("not an image"), 0o644); err != nil {
		t.Fatal(err)
	}
	g.useSignatureFile(1, notImage)
	if !strings.Contains(g.status.Text, "PNG or JPEG") {
		t.Fatalf("no message for a file that is not an image: %q", g.status.Text)
	}
	signers, _ := st.Signatories(res.Lagos)
	if len(signers[1].Signature) != 0 {
		t.Fatal("a refused file was stored")
	}
	png := filepath.Join(dir, "real.png")
	if err := os.WriteFile(png, assets.Icon, 0o644); err != nil {
		t.Fatal(err)
	}
	g.useSignatureFile(1, png)
	signers, _ = st.Signatories(res.Lagos)
	if !bytes.Equal(signers[1].Signature, assets.Icon) || signers[1].Name != "Dr Ọlábísí Adérìnọ̀kun" {
		t.Fatalf("signatory 2 after choosing a signature: %+v", signers[1].Name)
	}
	typeOver(c, g.roles[1], "Director")
	signers, _ = st.Signatories(res.Lagos)
	if !bytes.Equal(signers[1].Signature, assets.Icon) {
		t.Fatal("editing the title lost the signature")
	}
}

// Issue and print says first how many certificates, that serial numbers
// are given for good and who is left out; Cancel gives out nothing. When
// nobody is eligible it says so before any file dialog.
func TestIssuingAsksFirstAndNobodyEligibleComesBeforeTheFileDialog(t *testing.T) {
	st, res := demoStore(t)
	c, _ := openAt(t, "en", st, res.Lagos)
	v := certificatesOf(t, c)
	var left []string
	for _, r := range v.rows {
		if !r.eligibility.Eligible {
			left = append(left, r.name)
		}
	}
	certs, err := st.PreviewCertificates(res.Lagos, data.IssueOptions{Trainers: v.trainers.Checked})
	if err != nil || len(left) == 0 || len(certs) == 0 {
		t.Fatalf("the demo has %d left out, %d to print (%v)", len(left), len(certs), err)
	}
	findButton(v.item.Content, "Issue and print…").OnTapped()
	ask := lastOf[*issueConfirm](c)
	if ask == nil || lastOf[*newDatabaseDialog](c) != nil {
		t.Fatal("no confirmation, or a file dialog before it")
	}
	want := []string{
		fmt.Sprintf("%d certificates will be printed.", len(certs)),
		fmt.Sprintf("%d of them get a serial number and a verification code now, for good: they stay in the register, and printing again keeps them.", len(certs)),
		fmt.Sprintf("Left out, not eligible (%d): %s.", len(left), strings.Join(left, ", ")),
	}
	// The paragraphs, then the dialog's title.
	if got := visibleTexts(topDialog(c)); !slices.Equal(got, append(want, "Issue certificates")) {
		t.Errorf("the confirmation says\n%q\nwant\n%q", got, want)
	}
	test.Tap(findButton(topDialog(c), "Cancel"))
	if register, _ := st.Certificates(res.Lagos); len(register) != 0 || lastOf[*newDatabaseDialog](c) != nil || topDialog(c) != nil {
		t.Errorf("Cancel: %d certificates in the register, file dialog %v", len(register), lastOf[*newDatabaseDialog](c) != nil)
	}

	// The planned workshop, nothing marked yet: said at once, no dialog.
	c.screen.selectID(res.Planned)
	v = certificatesOf(t, c)
	findButton(v.item.Content, "Issue and print…").OnTapped()
	if top := topDialog(c); top == nil || !hasText(top, "Nobody is eligible for a certificate yet") {
		t.Errorf("nobody eligible is not said first: %q", visibleTexts(top))
	}
	if lastOf[*newDatabaseDialog](c) != nil || countOf[*issueConfirm](c) != 1 {
		t.Error("a file dialog or a confirmation opened with nobody eligible")
	}
}
