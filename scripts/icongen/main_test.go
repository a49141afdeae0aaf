package main

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"testing"
)

// TestIconUpToDate checks that assets/icon.png is what this generator draws,
// so that a change to the drawing is not forgotten in the committed asset.
// It compares every 16th row, to stay quick under the race detector.
func TestIconUpToDate(t *testing.T) {
	data, err := os.ReadFile("../../assets/icon.png")
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds(); got != image.Rect(0, 0, Size, Size) {
		t.Fatalf("assets/icon.png is %v, want %d×%d", got, Size, Size)
	}
	ls := layers()
	bad := 0
	for y := 3; y < Size; y += 16 {
		for x := 0; x < Size; x++ {
			want := pixel(ls, x, y)
			r, g, b, a := img.At(x, y).RGBA()
			wr, wg, wb, wa := want.RGBA()
			if r != wr || g != wg || b != wb || a != wa {
				if bad < 5 {
					t.Errorf("pixel (%d, %d) = %v, generator draws %v", x, y, img.At(x, y), want)
				}
				bad++
			}
		}
	}
	if bad > 0 {
		t.Fatalf("%d pixels differ: run `make icon` to regenerate assets/icon.png", bad)
	}
}

// TestIconShape checks the things that make it read as an app icon: clear
// corners, an opaque tile, the off-white portico and the gold seal.
func TestIconShape(t *testing.T) {
	ls := layers()
	if c := pixel(ls, 0, 0); c.A != 0 {
		t.Errorf("corner pixel %v, want transparent", c)
	}
	if c := pixel(ls, Size/2, 40); c.A != 255 {
		t.Errorf("tile top %v, want opaque", c)
	}
	// A column of the portico is off-white (light, not saturated).
	if c := pixel(ls, 240-105, 290); c.R < 200 || c.G < 200 || c.B < 190 {
		t.Errorf("portico column %v, want off-white", c)
	}
	// The seal is gold: red and green well above blue.
	if c := pixel(ls, 362-45, 350); !(c.R > 200 && c.G > 130 && c.B < 120) {
		t.Errorf("seal %v, want gold", c)
	}
}
