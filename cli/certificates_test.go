package cli

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data"
)

func TestCertificatesThenVerify(t *testing.T) {
	db := demoFile(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "lagos.pdf")
	code, stdout, stderr := runCLI("certificates", "--db", db, "--workshop", "1", "--out", out, "--trainers")
	pdf, err := os.ReadFile(out)
	if code != 0 || err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) || !strings.Contains(stdout, "certificates to "+out) {
		t.Fatalf("certificates: code %d, stdout %q, stderr %q, file %v", code, stdout, stderr, err)
	}
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var serial, certCode, name string
	if err := conn.QueryRow(`SELECT serial, code, holder_name FROM certificates ORDER BY serial LIMIT 1`).
		Scan(&serial, &certCode, &name); err != nil {
		t.Fatal(err)
	}
	typed := strings.ToLower(strings.ReplaceAll(certCode, "-", " "))
	code, stdout, _ = runCLI(append([]string{"verify", "--db", db}, strings.Fields(typed)...)...)
	if code != 0 || !strings.HasPrefix(stdout, "GENUINE: certificate "+serial+", "+name+" attended") || strings.Count(stdout, "\n") != 1 {
		t.Errorf("verify %q: code %d, %q", typed, code, stdout)
	}

	// Printing again reissues: the same serials and codes.
	code, _, stderr = runCLI("certificates", "--db", db, "--workshop", "1", "--out", out)
	var again string
	conn.QueryRow(`SELECT code FROM certificates WHERE serial = ?`, serial).Scan(&again)
	if code != 0 || again != certCode {
		t.Errorf("reprint: code %d %q; the code went from %s to %s", code, stderr, certCode, again)
	}

	if _, err := conn.Exec(`UPDATE certificates SET holder_name = 'Mallory' WHERE serial = ?`, serial); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = runCLI("verify", "--db", db, certCode)
	if code != 1 || !strings.HasPrefix(stdout, "NOT GENUINE: the register entry "+serial) {
		t.Errorf("tampered: code %d, %q", code, stdout)
	}
	code, stdout, _ = runCLI("verify", "--db", db, "0000-0000-0000")
	if code != 1 || !strings.HasPrefix(stdout, "NOT GENUINE: no certificate") {
		t.Errorf("unknown: code %d, %q", code, stdout)
	}
	if code, _, stderr = runCLI("verify", "--db", db); code != 2 || !strings.Contains(stderr, "CODE") {
		t.Errorf("no code: %d %q", code, stderr)
	}
}

// With --each the certificates are printed into the PDF named and, one
// file each, into the folder beside it named like it; a name the folder
// cannot take after is refused before anything enters the register.
func TestCertificatesEachIntoAFolder(t *testing.T) {
	db := demoFile(t)
	dir := t.TempDir()
	code, stdout, stderr := runCLI("certificates", "--db", db, "--workshop", "1", "--out", filepath.Join(dir, "lagos.pdf"), "--each")
	entries, _ := os.ReadDir(filepath.Join(dir, "lagos"))
	n := regexp.MustCompile(`Wrote (\d+) certificates`).FindStringSubmatch(stdout)
	if code != 0 || n == nil || len(entries) == 0 || n[1] != strconv.Itoa(len(entries)) {
		t.Fatalf("code %d, stdout %q, stderr %q, %d files", code, stdout, stderr, len(entries))
	}
	if pdf, err := os.ReadFile(filepath.Join(dir, "lagos.pdf")); err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("no PDF for printing beside the folder: %v", err)
	}
	for _, e := range entries {
		if !regexp.MustCompile(`^LAG-2022-\d{3} .+\.pdf$`).MatchString(e.Name()) {
			t.Errorf("file name %q", e.Name())
		}
	}

	fresh := demoFile(t)
	code, _, stderr = runCLI("certificates", "--db", fresh, "--workshop", "1", "--out", filepath.Join(dir, "folder"), "--each")
	if code != 1 || !strings.Contains(stderr, "ending in .pdf") {
		t.Errorf("code %d, stderr %q, want the name refused", code, stderr)
	}
	st, err := data.Open(fresh, data.OpenExisting)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if register, err := st.Certificates(1); err != nil || len(register) != 0 {
		t.Errorf("the refused run entered %d certificates in the register (%v)", len(register), err)
	}
}

func TestCertificatesWhenNobodyIsEligible(t *testing.T) {
	db := demoFile(t)
	out := filepath.Join(t.TempDir(), "dakar.pdf")
	code, _, stderr := runCLI("certificates", "--db", db, "--workshop", "2", "--out", out)
	if _, err := os.Stat(out); code != 1 || !strings.Contains(stderr, "eligible") || err == nil {
		t.Errorf("code %d, stderr %q, file %v", code, stderr, err)
	}
}
