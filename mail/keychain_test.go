package mail

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/mail/mailtest"
)

// The password goes through the system's real keychain, not a stand-in:
// the test binary runs again in a D-Bus session of its own with
// gnome-keyring's Secret Service unlocked in a temporary home (the way
// a desktop session has it), keeps the password there, reads it back to
// send through a Mailpit that checks it, replaces it, and forgets it.
// Nothing of it reaches the database file.
func TestTheSystemKeychainKeepsThePassword(t *testing.T) {
	if mailtest.InKeychainSession() {
		keychainRoundTrip(t)
		return
	}
	mailtest.KeychainSession(t, "TestTheSystemKeychainKeepsThePassword", mailtest.Answering)
}

// A Secret Service that holds its name on the bus but never answers (one
// waiting on an unlock prompt nobody sees) is waited for keychainPatience,
// not for ever: the keychain then counts as out of reach, and the
// password is asked for.
func TestAKeychainThatDoesNotAnswerIsWaitedForAWhileOnly(t *testing.T) {
	if !mailtest.InKeychainSession() {
		mailtest.KeychainSession(t, "TestAKeychainThatDoesNotAnswerIsWaitedForAWhileOnly", mailtest.Silent)
		return
	}
	a := data.MailAccount{Host: "smtp.example.org", Port: 587, Security: data.SecuritySTARTTLS, User: "organiser",
		FromAddress: "organiser@example.org"}
	start := time.Now()
	password, ok := KeptPassword(SystemKeychain, a)
	took := time.Since(start)
	if ok || password != "" {
		t.Fatalf("a silent keychain gave %q (%v)", password, ok)
	}
	if took < keychainPatience || took > keychainPatience+3*time.Second {
		t.Errorf("the keychain was waited for %v; patience is %v", took, keychainPatience)
	}
	err := SystemKeychain.Set(KeychainAccount(a), "secret")
	var e *Error
	if !errors.As(err, &e) || e.Key != ErrNoKeychain.Key || e.Detail != "the keychain did not answer" {
		t.Fatalf("keeping a password in a silent keychain: %v", err)
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
