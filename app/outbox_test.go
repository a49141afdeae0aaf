package app

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"github.com/zalando/go-keyring"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/mail"
	"github.com/atelier-workshops/atelier/mail/mailtest"
)

// fillAccount types an account into the Mail account dialog.
func fillAccount(c *controller, g *mailAccountDialog, host, port, user, password string) {
	typeOver(c, g.host, host)
	g.security.SetSelectedIndex(2) // none: Mailpit on this computer
	typeOver(c, g.port, port)
	typeOver(c, g.user, user)
	typeOver(c, g.password, password)
	typeOver(c, g.fromName, "Ọláńrewájú Ẹ̀kọ́")
	typeOver(c, g.fromAddress, "organiser@example.org")
	typeOver(c, g.rate, "0")
}

// The mail account is kept in the file, its password never: where this
// computer has no keychain (a Linux without a desktop session, as here)
// the dialog says so once it has asked (off the UI goroutine, saying
// meanwhile that it asks), and the password lives in memory until Atelier
// closes. A mistake is said beside its field. (This test runs before the
// next one, which replaces go-keyring's keychain by its stand-in for good.)
func TestMailAccountWithoutAKeychain(t *testing.T) {
	if _, err := mail.SystemKeychain.Get("probe"); err == nil || !strings.Contains(err.Error(), "no_keychain") {
		t.Skip("this computer has a keychain")
	}
	st := tempStore(t)
	c, q := openAt(t, "en", st, 0)
	c.showSettings()
	button := findButton(topDialog(c), "Mail account…")
	if button == nil {
		t.Fatal("no Mail account… in Settings")
	}
	test.Tap(button)
	g := lastOf[*mailAccountDialog](c)
	if g == nil || !g.remember.Disabled() || g.keychain.Text != "Checking the keychain…" {
		t.Fatalf("the dialog does not say it asks the keychain: %+v", g)
	}
	if !q.runUntil(10*time.Second, func() bool { return countOf[keychainAnswered](c) == 1 }) ||
		!g.remember.Disabled() || !strings.Contains(g.keychain.Text, "no keychain") {
		t.Fatalf("the dialog does not say there is no keychain: %q", g.keychain.Text)
	}
	fillAccount(c, g, "smtp.example.org", "70000", "organiser", "p4ss-Ñ")
	g.save()
	if !strings.Contains(g.rows["port"].problem.Text, "from 1 to 65535") {
		t.Fatalf("a bad port: %q", g.rows["port"].problem.Text)
	}
	if _, kept, _ := st.MailAccount(); kept {
		t.Fatal("an account with a bad port was kept")
	}
	typeOver(c, g.port, "2525")
	g.save()
	a, kept, err := st.MailAccount()
	if err != nil || !kept || a.Port != 2525 || a.FromName != "Ọláńrewájú Ẹ̀kọ́" || a.Security != data.SecurityNone {
		t.Fatalf("kept %v %+v %v", kept, a, err)
	}
	if p, ok := c.mail.sessionPassword(a); !ok || p != "p4ss-Ñ" {
		t.Fatalf("the password typed is not kept for the session: %q %v", p, ok)
	}
	st.Close()
	b, err := os.ReadFile(st.Path())
	if err != nil || bytes.Contains(b, []byte("p4ss")) {
		t.Fatalf("the password is in the file (%v)", err)
	}
}

