package reports

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data"
)

// The page is one file that asks for nothing from anywhere: no script,
// style, image or font from outside, and a policy that forbids them. It
// holds the file's keys and its revocations, and a revocation's reason
// cannot break out of the data it sits in.
func TestVerifierPageIsSelfContainedAndHoldsKeysAndRevocations(t *testing.T) {
	st, d := lagosCertificates(t)
	c := d.Certificates[4]
	if _, err := st.Revoke(c.ID, `mistake </script><script>alert(1)</script>`); err != nil {
		t.Fatal(err)
	}
	v, err := LoadVerifier(st, "ICOM Nigeria & partners")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteVerifierPage(v, &buf); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if n := strings.Count(strings.ToLower(page), "</script>"); n != 2 {
		t.Errorf("%d script ends: something in the data closed one", n)
	}
	for _, outside := range []string{`src=`, `href=`, `<link`, `@import`, `url(`, `fetch(`, `XMLHttpRequest`, `WebSocket`} {
		if strings.Contains(page, outside) {
			t.Errorf("the page holds %q", outside)
		}
	}
	if !strings.Contains(page, `default-src 'none'`) {
		t.Error("the page has no policy forbidding outside resources")
	}
	m := regexp.MustCompile(`(?s)<script id="issuer-data" type="application/json">(.*?)</script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no issuer data")
	}
	var got pageData
	if err := json.Unmarshal([]byte(m[1]), &got); err != nil {
		t.Fatal(err)
	}
	keys, _ := st.IssuerKeys()
	if len(got.Keys) != 1 || got.Keys[0].Fingerprint != keys[0].Fingerprint() || got.Issuer != "ICOM Nigeria & partners" {
		t.Errorf("keys: %+v", got)
	}
	if len(got.Revoked) != 1 || got.Revoked[0].ID != data.SignatureID(c.Signature) || got.Revoked[0].Serial != c.Serial ||
		!strings.HasPrefix(got.Revoked[0].Reason, "mistake </script>") {
		t.Errorf("revocations: %+v", got.Revoked)
	}
	if err := WriteVerifierPage(VerifierData{}, &buf); err == nil {
		t.Error("a page without keys was written")
	}
}
