package mail

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/mail/mailtest"
	"github.com/atelier-workshops/atelier/reports"
	"github.com/atelier-workshops/atelier/say"
)

// someone is the demo participant of Lagos whose family name has text.
func someone(t testing.TB, st *data.Store, workshop int64, text string) data.Participant {
	t.Helper()
	people, err := st.Participants(workshop, data.ParticipantFilter{Text: text})
	mustNoErr(t, err)
	if len(people) != 1 {
		t.Fatalf("%d participants %q", len(people), text)
	}
	return people[0]
}

// The visa letters go to every invited grantee the letters would be
// printed for, one message each in their language (English, French and
// Spanish in the demo) with the letter the register holds attached byte
// for byte, read back by poppler: their name, passport number, serial and
// the letter's own words in their language. A letter printed before keeps
// its serial and code when sent; a name the PDF font cannot draw (Vai)
// is sent nothing, and the preview names them and why.
func TestVisaLettersGoToEachGranteeInTheirLanguage(t *testing.T) {
	m := mailtest.Start(t, mailtest.Options{})
	st, res := demoStore(t)
	a := accountFor(m, data.SecurityNone, "")
	r := Request{Kind: data.MessageVisa, WorkshopID: res.Lagos}

	maria := someone(t, st, res.Lagos, "Ñúñez")
	printed, _, err := reports.PrintLetter(context.Background(), st, res.Lagos, maria.ID, data.LetterVisa)
	mustNoErr(t, err)
	vai := someone(t, st, res.Lagos, "Houénou")
	vai.GivenName, vai.PrintedName = "\uA549\uA55C\uA56E\uA514", ""
	mustNoErr(t, st.SaveParticipant(&vai))

	plan, err := Preview(st, a, r)
	mustNoErr(t, err)
	if reg, _ := st.Letters(res.Lagos); len(reg) != 1 {
		t.Fatalf("the preview changed the register: %d letters", len(reg))
	}
	if len(plan.LeftOut) == 0 || !strings.Contains(leftOutWords(plan.LeftOut), "Houénou") ||
		!strings.Contains(leftOutWords(plan.LeftOut), "Vai") {
		t.Fatalf("the preview leaves out %+v", plan.LeftOut)
	}
	for _, p := range plan.Messages {
		if p.ParticipantID == vai.ID {
			t.Fatal("the preview has a message to the name the font cannot draw")
		}
		if p.ParticipantID == maria.ID && (p.Document != printed.Serial || !strings.Contains(p.Text, printed.Code)) {
			t.Errorf("the preview of a letter issued: document %q, text %q; issued %s %s", p.Document, p.Text, printed.Serial, printed.Code)
		}
	}
	msgs, err := Queue(context.Background(), st, a, r, &plan)
	mustNoErr(t, err)
	rep, err := Send(context.Background(), st, Server{Account: a}, Options{})
	mustNoErr(t, err)
	if len(msgs) < 3 || rep.Sent != len(msgs) || m.Count(t) != len(msgs) || len(msgs) != len(plan.Messages) {
		t.Fatalf("previewed %d, queued %d, sent %d, Mailpit took %d", len(plan.Messages), len(msgs), rep.Sent, m.Count(t))
	}

	register, err := st.Letters(res.Lagos)
	mustNoErr(t, err)
	letterOf := map[int64]data.Letter{}
	for _, l := range register {
		if l.Kind == data.LetterVisa {
			letterOf[l.ParticipantID] = l
		}
	}
	if len(letterOf) != len(msgs) {
		t.Errorf("%d visa letters in the register for %d messages", len(letterOf), len(msgs))
	}
	if l := letterOf[maria.ID]; l.Serial != printed.Serial || l.Code != printed.Code {
		t.Errorf("the letter printed before was %s %s, sent as %s %s", printed.Serial, printed.Code, l.Serial, l.Code)
	}
	if _, ok := letterOf[vai.ID]; ok {
		t.Error("a letter was entered for the name the font cannot draw")
	}
	delivered := map[string]mailtest.Summary{}
	for _, s := range m.Messages(t) {
		delivered[strings.ToLower(s.To[0].Address)] = s
	}
	d, err := st.MailingData(res.Lagos)
	mustNoErr(t, err)
	people := map[int64]data.Participant{}
	for _, p := range d.Participants {
		people[p.ID] = p
	}
	languages := map[data.Language]int{}
	for _, q := range msgs {
		kept, err := st.Message(q.ID)
		mustNoErr(t, err)
		p, l := people[q.ParticipantID], letterOf[q.ParticipantID]
		s, ok := delivered[strings.ToLower(p.Email)]
		if !ok {
			t.Fatalf("nothing reached %s", p.Email)
		}
		lang := l.Language
		languages[lang]++
		want := Fill(DefaultTemplate(data.MessageVisa, lang).Subject, map[string]string{"workshop": d.Texts.Title(d.Workshop, lang)})
		if s.Subject != want || kept.Language != lang || kept.Document != l.Serial {
			t.Errorf("%s (%s): subject %q, want %q; kept in %s for %q", p.Email, lang, s.Subject, want, kept.Language, kept.Document)
		}
		got := m.Message(t, s.ID)
		if !strings.Contains(got.Text, l.Serial) || !strings.Contains(got.Text, l.Code) {
			t.Errorf("%s: the serial %s or the code %s is not in %q", p.Email, l.Serial, l.Code, got.Text)
		}
		pdf := attachedAsKept(t, m, s.ID, kept)
		text := norm.NFC.String(pdfText(t, pdf))
		wording := reports.LetterWords(data.LetterVisa, lang, data.LetterWording{}).Subject
		for _, w := range []string{l.HolderName, p.Travel.PassportNumber, l.Serial, wording} {
			if !strings.Contains(text, norm.NFC.String(w)) {
				t.Errorf("%s (%s): the PDF attached does not say %q:\n%s", p.Email, lang, w, text)
			}
		}
		if alone := norm.NFC.String(pdfText(t, printedOnly(t, st, res.Lagos, p.ID))); alone != text {
			t.Errorf("%s: the PDF attached is not the letter the register prints alone:\n%s\n---\n%s", p.Email, text, alone)
		}
	}
	for _, lang := range data.Languages {
		if languages[lang] == 0 {
			t.Errorf("no visa letter went in %s: %v", lang, languages)
		}
	}
}

// printedOnly is the participant's visa letter as the register prints it
// alone.
func printedOnly(t testing.TB, st *data.Store, workshop, participant int64) []byte {
	t.Helper()
	_, pdf, err := reports.PrintLetter(context.Background(), st, workshop, participant, data.LetterVisa)
	mustNoErr(t, err)
	return pdf
}

// leftOutWords words the people left out, in English.
func leftOutWords(leftOut []data.LetterSkip) string {
	var out []string
	for _, s := range leftOut {
		out = append(out, say.LetterSkip(s).English())
	}
	return strings.Join(out, "\n")
}
