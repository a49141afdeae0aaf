package app

import (
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
)

// The files the verification dialog writes: the public key to publish, and
// the verifier page.
var (
	pemFile  = fileKind{ext: ".pem", mayExist: true}
	htmlFile = fileKind{ext: ".html", mayExist: true}
)

// verificationDialog shows the file's issuer keys and writes what lets
// anyone check a certificate without the file: the public key and the
// verifier page. It also keeps the address where the workshop publishes
// that page, which its QR codes then hold.
type verificationDialog struct {
	v                 *certificatesView
	d                 *modal
	address           *widget.Entry
	status            *widget.Label
	keys              *widget.Label
	savePage, saveKey *widget.Button
}

func (v *certificatesView) showVerification() *verificationDialog {
	if v.w.ID == 0 {
		return nil
	}
	address, err := v.c.st.VerifierAddress(v.w.ID)
	if err != nil {
		v.c.readFailed(err)
		return nil
	}
	g := &verificationDialog{v: v, status: widget.NewLabel(""), keys: widget.NewLabel("")}
	g.status.Wrapping = fyne.TextWrapWord
	g.keys.Wrapping = fyne.TextWrapWord
	g.showKeys()
	g.address = widget.NewEntry()
	g.address.SetPlaceHolder("https://example.org/certificates/verify.html")
	g.address.SetText(address)
	g.address.OnChanged = func(string) { g.saveAddress() }
	intro := widget.NewLabel(lang.X("verification.intro", "Each certificate is signed with this file’s issuer key. Anyone holding the public key, or the verifier page, can check one offline: no account, no server, no copy of this file. Keep the file itself safe: whoever has it can sign in your name."))
	intro.Wrapping = fyne.TextWrapWord
	addressHelp := widget.NewLabel(lang.X("verification.address_help", "Where you publish the verifier page. Certificates printed from now on hold this address in their QR code, so that a phone’s camera opens the verdict at once. Leave it empty to put the certificate’s text alone in the QR code."))
	addressHelp.Wrapping = fyne.TextWrapWord
	addressHelp.SizeName = theme.SizeNameCaptionText
	g.savePage = widget.NewButtonWithIcon(lang.X("verification.save_page", "Save the verifier page…"), theme.DocumentSaveIcon(), g.askPage)
	g.saveKey = widget.NewButtonWithIcon(lang.X("verification.save_key", "Save the public key…"), theme.DocumentSaveIcon(), g.askKey)
	form := widget.NewForm(widget.NewFormItem(lang.X("verification.address", "Verifier page address"), g.address))
	g.d = v.c.newModal(lang.X("verification.title", "Verification"),
		container.NewVBox(intro, g.keys, container.NewHBox(g.savePage, g.saveKey), form, addressHelp, g.status),
		closeButton(func() { g.d.Hide() }))
	fitDialog(g.d, 720)
	g.d.Show()
	return g
}

// showKeys lists the fingerprints of the file's keys, the signing one
// first; the file makes its key on first use.
func (g *verificationDialog) showKeys() {
	if _, err := g.v.c.st.SigningKey(); err != nil {
		g.v.c.readFailed(err)
		return
	}
	keys, err := g.v.c.st.IssuerKeys()
	if err != nil {
		g.v.c.readFailed(err)
		return
	}
	var lines []string
	for _, k := range keys {
		if k.Signing {
			lines = append(lines, lang.X("verification.signing_key", "Issuer key {{.Key}}: signs the certificates printed from now on.",
				map[string]any{"Key": k.Fingerprint()}))
		} else {
			lines = append(lines, lang.XN("verification.former_key", "Former issuer key {{.Key}}: still verifies the {{.Count}} certificate it signed.",
				k.Signed, map[string]any{"Key": k.Fingerprint(), "Count": k.Signed}))
		}
	}
	g.keys.SetText(strings.Join(lines, "\n"))
}

func (g *verificationDialog) saveAddress() {
	showSaved(g.status, g.v.c.st.SetVerifierAddress(g.v.w.ID, g.address.Text),
		lang.X("verification.address", "Verifier page address"))
}

func (g *verificationDialog) askPage() {
	st, workshopID := g.v.c.st, g.v.w.ID
	g.askSave(lang.X("verification.save_page_title", "Save the verifier page"),
		lang.X("verification.save_page_intro", "One HTML file with the public keys and the revocations of this file. Put it on any web site, or open it from a USB stick: it checks a certificate’s QR code with no network. Save it again after revoking a certificate."),
		"verify.html", htmlFile, func(w io.Writer) error {
			d, err := reports.LoadVerifier(st, organiserOf(st, workshopID))
			if err != nil {
				return err
			}
			return reports.WriteVerifierPage(d, w)
		})
}

func (g *verificationDialog) askKey() {
	st := g.v.c.st
	g.askSave(lang.X("verification.save_key_title", "Save the public key"),
		lang.X("verification.save_key_intro", "The public key, to publish beside the certificates: with it, atelier verify --key checks a certificate’s QR code. It cannot sign anything."),
		"issuer-key.pem", pemFile, func(w io.Writer) error {
			b, err := st.PublicKeysPEM()
			if err == nil {
				_, err = w.Write(b)
			}
			return err
		})
}

// askSave asks where to save a file, then writes it off the UI goroutine.
func (g *verificationDialog) askSave(title, intro, name string, kind fileKind, write func(io.Writer) error) {
	c := g.v.c
	c.showFileNameDialog(title, intro, lang.X("exports.save", "Save"), name, kind, func(path string) {
		c.export(title, path, write, nil)
	})
}

// organiserOf names the workshop's first organiser, whom the verifier page
// names as the issuer; "" when it has none.
func organiserOf(st *data.Store, workshopID int64) string {
	orgs, err := st.WorkshopOrganisations(workshopID)
	if err != nil {
		return ""
	}
	for _, o := range orgs {
		if o.Role == data.RoleOrganiser {
			return o.Name
		}
	}
	return ""
}
