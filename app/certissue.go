package app

import (
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// issueConfirm says what Issue and print is about to do before any file
// dialog: how many certificates, that the new ones get a serial number and
// a code for good, and who is left out.
type issueConfirm struct {
	d     *modal
	issue *widget.Button
}

// leftOutShown is how many names the confirmation lists before "and N
// more": a dialog, not a report.
const leftOutShown = 12

// askIssue checks who would receive a certificate and asks first; nobody
// eligible is said at once, with no file dialog.
func (v *certificatesView) askIssue() {
	if v.w.ID == 0 {
		return
	}
	title := lang.X("certificates.tab", "Certificates")
	certs, err := v.c.st.PreviewCertificates(v.w.ID, data.IssueOptions{Trainers: v.trainers.Checked})
	if err != nil {
		v.c.readFailed(err)
		return
	}
	if len(certs) == 0 {
		v.c.showMessage(title, []string{lang.X("certificates.nobody", "Nobody is eligible for a certificate yet: mark the attendance first, or grant one on the Attendance tab.")})
		return
	}
	fresh := 0
	for _, c := range certs {
		if c.Serial == "" {
			fresh++
		}
	}
	var left []string
	for _, r := range v.rows {
		if !r.eligibility.Eligible {
			left = append(left, r.name)
		}
	}
	text := []string{lang.XN("certificates.confirm_count", "{{.Count}} certificates will be printed.", len(certs),
		map[string]any{"Count": len(certs)})}
	if fresh > 0 {
		text = append(text, lang.XN("certificates.confirm_new",
			"{{.Count}} of them get a serial number and a verification code now, for good: they stay in the register, and printing again keeps them.",
			fresh, map[string]any{"Count": fresh}))
	} else {
		text = append(text, lang.X("certificates.confirm_reprint", "All of them are in the register already and keep their serial numbers and codes."))
	}
	if len(left) > 0 {
		names := strings.Join(left[:min(len(left), leftOutShown)], ", ")
		if len(left) > leftOutShown {
			names = lang.X("certificates.confirm_more", "{{.Names}} and {{.Count}} more", map[string]any{"Names": names, "Count": len(left) - leftOutShown})
		}
		text = append(text, lang.XN("certificates.confirm_left_out", "Left out, not eligible ({{.Count}}): {{.Names}}.", len(left),
			map[string]any{"Count": len(left), "Names": names}))
	} else {
		text = append(text, lang.X("certificates.confirm_nobody_left", "Every participant is eligible: nobody is left out."))
	}

	box := container.NewVBox()
	for _, p := range text {
		box.Add(wrapped(p, false))
	}
	q := &issueConfirm{}
	q.issue = mainButton(lang.X("certificates.issue", "Issue and print…"), func() {
		q.d.Hide()
		v.askPath()
	})
	q.d = v.c.newModal(lang.X("certificates.confirm_title", "Issue certificates"), box, cancelButton(func() { q.d.Hide() }), q.issue)
	fitDialog(q.d, 560)
	q.d.Show()
	v.c.opened(q)
}
