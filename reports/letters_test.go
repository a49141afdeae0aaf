package reports

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/datatest"
)

// lagosLetters issues the demo Lagos workshop's letters of kind into a
// PDF and returns it with the run.
func lagosLetters(t *testing.T, st *data.Store, lagos int64, kind data.LetterKind) ([]byte, data.LetterRun) {
	t.Helper()
	path := filepath.Join(t.TempDir(), string(kind)+".pdf")
	run, err := IssueAndPrintLetters(context.Background(), st, lagos, data.LetterOptions{Kind: kind}, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return pdf, run
}

// The visa letters, read back by poppler: every grantee from abroad has
// one, with their name exactly and their passport number; each QR code,
// read by zbar, holds the signed text, which the issuer's key verifies as
// a letter with that passport number; each code verifies in the register.
func TestVisaLettersHoldNamesPassportsAndVerify(t *testing.T) {
	st, res := demoStore(t)
	pdf, run := lagosLetters(t, st, res.Lagos, data.LetterVisa)
	people, err := st.Participants(res.Lagos, data.ParticipantFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	abroad := 0
	for _, p := range people {
		if p.Travel.PassportNumber != "" && (p.Status == data.StatusConfirmed || p.Status == data.StatusSelected) {
			abroad++
			want = append(want, p.FullName(), p.Travel.PassportNumber)
		}
	}
	if abroad != 8 || len(run.Letters) != abroad {
		t.Fatalf("%d letters for %d grantees with a passport", len(run.Letters), abroad)
	}
	for _, l := range run.Letters {
		want = append(want, l.Serial, l.Code)
	}
	assertHolds(t, pdf, want)
	if len(run.Warnings) != 1 || run.Warnings[0].Name != "Hélène Agbéko" {
		t.Errorf("passport warnings %+v", run.Warnings)
	}

	zbar := datatest.RequireTool(t, "zbarimg", "zbar-tools")
	pdftoppm := datatest.RequireTool(t, "pdftoppm", "poppler-utils")
	dir := t.TempDir()
	path := filepath.Join(dir, "v.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	// The foot of each page, where the QR code is, at 300 dpi.
	if out, err := exec.Command(pdftoppm, "-r", "300", "-y", "2900", "-H", "650", "-W", "1200", "-png", path,
		filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	slices.Sort(pages)
	if len(pages) != len(run.Letters) {
		t.Fatalf("%d pages for %d letters: a letter runs over a page", len(pages), len(run.Letters))
	}
	keys, err := st.IssuerKeys()
	if err != nil {
		t.Fatal(err)
	}
	for i, page := range pages {
		l := run.Letters[i]
		out, err := exec.Command(zbar, "--raw", "-q", "-S*.disable", "-Sqrcode.enable", page).Output()
		if err != nil {
			t.Fatalf("no QR code on %s's letter: %v", l.HolderName, err)
		}
		check := data.CheckSigned(strings.TrimSuffix(string(out), "\n"), []data.PublicKey{keys[0].PublicKey}, nil)
		kind, _ := data.LetterKindOf(check.Signed.Document)
		if check.Verdict != data.Genuine || kind != data.LetterVisa || check.Signed.Field(data.LabelName) != l.HolderName ||
			!strings.Contains(l.SignedText, "Passport: "+check.Signed.Field(data.LabelPassport)) {
			t.Errorf("%s's QR code: %s, %+v", l.HolderName, check.Verdict, check.Signed.Document)
		}
		v, err := st.Verify(l.Code)
		if err != nil || !v.Genuine || v.Letter == nil || v.Letter.Serial != l.Serial {
			t.Errorf("%s's code %s: %+v %v", l.HolderName, l.Code, v, err)
		}
	}
}

// Each letter is in its holder's language: French for Françoise
// Houénou, Spanish for María Ñúñez Obiang, English for Ɛfua Boakye.
func TestLettersAreInTheParticipantsLanguage(t *testing.T) {
	st, res := demoStore(t)
	pdf, run := lagosLetters(t, st, res.Lagos, data.LetterVisa)
	text, ok := popplerText(t, pdf)
	if !ok {
		text = joined(pdfText(t, pdf))
	}
	for name, words := range map[string]string{
		"Françoise Houénou":  "Lettre d’invitation pour une demande de visa",
		"María Ñúñez Obiang": "Carta de invitación para la solicitud de visado",
		"Ɛfua Boakye":        "Invitation letter for a visa application",
	} {
		i := slices.IndexFunc(run.Letters, func(l data.Letter) bool { return l.HolderName == name })
		if i < 0 {
			t.Fatalf("no letter for %s", name)
		}
		page := strings.Split(text, "\f")[i]
		if !strings.Contains(page, nfc(name)) || !strings.Contains(page, words) {
			t.Errorf("%s's letter does not say %q:\n%s", name, words, page)
		}
	}
}

// A workshop's own wording is printed with its placeholders filled in.
func TestLetterWordingOfTheWorkshopIsFilledIn(t *testing.T) {
	st, res := demoStore(t)
	if err := st.SetLetterWording(res.Lagos, data.LetterAward, data.English, data.LetterWording{
		Subject: "Your grant for {city}", Body: "Dear {given_name},\n\nYou receive {amount}, covering {covers}.\n\nWarm regards,"}); err != nil {
		t.Fatal(err)
	}
	var efua data.Participant
	people, _ := st.Participants(res.Lagos, data.ParticipantFilter{Text: "Boakye"})
	efua = people[0]
	_, pdf, err := PrintLetter(context.Background(), st, res.Lagos, efua.ID, data.LetterAward)
	if err != nil {
		t.Fatal(err)
	}
	assertHolds(t, pdf, []string{"Your grant for Lagos", "Dear Ɛfua,", "You receive USD 850.00, covering travel, accommodation, per diem."})
}

// PrintLetter, what the outbox attaches, enters the letter once: asked
// again, the same serial and code.
func TestPrintLetterEntersItOnce(t *testing.T) {
	st, res := demoStore(t)
	people, _ := st.Participants(res.Lagos, data.ParticipantFilter{Text: "Houénou"})
	l1, pdf, err := PrintLetter(context.Background(), st, res.Lagos, people[0].ID, data.LetterVisa)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("%v, %d bytes", err, len(pdf))
	}
	l2, _, err := PrintLetter(context.Background(), st, res.Lagos, people[0].ID, data.LetterVisa)
	if err != nil || l2.Serial != l1.Serial || l2.Code != l1.Code {
		t.Errorf("printed again: %+v, first %+v (%v)", l2, l1, err)
	}
	register, _ := st.Letters(res.Lagos)
	if len(register) != 1 {
		t.Errorf("%d letters in the register", len(register))
	}
	local, _ := st.Participants(res.Lagos, data.ParticipantFilter{Text: "Fáṣínà"})
	_, _, err = PrintLetter(context.Background(), st, res.Lagos, local[0].ID, data.LetterVisa)
	var refused *data.LetterRefusedError
	if !errors.As(err, &refused) || refused.Skip.Reason != data.SkipNoPassport {
		t.Errorf("a visa letter without a passport number: %v", err)
	}
}

// Cancelled half-way, a run of letters leaves no file and enters nothing.
func TestCancelledLettersLeaveNothing(t *testing.T) {
	st, res := demoStore(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "award.pdf")
	_, err := IssueAndPrintLetters(context.Background(), st, res.Lagos, data.LetterOptions{Kind: data.LetterAward}, path,
		func(done, total int) bool { return done < 5 })
	if !errors.Is(err, ErrCancelled) {
		t.Fatalf("cancelled: %v", err)
	}
	if register, _ := st.Letters(res.Lagos); len(register) != 0 {
		t.Errorf("%d letters entered by a cancelled run", len(register))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

// A name in a script the PDF's font lacks (Vai) gets no letter with the
// name cut short: the run leaves it out, saying which letters, and the
// one letter asked for is refused; once the name as in the passport is
// given as the printed name, the letter is written with it.
func TestLetterToANameTheFontCannotDrawIsRefused(t *testing.T) {
	st, res := demoStore(t)
	people, _ := st.Participants(res.Lagos, data.ParticipantFilter{Text: "Houénou"})
	vai := "\uA549\uA55C\uA56E\uA514"
	p := people[0]
	p.GivenName, p.PrintedName = vai, ""
	if err := st.SaveParticipant(&p); err != nil {
		t.Fatal(err)
	}
	pdf, run := lagosLetters(t, st, res.Lagos, data.LetterVisa)
	var left *data.LetterSkip
	for i, s := range run.LeftOut {
		if s.ParticipantID == p.ID {
			left = &run.LeftOut[i]
		}
	}
	if left == nil || left.Reason != data.SkipUndrawable || left.Missing != vai {
		t.Fatalf("left out %+v", run.LeftOut)
	}
	for _, l := range run.Letters {
		if l.ParticipantID == p.ID {
			t.Errorf("a letter was entered for the name the font cannot draw: %+v", l)
		}
	}
	if strings.Contains(strings.Join(pdfText(t, pdf), "\n"), p.Travel.PassportNumber) {
		t.Error("the PDF holds a letter for the name the font cannot draw")
	}
	_, _, err := PrintLetter(context.Background(), st, res.Lagos, p.ID, data.LetterVisa)
	var refused *data.LetterRefusedError
	if !errors.As(err, &refused) || refused.Skip.Reason != data.SkipUndrawable || refused.Skip.Missing != vai {
		t.Fatalf("one letter to the name the font cannot draw: %v", err)
	}
	p.PrintedName = "Françoise HOUENOU"
	if err := st.SaveParticipant(&p); err != nil {
		t.Fatal(err)
	}
	l, pdf, err := PrintLetter(context.Background(), st, res.Lagos, p.ID, data.LetterVisa)
	if err != nil || l.HolderName != "Françoise HOUENOU" {
		t.Fatalf("with the printed name: %+v, %v", l, err)
	}
	assertHolds(t, pdf, []string{"Françoise HOUENOU", p.Travel.PassportNumber})
}
