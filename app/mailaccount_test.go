package app

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/zalando/go-keyring"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/mail"
	"github.com/atelier-workshops/atelier/mail/mailtest"
)

// These tests leave go-keyring's keychain as it is (the system's): the
// ones that need a keychain run the test binary again beside a real one
// (mailtest.KeychainSession).

// queueWorkbook queues the Lagos workshop's workbook to the secretariat,
// sent with account a.
func queueWorkbook(t *testing.T, st *data.Store, a data.MailAccount, workshop int64) {
	t.Helper()
	r := mail.Request{Kind: data.MessageWorkbook, WorkshopID: workshop, To: "secretariat@icom.example"}
	plan, err := mail.Preview(st, a, r)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mail.Queue(context.Background(), st, a, r, &plan); err != nil {
		t.Fatal(err)
	}
}

// placeholderCut is the placeholder of e when it does not fit in e, as
// the entry lays it out (inside its padding, beside its action button).
func placeholderCut(e *widget.Entry) string {
	room := e.Size().Width - 2*theme.InnerPadding()
	if e.ActionItem != nil {
		room -= e.ActionItem.MinSize().Width
	}
	if e.PlaceHolder == "" || fyne.MeasureText(e.PlaceHolder, theme.TextSize(), e.TextStyle).Width <= room {
		return ""
	}
	return e.PlaceHolder
}

// The Mail account's hints are whole on a 1024×600 screen in every
// language: the user name's, too long for its field in French and
// Spanish, is a line under it.
func TestTheMailAccountsHintsAreWhole(t *testing.T) {
	for lang, hint := range map[string]string{
		"en": "Often the whole address; empty for a relay that asks for none.",
		"fr": "Souvent l’adresse entière\u00a0; vide pour un relais qui n’en demande pas.",
		"es": "A menudo la dirección completa; vacío para un relé que no lo pide.",
	} {
		c, q := openAt(t, lang, tempStore(t), 0)
		c.win.Resize(fyne.NewSize(1024, 560))
		g := c.showMailAccount(nil)
		if !q.runUntil(10*time.Second, func() bool { return countOf[keychainAnswered](c) == 1 }) {
			t.Fatal("the keychain did not answer")
		}
		if !hasText(topDialog(c), hint) {
			t.Errorf("%s: no hint under the user name: %q", lang, visibleTexts(topDialog(c)))
		}
		placeholders := 0
		walk(topDialog(c), func(o fyne.CanvasObject) {
			if e, ok := o.(*widget.Entry); ok && e.PlaceHolder != "" {
				placeholders++
				if cut := placeholderCut(e); cut != "" {
					t.Errorf("%s: the hint %q is cut in a field %.0f wide", lang, cut, e.Size().Width)
				}
			}
		})
		if placeholders < 3 {
			t.Errorf("%s: %d hints in fields", lang, placeholders)
		}
		g.d.Hide()
	}
}

// Where the Secret Service holds its name on the bus but does not answer,
// the window does not wait for it: the Mail account opens at once saying
// that it asks the keychain, and so does the outbox's Send what waits;
// once the keychain is given up, the dialog says there is none and keeps
// the password for the session, and sending asks for it.
func TestTheWindowDoesNotWaitForASilentKeychain(t *testing.T) {
	if !mailtest.InKeychainSession() {
		mailtest.KeychainSession(t, "TestTheWindowDoesNotWaitForASilentKeychain", mailtest.Silent)
		return
	}
	st, res := demoStore(t)
	a := data.MailAccount{Host: "127.0.0.1", Port: 2525, Security: data.SecurityNone, User: "organiser",
		FromAddress: "organiser@example.org", PerMinute: 20}
	if err := st.SaveMailAccount(a); err != nil {
		t.Fatal(err)
	}
	queueWorkbook(t, st, a, res.Lagos)
	c, q := openAt(t, "en", st, res.Lagos)
	// The keychain is waited for 5 s (keychainPatience) before it is
	// given up: the UI goroutine must be back well before.
	quick := func(what string, do func()) {
		t.Helper()
		start := time.Now()
		do()
		if took := time.Since(start); took > 2*time.Second {
			t.Fatalf("%s held the UI goroutine %v", what, took)
		}
	}

	saved := 0
	var g *mailAccountDialog
	quick("opening the Mail account", func() { g = c.showMailAccount(func(data.MailAccount) { saved++ }) })
	if g.keychain.Text != "Checking the keychain…" || !g.remember.Disabled() || countOf[keychainAnswered](c) != 0 {
		t.Fatalf("the dialog waited for the keychain: %q", g.keychain.Text)
	}
	// Saved before the keychain answers: the password waits for it too,
	// the dialog open, Save off.
	typeOver(c, g.password, "p4ss-Ñ")
	quick("saving the account", g.save)
	if saved != 0 || !g.saveButton.Disabled() || g.keychain.Text != "Checking the keychain…" {
		t.Fatalf("saved %d, Save off %v, %q", saved, g.saveButton.Disabled(), g.keychain.Text)
	}
	if !q.runUntil(20*time.Second, func() bool { return countOf[keychainAnswered](c) == 2 }) {
		t.Fatal("the keychain was waited for too long")
	}
	if saved != 0 || g.saveButton.Disabled() || !g.remember.Disabled() || !strings.Contains(g.keychain.Text, "no keychain") {
		t.Fatalf("once the keychain is given up: saved %d, Save off %v, %q", saved, g.saveButton.Disabled(), g.keychain.Text)
	}
	g.save()
	if p, ok := c.mail.sessionPassword(a); saved != 1 || !ok || p != "p4ss-Ñ" {
		t.Fatalf("saved %d, the password for the session %q %v", saved, p, ok)
	}

	c.mail.passwords = nil
	o := c.showOutbox()
	quick("Send what waits", func() { test.Tap(o.sendNow) })
	if o.running.Text != "Checking the keychain…" || !o.sendNow.Disabled() || countOf[*passwordDialog](c) != 0 {
		t.Fatalf("Send what waits waited for the keychain: %q", o.running.Text)
	}
	if !q.runUntil(20*time.Second, func() bool { return countOf[*passwordDialog](c) == 1 }) {
		t.Fatal("the password was not asked for once the keychain was given up")
	}
	if o.running.Text != "" || o.sendNow.Disabled() || c.mail.running {
		t.Errorf("after the keychain: %q, Send what waits off %v", o.running.Text, o.sendNow.Disabled())
	}
}

