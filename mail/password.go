package mail

import (
	"errors"
	"fmt"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/atelier-workshops/atelier/data"
)

// The password of a mail account is never written to the database file:
// it is kept in the system's keychain (the Secret Service on Linux, the
// Keychain on macOS, the Credential Manager on Windows) through
// github.com/zalando/go-keyring, or, where there is none (a Linux without
// a desktop session has no Secret Service to reach), asked for each time.

// Keychain keeps the passwords of mail accounts.
type Keychain interface {
	// Get returns the password kept for account, ErrNotKept when there
	// is none, ErrNoKeychain when the system has no keychain to ask.
	Get(account string) (string, error)
	Set(account, password string) error
	Delete(account string) error
}

// ErrNotKept says that the keychain holds no password for the account.
var ErrNotKept = errors.New("no password kept for this account")

// ErrNoKeychain says that the system's keychain cannot be reached: the
// password is asked for each time.
var ErrNoKeychain = &Error{Key: "mail.error.no_keychain"}

// KeychainService names Atelier's entries in the system's keychain.
const KeychainService = "Atelier mail"

// KeychainAccount names the entry of an account's password: its user at
// its server.
func KeychainAccount(a data.MailAccount) string { return fmt.Sprintf("%s@%s", a.User, a.Address()) }

// SystemKeychain is the system's keychain.
var SystemKeychain Keychain = systemKeychain{}

// keychainPatience is how long a call to the keychain may take: a
// keychain that asks to be unlocked where nobody can answer would
// otherwise hold the program forever.
const keychainPatience = 5 * time.Second

type systemKeychain struct{}

func (systemKeychain) Get(account string) (string, error) {
	var password string
	err := patiently(func() (err error) {
		password, err = keyring.Get(KeychainService, account)
		return err
	})
	return password, err
}

func (systemKeychain) Set(account, password string) error {
	return patiently(func() error { return keyring.Set(KeychainService, account, password) })
}

func (systemKeychain) Delete(account string) error {
	err := patiently(func() error { return keyring.Delete(KeychainService, account) })
	if errors.Is(err, ErrNotKept) {
		return nil
	}
	return err
}

// patiently runs call for at most keychainPatience, and words its failure.
func patiently(call func() error) error {
	done := make(chan error, 1)
	go func() { done <- call() }()
	select {
	case err := <-done:
		switch {
		case err == nil:
			return nil
		case errors.Is(err, keyring.ErrNotFound):
			return ErrNotKept
		}
		return &Error{Key: ErrNoKeychain.Key, Detail: err.Error(), Err: err}
	case <-time.After(keychainPatience):
		return &Error{Key: ErrNoKeychain.Key, Detail: "the keychain did not answer"}
	}
}

// KeptPassword is the password the keychain keeps for account; ok is false
// when it keeps none or cannot be reached, and then the password is asked.
func KeptPassword(k Keychain, a data.MailAccount) (password string, ok bool) {
	if a.User == "" {
		return "", true // nothing to ask for
	}
	p, err := k.Get(KeychainAccount(a))
	return p, err == nil
}
