package app

import (
	"errors"
	"path/filepath"
	"slices"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
	"github.com/atelier-workshops/atelier/say"
)

// certificatesView lists who is eligible for a certificate and why, with
// their serial numbers once issued; it issues and prints the certificates
// off the UI goroutine with progress and cancel, and checks a code.
type certificatesView struct {
	c        *controller
	w        data.Workshop
	rows     []certificateRow
	list     *widget.List
	summary  *widget.Label
	trainers *widget.Check
	each     *widget.Check
	issue    *widget.Button
	progress *widget.ProgressBar
	cancel   *widget.Button
	working  *fyne.Container
	code     *widget.Entry
	verdict  *widget.Label
	item     *container.TabItem

	chosen int64 // the participant whose certificate Preview shows; 0 for the first

	cancelled atomic.Bool
	stop      func() // gives up the wait for another Atelier's write, while issuing
}

// certificateRow is one participant with the rule's verdict and, when in
// the register, their certificate.
type certificateRow struct {
	pid         int64
	name        string
	eligibility data.Eligibility
	cert        *data.Certificate
	revoked     bool
}

func newCertificatesView(c *controller) *certificatesView {
	v := &certificatesView{c: c}
	v.summary = widget.NewLabel("")
	v.summary.TextStyle.Bold = true
	v.list = widget.NewList(func() int { return len(v.rows) }, v.createRow, v.updateRow)
	v.list.OnSelected = func(id widget.ListItemID) {
		if id < len(v.rows) {
			v.chosen = v.rows[id].pid
		}
	}
	v.trainers = widget.NewCheck(lang.X("certificates.trainers", "Certificates for the trainers too"), nil)
	v.trainers.SetChecked(true)
	v.each = widget.NewCheck(lang.X("certificates.each", "Also one file each, in a folder"), nil)
	v.issue = widget.NewButtonWithIcon(lang.X("certificates.issue", "Issue and print…"), theme.DocumentPrintIcon(), v.askIssue)
	v.issue.Importance = widget.HighImportance
	v.progress = widget.NewProgressBar()
	v.cancel = widget.NewButtonWithIcon(lang.X("certificates.cancel", "Cancel"), theme.CancelIcon(), func() {
		v.cancelled.Store(true)
		if v.stop != nil {
			v.stop()
		}
	})
	v.working = container.NewBorder(nil, nil, nil, v.cancel, v.progress)
	v.working.Hide()
	v.code = widget.NewEntry()
	v.code.SetPlaceHolder(lang.X("certificates.code_hint", "e.g. K7Q2-M9XD-4FHT"))
	v.code.OnSubmitted = func(string) { v.verify() }
	v.verdict = widget.NewLabel("")
	v.verdict.Wrapping = fyne.TextWrapWord
	check := widget.NewButtonWithIcon(lang.X("certificates.verify", "Verify"), theme.SearchIcon(), v.verify)
	intro := widget.NewLabel(lang.X("certificates.intro", "Everyone the certificate rule or an organiser’s decision makes eligible receives a certificate in their language. Printing again keeps each serial number and verification code."))
	intro.Wrapping = fyne.TextWrapWord
	wording := widget.NewButtonWithIcon(lang.X("certificates.wording_button", "Wording and signatories…"), theme.DocumentCreateIcon(), v.showWording)
	titles := widget.NewButtonWithIcon(lang.X("titles.button", "Other languages…"), theme.DocumentCreateIcon(), func() { v.showTitles() })
	preview := widget.NewButtonWithIcon(lang.X("certificates.preview", "Preview"), theme.VisibilityIcon(), func() { v.preview() })
	top := container.NewVBox(intro, container.NewHBox(v.issue, preview, v.sendButton(), wording, titles),
		container.NewHBox(v.trainers, v.each), v.working, v.summary)
	keys := widget.NewButtonWithIcon(lang.X("verification.button", "Verification…"), theme.InfoIcon(), func() { v.showVerification() })
	revoke := widget.NewButtonWithIcon(lang.X("revoke.button", "Revoke…"), theme.DeleteIcon(), func() { v.showRevoke() })
	verify := container.NewVBox(widget.NewSeparator(),
		container.NewBorder(nil, nil, widget.NewLabel(lang.X("certificates.code", "Verification code")),
			container.NewHBox(check, keys, revoke), v.code),
		v.verdict)
	v.item = container.NewTabItemWithIcon(lang.X("certificates.tab", "Certificates"), theme.DocumentPrintIcon(), container.NewBorder(top, verify, nil, nil, v.list))
	return v
}

