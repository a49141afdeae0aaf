package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/atelier-workshops/atelier/data"
)

// Server is how to reach the mail server of an account.
type Server struct {
	Account  data.MailAccount
	Password string // "" when the account has no user name
	// TLS, when set, is the TLS configuration to use (tests trust their
	// own certificate with it); nil checks the server's certificate
	// against the system's authorities, as any mail program does.
	TLS *tls.Config
	// Timeout bounds each step of talking to the server; 0: a minute.
	Timeout time.Duration
}

// Options say what a run of Send sends, and how.
type Options struct {
	// Waiting also sends the queued messages whose next attempt is not
	// due yet, once each (one put off again waits its backoff): the user
	// said to send now.
	Waiting    bool
	IDs        []int64 // only these messages; nil: every one due
	WorkshopID int64   // only this workshop's; 0: every workshop's
	// Progress, when set, hears after each message what the run has done.
	Progress func(Report)
	// Backoff says how long to wait before trying a message again after
	// its attempt-th temporary failure; nil: DefaultBackoff.
	Backoff func(attempt int) time.Duration
	// MaxAttempts is how many temporary failures a message takes before
	// it fails for good; 0: DefaultMaxAttempts.
	MaxAttempts int
	// PerConnection is how many messages go through one connection
	// before it is opened again; 0: 50.
	PerConnection int
}

// Report counts what a run did.
type Report struct {
	Sent, Failed, Retrying, Unknown int
	Last                            *data.OutboxMessage // the message just done, with its new state
}

// DefaultMaxAttempts is how many temporary failures a message takes.
const DefaultMaxAttempts = 8

// DefaultBackoff waits 1, 2, 4… minutes, at most six hours, before
// trying again a message a server put off.
func DefaultBackoff(attempt int) time.Duration {
	d := time.Minute << max(0, min(attempt-1, 9))
	return min(d, 6*time.Hour)
}

// Send sends the messages of the outbox that opt chooses, one after
// another through one connection, at the account's rate. A message is
// claimed ("sending") before it is handed to the server and its outcome
// written at once after, so that a run killed at any moment never lets
// it go twice by itself. The error is the server's when it could not be
// reached or refused the account (the messages stay queued, to try later),
// or ctx's when cancelled; Report says what was done either way.
func Send(ctx context.Context, st *data.Store, server Server, opt Options) (Report, error) {
	var rep Report
	if err := server.Account.Validate(); err != nil {
		return rep, err
	}
	if server.Account.User != "" && server.Password == "" {
		return rep, ErrNoPassword
	}
	if opt.Backoff == nil {
		opt.Backoff = DefaultBackoff
	}
	if opt.MaxAttempts <= 0 {
		opt.MaxAttempts = DefaultMaxAttempts
	}
	if opt.PerConnection <= 0 {
		opt.PerConnection = 50
	}
	client, err := newClient(server)
	if err != nil {
		return rep, err
	}
	defer client.Close()
	pick := data.Pick{Token: data.NewSenderToken(), Waiting: opt.Waiting, IDs: opt.IDs, WorkshopID: opt.WorkshopID}
	// Outcomes are written whatever happens to ctx: they are facts.
	keep := context.WithoutCancel(ctx)
	var done *data.Outcome
	defer func() {
		if done != nil {
			st.RecordOutcome(keep, *done, pick.Token)
		}
	}()
	var interval time.Duration
	if server.Account.PerMinute > 0 {
		interval = time.Minute / time.Duration(server.Account.PerMinute)
	}
	connected, throughConn := false, 0
	next := time.Now()
	for {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		if wait := time.Until(next); wait > 0 && done != nil {
			// The outcome is written before the wait, not after it; and
			// the run waits only for a message that is there, which it
			// claims after the wait, not before: killed while waiting,
			// it leaves no message "sending" that was never sent.
			if err := st.RecordOutcome(keep, *done, pick.Token); err != nil {
				return rep, err
			}
			done = nil
			if waits, err := st.MessageWaits(keep, pick); err != nil || !waits {
				return rep, err
			}
			select {
			case <-ctx.Done():
				return rep, ctx.Err()
			case <-time.After(wait):
			}
		}
		if connected && throughConn >= opt.PerConnection {
			client.Close()
			connected = false
		}
		if !connected {
			if err := client.DialWithContext(ctx); err != nil {
				if ctx.Err() != nil {
					return rep, ctx.Err()
				}
				return rep, serverError(err, server.Account.Address())
			}
			connected, throughConn = true, 0
		}
		m, ok, err := st.NextMessage(keep, done, pick)
		done = nil
		if err != nil {
			return rep, err
		}
		if !ok {
			return rep, nil
		}
		next = time.Now().Add(interval)
		throughConn++
		outcome, broken := sendOne(ctx, st, client, pick.Token, m, opt)
		done = &outcome
		switch outcome.State {
		case data.StateSent:
			rep.Sent++
		case data.StateFailed:
			rep.Failed++
		case data.StateQueued:
			rep.Retrying++
		case data.StateUnknown:
			rep.Unknown++
		}
		if opt.Progress != nil {
			m.State, m.Reply, m.FailureKey, m.FailureDetail = outcome.State, outcome.Reply, outcome.FailureKey, outcome.FailureDetail
			last := m
			rep.Last = &last
			opt.Progress(rep)
			rep.Last = nil
		}
		if broken {
			client.Close()
			connected = false
		}
	}
}

