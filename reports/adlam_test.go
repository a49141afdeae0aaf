package reports

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data"
)

// A Fulani name in Adlam: Aïssatou Baldé's family name, and a given name
// with a mark (U+1E944) on its first letter.
const (
	adlamFamily1 = "\U0001E904\U0001E922\U0001E924\U0001E923\U0001E92B"
	adlamGiven   = "\U0001E900\U0001E944\U0001E923\U0001E924\U0001E922"
)

// poppler reads back an Adlam name as typed, in reading order, from a
// certificate, a badge and a visa letter; none of them calls it a name
// the font cannot draw, and the Adlam face is in the PDF.
func TestAdlamNamesArePrintedOnCertificatesBadgesAndLetters(t *testing.T) {
	name := adlamGiven + " " + adlamFamily1
	if m := MissingLetters(name); m != "" {
		t.Fatalf("MissingLetters(%q) = %q, want none", name, m)
	}

	_, cd := lagosCertificates(t)
	cd.Certificates = cd.Certificates[:2]
	cd.Certificates[0].HolderName = name
	cd.Certificates[1].HolderName = "Aïssatou " + adlamFamily1 // Latin and Adlam on one line
	var cert bytes.Buffer
	if err := WriteCertificates(cd, &cert, nil); err != nil {
		t.Fatal(err)
	}

	d := data.BadgeData{Workshop: data.Workshop{Title: "T", City: "Lagos", Language: data.English},
		Badges: []data.Badge{{Role: data.BadgeParticipant, Given: adlamGiven, Family: adlamFamily1, Name: name, Code: "AB1"}}}
	badge, un := writeBadges(t, d, BadgesA6x4, false)
	if len(un) != 0 {
		t.Errorf("the badge says it cannot draw %+v", un)
	}

	lst, lres := demoStore(t)
	found, _ := lst.Participants(lres.Lagos, data.ParticipantFilter{Text: "Houénou"})
	if len(found) == 0 {
		t.Fatal("no Houénou in the demo")
	}
	p := found[0]
	p.GivenName, p.FamilyName, p.PrintedName = adlamGiven, adlamFamily1, ""
	if err := lst.SaveParticipant(&p); err != nil {
		t.Fatal(err)
	}
	_, letter, err := PrintLetter(context.Background(), lst, lres.Lagos, p.ID, data.LetterVisa)
	if err != nil {
		t.Fatalf("the visa letter to an Adlam name: %v", err)
	}

	for doc, pdf := range map[string][]byte{"certificate": cert.Bytes(), "badge": badge, "letter": letter} {
		if !bytes.Contains(pdf, []byte("utf8notoadlam")) {
			t.Errorf("the %s has no Adlam face", doc)
		}
		out, ok := popplerText(t, pdf)
		if !ok {
			t.Skip("pdftotext is not installed (apt-get install poppler-utils)")
		}
		want := []string{name}
		if doc == "badge" { // given name over family name
			want = []string{adlamGiven, adlamFamily1}
		}
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("pdftotext does not read %q back from the %s; it reads:\n%s", w, doc, out)
			}
		}
		if doc == "certificate" && !strings.Contains(out, "Aïssatou "+adlamFamily1) {
			t.Errorf("pdftotext does not read the mixed name back from the certificate; it reads:\n%s", out)
		}
	}
}

// Adlam is written right to left: it is drawn in visual order, its
// first letter rightmost, in the font's Private Use Area codes.
func TestAdlamIsDrawnRightToLeft(t *testing.T) {
	shown := visual(adlamFamily1)
	if want := string(reversedClusters([]rune(adlamFamily1))); shown != want {
		t.Errorf("visual(%U) = %U, want %U", []rune(adlamFamily1), []rune(shown), []rune(want))
	}
	runs, adlam := adlamRuns(visual("Aïssatou " + adlamFamily1))
	if len(runs) != 2 || adlam[0] || !adlam[1] || runs[0] != "Aïssatou " {
		t.Errorf("runs %q %v", runs, adlam)
	}
	if got := toPUA("\U0001E900"); got != "\uE900" {
		t.Errorf("toPUA = %U", []rune(got))
	}
}
