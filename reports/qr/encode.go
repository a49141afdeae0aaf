// Package qr encodes QR codes for Atelier's documents: byte mode at error
// correction level M (ISO/IEC 18004), in the smallest version that holds
// the payload. It imports nothing of Atelier; its tests hold it, module for
// module, against github.com/skip2/go-qrcode.
package qr

// Encode returns the dark modules of payload's QR code, row by row,
// without the quiet zone; nil when the payload is too long for any
// version.
func Encode(payload []byte) [][]bool { return qrEncode(payload) }
