package app

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/mail"
)

// mailer sends the outbox of the open file off the UI goroutine, one run
// at a time, and tells the outbox view how it goes. When the server
// cannot be reached, or puts messages off, it tries again by itself a
// while later, for as long as the window is open: the outbox waits for
// the server.
type mailer struct {
	c *controller
	// passwords typed this session, by keychain account, for a system
	// without a keychain or a password not kept in it.
	passwords map[string]string
	running   bool
	// checking: the keychain is being asked for the password of a run
	// about to start, off the UI goroutine.
	checking bool
	// calledOff: Stop was pressed while the keychain was being asked,
	// and no run follows its answer.
	calledOff bool
	cancel    context.CancelFunc
	report    mail.Report
	lastErr   error
	retry     *time.Timer
	// watch hears, on the UI goroutine, after each message and at the
	// end of a run (the outbox view, while open).
	watch func()
}

// retryAfter is how long the mailer waits before trying a server again by
// itself.
var retryAfter = time.Minute

// remember keeps a password for this session.
func (m *mailer) remember(a data.MailAccount, password string) {
	if m.passwords == nil {
		m.passwords = map[string]string{}
	}
	m.passwords[mail.KeychainAccount(a)] = password
}

// sessionPassword is the account's password when the keychain need not
// be asked: none wanted, or typed this session.
func (m *mailer) sessionPassword(a data.MailAccount) (string, bool) {
	if a.User == "" {
		return "", true
	}
	p, ok := m.passwords[mail.KeychainAccount(a)]
	return p, ok
}

// send runs the outbox with opt, asking for the account first if there is
// none and for the password if need be. A run already going (or about to,
// once the keychain answers) takes what was just queued in its stride;
// opt.IDs are sent by the next one then.
func (m *mailer) send(opt mail.Options) {
	c := m.c
	a, kept, err := c.st.MailAccount()
	if err != nil {
		c.readFailed(err)
		return
	}
	if !kept {
		c.showMailAccount(func(data.MailAccount) { m.send(opt) })
		return
	}
	if m.running || m.checking {
		return
	}
	if password, ok := m.sessionPassword(a); ok {
		m.run(a, password, opt)
		return
	}
	// The keychain is asked off the UI goroutine: one that does not
	// answer would freeze the window until mail stops waiting for it.
	m.checking = true
	m.changed()
	st := c.st
	go func() {
		password, ok := mail.KeptPassword(mail.SystemKeychain, a)
		c.do(func() {
			calledOff := m.calledOff
			m.checking, m.calledOff = false, false
			m.changed()
			if calledOff || c.st != st || c.closed {
				return
			}
			if !ok {
				m.askPassword(a, func() { m.send(opt) })
				return
			}
			m.run(a, password, opt)
		})
	}()
}

// changed tells the outbox view, when open, that the mailer's state did.
func (m *mailer) changed() {
	if m.watch != nil {
		m.watch()
	}
}

// run starts a run of the outbox with the account's password.
func (m *mailer) run(a data.MailAccount, password string, opt mail.Options) {
	c := m.c
	if m.retry != nil {
		m.retry.Stop()
		m.retry = nil
	}
	m.running, m.report, m.lastErr = true, mail.Report{}, nil
	st := c.st
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	end := c.startWork(lang.X("outbox.sending", "Sending mail"))
	opt.Progress = func(r mail.Report) {
		c.do(func() {
			m.report = r
			m.changed()
		})
	}
	go func() {
		rep, err := mail.Send(ctx, st, mail.Server{Account: a, Password: password}, opt)
		c.do(func() {
			cancel()
			m.running, m.cancel, m.report = false, nil, rep
			if errors.Is(err, context.Canceled) {
				err = nil
			}
			m.lastErr = err
			var refused *mail.Error
			if errors.As(err, &refused) && refused.Key == "mail.error.auth" {
				// A password typed this session and refused is asked
				// for again at the next send, not tried again.
				delete(m.passwords, mail.KeychainAccount(a))
			}
			end(err)
			m.changed()
			var me *mail.Error
			if st == c.st && (errors.As(err, &me) && me.Temporary || err == nil && rep.Retrying > 0) {
				m.retryLater(a)
			}
		})
	}()
}

// retryLater sends what is due again after retryAfter, if the same file
// is still open then.
func (m *mailer) retryLater(a data.MailAccount) {
	st := m.c.st
	m.retry = time.AfterFunc(retryAfter, func() {
		m.c.do(func() {
			m.retry = nil
			if m.c.st == st && !m.c.closed {
				m.send(mail.Options{})
			}
		})
	})
}

// stop asks the run to stop after the message it is sending.
func (m *mailer) stop() {
	if m.checking && !m.calledOff {
		m.calledOff = true
		if !m.c.closed {
			m.changed()
		}
	}
	if m.cancel != nil {
		m.cancel()
	}
	if m.retry != nil {
		m.retry.Stop()
		m.retry = nil
	}
}

// askPassword asks for the account's password, keeps it for the session,
// and runs then.
func (m *mailer) askPassword(a data.MailAccount, then func()) *passwordDialog {
	c := m.c
	g := &passwordDialog{entry: widget.NewPasswordEntry()}
	text := wrapped(lang.X("mail.password_ask", "The password of {{.User}} on {{.Server}}. Atelier keeps it until it closes; it is never written to the file.",
		map[string]any{"User": a.User, "Server": a.Address()}), false)
	ok := mainButton(lang.X("mail.password_send", "Send"), func() {
		if g.entry.Text == "" {
			return
		}
		g.d.Hide()
		m.remember(a, g.entry.Text)
		then()
	})
	g.entry.OnSubmitted = func(string) { ok.OnTapped() }
	g.d = c.newModal(lang.X("mail.password_title", "Password"), container.NewVBox(text, g.entry), cancelButton(func() { g.d.Hide() }), ok)
	fitDialog(g.d, 480)
	g.d.Show()
	c.win.Canvas().Focus(g.entry)
	c.opened(g)
	return g
}

// passwordDialog asks for a password.
type passwordDialog struct {
	d     *modal
	entry *widget.Entry
}
