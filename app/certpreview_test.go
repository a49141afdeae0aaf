package app

import (
	"bytes"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
	"github.com/atelier-workshops/atelier/reports/pdfraster"
	"github.com/atelier-workshops/atelier/reports/pdfraster/poppler"
)

// testPDFiumCache shares PDFium compiled to machine code between the test
// processes (pdfraster's tests use the same folder): compiling it under
// the race detector takes a minute.
func testPDFiumCache() {
	pdfraster.SetCacheDir(filepath.Join(os.TempDir(), "atelier-test-pdfium"))
}

// waitDrawn runs the window's queue until the preview shows its page.
func waitDrawn(t *testing.T, c *controller, p *certPreview) {
	t.Helper()
	if p == nil {
		t.Fatalf("no preview; the window says %q", visibleTexts(topDialog(c)))
	}
	told := countOf[previewDrawn](c) // the page is told of on the queue, which has not run yet
	if !queueOf(c).runUntil(4*time.Minute, func() bool { return countOf[previewDrawn](c) > told }) {
		t.Fatal("the preview was never drawn")
	}
	if err := lastOf[previewDrawn](c).err; err != nil {
		t.Fatalf("the preview failed: %v; it says %q", err, p.status.Text)
	}
}

// Preview shows, inside the window, the certificate of the person chosen
// as printing draws it, and enters nothing in the register; the PDF can
// still go to the system's viewer.
func TestPreviewShowsTheCertificateAsPrintedAndIssuesNothing(t *testing.T) {
	testPDFiumCache()
	st, res := demoStore(t)
	c, _ := openAt(t, "en", st, res.Lagos)
	// On a 1366×768 screen the page is drawn at 88 dpi; at 72, the least,
	// two renderers' small print differs more than antialiasing.
	c.win.Resize(fyne.NewSize(1366, 768))
	v := certificatesOf(t, c)
	first, err := st.PreviewCertificates(res.Lagos, data.IssueOptions{Trainers: true})
	if err != nil || len(first) == 0 {
		t.Fatalf("the demo has nobody to preview: %v", err)
	}
	p := v.preview()
	waitDrawn(t, c, p)
	if top := topDialog(c); !hasText(top, "Certificate of "+first[0].HolderName) {
		t.Errorf("the preview says %q", visibleTexts(top))
	}
	if certs, _ := st.Certificates(res.Lagos); len(certs) != 0 {
		t.Fatalf("a preview entered %d certificates in the register", len(certs))
	}

	// It is the print: the printing code writes the same certificate, word
	// for word (its QR code's signature differs from one writing to the next).
	c0 := first[0]
	c0.Serial, c0.Code = "(given when printed)", "PREVIEW"
	d, err := reports.LoadCertificates(st, res.Lagos, []data.Certificate{c0})
	if err != nil {
		t.Fatal(err)
	}
	var printed bytes.Buffer
	if err := reports.WriteCertificates(d, &printed, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := pdfText(t, p.pdf), pdfText(t, printed.Bytes()); got != want || !strings.Contains(got, first[0].HolderName) {
		t.Errorf("the preview's PDF reads %q, the print %q", got, want)
	}
	// Its pixels are those of that PDF drawn by poppler at the same
	// resolution, but for antialiasing and pixel snapping: at 88 dpi the
	// same page differs by 0.03% of its blocks, another person's by 0.38%.
	want := poppler.Page(t, p.pdf, 1, p.dpi)
	got := p.image.Image
	if gs, ws := got.Bounds().Size(), want.Bounds().Size(); abs(gs.X-ws.X) > 1 || abs(gs.Y-ws.Y) > 1 {
		t.Fatalf("the preview is %v pixels, poppler's page %v, at %d dpi", gs, ws, p.dpi)
	}
	if share, ink := pixelsApart(got, want, 96); share > 0.001 || ink < 0.02 {
		t.Errorf("%.2f%% of the preview's pixels differ from the print's (%.1f%% of it is ink)", share*100, ink*100)
	}
	// The same comparison tells another person's certificate apart.
	other := first[len(first)-1]
	other.Serial, other.Code = c0.Serial, c0.Code
	if d, err = reports.LoadCertificates(st, res.Lagos, []data.Certificate{other}); err != nil {
		t.Fatal(err)
	}
	printed.Reset()
	if err := reports.WriteCertificates(d, &printed, nil); err != nil {
		t.Fatal(err)
	}
	if share, _ := pixelsApart(got, poppler.Page(t, printed.Bytes(), 1, p.dpi), 96); share < 0.0025 {
		t.Errorf("the preview of %s passes for %s's certificate: %.2f%% apart", c0.HolderName, other.HolderName, share*100)
	}

	// Open in PDF viewer: the same PDF, in a file of its own, whose place is said.
	findButton(topDialog(c), "Open in PDF viewer").OnTapped()
	path := string(lastOf[fileOpened](c))
	t.Cleanup(func() { os.Remove(path) })
	if b, err := os.ReadFile(path); path == "" || err != nil || !bytes.Equal(b, p.pdf) {
		t.Errorf("the file for the viewer %q is not the preview's PDF (%v)", path, err)
	}
	if !p.where.Visible() || !strings.Contains(p.where.Text, path) {
		t.Errorf("the preview does not say where the file is: %q", p.where.Text)
	}
	test.Tap(findButton(topDialog(c), "Close"))
	if p.image.Image != nil {
		t.Error("the page's pixels stay with the closed preview")
	}

	// Any person chosen in the list: the last eligible one.
	var last, out int = -1, -1
	for i, r := range v.rows {
		if r.eligibility.Eligible {
			last = i
		} else if out < 0 {
			out = i
		}
	}
	if last < 1 || out < 0 {
		t.Fatalf("the demo's rows: last eligible %d, first not eligible %d", last, out)
	}
	v.list.Select(last)
	chosen := v.preview()
	waitDrawn(t, c, chosen)
	text := pdfText(t, chosen.pdf)
	if !strings.Contains(text, v.rows[last].name) || strings.Contains(text, first[0].HolderName) || !hasText(topDialog(c), "Certificate of "+v.rows[last].name) {
		t.Errorf("the preview of %s reads %q", v.rows[last].name, text)
	}
	test.Tap(findButton(topDialog(c), "Close"))
	// Someone not eligible: said, and no preview.
	v.list.Select(out)
	if got := v.preview(); got != nil || !hasText(topDialog(c), v.rows[out].name+" is not eligible: printing gives them no certificate.") {
		t.Errorf("previewing %s, who is not eligible, said %q", v.rows[out].name, visibleTexts(topDialog(c)))
	}
	if certs, _ := st.Certificates(res.Lagos); len(certs) != 0 {
		t.Fatalf("previews entered %d certificates in the register", len(certs))
	}
}

func abs(n int) int { return max(n, -n) }

// pdfText is the text poppler reads in pdf.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	cmd := exec.Command("pdftotext", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// pixelsApart compares two drawings of one page over the area both
// cover, in blocks of 2×2 pixels (two renderers antialias edges, snap thin
// lines and scale images each their own way, within a pixel or two): the
// share of blocks of a with no block of b next to it whose mean colour is
// within tol on every channel, and the share of b's blocks that hold ink,
// not paper only, so that two blank pages do not pass for the same
// certificate. A wrong page, a name for another, differs a lot.
func pixelsApart(a, b image.Image, tol int) (share, ink float64) {
	const block = 2
	ma, mb := blockMeans(a, block), blockMeans(b, block)
	h, w := min(len(ma), len(mb)), min(len(ma[0]), len(mb[0]))
	near := func(p, q [3]int) bool {
		return abs(p[0]-q[0]) <= tol && abs(p[1]-q[1]) <= tol && abs(p[2]-q[2]) <= tol
	}
	apart, inked := 0, 0
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if q := mb[y][x]; q[0] < 235 || q[1] < 235 || q[2] < 235 {
				inked++
			}
			matched := false
			for dy := -1; dy <= 1 && !matched; dy++ {
				for dx := -1; dx <= 1 && !matched; dx++ {
					if x+dx >= 0 && x+dx < w && y+dy >= 0 && y+dy < h {
						matched = near(ma[y][x], mb[y+dy][x+dx])
					}
				}
			}
			if !matched {
				apart++
			}
		}
	}
	return float64(apart) / float64(w*h), float64(inked) / float64(w*h)
}

// blockMeans is the mean colour of each block×block square of im.
func blockMeans(im image.Image, block int) [][][3]int {
	r := im.Bounds()
	rows := make([][][3]int, r.Dy()/block)
	for by := range rows {
		rows[by] = make([][3]int, r.Dx()/block)
		for bx := range rows[by] {
			var sum [3]uint32
			for y := 0; y < block; y++ {
				for x := 0; x < block; x++ {
					cr, cg, cb, _ := im.At(r.Min.X+bx*block+x, r.Min.Y+by*block+y).RGBA()
					sum[0], sum[1], sum[2] = sum[0]+cr>>8, sum[1]+cg>>8, sum[2]+cb>>8
				}
			}
			n := uint32(block * block)
			rows[by][bx] = [3]int{int(sum[0] / n), int(sum[1] / n), int(sum[2] / n)}
		}
	}
	return rows
}
