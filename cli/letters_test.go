package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// pdfWords is the text poppler reads from a PDF the command wrote.
func pdfWords(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

// atelier letters enters the visa letters in the register and writes them;
// each code it lists is one atelier verify names as a visa letter, and
// asked again it keeps the serials and codes.
func TestLettersCommandWritesLettersThatVerify(t *testing.T) {
	db := demoFile(t)
	out := filepath.Join(t.TempDir(), "visa.pdf")
	code, stdout, errOut := runCLI("letters", "--db", db, "--workshop", "1", "--kind", "visa", "--out", out)
	if code != 0 || !strings.HasPrefix(stdout, "Wrote 8 letters to "+out) {
		t.Fatalf("code %d, stdout %q, stderr %q", code, stdout, errOut)
	}
	if !strings.Contains(errOut, "warning: Hélène Agbéko") {
		t.Errorf("no warning of the passport that expires too soon: %q", errOut)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")[1:]
	text := pdfWords(t, out)
	for _, l := range lines {
		serial, code, name := strings.Fields(l)[0], strings.Fields(l)[1], strings.Join(strings.Fields(l)[2:], " ")
		if !strings.Contains(text, serial) || !strings.Contains(text, name) {
			t.Errorf("the PDF lacks %s of %s", serial, name)
		}
		vc, vout, _ := runCLI("verify", "--db", db, code)
		if vc != 0 || !strings.HasPrefix(vout, "GENUINE: visa invitation letter "+serial+" to "+name) {
			t.Errorf("verify %s: code %d, %q", code, vc, vout)
		}
	}
	again := filepath.Join(t.TempDir(), "again.pdf")
	if code, stdout2, _ := runCLI("letters", "--db", db, "--workshop", "1", "--kind", "visa", "--out", again); code != 0 ||
		stdout2[strings.Index(stdout2, "\n"):] != stdout[strings.Index(stdout, "\n"):] {
		t.Errorf("issued again: code %d\n%s\nfirst\n%s", code, stdout2, stdout)
	}
	code, _, errOut = runCLI("letters", "--db", db, "--workshop", "1", "--kind", "thanks", "--out", out)
	if code != 2 || !strings.Contains(errOut, `--kind must be visa, award or attendance, not "thanks"`) {
		t.Errorf("a kind it does not know: code %d, %q", code, errOut)
	}
	code, _, errOut = runCLI("letters", "--db", db, "--workshop", "1", "--kind", "visa", "--participant", "9999", "--out", out)
	if code == 0 || !strings.Contains(errOut, "workshop 1 has no participant 9999") {
		t.Errorf("a participant it does not know: code %d, %q", code, errOut)
	}
}

// atelier badges writes a sheet of badges and says how many; a layout it
// does not know is refused before anything is written.
func TestBadgesCommandWritesBadgesAndCards(t *testing.T) {
	db := demoFile(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "badges.pdf")
	code, stdout, errOut := runCLI("badges", "--db", db, "--workshop", "1", "--out", out)
	if code != 0 || !strings.HasSuffix(stdout, " badges\n") {
		t.Fatalf("code %d, stdout %q, stderr %q", code, stdout, errOut)
	}
	if text := pdfWords(t, out); !strings.Contains(text, "Ìfẹ́olúwa") {
		t.Errorf("badges lack Ìfẹ́olúwa:\n%s", text)
	}
	tents := filepath.Join(dir, "tents.pdf")
	if code, stdout, errOut := runCLI("badges", "--db", db, "--workshop", "1", "--tents", "--out", tents); code != 0 ||
		!strings.HasSuffix(stdout, " table cards\n") {
		t.Errorf("table cards: code %d, %q, %q", code, stdout, errOut)
	}
	bad := filepath.Join(dir, "bad.pdf")
	code, _, errOut = runCLI("badges", "--db", db, "--workshop", "1", "--layout", "a5", "--out", bad)
	if _, err := os.Stat(bad); code != 2 || !strings.Contains(errOut, `--layout must be a4-8 or a6-4, not "a5"`) || err == nil {
		t.Errorf("a layout it does not know: code %d, %q, file: %v", code, errOut, err)
	}
}

// atelier logistics writes each of its sheets.
func TestLogisticsCommandWritesEachSheet(t *testing.T) {
	db := demoFile(t)
	for kind, want := range map[string]string{"rooming": "Lagos Continental Hotel", "pickups": "KP 51", "perdiem": "Signature"} {
		out := filepath.Join(t.TempDir(), kind+".pdf")
		if code, _, errOut := runCLI("logistics", "--db", db, "--workshop", "1", "--kind", kind, "--out", out); code != 0 {
			t.Fatalf("%s: code %d, %q", kind, code, errOut)
		}
		if text := pdfWords(t, out); !strings.Contains(text, want) {
			t.Errorf("%s lacks %q:\n%s", kind, want, text)
		}
	}
	if code, _, errOut := runCLI("logistics", "--db", db, "--workshop", "1", "--kind", "menus", "--out", "x.pdf"); code != 2 ||
		!strings.Contains(errOut, "--kind must be rooming, pickups or perdiem") {
		t.Errorf("a kind it does not know: code %d, %q", code, errOut)
	}
}
