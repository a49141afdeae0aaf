package cli

import (
	"strings"
	"testing"
)

func TestRevokeBySerialThenVerifySaysRevoked(t *testing.T) {
	db, _, c := issuedDemo(t)
	code, stdout, stderr := runCLI("revoke", "--db", db, "--serial", strings.ToLower(c.Serial), "--reason", " Issued in error: she withdrew on day one ")
	if code != 0 || !strings.HasPrefix(stdout, "Revoked "+c.Serial+" (María Ñúñez Obiang) on ") ||
		!strings.Contains(stdout, ": Issued in error: she withdrew on day one\n") || !strings.Contains(stdout, "atelier verifier") {
		t.Fatalf("revoke: code %d, %q %q", code, stdout, stderr)
	}
	for _, input := range []string{c.Code, c.QRText()} {
		code, stdout, _ := runCLI("verify", "--db", db, input)
		if code != 1 || !strings.HasPrefix(stdout, "REVOKED: certificate "+c.Serial+", María Ñúñez Obiang attended") ||
			!strings.HasSuffix(stdout, ": Issued in error: she withdrew on day one\n") {
			t.Errorf("verify after revoking: code %d, %q", code, stdout)
		}
	}
	if code, _, stderr := runCLI("revoke", "--db", db, "--serial", c.Serial, "--reason", "twice"); code != 1 || !strings.Contains(stderr, "already revoked") {
		t.Errorf("revoked twice: code %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI("revoke", "--db", db, "--serial", "LAG-2022-999", "--reason", "x"); code != 1 || !strings.Contains(stderr, "no certificate in") {
		t.Errorf("unknown serial: code %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI("revoke", "--db", db, "--serial", c.Serial, "--workshop", "2", "--reason", "x"); code != 1 || !strings.Contains(stderr, "no certificate in") {
		t.Errorf("serial of another workshop: code %d, %q", code, stderr)
	}
	for _, args := range [][]string{{"revoke", "--db", db, "--serial", c.Serial}, {"revoke", "--db", db, "--serial", c.Serial, "--reason", "left", "early"},
		{"revoke", "--serial", c.Serial, "--reason", "x"}} {
		if code, _, _ := runCLI(args...); code != 2 {
			t.Errorf("%q: code %d", args, code)
		}
	}
	// Printing again leaves the revoked certificate out.
	code, stdout, _ = runCLI("certificates", "--db", db, "--workshop", "1", "--out", t.TempDir()+"/again.pdf")
	if code != 0 || !strings.Contains(stdout, "Wrote 20 certificates") {
		t.Errorf("reprint after revoking one of 21: code %d, %q", code, stdout)
	}
}
