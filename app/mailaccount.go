package app

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/mail"
	"github.com/atelier-workshops/atelier/say"
)

// The mail account is kept in the open file (the server, the sender), so
// that the command line sends with it too; its password never is: it goes
// to the system's keychain when there is one, and is asked for when the
// outbox first sends otherwise. The keychain is asked off the UI
// goroutine: a Secret Service that is registered but does not answer
// would otherwise freeze the window for as long as mail waits for it
// (keychainPatience), and "Checking the keychain…" shows meanwhile.

// mailSettings is the Mail section of the Settings dialog.
func (c *controller) mailSettings() fyne.CanvasObject {
	hint := widget.NewLabel(lang.X("mail.settings_hint", "The server and sender Atelier sends certificates, letters and workbooks with, kept in this file."))
	hint.Wrapping = fyne.TextWrapWord
	button := widget.NewButtonWithIcon(lang.X("mail.account_button", "Mail account…"), theme.MailComposeIcon(), func() { c.showMailAccount(nil) })
	return widget.NewCard(lang.X("mail.settings_title", "Mail"), "", container.NewVBox(hint, container.NewHBox(button)))
}

// mailAccountDialog edits the mail account.
type mailAccountDialog struct {
	c                                    *controller
	d                                    *modal
	host, port, user, password, fromName *widget.Entry
	fromAddress, rate                    *widget.Entry
	security                             *widget.Select
	remember                             *widget.Check
	saveButton                           *widget.Button
	rows                                 map[string]*fieldRow
	general, keychain                    *widget.Label
	then                                 func(data.MailAccount)
	// asking counts the calls to the keychain not answered yet; noChain
	// says that it could not be reached.
	asking  int
	noChain bool
	// cancelled: the user closed the dialog while the keychain kept the
	// password, and what was to follow the account does not.
	cancelled bool
	// fit sizes the dialog to its content and the window, again when
	// what it says of the keychain changes its height.
	fit func()
}

// securityNames are the connection's protections in words, in the order
// of data.Securities.
func securityNames() []string {
	return []string{lang.X("mail.security.starttls", "STARTTLS (usually port 587)"),
		lang.X("mail.security.tls", "TLS (usually port 465)"),
		lang.X("mail.security.none", "None: a relay on this computer or network only")}
}

func mailFieldLabel(field string) string { return fieldLabel("mail.field.", field) }

// showMailAccount edits the file's mail account; then, when set, runs with
// the account once it is saved.
func (c *controller) showMailAccount(then func(data.MailAccount)) *mailAccountDialog {
	a, kept, err := c.st.MailAccount()
	if err != nil {
		c.readFailed(err)
		return nil
	}
	if !kept {
		a = data.MailAccount{Security: data.SecuritySTARTTLS, Port: 587, PerMinute: data.DefaultPerMinute}
	}
	g := &mailAccountDialog{c: c, rows: map[string]*fieldRow{}, then: then}
	entry := func(text, hint string) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(text)
		e.SetPlaceHolder(hint)
		return e
	}
	g.host = entry(a.Host, lang.X("mail.host_hint", "smtp.example.org"))
	g.port = entry(strconv.Itoa(a.Port), "587")
	g.security = widget.NewSelect(securityNames(), func(string) {
		// The usual port of the new choice, unless another was typed.
		i := g.security.SelectedIndex()
		for _, s := range data.Securities {
			if g.port.Text == strconv.Itoa(s.DefaultPort()) && i >= 0 {
				g.port.SetText(strconv.Itoa(data.Securities[i].DefaultPort()))
				break
			}
		}
	})
	for i, s := range data.Securities {
		if s == a.Security {
			g.security.SetSelectedIndex(i)
		}
	}
	// The hint goes under the field, where it wraps, rather than in it,
	// where French and Spanish are cut at 1024×600.
	g.user = entry(a.User, "")
	userHint := caption(lang.X("mail.user_hint", "Often the whole address; empty for a relay that asks for none."))
	g.password = widget.NewPasswordEntry()
	g.remember = widget.NewCheck(lang.X("mail.remember", "Keep it in this computer’s keychain"), nil)
	g.remember.SetChecked(true)
	g.keychain = caption("")
	// Asking for an entry tells whether there is a keychain at all.
	account := mail.KeychainAccount(a)
	g.askKeychain(func() error {
		_, err := mail.SystemKeychain.Get(account)
		return err
	}, func(err error) {
		switch {
		case err == nil && a.User != "":
			g.password.SetPlaceHolder(lang.X("mail.password_kept", "kept in the keychain; type to change it"))
		case err != nil && !errors.Is(err, mail.ErrNotKept):
			g.noKeychain()
		}
	})
	g.fromName = entry(a.FromName, lang.X("mail.from_name_hint", "e.g. Lagos workshop team"))
	g.fromAddress = entry(a.FromAddress, lang.X("mail.from_address_hint", "name@example.org"))
	g.rate = entry(strconv.Itoa(a.PerMinute), "20")
	rateHint := caption(lang.X("mail.rate_hint", "Providers limit how fast a mailbox may send; 0 sends as fast as the server takes them."))
	form := fieldForm(g.rows, mailFieldLabel,
		formField{"host", g.host}, formField{"security", g.security}, formField{"port", g.port},
		formField{"user", container.NewVBox(g.user, userHint)},
		formField{"password", container.NewVBox(g.password, g.remember, g.keychain)},
		formField{"from_name", g.fromName}, formField{"from_address", g.fromAddress},
		formField{"per_minute", container.NewVBox(g.rate, rateHint)})
	g.general = problemLabel()
	g.saveButton = mainButton(lang.X("mail.save", "Save"), g.save)
	inner := container.NewVBox(form, g.general)
	scroll := container.NewVScroll(inner)
	g.d = c.newModal(lang.X("mail.account_title", "Mail account"), scroll, cancelButton(func() {
		g.cancelled = true
		g.d.Hide()
	}), g.saveButton)
	g.fit = func() { fitScrolling(g.d, scroll, inner, 620, c.win.Canvas().Size().Height) }
	g.fit()
	g.d.Show()
	c.opened(g)
	return g
}