func (v *certificatesView) tab() *container.TabItem { return v.item }

func (v *certificatesView) shows() change {
	return detailsChanged | verdictInputs | certificatesChanged
}

func (v *certificatesView) clear() {
	v.w, v.rows = data.Workshop{}, nil
	v.summary.SetText("")
	v.verdict.SetText("")
	v.issue.Disable()
	v.list.Refresh()
}

func (v *certificatesView) show(w data.Workshop) {
	if w.ID != v.w.ID {
		v.chosen = 0
		v.list.UnselectAll()
	}
	v.w = w
	v.issue.Enable()
	v.c.verdicts.forget() // another window may have changed them
	if err := v.load(); err != nil {
		v.c.readFailed(err)
	}
}

// load reads the verdicts and the register of the workshop, at one moment.
func (v *certificatesView) load() error {
	vd := &v.c.verdicts
	standing, err := vd.standing(v.w.ID)
	if err != nil {
		return err
	}
	register := standing.Register
	byParticipant := map[int64]*data.Certificate{}
	for i := range register {
		if register[i].ParticipantID != 0 {
			byParticipant[register[i].ParticipantID] = &register[i]
		}
	}
	v.rows = v.rows[:0]
	for i, p := range vd.matrix.Participants {
		c := byParticipant[p.ID]
		v.rows = append(v.rows, certificateRow{pid: p.ID, name: p.NameOnCertificate(), eligibility: vd.at(i), cert: c,
			revoked: c != nil && standing.Revoked[c.ID]})
	}
	v.summary.SetText(lang.X("certificates.summary", "{{.Eligible}} of {{.Total}} participants eligible · {{.Issued}} certificates in the register",
		map[string]any{"Eligible": vd.eligible(), "Total": vd.count(), "Issued": len(register)}))
	v.list.Refresh()
	return nil
}

func (v *certificatesView) createRow() fyne.CanvasObject {
	name := widget.NewLabel("")
	name.TextStyle.Bold = true
	name.Truncation = fyne.TextTruncateEllipsis
	verdict := widget.NewLabel("")
	serial := widget.NewLabel("")
	why := widget.NewLabel("")
	why.Truncation = fyne.TextTruncateEllipsis
	why.SizeName = theme.SizeNameCaptionText
	// The name has the whole width left of the verdict: it must read whole.
	return container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(verdict, serial), name), why)
}

func (v *certificatesView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(v.rows) {
		return
	}
	r := v.rows[id]
	lines := o.(*fyne.Container).Objects
	top := lines[0].(*fyne.Container).Objects // name, then verdict and serial
	top[0].(*widget.Label).SetText(r.name)
	right := top[1].(*fyne.Container).Objects
	verdict := right[0].(*widget.Label)
	verdict.Importance = verdictImportance(r.eligibility)
	verdict.SetText(verdictText(r.eligibility))
	serial := ""
	if r.cert != nil {
		serial = r.cert.Serial
	}
	if r.revoked {
		serial = lang.X("certificates.revoked", "{{.Serial}} · revoked", map[string]any{"Serial": serial})
	}
	right[1].(*widget.Label).SetText(serial)
	lines[1].(*widget.Label).SetText(reasonsText(r.eligibility))
}

// askPath asks where to save the PDF, then issues and prints.
func (v *certificatesView) askPath() {
	v.c.askPDFPath(reports.FileName(reports.CertificatesDocument, v.w), v.issueTo)
}

