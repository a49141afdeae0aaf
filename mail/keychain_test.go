package mail

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/mail/mailtest"
)

// keychainChild marks the test binary run inside a session of its own
// with a real Secret Service (gnome-keyring), where the system keychain
// test does its work.
const keychainChild = "ATELIER_KEYCHAIN_CHILD"

// The password goes through the system's real keychain, not a stand-in:
// the test binary runs again in a D-Bus session of its own with
// gnome-keyring's Secret Service unlocked in a temporary home (the way
// a desktop session has it), keeps the password there, reads it back to
// send through a Mailpit that checks it, replaces it, and forgets it.
// Nothing of it reaches the database file.
func TestTheSystemKeychainKeepsThePassword(t *testing.T) {
	if os.Getenv(keychainChild) != "" {
		keychainRoundTrip(t)
		return
	}
	session := requireTool(t, "dbus-run-session", "dbus-bin")
	daemon := requireTool(t, "gnome-keyring-daemon", "gnome-keyring")
	home := t.TempDir()
	runtime := filepath.Join(home, "run")
	mustNoErr(t, os.Mkdir(runtime, 0o700))
	// gnome-keyring reads the login keyring's password on its standard
	// input and unlocks (or makes) it; the test binary then runs in the
	// same session bus.
	script := `printf %s "$KEYRING_PASSWORD" | "$1" --unlock --components=secrets >/dev/null && shift && exec "$@"`
	cmd := exec.Command(session, "--", "sh", "-c", script, "sh", daemon,
		os.Args[0], "-test.run=^TestTheSystemKeychainKeepsThePassword$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), keychainChild+"=1", "HOME="+home, "XDG_DATA_HOME="+filepath.Join(home, "data"),
		"XDG_RUNTIME_DIR="+runtime, "KEYRING_PASSWORD=unlock-the-test-keyring")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: TestTheSystemKeychainKeepsThePassword") {
		t.Fatalf("in a session with gnome-keyring: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "SKIP") {
		t.Fatalf("the child skipped:\n%s", out)
	}
}

// keychainRoundTrip is the child's part: it runs where the Secret Service
// answers.
func keychainRoundTrip(t *testing.T) {
	m := mailtest.Start(t, mailtest.Options{Users: map[string]string{"organiser@example.org": "kept-ñ-Ẹ̀"}})
	st, res := demoStore(t)
	a := accountFor(m, data.SecurityNone, "organiser@example.org")
	account := KeychainAccount(a)

	if _, err := SystemKeychain.Get(account); !errors.Is(err, ErrNotKept) {
		t.Fatalf("a fresh keychain holds the password, or cannot be reached: %v", err)
	}
	if _, ok := KeptPassword(SystemKeychain, a); ok {
		t.Fatal("a password is said to be kept before it was")
	}
	mustNoErr(t, SystemKeychain.Set(account, "kept-ñ-Ẹ̀"))
	password, ok := KeptPassword(SystemKeychain, a)
	if !ok || password != "kept-ñ-Ẹ̀" {
		t.Fatalf("the keychain gave back %q (%v)", password, ok)
	}
	msgs := textTo(t, st, a, res.Lagos)
	rep, err := Send(context.Background(), st, Server{Account: a, Password: password}, Options{})
	mustNoErr(t, err)
	if rep.Sent != len(msgs) || m.Count(t) != len(msgs) {
		t.Fatalf("sent %d of %d with the kept password, Mailpit took %d", rep.Sent, len(msgs), m.Count(t))
	}

	// A new password replaces the old one; forgetting it leaves none,
	// and forgetting twice is no error.
	mustNoErr(t, SystemKeychain.Set(account, "changed"))
	if p, _ := SystemKeychain.Get(account); p != "changed" {
		t.Fatalf("after a change the keychain holds %q", p)
	}
	mustNoErr(t, SystemKeychain.Delete(account))
	mustNoErr(t, SystemKeychain.Delete(account))
	if _, err := SystemKeychain.Get(account); !errors.Is(err, ErrNotKept) {
		t.Fatalf("after forgetting: %v", err)
	}

	path := st.Path()
	mustNoErr(t, st.Close())
	for _, file := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(file)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "kept-ñ") {
			t.Fatalf("the password is in %s", file)
		}
	}
}
