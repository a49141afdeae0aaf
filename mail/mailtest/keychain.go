package mailtest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/atelier-workshops/atelier/data/datatest"
)

// keychainChild marks a test binary that KeychainSession runs again.
const keychainChild = "ATELIER_KEYCHAIN_CHILD"

// InKeychainSession reports whether this test binary is the one
// KeychainSession runs, where the test does its work.
func InKeychainSession() bool { return os.Getenv(keychainChild) != "" }

// Keychain says what the Secret Service of a KeychainSession does.
type Keychain int

const (
	// Answering: gnome-keyring, unlocked, as a desktop session has it.
	Answering Keychain = iota
	// Silent: gnome-keyring holds the Secret Service's name on the bus
	// but answers nothing (it is stopped), as one waiting on an unlock
	// prompt nobody sees: a call waits for as long as the caller does.
	Silent
)

// sessionScript unlocks (or makes) the login keyring with the password on
// its standard input; for a silent keychain it has the bus start the
// Secret Service, stops the process that owns its name, and lets it go
// once the test binary is done.
const sessionScript = `printf %s "$KEYRING_PASSWORD" | "$1" --unlock --components=secrets >/dev/null || exit 1
shift
[ -z "$KEYCHAIN_SILENT" ] && exec "$@"
dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets org.freedesktop.DBus.Peer.Ping >/dev/null || exit 1
owner=$(dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus / org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets) || exit 1
pid=${owner##* }
kill -STOP "$pid" || exit 1
"$@"; status=$?
kill -CONT "$pid"; kill "$pid"
exit $status`

// KeychainSession runs the test named test of this test binary again, in
// a D-Bus session of its own with gnome-keyring's Secret Service in a
// temporary home, and fails unless it passes there. That test calls
// InKeychainSession to know that it is the one to do the work.
func KeychainSession(t testing.TB, test string, keychain Keychain) {
	t.Helper()
	session := datatest.RequireTool(t, "dbus-run-session", "dbus-daemon")
	daemon := datatest.RequireTool(t, "gnome-keyring-daemon", "gnome-keyring")
	datatest.RequireTool(t, "dbus-send", "dbus-bin")
	home := t.TempDir()
	runtime := filepath.Join(home, "run")
	if err := os.Mkdir(runtime, 0o700); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, session, "--", "sh", "-c", sessionScript, "sh", daemon,
		os.Args[0], "-test.run=^"+test+"$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), keychainChild+"=1", "HOME="+home, "XDG_DATA_HOME="+filepath.Join(home, "data"),
		"XDG_RUNTIME_DIR="+runtime, "KEYRING_PASSWORD=unlock-the-test-keyring")
	if keychain == Silent {
		cmd.Env = append(cmd.Env, "KEYCHAIN_SILENT=1")
	}
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+test) {
		t.Fatalf("in a session with gnome-keyring: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "--- SKIP") {
		t.Fatalf("the child skipped:\n%s", out)
	}
}