// Send… on the Certificates tab shows how many messages go to how many
// people and each message before anything is written; Send issues the
// certificates, queues one message each and sends them; the Outbox shows
// them sent, and sends one again only at the user's word. The password
// goes to the keychain (go-keyring's stand-in here).
func TestSendCertificatesFromTheCertificatesTab(t *testing.T) {
	keyring.MockInit()
	m := mailtest.Start(t, mailtest.Options{Users: map[string]string{"organiser": "p4ss-Ñ"}})
	st, res := demoStore(t)
	c, q := openAt(t, "en", st, res.Lagos)
	v := certificatesOf(t, c)
	send := findButton(v.item.Content, "Send…")
	if send == nil {
		t.Fatal("no Send… on the Certificates tab")
	}
	test.Tap(send)
	// No account yet: it is asked for first, then the send dialog opens.
	g := lastOf[*mailAccountDialog](c)
	if g == nil {
		t.Fatal("no account was asked for")
	}
	fillAccount(c, g, "127.0.0.1", strconv.Itoa(m.SMTPPort), "organiser", "p4ss-Ñ")
	g.save()
	if !q.runUntil(10*time.Second, func() bool { return lastOf[*sendDialog](c) != nil }) {
		t.Fatal("no send dialog after the account")
	}
	a, _, _ := st.MailAccount()
	if p, err := keyring.Get(mail.KeychainService, mail.KeychainAccount(a)); err != nil || p != "p4ss-Ñ" {
		t.Fatalf("keychain: %q %v", p, err)
	}
	c.mail.passwords = nil // from now on, only the keychain knows it

	d := lastOf[*sendDialog](c)
	if d == nil {
		t.Fatal("no send dialog after the account")
	}
	if !strings.HasPrefix(d.summary.Text, "28 messages to 28 people.") || d.send.Text != "Send 28 messages" || d.send.Disabled() {
		t.Fatalf("summary %q, button %q", d.summary.Text, d.send.Text)
	}
	if !strings.Contains(d.shown.Text, "Subject: Your certificate of attendance") || !strings.Contains(d.shown.Text, "serial number given when sent") {
		t.Fatalf("the first message: %q", d.shown.Text)
	}
	if reg, _ := st.Certificates(res.Lagos); len(reg) != 0 || m.Count(t) != 0 {
		t.Fatal("the preview issued or sent something")
	}
	// The wording, in French, saved for the workshop, shows in the preview.
	d.language.SetSelectedIndex(1)
	typeOver(c, d.subject, "Votre attestation, {name}")
	d.saveWording()
	if own, _ := st.MailTemplate(res.Lagos, data.MessageCertificate, data.French); own.Subject != "Votre attestation, {name}" {
		t.Fatalf("wording kept: %+v", own)
	}
	typeOver(c, d.subject, "Votre attestation {nom}")
	d.saveWording()
	if !strings.Contains(d.status.Text, "{nom}") {
		t.Errorf("an unknown placeholder: %q", d.status.Text)
	}

	ended := countOf[workEnded](c)
	test.Tap(d.send)
	if !q.runUntil(30*time.Second, func() bool { return countOf[workEnded](c) >= ended+2 && !c.mail.running }) {
		t.Fatal("sending did not finish")
	}
	o := lastOf[*outboxView](c)
	if o == nil {
		t.Fatal("the outbox did not open")
	}
	if m.Count(t) != 28 || !strings.Contains(o.counts.Text, "Sent: 28") {
		t.Fatalf("Mailpit took %d; the outbox says %q %q", m.Count(t), o.counts.Text, o.running.Text)
	}
	if reg, _ := st.Certificates(res.Lagos); len(reg) != 28 || !strings.Contains(v.summary.Text, "28 certificates in the register") {
		t.Fatalf("register %d, tab %q", len(reg), v.summary.Text)
	}
	french := 0
	for _, s := range m.Messages(t) {
		if strings.HasPrefix(s.Subject, "Votre attestation, ") {
			french++
		}
	}
	if french == 0 {
		t.Error("no French participant got the French wording")
	}

	// Sending one again asks first.
	o.list.Select(0)
	if !strings.Contains(o.detail.Text, "the server answered") || o.resend.Disabled() {
		t.Fatalf("detail %q", o.detail.Text)
	}
	test.Tap(o.resend)
	if q := lastOf[asked](c); !strings.Contains(string(q), "already. Send it to them again?") {
		t.Fatalf("asked %q", q)
	}
	confirm := findButton(topDialog(c), "Send again")
	if confirm == nil {
		t.Fatal("no Send again in the question")
	}
	test.Tap(confirm)
	if !q.runUntil(20*time.Second, func() bool { return !c.mail.running && m.Count(t) == 29 }) {
		t.Fatalf("sending again: Mailpit took %d", m.Count(t))
	}
	if !strings.Contains(o.counts.Text, "Sent: 29") {
		t.Errorf("the outbox says %q", o.counts.Text)
	}
}

