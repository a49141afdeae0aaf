// Package mailtest runs Mailpit, a real SMTP server, for the tests and
// benchmarks of the outbox: on free ports of 127.0.0.1, with a temporary
// database, stopped when the test ends; the mail it took is read back
// through its HTTP API, as a mail program would show it. For tests only.
package mailtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Version is the Mailpit `make deps` installs.
const Version = "v1.33.1"

// Options choose how Mailpit is started.
type Options struct {
	// Users, when set, makes it require these user names and passwords.
	Users map[string]string
	// TLS makes it offer STARTTLS with a certificate of its own, signed
	// by nobody (Mailpit.Roots trusts it), and require it.
	TLS bool
	// ImplicitTLS makes it speak TLS from the first byte (as on port
	// 465) with such a certificate, instead of STARTTLS.
	ImplicitTLS bool
	// SMTPPort, when set, is the port to take (to start a server again
	// where a test's outbox expects it).
	SMTPPort int
}

// Mailpit is a running Mailpit.
type Mailpit struct {
	Host     string // 127.0.0.1
	SMTPPort int
	API      string // http://127.0.0.1:PORT/api/v1
	// Roots trusts the certificate of a server started with TLS or
	// ImplicitTLS.
	Roots *tls.Config
	cmd   *exec.Cmd
	dir   string
}

// Binary finds mailpit: on PATH or in Go's bin folder. Without it a test
// skips with a message, except in CI (where CI is set), which installs it.
func Binary(t testing.TB) string {
	t.Helper()
	if path, err := exec.LookPath("mailpit"); err == nil {
		return path
	}
	for _, dir := range goBins() {
		if path := filepath.Join(dir, "mailpit"); isExecutable(path) {
			return path
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("mailpit is not installed; make deps installs it (go install github.com/axllent/mailpit@%s)", Version)
	}
	t.Skipf("mailpit is not installed (make deps, or go install github.com/axllent/mailpit@%s); CI installs it", Version)
	return ""
}

func goBins() []string {
	var dirs []string
	if gobin := os.Getenv("GOBIN"); gobin != "" {
		dirs = append(dirs, gobin)
	}
	if gopath := os.Getenv("GOPATH"); gopath != "" {
		dirs = append(dirs, filepath.Join(strings.Split(gopath, string(os.PathListSeparator))[0], "bin"))
	}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, "go", "bin"))
	}
	return dirs
}

func isExecutable(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir() && st.Mode()&0o111 != 0
}

// FreePort is a port of 127.0.0.1 nobody listens on now.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Start starts Mailpit and waits until it answers; it stops with the test.
func Start(t testing.TB, opt Options) *Mailpit {
	t.Helper()
	bin := Binary(t)
	dir := t.TempDir()
	m := &Mailpit{Host: "127.0.0.1", SMTPPort: opt.SMTPPort, dir: dir}
	if m.SMTPPort == 0 {
		m.SMTPPort = FreePort(t)
	}
	httpPort := FreePort(t)
	m.API = fmt.Sprintf("http://127.0.0.1:%d/api/v1", httpPort)
	args := []string{"--smtp", fmt.Sprintf("127.0.0.1:%d", m.SMTPPort), "--listen", fmt.Sprintf("127.0.0.1:%d", httpPort),
		"--database", filepath.Join(dir, "mailpit.db"), "--disable-version-check", "--quiet", "--enable-chaos",
		"--max", "0", "--smtp-disable-rdns"}
	if len(opt.Users) > 0 {
		var lines []string
		for user, password := range opt.Users {
			lines = append(lines, user+":"+password)
		}
		file := filepath.Join(dir, "users")
		if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, "--smtp-auth-file", file)
		if !opt.TLS && !opt.ImplicitTLS {
			args = append(args, "--smtp-auth-allow-insecure")
		}
	}
	if opt.TLS || opt.ImplicitTLS {
		cert, key, roots := selfSigned(t, dir)
		args = append(args, "--smtp-tls-cert", cert, "--smtp-tls-key", key)
		if opt.ImplicitTLS {
			args = append(args, "--smtp-require-tls")
		} else {
			args = append(args, "--smtp-require-starttls")
		}
		m.Roots = &tls.Config{RootCAs: roots, ServerName: "127.0.0.1"}
	}
	m.cmd = exec.Command(bin, args...)
	log, err := os.Create(filepath.Join(dir, "mailpit.log"))
	if err != nil {
		t.Fatal(err)
	}
	m.cmd.Stdout, m.cmd.Stderr = log, log
	if err := m.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		m.Stop()
		log.Close()
	})
	deadline := time.Now().Add(15 * time.Second)
	for {
		if _, err := m.get("/info"); err == nil {
			if c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", m.SMTPPort), time.Second); err == nil {
				c.Close()
				return m
			}
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(filepath.Join(dir, "mailpit.log"))
			t.Fatalf("mailpit did not start: %s", b)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Stop stops Mailpit; what it took is gone with it.
func (m *Mailpit) Stop() {
	if m.cmd != nil && m.cmd.Process != nil {
		m.cmd.Process.Kill()
		m.cmd.Wait()
		m.cmd = nil
	}
}

// selfSigned makes a certificate for 127.0.0.1 signed by itself.
func selfSigned(t testing.TB, dir string) (certFile, keyFile string, roots *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Atelier test server"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	roots = x509.NewCertPool()
	roots.AddCert(cert)
	return certFile, keyFile, roots
}

func (m *Mailpit) get(path string) ([]byte, error) {
	client := http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get(m.API + path)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("%s: %s: %s", path, resp.Status, b)
	}
	return b, err
}

