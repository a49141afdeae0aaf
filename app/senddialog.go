package app

import (
	"context"
	"errors"
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

// sendDialog shows what a send would queue before anything is: how many
// messages to how many people, who has no address, and each message as it
// will read; its wording, per language, can be changed there. Send queues
// them (issuing and printing the certificates due in the same write) and
// hands them to the mailer.
type sendDialog struct {
	c       *controller
	d       *modal
	r       mail.Request
	account data.MailAccount
	plan    mail.Plan
	summary *widget.Label
	missing *widget.Label
	list    *widget.List
	shown   *widget.Label
	send    *widget.Button
	// the wording of the kind in one language
	language      *widget.Select
	subject, body *widget.Entry
	status        *widget.Label
	// the workbook's secretariat
	secName, secAddress *widget.Entry
	secRow              map[string]*fieldRow
	anonymous           *widget.Check
}

// sendButton is the Certificates tab's Send….
func (v *certificatesView) sendButton() *widget.Button {
	return widget.NewButtonWithIcon(lang.X("send.button", "Send…"), theme.MailSendIcon(), func() {
		if v.w.ID != 0 {
			v.c.showSend(mail.Request{Kind: data.MessageCertificate, WorkshopID: v.w.ID, Trainers: v.trainers.Checked})
		}
	})
}

// mailMenuItems are the Mail menu's.
func (c *controller) mailMenuItems() []*fyne.MenuItem {
	workshop := func(kind data.MessageKind) func() {
		return func() {
			if w, ok := c.selectedWorkshop(); ok {
				c.showSend(mail.Request{Kind: kind, WorkshopID: w.ID})
			}
		}
	}
	items := []*fyne.MenuItem{
		fyne.NewMenuItem(lang.X("menu.outbox", "Outbox…"), func() { c.showOutbox() }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.X("menu.send_certificates", "Send the certificates…"), workshop(data.MessageCertificate)),
	}
	// A kind of letter appears when package mail has its documents
	// (mail.RegisterDocuments).
	for _, kind := range []data.MessageKind{data.MessageVisa, data.MessageAward, data.MessageAttendance} {
		if mail.IsSendable(kind) {
			items = append(items, fyne.NewMenuItem(sendTitle(kind)+"…", workshop(kind)))
		}
	}
	return append(items,
		fyne.NewMenuItem(lang.X("menu.send_workbook", "Send the workbook to the secretariat…"), workshop(data.MessageWorkbook)),
		fyne.NewMenuItem(lang.X("menu.send_text", "Write to the participants…"), workshop(data.MessageText)),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.X("mail.account_button", "Mail account…"), func() { c.showMailAccount(nil) }),
	)
}

func sendTitle(kind data.MessageKind) string { return named("send.title.", kind, "") }

