package reports

import (
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports/qr"
)

// qrStencil is a QR code ready to draw: its side in modules and its
// modules as the hex rows of a one-bit stencil mask (see document.qr).
// It is made off the page-writing goroutine, with the encoding, so that
// a page only copies it into the content stream. The zero value draws
// nothing.
type qrStencil struct {
	side int
	hex  string
}

// qrModules encodes payload as a QR code's dark modules, without the
// quiet zone; nil for a payload too long for a QR code (the code is
// printed anyway).
func qrModules(payload string) [][]bool { return qr.Encode([]byte(payload)) }

// newStencil packs a QR code's modules one bit each, eight to a byte, row
// by row, each row ending on a byte and a line break.
func newStencil(bits [][]bool) qrStencil {
	n := len(bits)
	if n == 0 {
		return qrStencil{}
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(n * ((n+7)/8*2 + 1))
	for _, row := range bits {
		for c := 0; c < n; c += 8 {
			var v byte
			for i, dark := range row[c:min(c+8, n)] {
				if dark {
					v |= 0x80 >> i
				}
			}
			b.WriteByte(hex[v>>4])
			b.WriteByte(hex[v&15])
		}
		b.WriteByte('\n')
	}
	return qrStencil{side: n, hex: b.String()}
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

// encodeAhead encodes QR codes on every core, ahead of the pages that
// draw them: encoding is a good part of the cost of a page. The codes
// arrive in order through the returned channels; stop ends the work
// early. An empty payload gets no code.
func encodeAhead(payloads []string) (codes []chan qrStencil, stop func()) {
	codes = make([]chan qrStencil, len(payloads))
	for i := range codes {
		codes[i] = make(chan qrStencil, 1)
	}
	var next atomic.Int64
	var stopped atomic.Bool
	for range min(runtime.GOMAXPROCS(0), len(payloads)) {
		go func() {
			for !stopped.Load() {
				i := int(next.Add(1)) - 1
				if i >= len(payloads) {
					return
				}
				var s qrStencil
				if payloads[i] != "" {
					s = newStencil(qrModules(payloads[i]))
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
	// /D [1 0] paints the 1 bits; hex keeps the content stream text.
	d.RawWriteStr(fmt.Sprintf("q 0 g %.3f 0 0 %.3f %.3f %.3f cm\nBI /W %d /H %d /IM true /BPC 1 /D [1 0] /F /AHx ID\n%s>\nEI Q",
		size*k, size*k, x*k, (pageH-y-size)*k, code.side, code.side, code.hex))
}
