package reports

import (
	"fmt"
	"os"
	"regexp"
	"testing"

	"github.com/atelier-workshops/atelier/data"
)

// The French documents call what Atelier prints an “attestation”, as the
// interface does, never a “certificat”: the printed words, the workbook's
// and the verifier page's.
func TestFrenchDocumentsSayAttestation(t *testing.T) {
	certificat := regexp.MustCompile(`(?i)\bcertificats?\b`)
	for what, words := range map[string]string{
		"document words": fmt.Sprintf("%+v", wordsFor(data.French)),
		"workbook words": fmt.Sprintf("%+v", bookWordsFor(data.French)),
		"file names":     fmt.Sprint(documentFileWords[data.French]),
	} {
		if m := certificat.FindString(words); m != "" {
			t.Errorf("the French %s say %q", what, m)
		}
	}
	page, err := os.ReadFile("verifier/verifier.js")
	if err != nil {
		t.Fatal(err)
	}
	french := regexp.MustCompile(`(?s)\bfr: \{.*?\n    \}`).Find(page)
	if len(french) == 0 {
		t.Fatal("no French in the verifier page")
	}
	if m := certificat.Find(french); m != nil {
		t.Errorf("the verifier page's French says %q", m)
	}
}
