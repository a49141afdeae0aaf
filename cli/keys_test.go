package cli

import (
	"encoding/base64"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data"
)

func TestKeysMadeOnFirstUseAndWrittenForPublishing(t *testing.T) {
	db := demoFile(t)
	code, stdout, stderr := runCLI("keys", "--db", db)
	if code != 0 || !strings.HasPrefix(stdout, "Made an issuer key for "+db) || !strings.Contains(stdout, "signs new certificates; 0 certificates") {
		t.Fatalf("first keys: code %d, %q %q", code, stdout, stderr)
	}
	fingerprint := strings.Fields(strings.Split(stdout, "\n")[1])
	code, again, _ := runCLI("keys", "--db", db)
	if code != 0 || strings.Contains(again, "Made") || !strings.HasPrefix(again, strings.Join(fingerprint[:4], " ")) {
		t.Errorf("second keys: code %d, %q", code, again)
	}
	pub := filepath.Join(t.TempDir(), "issuer.pem")
	if code, stdout, _ := runCLI("keys", "--db", db, "--out", pub); code != 0 || !strings.Contains(stdout, "Wrote "+pub) {
		t.Fatalf("keys --out: code %d, %q", code, stdout)
	}
	b, err := os.ReadFile(pub)
	if err != nil || !strings.Contains(string(b), "BEGIN PUBLIC KEY") || strings.Contains(string(b), "PRIVATE") {
		t.Fatalf("public key file: %s, %v", b, err)
	}
	for _, args := range [][]string{{"keys"}, {"keys", "--db", db, "--out", pub, "--export-private", "k.pem"}, {"keys", "--db", db, "x"}} {
		if code, _, _ := runCLI(args...); code != 2 {
			t.Errorf("%q: code %d", args, code)
		}
	}
}

// One issuer across files: the key exported from one file and imported
// into another signs there, and what either signed verifies with the
// keys the second publishes.
func TestKeysCarriedToAnotherFile(t *testing.T) {
	a, _, fromA := issuedDemo(t)
	b, _, fromB := issuedDemo(t)
	dir := t.TempDir()
	private := filepath.Join(dir, "organisation.pem")
	code, stdout, stderr := runCLI("keys", "--db", a, "--export-private", private)
	if code != 0 || !strings.Contains(stdout, "PRIVATE issuer key "+fromA.IssuerFingerprint()) || !strings.Contains(stdout, "sign certificates in your name") {
		t.Fatalf("export: code %d, %q %q", code, stdout, stderr)
	}
	if info, err := os.Stat(private); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the private key file is readable by others: %v %v", info.Mode(), err)
	}
	if code, _, stderr := runCLI("keys", "--db", a, "--export-private", private); code != 1 || !strings.Contains(stderr, "never written over") {
		t.Errorf("export over an existing file: code %d, %q", code, stderr)
	}
	code, stdout, stderr = runCLI("keys", "--db", b, "--import-private", private)
	if code != 0 || !strings.Contains(stdout, "now signs with the issuer key "+fromA.IssuerFingerprint()) ||
		!strings.Contains(stdout, "former key "+fromB.IssuerFingerprint()+" stays in the file to verify the 21 certificates") {
		t.Fatalf("import: code %d, %q %q", code, stdout, stderr)
	}
	bad := filepath.Join(dir, "bad.pem")
	os.WriteFile(bad, []byte("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAQDl7vgthaQHgCEC/JNvgUHCKqMBSk03JTbP6ixFKWhY=\n-----END PUBLIC KEY-----\n"), 0o600)
	if code, _, stderr := runCLI("keys", "--db", b, "--import-private", bad); code != 1 || !strings.Contains(stderr, "no Ed25519 private key") {
		t.Errorf("importing a public key: code %d, %q", code, stderr)
	}
	pubB := filepath.Join(dir, "b.pem")
	if code, _, _ := runCLI("keys", "--db", b, "--out", pubB); code != 0 {
		t.Fatal("keys --out")
	}
	for _, c := range []data.Certificate{fromA, fromB} {
		if code, stdout, _ := runCLI("verify", "--key", pubB, c.QRText()); code != 0 {
			t.Errorf("%s's certificate with B's published keys: %q", c.IssuerFingerprint(), stdout)
		}
	}
}

// The keys are standard: a key OpenSSL made imports, and OpenSSL checks
// a certificate's signature with the public key Atelier writes.
func TestKeysWorkWithOpenSSL(t *testing.T) {
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("openssl is not installed; .ci/run installs it")
		}
		t.Skip("openssl is not installed")
	}
	dir := t.TempDir()
	made := filepath.Join(dir, "made.pem")
	if out, err := exec.Command(openssl, "genpkey", "-algorithm", "ed25519", "-out", made).CombinedOutput(); err != nil {
		t.Fatalf("openssl genpkey: %v %s", err, out)
	}
	db := demoFile(t)
	if code, stdout, stderr := runCLI("keys", "--db", db, "--import-private", made); code != 0 || !strings.Contains(stdout, "now signs") {
		t.Fatalf("import OpenSSL's key: %q %q", stdout, stderr)
	}
	pub := filepath.Join(dir, "pub.pem")
	if code, _, _ := runCLI("keys", "--db", db, "--out", pub); code != 0 {
		t.Fatal("keys --out")
	}
	if code, _, stderr := runCLI("certificates", "--db", db, "--workshop", "1", "--out", filepath.Join(dir, "c.pdf")); code != 0 {
		t.Fatal(stderr)
	}
	st, err := data.Open(db, data.OpenExisting)
	if err != nil {
		t.Fatal(err)
	}
	certs, err := st.Certificates(1)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	c := certs[0]
	msg, sig := filepath.Join(dir, "msg"), filepath.Join(dir, "sig")
	os.WriteFile(msg, []byte(c.SignedText), 0o600)
	os.WriteFile(sig, c.Signature, 0o600)
	verify := func(message string) error {
		os.WriteFile(msg, []byte(message), 0o600)
		return exec.Command(openssl, "pkeyutl", "-verify", "-pubin", "-inkey", pub, "-rawin", "-in", msg, "-sigfile", sig).Run()
	}
	if err := verify(c.SignedText); err != nil {
		t.Errorf("OpenSSL does not verify %s's signature (%s): %v", c.Serial, base64.RawURLEncoding.EncodeToString(c.Signature), err)
	}
	if err := verify(strings.Replace(c.SignedText, "Lagos", "Lagoz", 1)); err == nil {
		t.Error("OpenSSL verifies a changed text")
	}
}