func (m *Mailpit) send(method, path, body string) error {
	req, err := http.NewRequest(method, m.API+path, strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, b)
	}
	return nil
}

// Address is a name and an address as Mailpit decoded them.
type Address struct {
	Name    string
	Address string
}

// Summary is a message of Mailpit's list.
type Summary struct {
	ID        string
	MessageID string
	From      Address
	To        []Address
	Subject   string
}

// Part is an attachment of a message.
type Part struct {
	PartID      string
	FileName    string
	ContentType string
	Size        int
}

// Message is one message as Mailpit shows it.
type Message struct {
	ID          string
	MessageID   string
	From        Address
	To          []Address
	Subject     string
	Text        string
	HTML        string
	Attachments []Part
}

// Messages lists every message Mailpit took, the newest first.
func (m *Mailpit) Messages(t testing.TB) []Summary {
	t.Helper()
	var out []Summary
	for start := 0; ; start += 500 {
		b, err := m.get("/messages?limit=500&start=" + strconv.Itoa(start))
		if err != nil {
			t.Fatal(err)
		}
		var page struct {
			Total    int
			Messages []Summary
		}
		if err := json.Unmarshal(b, &page); err != nil {
			t.Fatal(err)
		}
		out = append(out, page.Messages...)
		if len(page.Messages) == 0 || len(out) >= page.Total {
			return out
		}
	}
}

// Count is how many messages Mailpit holds.
func (m *Mailpit) Count(t testing.TB) int {
	t.Helper()
	b, err := m.get("/messages?limit=1")
	if err != nil {
		t.Fatal(err)
	}
	var page struct{ Total int }
	if err := json.Unmarshal(b, &page); err != nil {
		t.Fatal(err)
	}
	return page.Total
}

// Message reads one message.
func (m *Mailpit) Message(t testing.TB, id string) Message {
	t.Helper()
	b, err := m.get("/message/" + url.PathEscape(id))
	if err != nil {
		t.Fatal(err)
	}
	var msg Message
	if err := json.Unmarshal(b, &msg); err != nil {
		t.Fatal(err)
	}
	return msg
}

// Attachment reads the bytes of an attachment.
func (m *Mailpit) Attachment(t testing.TB, id, part string) []byte {
	t.Helper()
	b, err := m.get("/message/" + url.PathEscape(id) + "/part/" + url.PathEscape(part))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Raw is a message's source, as it came over SMTP.
func (m *Mailpit) Raw(t testing.TB, id string) string {
	t.Helper()
	b, err := m.get("/message/" + url.PathEscape(id) + "/raw")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// DeleteAll empties Mailpit.
func (m *Mailpit) DeleteAll(t testing.TB) {
	t.Helper()
	if err := m.send(http.MethodDelete, "/messages", "{}"); err != nil {
		t.Fatal(err)
	}
}

// Chaos makes the server answer every RCPT TO with code (451: try again
// later, 550: refused), or answer normally again with 0.
func (m *Mailpit) Chaos(t testing.TB, code int) {
	t.Helper()
	probability := 100
	if code == 0 {
		code, probability = 451, 0
	}
	body := fmt.Sprintf(`{"Recipient":{"ErrorCode":%d,"Probability":%d}}`, code, probability)
	if err := m.send(http.MethodPut, "/chaos", body); err != nil {
		t.Fatal(err)
	}
}
