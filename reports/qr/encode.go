// Package qr encodes QR codes for Atelier's documents: byte mode at error
// correction level M (ISO/IEC 18004), in the smallest version that holds
// the payload. It imports nothing of Atelier; its tests hold it, module for
// module, against github.com/skip2/go-qrcode.
package qr

// Encode returns the dark modules of payload's QR code, row by row,
// without the quiet zone; nil when the payload is too long for any
// version.
func Encode(payload []byte) [][]bool { return qrEncode(payload) }

// EncodePacked returns the same modules as Encode as a one-bit image:
// side modules a row, eight to a byte, the first the most significant,
// each row starting on a byte (what a PDF draws as an image mask). side
// is 0 when the payload is too long for any version.
func EncodePacked(payload []byte) (side int, image []byte) {
	v := qrVersion(payload, true)
	if v == 0 {
		return 0, nil
	}
	l := qrLayoutFor(v)
	return l.size, packed(l.maskedRows(qrCodewords(v, payload, true)), l.size)
}
