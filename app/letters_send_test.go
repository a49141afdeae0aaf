package app

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/mail/mailtest"
)

// Send… on File › Letters… opens the send dialog of the kind chosen: it
// counts the grant award letters, names a grantee whose name the PDF font
// cannot draw (Vai) as getting none, and Send issues the letters and
// mails one each, with its PDF, to Mailpit.
func TestSendLettersFromTheLettersDialog(t *testing.T) {
	useLanguage(t, "en")
	m := mailtest.Start(t, mailtest.Options{})
	st, res := demoStore(t)
	if err := st.SaveMailAccount(data.MailAccount{Host: m.Host, Port: m.SMTPPort, Security: data.SecurityNone,
		FromName: "Ọláńrewájú Ẹ̀kọ́", FromAddress: "organiser@example.org"}); err != nil {
		t.Fatal(err)
	}
	vai := data.Participant{WorkshopID: res.Lagos, GivenName: "\uA549\uA55C", FamilyName: "\uA56E\uA514",
		Email: "vai@example.org", Status: data.StatusConfirmed, Grant: data.Grant{Awarded: true}}
	if err := st.SaveParticipant(&vai); err != nil {
		t.Fatal(err)
	}
	c, q := openAt(t, "en", st, res.Lagos)
	wantMenuItems(t, c, "Mail", "Send the visa invitation letters…", "Send the grant award letters…", "Send the attendance letters…")
	c.askLetters()
	ld := lastOf[*lettersDialog](c)
	ld.kind.SetSelected(letterKindName(data.LetterAward))
	send := findButton(topDialog(c), "Send…")
	if send == nil {
		t.Fatalf("no Send… on the Letters dialog: %q", visibleTexts(topDialog(c)))
	}
	test.Tap(send)
	d := lastOf[*sendDialog](c)
	if d == nil || d.r.Kind != data.MessageAward || d.r.WorkshopID != res.Lagos {
		t.Fatalf("the send dialog: %+v", d)
	}
	var n, people int
	if _, err := fmt.Sscanf(d.summary.Text, "%d messages to %d people.", &n, &people); err != nil || n < 3 || people != n || d.send.Disabled() {
		t.Fatalf("summary %q, button %q", d.summary.Text, d.send.Text)
	}
	if !strings.Contains(d.missing.Text, "The PDF font cannot draw the Vai letters of "+vai.FullName()+"’s name") {
		t.Errorf("the preview does not say who gets no letter: %q", d.missing.Text)
	}
	if !strings.Contains(d.shown.Text, "Subject: Your grant for ") || !strings.Contains(d.shown.Text, "Attached: ") {
		t.Fatalf("the first message: %q", d.shown.Text)
	}
	if reg, _ := st.Letters(res.Lagos); len(reg) != 0 || m.Count(t) != 0 {
		t.Fatal("the preview issued or sent something")
	}
	ended := countOf[workEnded](c)
	test.Tap(d.send)
	if !q.runUntil(30*time.Second, func() bool { return countOf[workEnded](c) >= ended+2 && !c.mail.running }) {
		t.Fatal("sending did not finish")
	}
	if m.Count(t) != n {
		t.Fatalf("Mailpit took %d of %d", m.Count(t), n)
	}
	reg, _ := st.Letters(res.Lagos)
	if len(reg) != n {
		t.Fatalf("%d letters in the register for %d messages", len(reg), n)
	}
	serials := map[string]bool{}
	for _, l := range reg {
		serials[l.Serial] = l.Kind == data.LetterAward && l.ParticipantID != vai.ID
	}
	for _, s := range m.Messages(t) {
		msg := m.Message(t, s.ID)
		if s.To[0].Address == vai.Email || len(msg.Attachments) != 1 || !serials[strings.TrimSuffix(strings.Fields(msg.Attachments[0].FileName)[0], ".pdf")] {
			t.Errorf("to %s: attached %+v, the register holds %v", s.To[0].Address, msg.Attachments, serials)
		}
		pdf := m.Attachment(t, s.ID, msg.Attachments[0].PartID)
		if !strings.HasPrefix(string(pdf), "%PDF") {
			t.Errorf("to %s: not a PDF", s.To[0].Address)
		}
	}
}
