package qr

import (
	"math/rand/v2"
	"slices"
	"strings"
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
			got := qrEncodeECI(payload, false)
			if len(got) != 4*v+17 || len(want) != len(got) {
				t.Fatalf("%d bytes: version of size %d, go-qrcode's %d; want %d", length, len(got), len(want), 4*v+17)
			}
			// The fast path places and masks as the module-by-module one
			// does, under the mask of lowest penalty.
			slow := newQRSymbol(v)
			slow.placeCodewords(qrCodewords(v, payload, false))
			best := qrBestMask(slow)
			slow.applyMask(best)
			slow.drawFormat(best)
			if !slices.EqualFunc(slow.dark, got, slices.Equal) {
				t.Errorf("version %d, %d bytes: the fast symbol differs from the one placed module by module", v, length)
			}
			found := false
			for mask := range 8 {
				q := newQRSymbol(v)
				q.placeCodewords(qrCodewords(v, payload, false))
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

// The bit-parallel penalty must score every mask of random symbols of
// every version exactly as the module-by-module reading of the standard.
func TestQRPenaltyMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for v := 1; v <= 40; v++ {
		payload := make([]byte, rng.IntN(qrDataCodewords(v)-3)+1)
		for i := range payload {
			payload[i] = byte(rng.IntN(256))
		}
		q := newQRSymbol(v)
		q.placeCodewords(qrCodewords(v, payload, false))
		masks := qrLayoutFor(v).masks
		rows, cols, words := q.bitLines()
		for mask := range 8 {
			xorLines(rows, rows, masks.rows[mask])
			xorLines(cols, cols, masks.cols[mask])
			q.applyMask(mask)
			q.drawFormat(mask)
			if got, want := qrPenalty(rows, cols, q.size, words), referencePenalty(q); got != want {
				t.Errorf("version %d mask %d: penalty %d, the standard's reading gives %d", v, mask, got, want)
			}
			gotRows, gotCols, _ := q.bitLines()
			if !slices.Equal(gotRows, rows) || !slices.Equal(gotCols, cols) {
				t.Fatalf("version %d mask %d: the mask's lines do not give the masked symbol", v, mask)
			}
			xorLines(rows, rows, masks.rows[mask])
			xorLines(cols, cols, masks.cols[mask])
			q.applyMask(mask)
			q.drawFormat(0)
		}
	}
}

// The byte segment is preceded by the ECI designator of UTF-8: mode 0111,
// then 26 in eight bits, then byte mode 0100.
func TestQRDeclaresUTF8(t *testing.T) {
	cw := qrCodewords(2, []byte("Ọ̀ṣun"), true)
	if got := uint32(cw[0])<<8 | uint32(cw[1]); got != 0x71A4 {
		t.Errorf("the symbol starts with %016b, want 0111 00011010 0100", got)
	}
	plain := qrCodewords(2, []byte("Ọ̀ṣun"), false)
	if plain[0]>>4 != 4 {
		t.Errorf("without ECI the symbol starts with mode %04b, want 0100", plain[0]>>4)
	}
}

func BenchmarkQREncode(b *testing.B) {
	// What a certificate's code holds: its signed text (data.SignedText),
	// about 320 bytes.
	payload := []byte("Atelier certificate LAG-2022-017\nName: Ọláńrewájú Àdìgún\n" +
		"Attended: The whole museum: functions, communities and care\nPlace: Lagos, Nigeria\n" +
		"Dates: 2022-11-21/2022-11-25\nIssuer: 7QH2-M9XD-4FHT-K2PA\n" +
		"Signature: Jq0d3Vx1cS8m0bqg8sZc1yQmA9nH3kT6wR2pL5vB7xN4fE0uY8oI1aS3dG6hJ9kL2zX5cV8bN1mQ4wE7rT0yU3iOp")
	for b.Loop() {
		qrEncode(payload)
	}
}

// referencePenalty is the penalty of ISO/IEC 18004 7.8.3 written module
// by module, the yardstick for the bit-parallel qrPenalty.
func referencePenalty(q *qrSymbol) int {
	n := q.size
	rows, cols := make([]byte, n*n), make([]byte, n*n)
	dark := 0
	for y, row := range q.dark {
		for x, d := range row {
			if d {
				rows[y*n+x], cols[x*n+y] = 1, 1
				dark++
			}
		}
	}
	p := 0
	for _, grid := range [][]byte{rows, cols} {
		for start := 0; start < n*n; start += n {
			line := grid[start : start+n]
			run := 1
			for x := 1; x < n; x++ {
				if line[x] != line[x-1] {
					run = 1
					continue
				}
				run++
				if run == 5 {
					p += 3
				} else if run > 5 {
					p++
				}
			}
			for x := 0; x+7 <= n; x++ {
				w := line[x : x+7 : x+7]
				if w[0]&^w[1]&w[2]&w[3]&w[4]&^w[5]&w[6] == 1 && (allLight(line, x-4, x) || allLight(line, x+7, x+11)) {
					p += 40
				}
			}
		}
	}
	for y := 0; y+1 < n; y++ {
		a, b := rows[y*n:(y+1)*n], rows[(y+1)*n:(y+2)*n]
		for x := 0; x+1 < n; x++ {
			if c := a[x]; a[x+1] == c && b[x] == c && b[x+1] == c {
				p += 3
			}
		}
	}
	total := n * n
	k := (abs(dark*20-total*10)+total-1)/total - 1
	return p + 10*k
}

// allLight reports whether modules from..to-1 of a line are all light,
// counting those beyond the edge as light.
func allLight(line []byte, from, to int) bool {
	for i := max(from, 0); i < min(to, len(line)); i++ {
		if line[i] != 0 {
			return false
		}
	}
	return true
}

// EncodePacked is Encode's symbol, module for module, as a one-bit image.
func TestEncodePackedIsEncodeOneBitEach(t *testing.T) {
	for _, payload := range []string{"A", "Atelier certificate LAG-2022-001", strings.Repeat("Ɗanjuma Abubakar ", 30)} {
		dark := Encode([]byte(payload))
		side, image := EncodePacked([]byte(payload))
		if side != len(dark) {
			t.Fatalf("%q: side %d, want %d", payload, side, len(dark))
		}
		rowBytes := (side + 7) / 8
		for y, row := range dark {
			for x := range rowBytes * 8 {
				bit := image[y*rowBytes+x/8]>>(7-x%8)&1 == 1
				if want := x < side && row[x]; bit != want {
					t.Fatalf("%q: module (%d, %d) is %v, want %v", payload, x, y, bit, want)
				}
			}
		}
	}
	if side, image := EncodePacked(make([]byte, 3000)); side != 0 || image != nil {
		t.Errorf("a payload too long for any version gave side %d", side)
	}
}