// With the server away, the outbox says so in words and keeps the
// messages waiting; Send what waits delivers them once it is back.
func TestTheOutboxWaitsForTheServer(t *testing.T) {
	port := mailtest.FreePort(t)
	st, res := demoStore(t)
	if err := st.SaveMailAccount(data.MailAccount{Host: "127.0.0.1", Port: port, Security: data.SecurityNone,
		FromAddress: "organiser@example.org"}); err != nil {
		t.Fatal(err)
	}
	c, q := openAt(t, "fr", st, res.Lagos)
	c.showSend(mail.Request{Kind: data.MessageWorkbook, WorkshopID: res.Lagos})
	d := lastOf[*sendDialog](c)
	if !d.send.Disabled() || !strings.Contains(d.summary.Text, "secrétariat") {
		t.Fatalf("without a secretariat: %q", d.summary.Text)
	}
	typeOver(c, d.secName, "Secrétariat de l’ICOM")
	typeOver(c, d.secAddress, "secretariat@icom.example")
	d.saveSecretariat()
	if d.send.Disabled() || !strings.HasPrefix(d.summary.Text, "1 message à 1 personne.") {
		t.Fatalf("with a secretariat: %q", d.summary.Text)
	}
	test.Tap(d.send)
	if !q.runUntil(30*time.Second, func() bool { o := lastOf[*outboxView](c); return o != nil && !c.mail.running && c.mail.lastErr != nil }) {
		t.Fatal("the run did not end")
	}
	c.mail.stop() // the retry a minute later is this test's to make
	o := lastOf[*outboxView](c)
	if !strings.Contains(o.running.Text, "injoignable") || !strings.Contains(o.counts.Text, "En attente\u00a0: 1") {
		t.Fatalf("server away: %q %q", o.running.Text, o.counts.Text)
	}
	m := mailtest.Start(t, mailtest.Options{SMTPPort: port})
	test.Tap(o.sendNow)
	if !q.runUntil(30*time.Second, func() bool { return !c.mail.running && m.Count(t) == 1 }) {
		t.Fatalf("Mailpit took %d", m.Count(t))
	}
	got := m.Message(t, m.Messages(t)[0].ID)
	if got.To[0].Name != "Secrétariat de l’ICOM" || len(got.Attachments) != 1 || !strings.HasSuffix(got.Attachments[0].FileName, ".xlsx") {
		t.Fatalf("arrived: %+v", got)
	}
	if !strings.Contains(o.counts.Text, "Envoyé\u00a0: 1") {
		t.Errorf("the outbox says %q", o.counts.Text)
	}
}

// A message a dead sender was handing over reads "Unknown: check before
// resending" in the Outbox, and Send what waits leaves it alone; Send
// again… asks first, saying it may have arrived, and only then sends it.
func TestTheOutboxShowsUnknownAndSendsItOnlyAtTheUsersWord(t *testing.T) {
	m := mailtest.Start(t, mailtest.Options{})
	st, res := demoStore(t)
	a := data.MailAccount{Host: m.Host, Port: m.SMTPPort, Security: data.SecurityNone, FromAddress: "organiser@example.org"}
	if err := st.SaveMailAccount(a); err != nil {
		t.Fatal(err)
	}
	plan, err := mail.Preview(st, a, mail.Request{Kind: data.MessageWorkbook, WorkshopID: res.Lagos, To: "secretariat@icom.example"})
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := mail.Queue(context.Background(), st, a, mail.Request{Kind: data.MessageWorkbook, WorkshopID: res.Lagos,
		To: "secretariat@icom.example"}, &plan)
	if err != nil {
		t.Fatal(err)
	}
	// A sender claimed it a while ago, and beat no more.
	if _, ok, err := st.NextMessage(context.Background(), nil, data.Pick{Token: data.NewSenderToken(), Waiting: true,
		Now: time.Now().Add(-2 * data.SendingLease)}); !ok || err != nil {
		t.Fatalf("claim: %v %v", ok, err)
	}
	c, q := openAt(t, "en", st, res.Lagos)
	o := c.showOutbox()
	if !strings.Contains(o.counts.Text, "Unknown: check before resending: 1") {
		t.Fatalf("counts %q", o.counts.Text)
	}
	o.list.Select(0)
	if !strings.Contains(o.detail.Text, "may have taken it. Check with the recipient before sending it again.") || o.resend.Disabled() {
		t.Fatalf("detail %q", o.detail.Text)
	}
	if !hasText(topDialog(c), "Unknown: check before resending") {
		t.Errorf("the row does not say unknown: %q", visibleTexts(topDialog(c)))
	}
	test.Tap(o.sendNow)
	if !q.runUntil(20*time.Second, func() bool { return !c.mail.running }) || m.Count(t) != 0 {
		t.Fatalf("Send what waits sent the unknown message: Mailpit took %d", m.Count(t))
	}
	test.Tap(o.resend)
	if asked := lastOf[asked](c); !strings.Contains(string(asked), "may have reached") ||
		!strings.Contains(string(asked), "<secretariat@icom.example> already. Send it again anyway?") {
		t.Fatalf("asked %q", asked)
	}
	confirm := findButton(topDialog(c), "Send again")
	if confirm == nil {
		t.Fatal("no Send again in the question")
	}
	test.Tap(confirm)
	if !q.runUntil(20*time.Second, func() bool { return !c.mail.running && m.Count(t) == 1 }) {
		t.Fatalf("sent again: Mailpit took %d", m.Count(t))
	}
	if kept, _ := st.Message(msgs[0].ID); kept.State != data.StateSent || !strings.Contains(o.counts.Text, "Sent: 1") {
		t.Errorf("after sending again: %s, the outbox says %q", kept.State, o.counts.Text)
	}
}

