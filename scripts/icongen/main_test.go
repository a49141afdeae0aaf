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

// TestSmallerSizesAreTheSameDrawing checks that a smaller icon (the .exe
// gets a 256×256 one) is the full-size drawing averaged over each pixel's
// area, not something shifted or cropped.
func TestSmallerSizesAreTheSameDrawing(t *testing.T) {
	ls := layers()
	for _, p := range [][2]int{{0, 0}, {128, 20}, {67, 145}, {158, 175}, {181, 200}, {128, 128}} {
		small := pixelAt(ls, p[0], p[1], 2)
		var sum [4]int
		for dy := range 2 {
			for dx := range 2 {
				c := pixel(ls, 2*p[0]+dx, 2*p[1]+dy)
				a := int(c.A)
				sum[0] += int(c.R) * a
				sum[1] += int(c.G) * a
				sum[2] += int(c.B) * a
				sum[3] += a
			}
		}
		want := [4]int{0, 0, 0, sum[3] / 4}
		if sum[3] > 0 {
			want = [4]int{sum[0] / sum[3], sum[1] / sum[3], sum[2] / sum[3], sum[3] / 4}
		}
		got := [4]int{int(small.R), int(small.G), int(small.B), int(small.A)}
		for i := range got {
			if d := got[i] - want[i]; (want[3] > 0 || i == 3) && (d > 6 || d < -6) {
				t.Errorf("pixel %v at 256×256 is %v, the 512×512 drawing averages to %v", p, got, want)
				break
			}
		}
	}
}
