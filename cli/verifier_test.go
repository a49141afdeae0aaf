package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data"
)

func TestVerifierWritesThePageWithKeysAndRevocations(t *testing.T) {
	db, _, c := issuedDemo(t)
	if code, _, stderr := runCLI("revoke", "--db", db, "--serial", c.Serial, "--reason", "duplicate"); code != 0 {
		t.Fatal(stderr)
	}
	out := filepath.Join(t.TempDir(), "verify.html")
	code, stdout, stderr := runCLI("verifier", "--db", db, "--out", out, "--issuer", "ICOM Nigeria")
	if code != 0 || !strings.HasPrefix(stdout, "Wrote "+out+": issuer keys "+c.IssuerFingerprint()+"; revoked certificates: 1.") {
		t.Fatalf("verifier: code %d, %q %q", code, stdout, stderr)
	}
	page, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(page), `"fingerprint":"`+c.IssuerFingerprint()+`"`) ||
		!strings.Contains(string(page), `"reason":"duplicate"`) || !strings.Contains(string(page), "ICOM Nigeria") {
		t.Errorf("the page lacks the key, the revocation or the issuer: %v", err)
	}
	for _, args := range [][]string{{"verifier", "--db", db}, {"verifier", "--db", db, "--out", "page.txt"},
		{"verifier", "--db", db, "--workshop", "1"}, {"verifier", "--db", db, "--out", out, "--address", "https://x.org/v.html"}} {
		if code, _, _ := runCLI(args...); code != 2 {
			t.Errorf("%q: code %d", args, code)
		}
	}
	if code, _, stderr := runCLI("verifier", "--db", filepath.Join(t.TempDir(), "none.db"), "--out", out); code != 1 || !strings.Contains(stderr, "cannot be found") {
		t.Errorf("missing database: code %d, %q", code, stderr)
	}
}

// A workshop's verifier address goes into the QR codes printed after it.
func TestVerifierAddressOfAWorkshop(t *testing.T) {
	db := demoFile(t)
	if code, _, stderr := runCLI("verifier", "--db", db, "--workshop", "1", "--address", "verify.html"); code != 1 || !strings.Contains(stderr, "not a web address") {
		t.Errorf("a bare file name: code %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI("verifier", "--db", db, "--workshop", "9", "--address", "https://icom.example/v.html"); code != 1 || !strings.Contains(stderr, "no workshop 9") {
		t.Errorf("no such workshop: code %d, %q", code, stderr)
	}
	code, stdout, stderr := runCLI("verifier", "--db", db, "--workshop", "1", "--address", "https://icom.example/lagos/verify.html")
	if code != 0 || !strings.Contains(stdout, "https://icom.example/lagos/verify.html") {
		t.Fatalf("set address: code %d, %q %q", code, stdout, stderr)
	}
	st, err := data.Open(db, data.OpenExisting)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if a, _ := st.VerifierAddress(1); a != "https://icom.example/lagos/verify.html" {
		t.Errorf("address %q", a)
	}
	if code, _, _ := runCLI("verifier", "--db", db, "--workshop", "1", "--address", "none"); code != 0 {
		t.Error("clearing the address")
	}
	if a, _ := st.VerifierAddress(1); a != "" {
		t.Errorf("address %q after clearing", a)
	}
}
