package reports

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data"
)

// Names pasted from anywhere: emoji with skin tones and zero-width joiners,
// right-to-left text and marks, the longest names and institutions the forms
// accept. The documents must still be written, be valid PDFs, and keep the
// text they can print.
func TestHostileTextStillMakesValidDocuments(t *testing.T) {
	st, res := demoStore(t)
	hostile := []*data.Participant{
		{GivenName: "👩🏾‍🏫 Adaeze", FamilyName: "Ọkafọ̀ 🇳🇬", Institution: "Museum 🏛️\u200d🔥"},
		{GivenName: "\u200fمريم\u200e", FamilyName: "العلوي", Institution: "متحف\u202e reversed"},
		{GivenName: strings.Repeat("Ọ", data.MaxNameLength), FamilyName: strings.Repeat("Ẹ̀", 100),
			Institution: strings.Repeat("Institution ", data.MaxShortText/12)},
		{GivenName: "Zero\u200bWidth\u2060Joined", FamilyName: "Tab-free", Notes: strings.Repeat("long note ", 999)},
	}
	for _, p := range hostile {
		p.WorkshopID, p.Status, p.Country = res.Lagos, data.StatusConfirmed, "NG"
	}
	if err := st.SaveParticipants(hostile); err != nil {
		t.Fatal(err)
	}
	sessions, err := st.Sessions(res.Lagos)
	if err != nil {
		t.Fatal(err)
	}
	long := sessions[1]
	long.Title = strings.Repeat("A very long session title ", data.MaxTitleLength/26)
	long.Room = "🚪 " + strings.Repeat("Room ", 30)
	if err := st.SaveSession(&long); err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	for name, write := range map[string]func(*bytes.Buffer) error{
		"signin.pdf":    func(b *bytes.Buffer) error { return SignIn(st, res.Lagos, SignInSelection{SessionID: long.ID}, b) },
		"programme.pdf": func(b *bytes.Buffer) error { return Programme(st, res.Lagos, b) },
	} {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		text := joined(pdfText(t, buf.Bytes()))
		// Right-to-left names are drawn shaped, in the order they are seen.
		if name == "signin.pdf" && (!strings.Contains(text, "Adaeze") || !strings.Contains(text, visual("العلوي"))) {
			t.Errorf("%s lost the printable part of the names", name)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if qpdf, err := exec.LookPath("qpdf"); err == nil {
			if out, err := exec.Command(qpdf, "--check", path).CombinedOutput(); err != nil {
				t.Errorf("%s is not a valid PDF: %s", name, out)
			}
		}
	}
}