// showSend opens the dialog of r, once the file has a mail account.
func (c *controller) showSend(r mail.Request) *sendDialog {
	a, kept, err := c.st.MailAccount()
	if err != nil {
		c.readFailed(err)
		return nil
	}
	if !kept {
		c.showMailAccount(func(data.MailAccount) { c.showSend(r) })
		return nil
	}
	w, err := c.st.Workshop(r.WorkshopID)
	if err != nil {
		c.readFailed(err)
		return nil
	}
	g := &sendDialog{c: c, r: r, account: a, secRow: map[string]*fieldRow{}}
	g.summary = widget.NewLabel("")
	g.summary.TextStyle.Bold = true
	g.summary.Wrapping = fyne.TextWrapWord
	g.missing = widget.NewLabel("")
	g.missing.Wrapping = fyne.TextWrapWord
	g.missing.Importance = widget.WarningImportance
	g.shown = widget.NewLabel("")
	g.shown.Wrapping = fyne.TextWrapWord
	g.shown.Selectable = true
	g.list = widget.NewList(func() int { return len(g.plan.Messages) }, func() fyne.CanvasObject {
		name := widget.NewLabel("")
		name.Truncation = fyne.TextTruncateEllipsis
		return name
	}, func(id widget.ListItemID, o fyne.CanvasObject) {
		if id < len(g.plan.Messages) {
			m := g.plan.Messages[id]
			o.(*widget.Label).SetText(m.ToName + " <" + m.ToAddress + ">")
		}
	})
	g.list.OnSelected = func(id widget.ListItemID) { g.show(id) }

	var top []fyne.CanvasObject
	if r.Kind == data.MessageWorkbook {
		sec, err := c.st.Secretariat(r.WorkshopID)
		if err != nil {
			c.readFailed(err)
			return nil
		}
		g.secName, g.secAddress = widget.NewEntry(), widget.NewEntry()
		g.secName.SetText(sec.Name)
		g.secName.SetPlaceHolder(lang.X("send.secretariat_name_hint", "e.g. ICOM Secretariat"))
		g.secAddress.SetText(sec.Address)
		g.secAddress.SetPlaceHolder(lang.X("send.secretariat_address_hint", "secretariat@example.org"))
		g.secAddress.OnSubmitted = func(string) { g.saveSecretariat() }
		g.anonymous = widget.NewCheck(lang.X("workbook.anonymous", "Without names, emails or phones, for sharing statistics"), func(on bool) {
			g.r.Anonymous = on
			g.refresh()
		})
		keep := widget.NewButtonWithIcon(lang.X("send.secretariat_save", "Keep this address"), theme.DocumentSaveIcon(), g.saveSecretariat)
		form := fieldForm(g.secRow, secretariatLabel, formField{"secretariat_name", g.secName},
			formField{"secretariat_address", container.NewBorder(nil, nil, nil, keep, g.secAddress)})
		top = append(top, form, g.anonymous)
	}
	top = append(top, g.summary, g.missing)

	g.language = widget.NewSelect(nil, func(string) { g.loadWording() })
	var names []string
	for _, l := range data.Languages {
		names = append(names, languageName(l))
	}
	g.language.SetOptions(names)
	g.subject = widget.NewEntry()
	g.body = widget.NewMultiLineEntry()
	g.body.Wrapping = fyne.TextWrapWord
	g.body.SetMinRowsVisible(9)
	g.status = widget.NewLabel("")
	g.status.Wrapping = fyne.TextWrapWord
	placeholders := widget.NewLabel(lang.X("send.placeholders", "In braces, filled in for each person: {{.List}}",
		map[string]any{"List": "{" + strings.Join(data.Placeholders, "} {") + "}"}))
	placeholders.Wrapping = fyne.TextWrapWord
	placeholders.SizeName = theme.SizeNameCaptionText
	wordingButtons := container.NewHBox()
	if r.Kind == data.MessageText {
		g.r.Words = map[data.Language]data.MailTemplate{}
		g.subject.OnChanged = func(string) { g.typed() }
		g.body.OnChanged = func(string) { g.typed() }
	} else {
		wordingButtons.Add(widget.NewButtonWithIcon(lang.X("send.wording_save", "Save the wording"), theme.DocumentSaveIcon(), g.saveWording))
		wordingButtons.Add(widget.NewButtonWithIcon(lang.X("send.wording_default", "Back to the default"), theme.ContentUndoIcon(), g.defaultWording))
	}
	wording := container.NewVBox(widget.NewForm(
		widget.NewFormItem(lang.X("send.language", "Language"), g.language),
		widget.NewFormItem(lang.X("send.subject", "Subject"), g.subject),
		widget.NewFormItem(lang.X("send.body", "Message"), g.body)), placeholders, wordingButtons, g.status)
	messages := container.NewHSplit(g.list, container.NewVScroll(g.shown))
	messages.SetOffset(0.38)
	tabs := container.NewAppTabs(container.NewTabItem(lang.X("send.tab_messages", "Messages"), messages),
		container.NewTabItem(lang.X("send.tab_wording", "Wording"), container.NewVScroll(wording)))
	if r.Kind == data.MessageText {
		tabs.SelectIndex(1)
	}
	g.send = mainButton(lang.X("send.send", "Send"), g.queue)
	g.d = c.newModal(sendTitle(r.Kind), container.NewBorder(container.NewVBox(top...), nil, nil, nil, tabs),
		cancelButton(func() { g.d.Hide() }), g.send)
	for i, l := range data.Languages {
		if l == w.Language {
			g.language.SetSelectedIndex(i) // loads the wording, then the preview
		}
	}
	g.d.Resize(fyne.NewSize(860, 560))
	g.d.Show()
	c.opened(g)
	return g
}

