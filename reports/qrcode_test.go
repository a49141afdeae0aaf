package reports

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/skip2/go-qrcode"
)

// Every version's symbol, under whichever mask go-qrcode chose, must
// equal ours under that mask: the data, error correction, interleaving,
// function patterns, format and version information all agree.
func TestQREncodeMatchesGoQRCode(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for v := 1; v <= 40; v++ {
		// The longest byte-mode payload version v holds.
		count := 8
		if v > 9 {
			count = 16
		}
		n := (8*qrDataCodewords(v) - 4 - count) / 8
		for _, length := range []int{n, max(1, n-3)} {
			payload := make([]byte, length)
			for i := range payload {
				payload[i] = 'a' + byte(rng.IntN(26))
			}
			code, err := qrcode.New(string(payload), qrcode.Medium)
			if err != nil {
				t.Fatal(err)
			}
			code.DisableBorder = true
			want := code.Bitmap()
			got := qrEncode(payload)
			if len(got) != 4*v+17 || len(want) != len(got) {
				t.Fatalf("%d bytes: version of size %d, go-qrcode's %d; want %d", length, len(got), len(want), 4*v+17)
			}
			found := false
			for mask := range 8 {
				q := newQRSymbol(v)
				q.placeCodewords(qrCodewords(v, payload))
				q.applyMask(mask)
				q.drawFormat(mask)
				if slices.EqualFunc(q.dark, want, slices.Equal) {
					found = true
				}
			}
			if !found {
				t.Errorf("version %d, %d bytes: no mask gives go-qrcode's symbol", v, length)
			}
		}
	}
	if qrEncode(make([]byte, 3000)) != nil {
		t.Error("3000 bytes fit a QR code")
	}
}

func BenchmarkQREncode(b *testing.B) {
	payload := []byte(CertificatePayload(manyCertificates(b, 1).Certificates[0]))
	for b.Loop() {
		qrEncode(payload)
	}
}
