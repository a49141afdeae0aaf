package app

import (
	"bytes"
	"log"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// issuedWindow is the demo with the Lagos certificates issued, open in
// English on the Certificates tab.
func issuedWindow(t *testing.T) (*data.Store, *controller, *uiQueue, *certificatesView, []data.Certificate) {
	t.Helper()
	useLanguage(t, "en")
	st, res := demoStore(t)
	certs, err := st.IssueCertificates(res.Lagos, data.IssueOptions{Trainers: true})
	if err != nil {
		t.Fatal(err)
	}
	c, q := openWindow(t, st)
	c.screen.selectID(res.Lagos)
	return st, c, q, certificatesOf(t, c), certs
}

func TestRevokeFromTheCertificatesTab(t *testing.T) {
	st, c, _, v, certs := issuedWindow(t)
	if findButton(v.item.Content, "Revoke…") == nil {
		t.Fatal("no Revoke button")
	}
	g := v.showRevoke()
	if g == nil || len(g.certs) != len(certs) {
		t.Fatalf("the dialog offers %v certificates of %d", g, len(certs))
	}
	target := certs[1]
	i := -1
	for k, x := range g.certs {
		if x.ID == target.ID {
			i = k
		}
	}
	if !g.confirm.Disabled() {
		t.Error("Revoke can be tapped before a certificate and a reason are given")
	}
	g.choice.SetSelectedIndex(i)
	if !g.confirm.Disabled() {
		t.Error("Revoke can be tapped without a reason")
	}
	typeOver(c, g.reason, "Issued in error: did not attend")
	if g.confirm.Disabled() {
		t.Fatal("Revoke stays disabled with a certificate and a reason")
	}
	g.confirm.OnTapped()
	list, err := st.Revocations()
	if err != nil || len(list) != 1 || list[0].CertificateID != target.ID || list[0].Reason != "Issued in error: did not attend" {
		t.Fatalf("revocations: %+v, %v", list, err)
	}
	if top := topDialog(c); top == nil || !hasText(top, target.Serial+" ("+target.HolderName+") is revoked") {
		t.Error("no notice says it was revoked")
	}
	found := false
	for _, r := range v.rows {
		if r.cert != nil && r.cert.ID == target.ID && r.revoked {
			found = true
		}
	}
	if !found {
		t.Error("the row of the revoked certificate does not say so")
	}
	typeOver(c, v.code, target.Code)
	v.verify()
	if !strings.HasPrefix(v.verdict.Text, "Revoked on ") || !strings.Contains(v.verdict.Text, "did not attend") {
		t.Errorf("verify after revoking: %q", v.verdict.Text)
	}
	// It is no longer offered.
	if g := v.showRevoke(); len(g.certs) != len(certs)-1 {
		t.Errorf("the dialog offers %d certificates after one was revoked, of %d", len(g.certs), len(certs))
	}
}

func TestTitlesInOtherLanguagesAreSavedAndPrinted(t *testing.T) {
	st, c, _, v, _ := issuedWindow(t)
	if findButton(v.item.Content, "Other languages…") == nil {
		t.Fatal("no Other languages button")
	}
	g := v.showTitles()
	if g == nil || len(g.langs) != 2 || g.titles[data.English] != nil {
		t.Fatalf("the dialog offers %v, want French and Spanish only", g.langs)
	}
	if g.titles[data.French].Text == "" || len(g.roles[data.Spanish]) != 3 || g.roles[data.Spanish][0].PlaceHolder != "Head of Training, ICOM Secretariat" {
		t.Fatalf("the demo's French title or Spanish roles are not shown: %q, %d", g.titles[data.French].Text, len(g.roles[data.Spanish]))
	}
	typeOver(c, g.titles[data.French], "Le musée en entier")
	typeOver(c, g.roles[data.French][2], "Président d’ICOM Nigeria")
	texts, _ := st.WorkshopTexts(v.w.ID)
	signers, _ := st.Signatories(v.w.ID)
	if texts[data.French].Title != "Le musée en entier" || signers[2].TitleIn(data.French) != "Président d’ICOM Nigeria" {
		t.Errorf("saved: %+v, %+v", texts, signers[2].Titles)
	}
	typeOver(c, g.titles[data.Spanish], strings.Repeat("x", data.MaxTitleLength+1))
	if !strings.Contains(g.status.Text, "too long") {
		t.Errorf("a title too long: %q", g.status.Text)
	}
	typeOver(c, g.titles[data.French], "")
	if texts, _ := st.WorkshopTexts(v.w.ID); texts.Title(v.w, data.French) != v.w.Title {
		t.Errorf("an emptied title does not bring back the workshop's own: %q", texts.Title(v.w, data.French))
	}
}

func TestVerificationDialogWritesThePageAndTheKeyAndKeepsTheAddress(t *testing.T) {
	st, c, q, v, certs := issuedWindow(t)
	if findButton(v.item.Content, "Verification…") == nil {
		t.Fatal("no Verification button")
	}
	g := v.showVerification()
	keys, _ := st.IssuerKeys()
	if g == nil || !strings.Contains(g.keys.Text, "Issuer key "+keys[0].Fingerprint()+": signs") {
		t.Fatalf("the dialog does not show the key: %+v", g)
	}
	typeOver(c, g.address, "verify.html")
	if !strings.Contains(g.status.Text, "is not a web address") {
		t.Errorf("a bare file name as address: %q", g.status.Text)
	}
	typeOver(c, g.address, "https://icom.example/lagos/verify.html")
	if a, _ := st.VerifierAddress(v.w.ID); a != "https://icom.example/lagos/verify.html" || g.status.Text != "Saved." {
		t.Errorf("address %q, status %q", a, g.status.Text)
	}
	dir := t.TempDir()
	for _, f := range []struct {
		button      *widget.Button
		file, holds string
	}{{g.savePage, "verify.html", `"issuer":"International Council of Museums","keys":[{"fingerprint":"` + keys[0].Fingerprint() + `"`},
		{g.saveKey, "issuer-key.pem", "BEGIN PUBLIC KEY"}} {
		ended := countOf[workEnded](c)
		f.button.OnTapped()
		n := lastOf[*newDatabaseDialog](c)
		if n == nil || n.name.Text != f.file {
			t.Fatalf("%s: file name dialog %+v", f.file, n)
		}
		n.folder = dir
		n.create()
		if !q.runUntil(10*time.Second, func() bool { return countOf[workEnded](c) > ended }) {
			t.Fatalf("%s: nothing written", f.file)
		}
		if err := lastOf[workEnded](c).err; err != nil {
			t.Fatalf("%s: %v", f.file, err)
		}
		b, err := os.ReadFile(filepath.Join(dir, f.file))
		if err != nil || !strings.Contains(string(b), f.holds) {
			t.Errorf("%s: %v, the file lacks %q", f.file, err, f.holds)
		}
	}
	if len(certs) == 0 {
		t.Error("nothing was issued")
	}
}

// Issue 14: the Verify field says a certificate whose workshop's city
// changed after issue is changed, and a QR code's text pasted into it
// (its line breaks lost in the one-line field) verifies.
func TestVerifyFieldSaysChangedAndReadsAPastedText(t *testing.T) {
	st, c, _, v, certs := issuedWindow(t)
	first := certs[0]
	w := v.w
	w.City = "Atlantis"
	if err := st.SaveWorkshop(&w); err != nil {
		t.Fatal(err)
	}
	typeOver(c, v.code, first.Code)
	v.verify()
	if !strings.HasPrefix(v.verdict.Text, "Changed since it was issued: "+first.Serial) || !strings.Contains(v.verdict.Text, "“Atlantis, Nigeria”") {
		t.Errorf("after the city changed: %q", v.verdict.Text)
	}
	w.City = "Lagos"
	if err := st.SaveWorkshop(&w); err != nil {
		t.Fatal(err)
	}
	c.win.Canvas().Focus(v.code)
	v.code.SetText("")
	fyne.CurrentApp().Clipboard().SetContent(first.QRText())
	v.code.TypedShortcut(&fyne.ShortcutPaste{Clipboard: fyne.CurrentApp().Clipboard()})
	if strings.Contains(v.code.Text, "\n") {
		t.Fatal("the one-line field kept line breaks: this test no longer tests the pasted form")
	}
	v.verify()
	if !strings.HasPrefix(v.verdict.Text, "Genuine: "+first.Serial+", "+first.HolderName) || !strings.Contains(v.verdict.Text, "Lagos, Nigeria") {
		t.Errorf("a pasted QR code text: %q", v.verdict.Text)
	}
	test.Type(v.code, "x")
	v.verify()
	if !strings.HasPrefix(v.verdict.Text, "Not genuine: this is neither") {
		t.Errorf("a pasted text with a letter added: %q", v.verdict.Text)
	}
}

// A change a dialog cannot save for a reason other than a field's (here
// the file closed under it) is said in say's words for a failed save,
// never in the error's own text, and the error is logged.
func TestADialogsFailedSaveIsWordedAndLogged(t *testing.T) {
	st, c, _, v, _ := issuedWindow(t)
	g := v.showTitles()
	var logged bytes.Buffer
	log.SetOutput(&logged)
	t.Cleanup(func() { log.SetOutput(os.Stderr) })
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	typeOver(c, g.titles[data.French], "Le musée en entier")
	if g.status.Importance != widget.DangerImportance ||
		g.status.Text != "Could not save: Atelier could not write the change to the file, which is as it was. What went wrong is in its log." {
		t.Errorf("the status says %q (%v)", g.status.Text, g.status.Importance)
	}
	if !strings.Contains(logged.String(), "Cause: sql: database is closed") {
		t.Errorf("the error is not in the log: %q", logged.String())
	}
}