func secretariatLabel(field string) string {
	if field == "secretariat_name" {
		return lang.X("send.secretariat_name", "Secretariat")
	}
	return lang.X("send.secretariat_address", "Its address")
}

// selectedLanguage is the language the wording shows.
func (g *sendDialog) selectedLanguage() data.Language {
	if i := g.language.SelectedIndex(); i >= 0 {
		return data.Languages[i]
	}
	return data.English
}

// loadWording shows the wording of the chosen language: the workshop's
// own over the defaults, or what was typed for a free text.
func (g *sendDialog) loadWording() {
	lang := g.selectedLanguage()
	var t data.MailTemplate
	if g.r.Kind == data.MessageText {
		t = g.r.Words[lang]
	} else {
		d, err := g.c.st.MailingData(g.r.WorkshopID)
		if err != nil {
			g.c.readFailed(err)
			return
		}
		t = mail.TemplateFor(d, g.r.Kind, lang)
	}
	subject, body := g.subject.OnChanged, g.body.OnChanged
	g.subject.OnChanged, g.body.OnChanged = nil, nil
	g.subject.SetText(t.Subject)
	g.body.SetText(t.Body)
	g.subject.OnChanged, g.body.OnChanged = subject, body
	g.status.SetText("")
	g.refresh()
}

// typed takes what the organiser writes, for a free text.
func (g *sendDialog) typed() {
	g.r.Words[g.selectedLanguage()] = data.MailTemplate{Subject: g.subject.Text, Body: g.body.Text}
	g.refresh()
}

func (g *sendDialog) saveWording() {
	t := data.MailTemplate{Subject: g.subject.Text, Body: g.body.Text}
	g.c.save(func(context.Context) error {
		return g.c.st.SaveMailTemplate(g.r.WorkshopID, g.r.Kind, g.selectedLanguage(), t)
	}, func(err error) {
		showSaved(g.status, err, lang.X("send.body", "Message"))
		if err == nil {
			g.refresh()
		}
	})
}

func (g *sendDialog) defaultWording() {
	g.c.save(func(context.Context) error {
		return g.c.st.SaveMailTemplate(g.r.WorkshopID, g.r.Kind, g.selectedLanguage(), data.MailTemplate{})
	}, func(err error) {
		if err != nil {
			showSaved(g.status, err, lang.X("send.body", "Message"))
			return
		}
		g.loadWording()
	})
}

func (g *sendDialog) saveSecretariat() {
	sec := data.Secretariat{Name: g.secName.Text, Address: g.secAddress.Text}
	g.c.save(func(context.Context) error { return g.c.st.SaveSecretariat(g.r.WorkshopID, sec) }, func(err error) {
		if err != nil {
			problems := problemsLabelled(err, secretariatLabel)
			if len(problems) == 0 {
				problems["secretariat_address"] = saveProblem(err)
			}
			for field, row := range g.secRow {
				row.setProblem(problems[field])
			}
			return
		}
		for _, row := range g.secRow {
			row.setProblem("")
		}
		g.refresh()
	})
}

