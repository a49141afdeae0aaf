package cli

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/mail/mailtest"
)

// folderHash sums every file of a folder, to tell that nothing in it
// changed.
func folderHash(t *testing.T, dir string) [32]byte {
	t.Helper()
	h := sha256.New()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		h.Write([]byte(e.Name()))
		h.Write(b)
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

// Without --yes, send prints the count and one message and changes
// nothing; with it, it issues, queues and sends, one message each, and
// outbox lists them sent with the server's answer.
func TestSendCertificatesPreviewThenYes(t *testing.T) {
	m := mailtest.Start(t, mailtest.Options{})
	db := demoFile(t)
	smtp := "127.0.0.1:" + strconv.Itoa(m.SMTPPort)
	args := []string{"send", "--db", db, "--workshop", "1", "--what", "certificates", "--from", "organiser@example.org",
		"--from-name", "Ọláńrewájú Ẹ̀kọ́", "--smtp", smtp, "--security", "none", "--rate", "0"}
	before := folderHash(t, filepath.Dir(db))
	code, stdout, stderr := runCLI(args...)
	if code != 0 || !strings.HasPrefix(stdout, "21 messages to 21 people.\n") || !strings.Contains(stdout, "Subject: ") ||
		!strings.Contains(stdout, "From:    Ọláńrewájú Ẹ̀kọ́ <organiser@example.org>") ||
		!strings.Contains(stdout, "Nothing was sent: add --yes") {
		t.Fatalf("preview: code %d, %q %q", code, stdout, stderr)
	}
	if folderHash(t, filepath.Dir(db)) != before || m.Count(t) != 0 {
		t.Fatal("the preview changed the file or sent something")
	}
	code, stdout, stderr = runCLI(append(args, "--yes")...)
	if code != 0 || !strings.Contains(stdout, "Queued 21 messages to 21 people.") || !strings.Contains(stdout, "21 messages sent.") {
		t.Fatalf("--yes: code %d, %q %q", code, stdout, stderr)
	}
	if m.Count(t) != 21 {
		t.Fatalf("Mailpit took %d messages", m.Count(t))
	}
	code, stdout, _ = runCLI("outbox", "--db", db)
	if code != 0 || !strings.HasSuffix(stdout, "21 messages: 21 sent.\n") || !strings.Contains(stdout, "the server answered: 2.0.0 Ok") {
		t.Fatalf("outbox: code %d, %q", code, stdout)
	}
}

// The server down: the messages wait, the command says so and exits 1;
// --retry once the server is up sends each once.
func TestSendWithTheServerDownThenRetry(t *testing.T) {
	port := mailtest.FreePort(t)
	db := demoFile(t)
	args := []string{"send", "--db", db, "--workshop", "1", "--what", "text", "--subject", "Bus", "--body", "Dear {name}, the bus leaves at 8.",
		"--from", "organiser@example.org", "--smtp", "127.0.0.1:" + strconv.Itoa(port), "--security", "none", "--rate", "0", "--yes"}
	code, stdout, stderr := runCLI(args...)
	if code != 1 || !strings.Contains(stderr, "cannot be reached") || !strings.Contains(stdout, "wait in the outbox") {
		t.Fatalf("server down: code %d, %q %q", code, stdout, stderr)
	}
	m := mailtest.Start(t, mailtest.Options{SMTPPort: port})
	// --retry needs no --from: the messages keep theirs.
	retry := []string{"send", "--db", db, "--retry", "--smtp", "127.0.0.1:" + strconv.Itoa(port), "--security", "none", "--rate", "0"}
	code, stdout, stderr = runCLI(retry...)
	queued := m.Count(t)
	if code != 0 || queued == 0 || !strings.Contains(stdout, strconv.Itoa(queued)+" messages sent.") {
		t.Fatalf("retry: code %d, %q %q", code, stdout, stderr)
	}
	if code, stdout, _ := runCLI(retry...); code != 0 || !strings.Contains(stdout, "0 messages sent.") || m.Count(t) != queued {
		t.Fatalf("a second retry: code %d, %q; Mailpit took %d then %d", code, stdout, queued, m.Count(t))
	}
	for _, s := range m.Messages(t) {
		msg := m.Message(t, s.ID)
		if !strings.Contains(msg.Text, "the bus leaves at 8") || strings.Contains(msg.Text, "{name}") {
			t.Fatalf("text %q", msg.Text)
		}
	}
}

// A wrong password from the environment is said in words; a mistake on
// the command line is named, with exit 2.
func TestSendSaysWhatIsWrong(t *testing.T) {
	m := mailtest.Start(t, mailtest.Options{Users: map[string]string{"organiser": "right"}})
	db := demoFile(t)
	t.Setenv(PasswordVariable, "wrong")
	args := []string{"send", "--db", db, "--workshop", "1", "--what", "certificates", "--from", "organiser@example.org",
		"--smtp", "127.0.0.1:" + strconv.Itoa(m.SMTPPort), "--security", "none", "--user", "organiser", "--yes"}
	code, _, stderr := runCLI(args...)
	if code != 1 || !strings.Contains(stderr, "refused the user name or the password") || m.Count(t) != 0 {
		t.Fatalf("wrong password: code %d, %q", code, stderr)
	}
	for _, bad := range [][]string{
		{"send", "--db", db, "--workshop", "1", "--what", "postcards", "--smtp", "h:1", "--from", "a@b.org"},
		{"send", "--db", db, "--workshop", "1", "--what", "certificates", "--to", "x@y.org", "--smtp", "h:1", "--from", "a@b.org"},
		{"send", "--db", db, "--retry", "--workshop", "1"},
		{"send", "--db", db, "--workshop", "1", "--what", "text", "--smtp", "h:1", "--from", "a@b.org"},
		{"send", "--workshop", "1", "--what", "certificates"},
	} {
		if code, _, stderr := runCLI(bad...); code != 2 || !strings.Contains(stderr, "atelier send: ") {
			t.Errorf("%q: code %d, %q", bad, code, stderr)
		}
	}
	if code, _, stderr := runCLI("send", "--db", db, "--workshop", "1", "--what", "workbook", "--smtp", "h:1", "--from", "a@b.org"); code != 1 ||
		!strings.Contains(stderr, "no secretariat's address") {
		t.Errorf("workbook without a secretariat: code %d, %q", code, stderr)
	}
	// Port 465 is TLS from the first byte: said so when another security
	// is asked for, and taken when none is.
	if code, _, stderr := runCLI("send", "--db", db, "--workshop", "1", "--what", "certificates", "--smtp", "smtp.example.org:465",
		"--security", "starttls", "--from", "a@b.org"); code != 1 || !strings.Contains(stderr, "port 465 is secure from the first byte") {
		t.Errorf("STARTTLS on 465: code %d, %q", code, stderr)
	}
	if code, stdout, stderr := runCLI("send", "--db", db, "--workshop", "1", "--what", "certificates", "--smtp", "smtp.example.org:465",
		"--from", "a@b.org"); code != 0 || !strings.Contains(stdout, "Nothing was sent") {
		t.Errorf("465 without --security: code %d, %q %q", code, stdout, stderr)
	}
	if code, _, stderr := runCLI("send", "--db", db, "--workshop", "1", "--what", "certificates", "--smtp", "nohost", "--from", "a@b.org"); code != 1 ||
		!strings.Contains(stderr, "HOST:PORT") {
		t.Errorf("bad --smtp: code %d, %q", code, stderr)
	}
}

// send --what visa previews the visa letters the register would issue
// (printed when sent), then, with --yes, issues them and sends one each
// with its PDF; the letters the register then holds are those the
// messages name, and printing them again keeps their serials and codes.
func TestSendVisaLetters(t *testing.T) {
	m := mailtest.Start(t, mailtest.Options{})
	db := demoFile(t)
	args := []string{"send", "--db", db, "--workshop", "1", "--what", "visa", "--from", "organiser@example.org",
		"--smtp", "127.0.0.1:" + strconv.Itoa(m.SMTPPort), "--security", "none", "--rate", "0"}
	code, stdout, stderr := runCLI(args...)
	first, _, _ := strings.Cut(stdout, "\n")
	var n, people int
	if _, err := fmt.Sscanf(first, "%d messages to %d people.", &n, &people); err != nil || code != 0 || n < 3 || people != n ||
		!regexp.MustCompile(`(?m)^Subject: .*visa`).MatchString(stdout) || !strings.Contains(stdout, "(printed when sent)") {
		t.Fatalf("preview: code %d, %q %q", code, stdout, stderr)
	}
	code, stdout, stderr = runCLI(append(args, "--yes")...)
	if code != 0 || !strings.Contains(stdout, fmt.Sprintf("Queued %d messages", n)) || !strings.Contains(stdout, fmt.Sprintf("%d messages sent.", n)) {
		t.Fatalf("--yes: code %d, %q %q", code, stdout, stderr)
	}
	out := filepath.Join(t.TempDir(), "visa.pdf")
	code, listed, stderr := runCLI("letters", "--db", db, "--workshop", "1", "--kind", "visa", "--out", out)
	lines := strings.Split(strings.TrimSpace(listed), "\n")[1:]
	if code != 0 || len(lines) != n || m.Count(t) != n {
		t.Fatalf("letters after sending: code %d, %q %q; Mailpit took %d of %d", code, listed, stderr, m.Count(t), n)
	}
	sent := map[string]string{}
	for _, s := range m.Messages(t) {
		msg := m.Message(t, s.ID)
		if len(msg.Attachments) != 1 || !strings.HasSuffix(msg.Attachments[0].FileName, ".pdf") {
			t.Fatalf("%s: attachments %+v", s.To[0].Address, msg.Attachments)
		}
		pdf := filepath.Join(t.TempDir(), "letter.pdf")
		if err := os.WriteFile(pdf, m.Attachment(t, s.ID, msg.Attachments[0].PartID), 0o600); err != nil {
			t.Fatal(err)
		}
		sent[msg.Text] = pdfWords(t, pdf)
	}
	for _, l := range lines {
		serial, code := strings.Fields(l)[0], strings.Fields(l)[1]
		found := false
		for text, pdf := range sent {
			found = found || strings.Contains(text, serial) && strings.Contains(text, code) && strings.Contains(pdf, serial)
		}
		if !found {
			t.Errorf("no message carries the letter %s %s the register holds", serial, code)
		}
	}
}

// send --what workbook --to mails the workbook exported now to the
// address given; a server that puts it off leaves it waiting, said so,
// with exit 1 and the time of the next try in atelier outbox; --retry
// sends it once the server takes it, with exit 0.
func TestSendTheWorkbookPutOffThenRetried(t *testing.T) {
	m := mailtest.Start(t, mailtest.Options{})
	db := demoFile(t)
	smtp := "127.0.0.1:" + strconv.Itoa(m.SMTPPort)
	m.Chaos(t, 451)
	code, stdout, stderr := runCLI("send", "--db", db, "--workshop", "1", "--what", "workbook", "--to", "stats@icom.example",
		"--anonymous", "--from", "organiser@example.org", "--smtp", smtp, "--security", "none", "--rate", "0", "--yes")
	if code != 1 || !strings.Contains(stdout, "Queued 1 message to 1 person.") || !strings.Contains(stdout, "put off for stats@icom.example") ||
		!strings.Contains(stdout, "1 message waits in the outbox: atelier send --db "+db+" --retry sends it.") {
		t.Fatalf("put off: code %d, %q %q", code, stdout, stderr)
	}
	code, listed, _ := runCLI("outbox", "--db", db)
	if code != 0 || !strings.Contains(listed, "queued   workbook") || !strings.Contains(listed, "The server asked to try this message again later.") ||
		!strings.Contains(listed, "next try from") {
		t.Fatalf("outbox: code %d, %q", code, listed)
	}
	m.Chaos(t, 0)
	code, stdout, stderr = runCLI("send", "--db", db, "--retry", "--from", "organiser@example.org", "--smtp", smtp, "--security", "none", "--rate", "0")
	if code != 0 || !strings.Contains(stdout, "1 message sent.") || m.Count(t) != 1 {
		t.Fatalf("retry: code %d, %q %q; Mailpit took %d", code, stdout, stderr, m.Count(t))
	}
	got := m.Message(t, m.Messages(t)[0].ID)
	if got.To[0].Address != "stats@icom.example" || len(got.Attachments) != 1 ||
		got.Attachments[0].FileName != "Workbook without names Lagos 2022.xlsx" {
		t.Fatalf("arrived: to %+v, attachments %+v", got.To, got.Attachments)
	}
	if book := m.Attachment(t, got.ID, got.Attachments[0].PartID); len(book) < 5000 || string(book[:2]) != "PK" {
		t.Fatalf("the workbook attached is %d bytes", len(book))
	}
}