// issueTo enters the certificates in the register and writes them to
// path (and, when asked, one file each into the folder beside it) on
// another goroutine, showing progress, after waiting for another Atelier's
// write if need be; the register and the files change together or not at
// all, so Cancel leaves both as they were.
func (v *certificatesView) issueTo(path string) {
	st, id, trainers, each := v.c.st, v.w.ID, v.trainers.Checked, v.each.Checked
	v.cancelled.Store(false)
	v.issue.Disable()
	v.progress.SetValue(0)
	v.working.Show()
	title := lang.X("certificates.tab", "Certificates")
	end := v.c.startWork(title)
	ctx, stop := v.c.waiting()
	v.stop = stop
	go func() {
		defer stop()
		certs, folder, err := reports.IssueAndPrintCertificates(ctx, st, id, data.IssueOptions{Trainers: trainers}, path, each,
			func(done, total int) bool {
				if done%10 == 0 || done == total {
					v.c.do(func() { v.progress.SetValue(float64(done) / float64(total)) })
				}
				return !v.cancelled.Load()
			})
		written := len(certs)
		v.c.do(func() {
			end(err)
			v.working.Hide()
			v.issue.Enable()
			v.stop = nil
			if v.w.ID == id {
				if lerr := v.load(); lerr != nil && err == nil {
					err = lerr
				}
				v.c.screen.changed(certificatesChanged, v)
			}
			var published *data.PublishError
			switch {
			case err != nil && (v.cancelled.Load() || errors.Is(err, reports.ErrCancelled) || errors.Is(err, data.ErrBusy)):
				v.c.showMessage(title, []string{lang.X("certificates.cancelled", "Printing was cancelled: no file was written, and nothing was entered in the register.")}, "")
			case errors.As(err, &published):
				v.c.showFailure(title, lang.X("certificates.publish_failed", "The certificates are in the register, but their files could not be put in place. Print them again to put them there: their serial numbers and codes stay."),
					published.Err, say.Writing, path)
			case errors.Is(err, reports.ErrNobodyEligible):
				v.c.showMessage(title, []string{lang.X("certificates.nobody", "Nobody is eligible for a certificate yet: mark the attendance first, or grant one on the Attendance tab.")}, "")
			case err != nil:
				v.c.showWriteFailure(title, path, err)
			case each:
				v.c.openFile(folder)
				v.c.showMessage(title, []string{lang.XN("certificates.done", "{{.Count}} certificates saved in “{{.File}}”.", written,
					map[string]any{"Count": written, "File": filepath.Base(path)}),
					lang.X("certificates.done_each", "One file each is in the folder “{{.Folder}}”.", map[string]any{"Folder": filepath.Base(folder)})}, folder)
			default:
				v.c.openFile(filepath.Dir(path))
				v.c.showMessage(title, []string{lang.XN("certificates.done", "{{.Count}} certificates saved in “{{.File}}”.", written,
					map[string]any{"Count": written, "File": filepath.Base(path)})}, path)
			}
		})
	}()
}

// preview shows the certificate of the participant chosen in the list (or
// the first that printing would produce) inside the window, drawn from the
// PDF printing makes, without entering anything in the register. It
// returns the dialog, nil when there is nothing to show (for tests).
func (v *certificatesView) preview() *certPreview {
	title := lang.X("certificates.preview", "Preview")
	certs, err := v.c.st.PreviewCertificates(v.w.ID, data.IssueOptions{Trainers: v.trainers.Checked})
	if err == nil && len(certs) == 0 {
		err = reports.ErrNobodyEligible
	}
	var c data.Certificate
	var d reports.CertificateData
	if err == nil {
		c = certs[0]
		if v.chosen != 0 {
			i := slices.IndexFunc(certs, func(c data.Certificate) bool { return c.ParticipantID == v.chosen })
			if i < 0 {
				v.c.showMessage(title, []string{lang.X("certificates.preview_not_eligible",
					"{{.Name}} is not eligible: printing gives them no certificate.", map[string]any{"Name": v.chosenName()})})
				return nil
			}
			c = certs[i]
		}
		if c.Serial == "" { // not issued yet: the register gives it one when printed
			c.Serial, c.Code = lang.X("certificates.preview_serial", "(given when printed)"), "PREVIEW"
		}
		d, err = reports.LoadCertificates(v.c.st, v.w.ID, []data.Certificate{c})
	}
	switch {
	case errors.Is(err, reports.ErrNobodyEligible):
		v.c.showMessage(title, []string{lang.X("certificates.nobody", "Nobody is eligible for a certificate yet: mark the attendance first, or grant one on the Attendance tab.")})
	case err != nil:
		v.c.readFailed(err)
	default:
		return v.showPreview(d, c)
	}
	return nil
}

// chosenName is the name of the participant chosen in the list.
func (v *certificatesView) chosenName() string {
	for _, r := range v.rows {
		if r.pid == v.chosen {
			return r.name
		}
	}
	return ""
}

// verify says whether the typed code, or a pasted QR code text, is that of
// a genuine certificate (verifyfield.go words it).
func (v *certificatesView) verify() {
	if v.code.Text == "" {
		v.verdict.SetText("")
		return
	}
	res, err := v.c.st.Verify(v.code.Text)
	if err != nil && !errors.Is(err, data.ErrUnknownCode) {
		v.c.readFailed(err)
		return
	}
	text, importance := verificationWords(res, err)
	v.verdict.Importance = importance
	v.verdict.SetText(text)
}
