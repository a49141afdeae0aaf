package pdfraster_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"os"
	"path/filepath"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/atelier-workshops/atelier/reports/pdfraster"
	"github.com/atelier-workshops/atelier/reports/pdfraster/poppler"
)

// page makes a one-page A4 landscape PDF with a black bar across its top
// third, a red square and a line of text.
func page(t testing.TB) []byte {
	t.Helper()
	p := fpdf.New("L", "mm", "A4", "")
	p.AddPage()
	p.SetFillColor(0, 0, 0)
	p.Rect(20, 20, 257, 40, "F")
	p.SetFillColor(220, 0, 0)
	p.Rect(120, 100, 50, 50, "F")
	p.SetFont("Helvetica", "B", 28)
	p.Text(30, 180, "Certificate of attendance")
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestPageMatchesPoppler(t *testing.T) {
	// The app's tests share this folder: compiling under -race takes a minute.
	pdfraster.SetCacheDir(filepath.Join(os.TempDir(), "atelier-test-pdfium"))
	pdf := page(t)
	got, err := pdfraster.Page(context.Background(), pdf, 0, 50)
	if err != nil {
		t.Fatal(err)
	}
	want := poppler.Page(t, pdf, 1, 50)
	if d := differ(got, want, 48); d > 0.01 {
		t.Errorf("%.2f%% of the pixels differ from poppler's", d*100)
	}
	// The bar is black, the square red, the paper white.
	for _, c := range []struct {
		x, y    int
		r, g, b uint8
	}{{px(150), px(40), 0, 0, 0}, {px(145), px(125), 220, 0, 0}, {px(5), px(5), 255, 255, 255}} {
		p := got.RGBAAt(c.x, c.y)
		if p.R != c.r || p.G != c.g || p.B != c.b {
			t.Errorf("pixel %d,%d is %v", c.x, c.y, p)
		}
	}
	if _, err := pdfraster.Page(context.Background(), pdf, 1, 50); !errors.Is(err, pdfraster.ErrNoPage) {
		t.Errorf("page 2 of 1: %v", err)
	}
	if _, err := pdfraster.Page(context.Background(), []byte("not a PDF"), 0, 50); err == nil {
		t.Error("a file that is no PDF was drawn")
	}
}

// px turns millimetres into pixels at 50 dpi.
func px(mm float64) int { return int(mm / 25.4 * 50) }

// differ is the share of pixels of a and b (of one size) whose channels
// differ by more than tol: antialiased edges differ a little between two
// renderers, a wrong page differs a lot.
func differ(a, b image.Image, tol int) float64 {
	if a.Bounds().Size() != b.Bounds().Size() {
		return 1
	}
	ab, bb := a.Bounds(), b.Bounds()
	off := 0
	for y := 0; y < ab.Dy(); y++ {
		for x := 0; x < ab.Dx(); x++ {
			r1, g1, b1, _ := a.At(ab.Min.X+x, ab.Min.Y+y).RGBA()
			r2, g2, b2, _ := b.At(bb.Min.X+x, bb.Min.Y+y).RGBA()
			if far(r1, r2, tol) || far(g1, g2, tol) || far(b1, b2, tol) {
				off++
			}
		}
	}
	return float64(off) / float64(ab.Dx()*ab.Dy())
}

func far(a, b uint32, tol int) bool {
	d := int(a>>8) - int(b>>8)
	return d > tol || d < -tol
}

// The first render compiles PDFium (unless cached), a later one reads the
// compiled module back: both start and close a PDFium of their own.
func BenchmarkPage(b *testing.B) {
	pdfraster.SetCacheDir(b.TempDir())
	pdf := page(b)
	for b.Loop() {
		if _, err := pdfraster.Page(context.Background(), pdf, 0, 96); err != nil {
			b.Fatal(err)
		}
	}
}
