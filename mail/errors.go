package mail

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/textproto"
	"os"
	"strings"
	"syscall"
)

// Error is what went wrong with the mail server, in words: Key is a
// message of the translation files (assets/translations/mail.*.json) and
// Args its arguments, which package say hands to the window and the
// command line; Detail is what the server or the system said, for the
// log and for a detail line. Temporary errors leave the messages queued,
// to try again later.
type Error struct {
	Key       string
	Args      map[string]any
	Detail    string
	Temporary bool
	Err       error
}

func (e *Error) Error() string {
	if e.Detail != "" {
		return e.Key + ": " + e.Detail
	}
	return e.Key
}

func (e *Error) Unwrap() error { return e.Err }

// Said is the error's words, for package say.
func (e *Error) Said() (string, map[string]any) { return e.Key, e.Args }

// serverError words an error met while connecting to server, or while
// talking to it outside a message (the connection checked, reset).
func serverError(err error, server string) *Error {
	e := &Error{Args: map[string]any{"Server": server}, Err: err, Detail: err.Error()}
	var (
		unknownCA  x509.UnknownAuthorityError
		wrongHost  x509.HostnameError
		invalid    x509.CertificateInvalidError
		verify     *tls.CertificateVerificationError
		record     tls.RecordHeaderError
		alert      tls.AlertError
		dns        *net.DNSError
		reply      *textproto.Error
		netErr     net.Error
		text       = err.Error()
		authFailed = strings.Contains(text, "SMTP AUTH failed")
		// "530 5.7.0 Must issue a STARTTLS command first": the account's
		// security is wrong, not its password.
		needsTLS     = strings.Contains(text, "530") && strings.Contains(strings.ToUpper(text), "STARTTLS")
		noStartTLS   = strings.Contains(text, "does not support STARTTLS")
		noAuthOffer  = strings.Contains(text, "does not support SMTP AUTH") || strings.Contains(text, "AuthNotSupported") || strings.Contains(text, "auth not supported") || strings.Contains(text, "no supported auth")
		refusedReply = errors.As(err, &reply)
	)
	switch {
	case needsTLS:
		e.Key = "mail.error.needs_tls"
	case authFailed || refusedReply && (reply.Code == 535 || reply.Code == 534 || reply.Code == 530 && strings.Contains(strings.ToLower(reply.Msg), "auth")):
		e.Key = "mail.error.auth"
	case noStartTLS:
		e.Key = "mail.error.no_starttls"
	case noAuthOffer:
		e.Key = "mail.error.no_auth"
	case errors.As(err, &unknownCA), errors.As(err, &wrongHost), errors.As(err, &invalid), errors.As(err, &verify):
		e.Key = "mail.error.certificate"
	case errors.As(err, &record), errors.As(err, &alert), strings.Contains(text, "tls:"):
		e.Key = "mail.error.tls"
	case errors.As(err, &dns):
		e.Key, e.Temporary = "mail.error.unreachable", true
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, os.ErrDeadlineExceeded), errors.As(err, &netErr):
		e.Key, e.Temporary = "mail.error.unreachable", true
	case refusedReply && reply.Code >= 400 && reply.Code < 500:
		e.Key, e.Temporary = "mail.error.server_busy", true
	case refusedReply:
		e.Key = "mail.error.server_refused"
		e.Args["Reply"] = reply.Error()
	default:
		e.Key, e.Temporary = "mail.error.unreachable", true
	}
	return e
}

// ErrNoPassword is the answer to sending through an account with a user
// name when no password was given and the keychain has none.
var ErrNoPassword = &Error{Key: "mail.error.no_password"}