// account is what the form says.
func (g *mailAccountDialog) account() (data.MailAccount, map[string]string) {
	problems := map[string]string{}
	a := data.MailAccount{Host: strings.TrimSpace(g.host.Text), User: strings.TrimSpace(g.user.Text),
		FromName: g.fromName.Text, FromAddress: strings.TrimSpace(g.fromAddress.Text)}
	if i := g.security.SelectedIndex(); i >= 0 {
		a.Security = data.Securities[i]
	}
	var err error
	if a.Port, err = strconv.Atoi(strings.TrimSpace(g.port.Text)); err != nil {
		problems["port"] = lang.X("mail.not_a_number", "{{.Field}}: “{{.Value}}” is not a whole number.",
			map[string]any{"Field": mailFieldLabel("port"), "Value": g.port.Text})
	}
	if a.PerMinute, err = strconv.Atoi(strings.TrimSpace(g.rate.Text)); err != nil {
		problems["per_minute"] = lang.X("mail.not_a_number", "{{.Field}}: “{{.Value}}” is not a whole number.",
			map[string]any{"Field": mailFieldLabel("per_minute"), "Value": g.rate.Text})
	}
	return a, problems
}

func (g *mailAccountDialog) save() {
	a, problems := g.account()
	if len(problems) == 0 {
		if err := a.Validate(); err != nil {
			problems = problemsLabelled(err, mailFieldLabel)
		}
	}
	if showProblems(problems, g.rows, g.general) {
		return
	}
	g.c.save(func(context.Context) error { return g.c.st.SaveMailAccount(a) }, func(err error) {
		if err != nil {
			g.general.SetText(saveProblem(err))
			g.general.Show()
			return
		}
		g.keep(a, func() {
			g.d.Hide()
			if g.then != nil {
				g.then(a)
			}
		})
	})
}

// keep puts a typed password in the keychain, or in memory for this
// session when there is no keychain (or keeping it was not wanted), and
// then closes the dialog with close; a keychain that refuses it leaves
// the dialog open, saying so.
func (g *mailAccountDialog) keep(a data.MailAccount, close func()) {
	password := g.password.Text
	if a.User == "" || password == "" {
		close()
		return
	}
	g.c.mail.remember(a, password)
	if g.noChain {
		close() // kept in memory, as the note says
		return
	}
	account, wanted := mail.KeychainAccount(a), g.remember.Checked
	g.saveButton.Disable()
	g.askKeychain(func() error {
		if !wanted {
			mail.SystemKeychain.Delete(account)
			return nil
		}
		return mail.SystemKeychain.Set(account, password)
	}, func(err error) {
		g.saveButton.Enable()
		if g.cancelled {
			return
		}
		if err != nil {
			logged(say.Of(err, say.Saving), err)
			g.noKeychain()
			return
		}
		close()
	})
}

// askKeychain runs call off the UI goroutine, saying meanwhile that the
// keychain is being asked, and gives its answer to then on the UI
// goroutine.
func (g *mailAccountDialog) askKeychain(call func() error, then func(error)) {
	g.asking++
	g.showKeychain()
	go func() {
		err := call()
		g.c.do(func() {
			g.asking--
			then(err)
			g.showKeychain()
			g.fit()
			g.c.opened(keychainAnswered{err})
		})
	}()
}

// keychainAnswered is what the dialog tells its test when the keychain
// answers.
type keychainAnswered struct{ err error }

// showKeychain says what is known of the keychain: being asked, out of
// reach, or nothing to say; the box to keep the password in it is for a
// keychain that answered.
func (g *mailAccountDialog) showKeychain() {
	switch {
	case g.noChain:
		g.remember.SetChecked(false)
		g.remember.Disable()
		g.keychain.SetText(lang.X("mail.no_keychain", "This computer has no keychain Atelier can reach: the password is kept until Atelier closes, and asked for again the next time."))
	case g.asking > 0:
		g.remember.Disable()
		g.keychain.SetText(lang.X("mail.checking_keychain", "Checking the keychain…"))
	default:
		g.remember.Enable()
		g.keychain.SetText("")
	}
	g.keychain.Hidden = g.keychain.Text == ""
	g.keychain.Refresh()
}

// noKeychain says that the password cannot be kept, and is asked for.
func (g *mailAccountDialog) noKeychain() {
	g.noChain = true
	g.showKeychain()
}

// caption is a line of help under a field, in small letters, wrapped.
func caption(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// fitScrolling sizes a dialog whose content scrolls: as tall as the
// content at width when the window has room (as fitDialog does), and no
// taller than the window otherwise (1024×600 has no room for the whole
// mail account), the rest scrolled to.
func fitScrolling(d *modal, scroll *container.Scroll, inner fyne.CanvasObject, width, windowHeight float32) {
	d.Resize(fyne.NewSize(width, d.MinSize().Height)) // wraps the labels at the width
	chrome := d.MinSize().Height - scroll.MinSize().Height
	room := windowHeight - 40 - chrome
	if windowHeight <= 0 {
		room = inner.MinSize().Height
	}
	scroll.SetMinSize(fyne.NewSize(0, max(min(inner.MinSize().Height, room), 120)))
	fitDialog(d, width)
}
