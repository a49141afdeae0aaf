package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// revokeDialog withdraws a certificate of the workshop's register, for a
// reason that anyone checking it will read. A revocation is final: the
// certificate stays in the register, is never printed again, and
// verifying it says revoked.
type revokeDialog struct {
	v       *certificatesView
	d       *modal
	certs   []data.Certificate // those not yet revoked, in the choice's order
	choice  *widget.Select
	reason  *widget.Entry
	status  *widget.Label
	confirm *widget.Button
}

func (v *certificatesView) showRevoke() *revokeDialog {
	if v.w.ID == 0 {
		return nil
	}
	register, err := v.c.st.Certificates(v.w.ID)
	if err != nil {
		v.c.readFailed(err)
		return nil
	}
	revoked, err := v.c.st.Revocations()
	if err != nil {
		v.c.readFailed(err)
		return nil
	}
	gone := map[int64]bool{}
	for _, r := range revoked {
		gone[r.CertificateID] = true
	}
	g := &revokeDialog{v: v, status: widget.NewLabel("")}
	var names []string
	for _, c := range register {
		if !gone[c.ID] {
			g.certs = append(g.certs, c)
			names = append(names, c.Serial+" · "+c.HolderName)
		}
	}
	g.choice = widget.NewSelect(names, func(string) { g.ready() })
	g.choice.PlaceHolder = lang.X("revoke.choose", "Choose a certificate")
	g.reason = widget.NewEntry()
	g.reason.SetPlaceHolder(lang.X("revoke.reason_hint", "e.g. Issued in error: did not attend"))
	g.reason.OnChanged = func(string) { g.ready() }
	g.status.Wrapping = fyne.TextWrapWord
	intro := widget.NewLabel(lang.X("revoke.intro", "A revoked certificate stays in the register under its serial number and is never printed again. Whoever checks it, here, on the command line or on a verifier page written from now on, reads that it was revoked and why. This cannot be undone."))
	intro.Wrapping = fyne.TextWrapWord
	if len(g.certs) == 0 {
		g.status.SetText(lang.X("revoke.none", "This workshop has no certificate in its register that could be revoked."))
	}
	form := widget.NewForm(
		widget.NewFormItem(lang.X("revoke.certificate", "Certificate"), g.choice),
		widget.NewFormItem(lang.X("revoke.reason", "Reason"), g.reason),
	)
	cancel := cancelButton(func() { g.d.Hide() })
	g.confirm = widget.NewButtonWithIcon(lang.X("revoke.confirm", "Revoke"), theme.DeleteIcon(), g.revoke)
	g.confirm.Importance = widget.DangerImportance
	g.confirm.Disable()
	g.d = v.c.newModal(lang.X("revoke.title", "Revoke a certificate"), container.NewVBox(intro, form, g.status), cancel, g.confirm)
	fitDialog(g.d, 620)
	g.d.Show()
	return g
}

// ready lets Revoke be tapped once a certificate and a reason are given.
func (g *revokeDialog) ready() {
	if g.choice.SelectedIndex() >= 0 && strings.TrimSpace(g.reason.Text) != "" {
		g.confirm.Enable()
	} else {
		g.confirm.Disable()
	}
}

func (g *revokeDialog) revoke() {
	i := g.choice.SelectedIndex()
	if i < 0 {
		return
	}
	c := g.certs[i]
	r, err := g.v.c.st.Revoke(c.ID, g.reason.Text)
	if err != nil {
		showSaved(g.status, err, lang.X("revoke.reason", "Reason"))
		return
	}
	g.d.Hide()
	if err := g.v.load(); err != nil {
		g.v.c.readFailed(err)
	}
	g.v.c.showMessage(lang.X("revoke.title", "Revoke a certificate"), []string{
		lang.X("revoke.done", "{{.Serial}} ({{.Name}}) is revoked: {{.Reason}}", map[string]any{"Serial": r.Serial, "Name": r.HolderName, "Reason": r.Reason}),
		lang.X("revoke.publish", "A verifier page knows the revocations it was written with: save it again (Verification…) and publish it."),
	})
}