// newClient sets up go-mail for the account; it does not connect yet.
func newClient(server Server) (*gomail.Client, error) {
	a := server.Account
	timeout := server.Timeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	opts := []gomail.Option{gomail.WithPort(a.Port), gomail.WithTimeout(timeout)}
	switch a.Security {
	case data.SecurityTLS:
		opts = append(opts, gomail.WithSSL())
	case data.SecuritySTARTTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	}
	if server.TLS != nil {
		cfg := server.TLS.Clone()
		if cfg.ServerName == "" {
			cfg.ServerName = a.Host
		}
		opts = append(opts, gomail.WithTLSConfig(cfg))
	}
	if a.User != "" {
		auth := gomail.SMTPAuthAutoDiscover
		if a.Security == data.SecurityNone {
			// A relay on this computer or network, which the user chose
			// to reach without encryption.
			auth = gomail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, gomail.WithSMTPAuth(auth), gomail.WithUsername(a.User), gomail.WithPassword(server.Password))
	}
	return gomail.NewClient(a.Host, opts...)
}

// sendOne hands m to the server and says what became of it, and whether
// the connection is to be opened again. While the server takes it, the
// message's heartbeat keeps it from reading as unknown.
func sendOne(ctx context.Context, st *data.Store, client *gomail.Client, token string, m data.OutboxMessage,
	opt Options) (data.Outcome, bool) {
	out := data.Outcome{ID: m.ID}
	msg, err := build(m)
	if err != nil {
		out.State, out.FailureKey, out.FailureDetail = data.StateFailed, "mail.error.message", err.Error()
		return out, false
	}
	beat, stop := context.WithCancel(context.WithoutCancel(ctx))
	go heartbeat(beat, st, m.ID, token)
	err = client.Send(msg)
	stop()
	if err == nil || msg.IsDelivered() {
		out.State, out.Reply = data.StateSent, msg.ServerResponse()
		return out, err != nil
	}
	retry := func(key string) (data.Outcome, bool) {
		if m.Attempts >= opt.MaxAttempts {
			out.State, out.FailureKey = data.StateFailed, "mail.error.gave_up"
			return out, true
		}
		out.State, out.FailureKey, out.RetryAt = data.StateQueued, key, time.Now().Add(opt.Backoff(m.Attempts))
		return out, true
	}
	out.FailureDetail = err.Error()
	var se *gomail.SendError
	if !errors.As(err, &se) {
		return retry("mail.error.interrupted")
	}
	code := se.ErrorCode()
	switch {
	case code == 0 && se.Reason == gomail.ErrSMTPDataClose:
		// The whole message was handed over, and the answer never came:
		// the server may have taken it. Only the user sends it again.
		out.State, out.FailureKey = data.StateUnknown, "mail.error.no_answer"
		return out, true
	case code == 0:
		// The connection broke before the message was all handed over:
		// it did not go, and can be sent again.
		return retry("mail.error.interrupted")
	case code >= 400 && code < 500:
		o, _ := retry("mail.error.put_off")
		return o, false
	case se.Reason == gomail.ErrSMTPRcptTo:
		out.State, out.FailureKey = data.StateFailed, "mail.error.recipient"
	default:
		out.State, out.FailureKey = data.StateFailed, "mail.error.rejected"
	}
	return out, false
}

// heartbeat beats for message id until ctx ends.
func heartbeat(ctx context.Context, st *data.Store, id int64, token string) {
	tick := time.NewTicker(data.SendingLease / 3)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			st.Heartbeat(ctx, id, token)
		}
	}
}

// build makes the go-mail message of m: its headers (names in any
// letters, encoded as RFC 2047 says), the plain text and HTML parts, and
// the attachments byte for byte.
func build(m data.OutboxMessage) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8), gomail.WithEncoding(gomail.EncodingQP))
	if err := msg.FromFormat(m.FromName, m.FromAddress); err != nil {
		return nil, fmt.Errorf("the sender %q: %w", m.FromAddress, err)
	}
	if err := msg.AddToFormat(m.ToName, m.ToAddress); err != nil {
		return nil, fmt.Errorf("the recipient %q: %w", m.ToAddress, err)
	}
	msg.Subject(m.Subject)
	msg.SetMessageIDWithValue(trimAngles(m.MessageID))
	msg.SetDate()
	msg.SetGenHeader(gomail.HeaderContentLang, string(m.Language))
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	for _, a := range m.Attachments {
		if err := msg.AttachReader(a.FileName, bytes.NewReader(a.Content),
			gomail.WithFileContentType(gomail.ContentType(a.ContentType))); err != nil {
			return nil, err
		}
	}
	return msg, nil
}

func trimAngles(id string) string {
	if len(id) > 2 && id[0] == '<' && id[len(id)-1] == '>' {
		return id[1 : len(id)-1]
	}
	return id
}
