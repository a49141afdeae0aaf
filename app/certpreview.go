package app

import (
	"bytes"
	"context"
	"image"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
	"github.com/atelier-workshops/atelier/reports/pdfraster"
)

// certPreview shows one certificate inside the window, drawn from the
// very PDF that printing makes, with a way to open that PDF in the
// system's viewer as well.
type certPreview struct {
	c      *controller
	d      *modal
	name   string
	pdf    []byte // the certificate as printing writes it
	dpi    int    // what the page is drawn at, to fit the window
	status *widget.Label
	bar    *widget.ProgressBarInfinite
	image  *canvas.Image
	where  *widget.Label
	cancel context.CancelFunc
}

// previewDrawn is what the window tells its test when a preview's page is
// shown, or when drawing it failed (err) and the viewer is offered alone.
type previewDrawn struct{ err error }

// a4Inches is the size of the page certificates print on (A4 landscape):
// the preview is drawn at the resolution that fits it in the dialog.
var a4Inches = fyne.NewSize(11.69, 8.27)

// showPreview opens the dialog for certificate c of d's workshop and
// draws it off the UI goroutine: writing the PDF and starting PDFium take
// from a quarter of a second to several seconds the first time.
func (v *certificatesView) showPreview(d reports.CertificateData, c data.Certificate) *certPreview {
	p := &certPreview{c: v.c, name: c.HolderName}
	p.status = widget.NewLabel(lang.X("certificates.preview_drawing", "Drawing the certificate as it prints…"))
	p.status.Wrapping = fyne.TextWrapWord
	p.bar = widget.NewProgressBarInfinite()
	p.image = canvas.NewImageFromImage(nil)
	p.image.FillMode = canvas.ImageFillContain
	p.image.ScaleMode = canvas.ImageScaleSmooth
	p.where = widget.NewLabel("")
	p.where.Wrapping = fyne.TextWrapBreak // a path has no spaces to wrap at
	p.where.SizeName = theme.SizeNameCaptionText
	p.where.Selectable = true
	p.where.Hide()
	open := widget.NewButtonWithIcon(lang.X("certificates.preview_open", "Open in PDF viewer"), theme.FileApplicationIcon(), p.openOutside)
	open.Disable()
	closeButton := widget.NewButtonWithIcon(lang.X("dialog.close", "Close"), theme.CancelIcon(), func() { p.d.Hide() })
	p.d = v.c.newModal(lang.X("certificates.preview_title", "Certificate of {{.Name}}", map[string]any{"Name": c.HolderName}),
		container.NewBorder(p.status, p.where, nil, nil, container.NewStack(p.image, container.NewCenter(p.bar))),
		open, closeButton)

	// The dialog takes most of the window, and the page is drawn at the
	// resolution that fills it, in the screen's pixels.
	win := v.c.win.Canvas().Size()
	size := fyne.NewSize(win.Width*0.94, win.Height*0.94)
	p.d.Resize(size)
	scale := float64(v.c.win.Canvas().Scale())
	fit := math.Min(float64(size.Width)/float64(a4Inches.Width), float64(size.Height)/float64(a4Inches.Height))
	p.dpi = int(math.Max(72, math.Min(200, math.Ceil(fit*scale))))

	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	p.d.SetOnClosed(func() {
		cancel()
		p.image.Image = nil // the page's pixels go with the dialog
	})
	p.d.Show()
	v.c.opened(p)

	dpi := p.dpi
	go func() {
		var b bytes.Buffer
		err := reports.WriteCertificates(d, &b, nil)
		var page *image.RGBA
		if err == nil {
			page, err = pdfraster.Page(ctx, b.Bytes(), 0, dpi)
			// PDFium (and, the first time on a machine, compiling it) left
			// from 50 to 350 MB of garbage; without this the heap would
			// only be collected, and the memory given back, when the Go
			// heap next doubles or at the two-minute forced collection.
			debug.FreeOSMemory()
		}
		v.c.do(func() {
			if err == nil || b.Len() > 0 {
				p.pdf = b.Bytes()
				open.Enable()
			}
			p.bar.Stop()
			p.bar.Hide()
			if ctx.Err() != nil {
				return // closed meanwhile
			}
			v.c.opened(previewDrawn{err})
			if err != nil {
				fyne.LogError("Drawing the certificate's preview", err)
				p.status.SetText(lang.X("certificates.preview_failed", "The certificate could not be drawn here: open it in your PDF viewer instead."))
				p.status.Importance = widget.WarningImportance
				p.status.Refresh()
				return
			}
			p.status.SetText(lang.X("certificates.preview_shown", "As it prints, on A4. To preview someone else’s, close this and tap their name in the list."))
			p.image.Image = page
			p.image.Refresh()
		})
	}()
	return p
}

// openOutside writes the certificate to a file of its own and opens it
// in the system's PDF viewer, saying where it is in case none opens.
func (p *certPreview) openOutside() {
	path := filepath.Join(os.TempDir(), reports.SafeFileName("atelier-preview-"+p.name, ".pdf"))
	pdf := p.pdf
	if err := reports.WriteFile(path, func(w io.Writer) error { _, err := w.Write(pdf); return err }); err != nil {
		p.c.showWriteFailure(lang.X("certificates.preview", "Preview"), path, err)
		return
	}
	p.c.openFile(path)
	p.where.SetText(lang.X("certificates.preview_where", "If no viewer opens, the file is here:") + " " + path)
	p.where.Show()
}

// keepCompiledPDFium keeps PDFium compiled to machine code in the user's
// cache folder: compiling it takes seconds and a few hundred megabytes
// for a moment, which only the first preview on a machine should pay.
func keepCompiledPDFium() {
	if dir, err := os.UserCacheDir(); err == nil {
		pdfraster.SetCacheDir(filepath.Join(dir, "atelier", "pdfium"))
	}
}
