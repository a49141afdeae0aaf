package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/mail"
	"github.com/atelier-workshops/atelier/reports"
	"github.com/atelier-workshops/atelier/say"
)

// outboxView lists every message of the file's outbox, the newest first,
// with its state in words: waiting (and why, and until when), sent (and
// what the server answered), failed (and why), unknown (check before
// resending). It sends what waits, sends a message again at the user's
// word, opens what a message carries, and removes what should not go.
type outboxView struct {
	c        *controller
	d        *modal
	messages []data.OutboxMessage
	chosen   int
	list     *widget.List
	detail   *widget.Label
	counts   *widget.Label
	running  *widget.Label
	sendNow  *widget.Button
	stop     *widget.Button
	resend   *widget.Button
	open     *widget.Button
	remove   *widget.Button
}

// stateName words a state.
func stateName(s data.MessageState) string { return named("outbox.state.", s, "") }

func stateImportance(s data.MessageState) widget.Importance {
	switch s {
	case data.StateSent:
		return widget.SuccessImportance
	case data.StateFailed:
		return widget.DangerImportance
	case data.StateUnknown:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

func (c *controller) showOutbox() *outboxView {
	v := &outboxView{c: c, chosen: -1}
	v.detail = widget.NewLabel("")
	v.detail.Wrapping = fyne.TextWrapWord
	v.detail.Selectable = true
	v.counts = widget.NewLabel("")
	v.counts.TextStyle.Bold = true
	v.counts.Wrapping = fyne.TextWrapWord // the empty outbox's line is long, in French most
	v.running = widget.NewLabel("")
	v.running.Wrapping = fyne.TextWrapWord
	v.list = widget.NewList(func() int { return len(v.messages) }, v.createRow, v.updateRow)
	v.list.OnSelected = func(id widget.ListItemID) {
		v.chosen = id
		v.showChosen()
	}
	v.list.OnUnselected = func(widget.ListItemID) {
		v.chosen = -1
		v.showChosen()
	}
	v.sendNow = widget.NewButtonWithIcon(lang.X("outbox.send_now", "Send what waits"), theme.MailSendIcon(),
		func() { c.mail.send(mail.Options{Waiting: true}) })
	v.sendNow.Importance = widget.HighImportance
	v.stop = widget.NewButtonWithIcon(lang.X("outbox.stop", "Stop"), theme.MediaStopIcon(), func() { c.mail.stop() })
	v.resend = widget.NewButtonWithIcon(lang.X("outbox.resend", "Send again…"), theme.MailReplyIcon(), v.askResend)
	v.open = widget.NewButtonWithIcon(lang.X("outbox.open", "Open attachment"), theme.FileIcon(), v.openAttachment)
	v.remove = widget.NewButtonWithIcon(lang.X("outbox.remove", "Remove…"), theme.DeleteIcon(), v.askRemove)
	actions := container.NewHBox(v.sendNow, v.stop, v.resend, v.open, v.remove)
	split := container.NewHSplit(v.list, container.NewVScroll(v.detail))
	split.SetOffset(0.5)
	content := container.NewBorder(container.NewVBox(v.counts, v.running, actions), nil, nil, nil, split)
	v.d = c.newModal(lang.X("outbox.title", "Outbox"), content, widget.NewButton(lang.X("dialog.close", "Close"), func() {
		c.mail.watch = nil
		v.d.Hide()
	}))
	c.mail.watch = v.reload
	v.reload()
	v.d.Resize(fyne.NewSize(920, 560))
	v.d.Show()
	c.opened(v)
	return v
}

func (v *outboxView) createRow() fyne.CanvasObject {
	state := widget.NewLabel("")
	state.TextStyle.Bold = true
	who := widget.NewLabel("")
	who.Truncation = fyne.TextTruncateEllipsis
	what := widget.NewLabel("")
	what.Truncation = fyne.TextTruncateEllipsis
	what.SizeName = theme.SizeNameCaptionText
	return container.NewVBox(container.NewBorder(nil, nil, nil, state, who), what)
}

func (v *outboxView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(v.messages) {
		return
	}
	m := v.messages[id]
	lines := o.(*fyne.Container).Objects
	top := lines[0].(*fyne.Container).Objects
	who, state := top[0].(*widget.Label), top[1].(*widget.Label)
	name := m.ToName
	if name == "" {
		name = m.ToAddress
	}
	who.SetText(name)
	state.Importance = stateImportance(m.State)
	state.SetText(stateName(m.State))
	lines[1].(*widget.Label).SetText(m.QueuedAt.Local().Format("2006-01-02 15:04") + " · " + m.Subject)
}

// reload reads the outbox again, keeping the message chosen.
func (v *outboxView) reload() {
	var keep int64
	if v.chosen >= 0 && v.chosen < len(v.messages) {
		keep = v.messages[v.chosen].ID
	}
	list, err := v.c.st.Outbox(data.OutboxFilter{})
	if err != nil {
		v.c.readFailed(err)
		return
	}
	v.messages = list
	counts := map[data.MessageState]int{}
	for _, m := range list {
		counts[m.State]++
	}
	var parts []string
	for _, s := range data.MessageStates {
		if counts[s] > 0 {
			parts = append(parts, lang.X("outbox.state_count", "{{.State}}: {{.Count}}", map[string]any{"State": stateName(s), "Count": counts[s]}))
		}
	}
	if len(list) == 0 {
		v.counts.SetText(lang.X("outbox.empty", "The outbox is empty: certificates, the workbook and messages to participants are sent from the Mail menu and the Certificates tab."))
	} else {
		v.counts.SetText(lang.XN("outbox.count", "{{.Count}} messages", len(list), map[string]any{"Count": len(list)}) +
			" · " + strings.Join(parts, " · "))
	}
	m := &v.c.mail
	switch {
	case m.checking:
		v.running.SetText(lang.X("mail.checking_keychain", "Checking the keychain…"))
		v.running.Importance = widget.MediumImportance
	case m.running:
		v.running.SetText(lang.X("outbox.running", "Sending… {{.Sent}} sent so far.", map[string]any{"Sent": m.report.Sent}))
		v.running.Importance = widget.MediumImportance
	case m.lastErr != nil:
		v.running.SetText(explain(m.lastErr, say.Writing))
		v.running.Importance = widget.DangerImportance
	default:
		v.running.SetText("")
	}
	v.running.Hidden = v.running.Text == ""
	v.running.Refresh()
	if m.running || m.checking && !m.calledOff {
		v.sendNow.Disable()
		v.stop.Enable()
	} else {
		v.sendNow.Enable()
		v.stop.Disable()
	}
	v.chosen = -1
	v.list.UnselectAll()
	for i, msg := range list {
		if msg.ID == keep {
			v.list.Select(i)
		}
	}
	v.list.Refresh()
	v.showChosen()
}

// showChosen shows the message chosen: its state in full, and the message.
func (v *outboxView) showChosen() {
	if v.chosen < 0 || v.chosen >= len(v.messages) {
		v.detail.SetText(lang.X("outbox.choose", "Choose a message to read it, send it again or open what it carries."))
		v.resend.Disable()
		v.open.Disable()
		v.remove.Disable()
		return
	}
	m := v.messages[v.chosen]
	state := stateName(m.State)
	switch m.State {
	case data.StateSent:
		state = lang.X("outbox.sent_at", "Sent on {{.When}}; the server answered: {{.Reply}}",
			map[string]any{"When": m.SentAt.Local().Format("2006-01-02 15:04"), "Reply": m.Reply})
	case data.StateFailed:
		state = stateName(m.State) + ": " + words(say.Words{Key: m.FailureKey})
	case data.StateUnknown:
		state = lang.X("outbox.unknown_detail", "Unknown: Atelier stopped while handing this message to the server, which may have taken it. Check with the recipient before sending it again.")
	case data.StateQueued:
		if m.FailureKey != "" {
			state += ": " + words(say.Words{Key: m.FailureKey})
		}
		if m.Attempts > 0 {
			state += " " + lang.X("outbox.next_try", "(next try from {{.When}})", map[string]any{"When": m.NextAttempt.Local().Format("2006-01-02 15:04")})
		}
	}
	if m.FailureDetail != "" && m.State != data.StateSent {
		state += "\n" + lang.X("outbox.server_said", "The server said: {{.Reply}}", map[string]any{"Reply": m.FailureDetail})
	}
	v.detail.SetText(state + "\n\n" + messageText(m))
	if m.State == data.StateSending {
		v.resend.Disable()
		v.remove.Disable()
	} else {
		v.resend.Enable()
		v.remove.Enable()
	}
	if len(m.Attachments) > 0 {
		v.open.Enable()
	} else {
		v.open.Disable()
	}
}

// askResend sends the chosen message again, at the user's word: they are
// told when it went already, or may have.
func (v *outboxView) askResend() {
	if v.chosen < 0 || v.chosen >= len(v.messages) {
		return
	}
	m := v.messages[v.chosen]
	who := map[string]any{"Name": m.ToName, "Address": m.ToAddress}
	var question string
	switch m.State {
	case data.StateSent:
		question = lang.X("outbox.resend_sent", "This message went to {{.Name}} <{{.Address}}> already. Send it to them again?", who)
	case data.StateUnknown:
		question = lang.X("outbox.resend_unknown", "This message may have reached {{.Name}} <{{.Address}}> already. Send it again anyway?", who)
	default:
		question = lang.X("outbox.resend_other", "Send this message to {{.Name}} <{{.Address}}> now?", who)
	}
	v.c.ask(lang.X("outbox.title", "Outbox"), question, lang.X("outbox.resend_confirm", "Send again"), 520, func() {
		var again []data.OutboxMessage
		v.c.save(func(ctx context.Context) (err error) {
			again, err = v.c.st.Resend(ctx, []int64{m.ID})
			return err
		}, func(err error) {
			if err != nil {
				v.c.saveFailed(err)
				return
			}
			ids := make([]int64, len(again))
			for i, a := range again {
				ids[i] = a.ID
			}
			v.reload()
			v.c.mail.send(mail.Options{Waiting: true, IDs: ids})
		})
	})
}

// askRemove takes the chosen message out of the outbox, at the user's word.
func (v *outboxView) askRemove() {
	if v.chosen < 0 || v.chosen >= len(v.messages) {
		return
	}
	m := v.messages[v.chosen]
	question := lang.X("outbox.remove_question", "Take the message to {{.Name}} <{{.Address}}> out of the outbox? If it waits, it will not be sent.",
		map[string]any{"Name": m.ToName, "Address": m.ToAddress})
	v.c.ask(lang.X("outbox.title", "Outbox"), question, lang.X("outbox.remove_confirm", "Remove"), 520, func() {
		v.c.save(func(ctx context.Context) error {
			_, err := v.c.st.DeleteMessages(ctx, []int64{m.ID})
			return err
		}, func(err error) {
			if err != nil {
				v.c.saveFailed(err)
			}
			v.reload()
		})
	})
}

// openAttachment opens what the chosen message carries, byte for byte as
// it was sent, in the system's viewer.
func (v *outboxView) openAttachment() {
	if v.chosen < 0 || v.chosen >= len(v.messages) {
		return
	}
	m, err := v.c.st.Message(v.messages[v.chosen].ID)
	if err != nil {
		v.c.readFailed(err)
		return
	}
	for _, a := range m.Attachments {
		path := filepath.Join(os.TempDir(), reports.SafeFileName("atelier-"+strings.TrimSuffix(a.FileName, filepath.Ext(a.FileName)), filepath.Ext(a.FileName)))
		if err := os.WriteFile(path, a.Content, 0o600); err != nil {
			v.c.showWriteFailure(lang.X("outbox.title", "Outbox"), path, err)
			return
		}
		v.c.openFile(path)
		v.c.opened(openedAttachment(path))
	}
}

// openedAttachment is what the window tells its test of an attachment
// opened.
type openedAttachment string