// The Mail account is whole on a 1024×600 screen, in French (its longest
// words): no taller than the window, the form scrolling; in a tall window
// it shows whole, with nothing to scroll, once the keychain has answered
// too (what the dialog says of it may take lines).
func TestTheMailAccountFitsASmallScreen(t *testing.T) {
	st := tempStore(t)
	c, q := openAt(t, "fr", st, 0)
	for i, size := range []fyne.Size{{Width: 1024, Height: 560}, {Width: 1366, Height: 900}} {
		c.win.Resize(size)
		g := c.showMailAccount(nil)
		if !q.runUntil(10*time.Second, func() bool { return countOf[keychainAnswered](c) == i+1 }) {
			t.Fatal("the keychain did not answer")
		}
		canvas := c.win.Canvas().Size()
		if h := g.d.MinSize().Height; h > canvas.Height {
			t.Errorf("window %v: the dialog is %.0f tall in a canvas of %.0f", size, h, canvas.Height)
		}
		if findButton(topDialog(c), "Enregistrer") == nil {
			t.Fatalf("no Enregistrer: %q", visibleTexts(topDialog(c)))
		}
		// The form's scroll, not an entry's own.
		var scroll *container.Scroll
		walk(topDialog(c), func(o fyne.CanvasObject) {
			if s, ok := o.(*container.Scroll); ok && (scroll == nil || s.Content.MinSize().Height > scroll.Content.MinSize().Height) {
				scroll = s
			}
		})
		if scroll == nil || scroll.Content.MinSize().Height < 300 {
			t.Fatal("the form does not scroll")
		}
		whole := scroll.Content.MinSize().Height <= scroll.Size().Height+1
		if size.Height < 600 && whole || size.Height > 800 && !whole {
			t.Errorf("window %v: the form is %.0f tall in a scroll of %.0f", size, scroll.Content.MinSize().Height, scroll.Size().Height)
		}
		g.d.Hide()
	}
}

// Without a kept password, sending asks for it; one the server refuses is
// said in words, nothing goes, and the next send asks again; the right
// one sends. It is never written to the file.
func TestThePasswordIsAskedAndARefusedOneAskedAgain(t *testing.T) {
	keyring.MockInit() // a keychain that keeps nothing for this account
	m := mailtest.Start(t, mailtest.Options{Users: map[string]string{"organiser": "right-Ñ"}})
	st, res := demoStore(t)
	a := data.MailAccount{Host: m.Host, Port: m.SMTPPort, Security: data.SecurityNone, User: "organiser",
		FromAddress: "organiser@example.org"}
	if err := st.SaveMailAccount(a); err != nil {
		t.Fatal(err)
	}
	r := mail.Request{Kind: data.MessageWorkbook, WorkshopID: res.Lagos, To: "secretariat@icom.example"}
	plan, err := mail.Preview(st, a, r)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mail.Queue(context.Background(), st, a, r, &plan); err != nil {
		t.Fatal(err)
	}
	c, q := openAt(t, "en", st, res.Lagos)
	o := c.showOutbox()
	answer := func(password string) {
		t.Helper()
		before := countOf[*passwordDialog](c)
		test.Tap(o.sendNow)
		if !q.runUntil(10*time.Second, func() bool { return countOf[*passwordDialog](c) == before+1 }) {
			t.Fatal("the password was not asked for")
		}
		p := lastOf[*passwordDialog](c)
		typeOver(c, p.entry, password)
		pressEnter(p.entry)
		if !q.runUntil(20*time.Second, func() bool { return !c.mail.running }) {
			t.Fatal("the run did not end")
		}
	}
	answer("wrong")
	if !strings.Contains(o.running.Text, "refused the user name or the password") || m.Count(t) != 0 ||
		!strings.Contains(o.counts.Text, "Waiting: 1") {
		t.Fatalf("a wrong password: %q %q, Mailpit took %d", o.running.Text, o.counts.Text, m.Count(t))
	}
	answer("right-Ñ")
	if m.Count(t) != 1 || !strings.Contains(o.counts.Text, "Sent: 1") {
		t.Fatalf("the right password: %q %q, Mailpit took %d", o.running.Text, o.counts.Text, m.Count(t))
	}
	st.Close()
	if b, err := os.ReadFile(st.Path()); err != nil || bytes.Contains(b, []byte("right-")) {
		t.Fatalf("the password is in the file (%v)", err)
	}
}