// With a keychain that answers (gnome-keyring), the Mail account keeps the
// password there, off the UI goroutine, and closes once it is kept; opened
// again, it says so in the password's field, whole in French on a
// 1024×600 screen; sending reads it from the keychain, and the server
// takes it.
func TestTheWindowKeepsThePasswordInTheSystemKeychain(t *testing.T) {
	if !mailtest.InKeychainSession() {
		mailtest.KeychainSession(t, "TestTheWindowKeepsThePasswordInTheSystemKeychain", mailtest.Answering)
		return
	}
	m := mailtest.Start(t, mailtest.Options{Users: map[string]string{"organiser": "kept-ñ-Ẹ̀"}})
	st, res := demoStore(t)
	a := data.MailAccount{Host: "127.0.0.1", Port: m.SMTPPort, Security: data.SecurityNone, User: "organiser",
		FromAddress: "organiser@example.org"}
	queueWorkbook(t, st, a, res.Lagos)
	c, q := openAt(t, "fr", st, res.Lagos)
	c.win.Resize(fyne.NewSize(1024, 560))

	saved := 0
	g := c.showMailAccount(func(data.MailAccount) { saved++ })
	if g.keychain.Text != "Interrogation du trousseau…" || !g.remember.Disabled() {
		t.Fatalf("while the keychain is asked: %q", g.keychain.Text)
	}
	if !q.runUntil(10*time.Second, func() bool { return countOf[keychainAnswered](c) == 1 }) {
		t.Fatal("the keychain did not answer")
	}
	if g.remember.Disabled() || !g.remember.Checked || g.keychain.Visible() {
		t.Fatalf("a keychain that answers: remember off %v, %q", g.remember.Disabled(), g.keychain.Text)
	}
	fillAccount(c, g, "127.0.0.1", strconv.Itoa(m.SMTPPort), "organiser", "kept-ñ-Ẹ̀")
	g.save()
	if saved != 0 || !g.saveButton.Disabled() {
		t.Fatal("the dialog closed before the keychain kept the password")
	}
	if !q.runUntil(10*time.Second, func() bool { return saved == 1 }) {
		t.Fatalf("the dialog did not close: %q", g.keychain.Text)
	}
	kept, _, _ := st.MailAccount()
	if p, err := keyring.Get(mail.KeychainService, mail.KeychainAccount(kept)); err != nil || p != "kept-ñ-Ẹ̀" {
		t.Fatalf("the keychain holds %q (%v)", p, err)
	}

	g = c.showMailAccount(nil)
	if !q.runUntil(10*time.Second, func() bool { return countOf[keychainAnswered](c) == 3 }) {
		t.Fatal("the keychain did not answer")
	}
	if g.password.PlaceHolder != "gardé dans le trousseau\u00a0; tapez-le pour le changer" {
		t.Fatalf("the password's field says %q", g.password.PlaceHolder)
	}
	if cut := placeholderCut(g.password); cut != "" {
		t.Errorf("the hint %q is cut in a field %.0f wide", cut, g.password.Size().Width)
	}
	g.d.Hide()

	c.mail.passwords = nil // only the keychain knows it
	o := c.showOutbox()
	test.Tap(o.sendNow)
	if o.running.Text != "Interrogation du trousseau…" {
		t.Fatalf("while the keychain is asked: %q", o.running.Text)
	}
	if !q.runUntil(20*time.Second, func() bool { return !c.mail.checking && !c.mail.running && m.Count(t) == 1 }) {
		t.Fatalf("Mailpit took %d; the outbox says %q", m.Count(t), o.running.Text)
	}
	if countOf[*passwordDialog](c) != 0 {
		t.Error("the password was asked for though the keychain keeps it")
	}
}