// refresh writes the messages again, without writing anything to the
// file, and says how many go to how many people.
func (g *sendDialog) refresh() {
	plan, err := mail.Preview(g.c.st, g.account, g.r)
	g.plan = plan
	g.missing.Hide()
	switch {
	case errors.Is(err, mail.ErrNoSecretariat):
		g.summary.SetText(lang.X("send.no_secretariat", "Give the secretariat’s address above, then keep it."))
	case err != nil:
		g.summary.SetText(explain(err, say.Reading))
	case len(plan.Messages) == 0:
		g.summary.SetText(lang.X("send.nobody", "Nobody to send to: nobody is due this message, or nobody due it has an email address."))
	default:
		g.summary.SetText(lang.XN("send.summary", "{{.Count}} messages to {{.People}} people. Nothing is sent before you say so.",
			len(plan.Messages), map[string]any{"Count": len(plan.Messages), "People": plan.People}))
	}
	var notes []string
	if len(plan.Missing) > 0 {
		notes = append(notes, lang.XN("send.missing", "{{.Count}} people have no email address and will get nothing: {{.Names}}",
			len(plan.Missing), map[string]any{"Count": len(plan.Missing), "Names": strings.Join(plan.Missing, ", ")}))
	}
	for _, s := range plan.LeftOut {
		notes = append(notes, letterSkipText(s))
	}
	if len(notes) > 0 {
		g.missing.SetText(strings.Join(notes, "\n"))
		g.missing.Show()
	}
	if err == nil && len(plan.Messages) > 0 {
		g.send.SetText(lang.XN("send.send_count", "Send {{.Count}} messages", len(plan.Messages),
			map[string]any{"Count": len(plan.Messages)}))
		g.send.Enable()
	} else {
		g.send.SetText(lang.X("send.send", "Send"))
		g.send.Disable()
	}
	g.list.UnselectAll()
	g.list.Refresh()
	if len(plan.Messages) > 0 {
		g.list.Select(0)
	} else {
		g.shown.SetText("")
	}
}

// show shows one message as its recipient will read it.
func (g *sendDialog) show(id int) {
	if id >= len(g.plan.Messages) {
		return
	}
	g.shown.SetText(messageText(g.plan.Messages[id]))
}

// messageText is a message as a mail program shows it: its headers, what
// it carries, and its text.
func messageText(m data.OutboxMessage) string {
	from := m.FromAddress
	if m.FromName != "" {
		from = m.FromName + " <" + m.FromAddress + ">"
	}
	lines := []string{
		lang.X("send.from", "From: {{.Value}}", map[string]any{"Value": from}),
		lang.X("send.to", "To: {{.Value}}", map[string]any{"Value": m.ToName + " <" + m.ToAddress + ">"}),
		lang.X("send.subject_line", "Subject: {{.Value}}", map[string]any{"Value": m.Subject}),
	}
	for _, a := range m.Attachments {
		lines = append(lines, lang.X("send.attached", "Attached: {{.Value}}", map[string]any{"Value": a.FileName}))
	}
	return strings.Join(lines, "\n") + "\n\n" + m.Text
}

// queue puts the messages in the outbox as the preview showed them, off
// the UI goroutine, and has the mailer send them.
func (g *sendDialog) queue() {
	c, st, r, plan, a := g.c, g.c.st, g.r, g.plan, g.account
	title := sendTitle(r.Kind)
	g.send.Disable()
	end := c.workNotice(title, lang.X("send.queueing", "Putting the messages in the outbox…"), nil)
	ctx, stop := c.waiting()
	go func() {
		msgs, err := mail.Queue(ctx, st, a, r, &plan)
		c.do(func() {
			stop()
			end(err)
			if r.Kind == data.MessageCertificate && st == c.st {
				c.screen.changed(certificatesChanged, nil)
			}
			switch {
			case errors.Is(err, mail.ErrChanged):
				g.refresh()
				c.showMessage(title, []string{lang.X("send.changed", "Who gets a message changed since this preview (someone became due one, or an address changed). Nothing was queued: look at the messages again.")})
			case err != nil:
				g.send.Enable()
				c.showFailure(title, lang.X("send.queue_failed", "The messages could not be put in the outbox. Nothing was queued, and nothing was entered in the register."),
					err, say.Saving, "")
			default:
				g.d.Hide()
				ids := make([]int64, len(msgs))
				for i, m := range msgs {
					ids[i] = m.ID
				}
				c.showOutbox()
				c.mail.send(mail.Options{Waiting: true, IDs: ids})
			}
		})
	}()
}
