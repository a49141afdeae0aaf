package reports

import (
	"encoding/ascii85"
	"fmt"
	"runtime"
	"sync/atomic"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports/qr"
)

// qrStencil is a QR code ready to draw: its side in modules and its
// modules as the ASCII85 text of a one-bit stencil mask (see document.qr).
// It is made off the page-writing goroutine, with the encoding, so that
// a page only copies it into the content stream. The zero value draws
// nothing.
type qrStencil struct {
	side    int
	ascii85 string
}

// newStencil encodes payload as a QR code, its modules one bit each (see
// qr.EncodePacked), written in ASCII85: five characters for four bytes,
// where hex took eight. The page's content is compressed as it is
// written, and a smaller stencil was most of what a certificate page had
// beyond a bare one. ASCII85 has no white space, so a reader that looks
// for the "EI" ending an inline image between white spaces cannot find
// one inside the data. A payload too long for a QR code gets none (the
// document is printed anyway).
func newStencil(payload string) qrStencil {
	side, image := qr.EncodePacked([]byte(payload))
	if side == 0 {
		return qrStencil{}
	}
	text := make([]byte, ascii85.MaxEncodedLen(len(image)), ascii85.MaxEncodedLen(len(image))+2)
	text = append(text[:ascii85.Encode(text, image)], "~>"...)
	return qrStencil{side: side, ascii85: string(text)}
}

// qrAhead encodes the certificates' QR codes ahead of the pages that
// draw them (see encodeAhead).
func qrAhead(certs []data.Certificate, verifierAddress string) (codes []chan qrStencil, stop func()) {
	payloads := make([]string, len(certs))
	for i, c := range certs {
		payloads[i] = CertificatePayload(c, verifierAddress)
	}
	return encodeAhead(payloads)
}

// encodeAhead encodes QR codes on every core but one, ahead of the pages
// that draw them: encoding is a good part of the cost of a page. The
// goroutine writing the pages has the most work and keeps a core to
// itself: on two cores, two encoders took it from the pages (the figures
// are in the README, under the certificates' benchmarks). The codes
// arrive in order through the returned channels; stop ends the work
// early. An empty payload gets no code.
func encodeAhead(payloads []string) (codes []chan qrStencil, stop func()) {
	codes = make([]chan qrStencil, len(payloads))
	for i := range codes {
		codes[i] = make(chan qrStencil, 1)
	}
	var next atomic.Int64
	var stopped atomic.Bool
	for range min(max(1, runtime.GOMAXPROCS(0)-1), len(payloads)) {
		go func() {
			for !stopped.Load() {
				i := int(next.Add(1)) - 1
				if i >= len(payloads) {
					return
				}
				var s qrStencil
				if payloads[i] != "" {
					s = newStencil(payloads[i])
				}
				codes[i] <- s
			}
		}()
	}
	return codes, func() { stopped.Store(true) }
}

// qr draws a QR code as a square of side size at (x, y): an inline
// stencil mask of one bit per module, filled in black and never
// smoothed, so its edges stay sharp at any zoom and in print. A module
// takes one bit where rectangles took several bytes: this is most of what
// keeps a thousand certificates within a few megabytes.
func (d *document) qr(code qrStencil, x, y, size float64) {
	if code.side == 0 {
		return
	}
	k := d.GetConversionRatio()
	_, pageH := d.GetPageSize()
	// /D [1 0] paints the 1 bits; ASCII85 keeps the content stream text.
	d.RawWriteStr(fmt.Sprintf("q 0 g %.3f 0 0 %.3f %.3f %.3f cm\nBI /W %d /H %d /IM true /BPC 1 /D [1 0] /F /A85 ID\n%s\nEI Q",
		size*k, size*k, x*k, (pageH-y-size)*k, code.side, code.side, code.ascii85))
}
