// Command icongen draws Atelier's application icon: a museum portico in
// off-white on a teal-to-indigo rounded square, with a gold certificate seal
// and ribbons at its foot.
//
//	go run ./scripts/icongen -o assets/icon.png
//
// The drawing is pure Go and deterministic, so assets/icon.png can always be
// regenerated exactly (a test checks that the committed PNG is up to date).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
)

// Size is the width and height of the icon in pixels.
const Size = 512

// samples is the supersampling grid per pixel side (samples² per pixel).
const samples = 4

type rgba struct{ r, g, b, a float64 } // straight (not premultiplied) colour, 0..1

func hex(v uint32) rgba {
	return rgba{float64(v>>16&0xff) / 255, float64(v>>8&0xff) / 255, float64(v&0xff) / 255, 1}
}

func mix(a, b rgba, t float64) rgba {
	t = clamp(t, 0, 1)
	return rgba{a.r + (b.r-a.r)*t, a.g + (b.g-a.g)*t, a.b + (b.b-a.b)*t, a.a + (b.a-a.a)*t}
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// A shape is a signed distance: negative inside, positive outside (in pixels).
type shape func(x, y float64) float64

// A layer paints a colour where its shape is (dilated by grow pixels).
type layer struct {
	shape shape
	grow  float64
	paint func(x, y float64) rgba
}

func solid(c rgba) func(x, y float64) rgba { return func(float64, float64) rgba { return c } }

func roundRect(x0, y0, x1, y1, r float64) shape {
	cx, cy := (x0+x1)/2, (y0+y1)/2
	hx, hy := (x1-x0)/2-r, (y1-y0)/2-r
	return func(x, y float64) float64 {
		dx, dy := math.Abs(x-cx)-hx, math.Abs(y-cy)-hy
		return math.Hypot(math.Max(dx, 0), math.Max(dy, 0)) + math.Min(math.Max(dx, dy), 0) - r
	}
}

func rect(x0, y0, x1, y1 float64) shape { return roundRect(x0, y0, x1, y1, 0) }

func circle(cx, cy, r float64) shape {
	return func(x, y float64) float64 { return math.Hypot(x-cx, y-cy) - r }
}

// polygon is the signed distance to a simple polygon given by its vertices.
func polygon(pts ...[2]float64) shape {
	return func(x, y float64) float64 {
		d := math.Inf(1)
		inside := false
		for i, j := 0, len(pts)-1; i < len(pts); j, i = i, i+1 {
			ax, ay := pts[j][0], pts[j][1]
			bx, by := pts[i][0], pts[i][1]
			ex, ey := bx-ax, by-ay
			t := clamp(((x-ax)*ex+(y-ay)*ey)/(ex*ex+ey*ey), 0, 1)
			d = math.Min(d, math.Hypot(x-ax-ex*t, y-ay-ey*t))
			if (ay > y) != (by > y) && x < ax+(y-ay)*ex/ey {
				inside = !inside
			}
		}
		if inside {
			return -d
		}
		return d
	}
}

// rosette is a circle of radius r whose edge is scalloped n times by depth.
func rosette(cx, cy, r, depth float64, n int) shape {
	return func(x, y float64) float64 {
		a := math.Atan2(y-cy, x-cx)
		return math.Hypot(x-cx, y-cy) - (r - depth*(1-math.Abs(math.Cos(float64(n)*a/2))))
	}
}

func union(shapes ...shape) shape {
	return func(x, y float64) float64 {
		d := math.Inf(1)
		for _, s := range shapes {
			d = math.Min(d, s(x, y))
		}
		return d
	}
}

func ring(s shape, width float64) shape {
	return func(x, y float64) float64 { return math.Abs(s(x, y)) - width/2 }
}

// star is a five-pointed star centred on (cx, cy) with outer radius r.
func star(cx, cy, r float64) shape {
	var pts [][2]float64
	for i := 0; i < 10; i++ {
		rad := r
		if i%2 == 1 {
			rad = r * 0.42
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		pts = append(pts, [2]float64{cx + rad*math.Cos(a), cy + rad*math.Sin(a)})
	}
	return polygon(pts...)
}

var (
	teal     = hex(0x138a86)
	indigo   = hex(0x27306f)
	paper    = hex(0xf7f1e3)
	paperSh  = hex(0xe3d9c4)
	gold     = hex(0xf2b544)
	goldDark = hex(0xc98a22)
	ribbon   = hex(0xd9772b)
	ribbonSh = hex(0xb35d1c)
)

// background is the tile's diagonal gradient with a soft light from the top.
func background(x, y float64) rgba {
	c := mix(teal, indigo, (x*0.35+y*0.65)/Size)
	glow := clamp(1-math.Hypot(x-Size*0.3, y-Size*0.05)/(Size*0.75), 0, 1)
	return mix(c, rgba{1, 1, 1, 1}, 0.10*glow*glow)
}

func layers() []layer {
	const m = 20.0 // margin around the tile, room for its shadow
	tile := roundRect(m, m, Size-m, Size-m, 104)

	// The portico, centred a little left of the middle to leave room for
	// the seal on its lower right.
	const cx = 240.0
	pediment := polygon([2]float64{cx, 92}, [2]float64{cx + 150, 178}, [2]float64{cx - 150, 178})
	tympanum := polygon([2]float64{cx, 120}, [2]float64{cx + 92, 166}, [2]float64{cx - 92, 166})
	entablature := rect(cx-140, 190, cx+140, 218)
	var cols []shape
	for i := 0; i < 4; i++ {
		x := cx - 105 + float64(i)*70
		cols = append(cols, rect(x-17, 230, x+17, 344))
	}
	columns := union(cols...)
	step1 := rect(cx-140, 356, cx+140, 378)
	step2 := rect(cx-162, 390, cx+162, 412)
	portico := union(pediment, entablature, columns, step1, step2)

	// The seal with two ribbon tails.
	const sx, sy, sr = 362.0, 350.0, 66.0
	tails := union(
		polygon([2]float64{sx - 36, sy + 20}, [2]float64{sx - 6, sy + 34}, [2]float64{sx - 26, sy + 128}, [2]float64{sx - 44, sy + 108}, [2]float64{sx - 62, sy + 118}),
		polygon([2]float64{sx + 36, sy + 20}, [2]float64{sx + 6, sy + 34}, [2]float64{sx + 26, sy + 128}, [2]float64{sx + 44, sy + 108}, [2]float64{sx + 62, sy + 118}),
	)
	seal := rosette(sx, sy, sr, 7, 24)
	sealShape := union(circle(sx, sy, sr), tails)

	shade := func(base, dark rgba) func(x, y float64) rgba {
		return func(x, y float64) rgba { return mix(base, dark, (y-sy+sr)/(2*sr)*0.5) }
	}

	return []layer{
		{shape: tile, paint: background},
		{shape: portico, paint: func(x, y float64) rgba { return mix(paper, paperSh, (y-92)/320*0.6) }},
		{shape: tympanum, paint: background},
		{shape: circle(cx, 150, 12), paint: solid(gold)},
		// A gap in the tile's colour between the portico and the seal.
		{shape: sealShape, grow: 11, paint: background},
		{shape: tails, paint: func(x, y float64) rgba {
			if math.Abs(x-sx) < 22 {
				return ribbonSh
			}
			return ribbon
		}},
		{shape: seal, paint: shade(gold, goldDark)},
		{shape: ring(circle(sx, sy, sr-19), 4), paint: solid(goldDark)},
		{shape: star(sx, sy+2, 30), paint: solid(paper)},
	}
}

// shadow is the alpha of the tile's soft drop shadow at (x, y).
func shadow(x, y float64) float64 {
	const m = 20.0
	d := roundRect(m+2, m+10, Size-m-2, Size-m+6, 104)(x, y)
	return 0.38 * (1 - smoothstep(-6, 16, d))
}

func smoothstep(a, b, x float64) float64 {
	t := clamp((x-a)/(b-a), 0, 1)
	return t * t * (3 - 2*t)
}

// Render draws the icon at size×size: the drawing is in Size units, and a
// smaller size samples it over each pixel's larger area, which is sharper
// than scaling the Size×Size picture down afterwards.
func Render(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	ls := layers()
	scale := float64(Size) / float64(size)
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			img.SetNRGBA(px, py, pixelAt(ls, px, py, scale))
		}
	}
	return img
}

// pixel is the colour of pixel (px, py) at Size×Size.
func pixel(ls []layer, px, py int) color.NRGBA { return pixelAt(ls, px, py, 1) }

// pixelAt is the colour of pixel (px, py) when each pixel covers scale×scale
// units of the drawing, averaged over samples² points.
func pixelAt(ls []layer, px, py int, scale float64) color.NRGBA {
	var r, g, b, a float64 // premultiplied sums over the samples
	for sy := 0; sy < samples; sy++ {
		for sx := 0; sx < samples; sx++ {
			x := (float64(px) + (float64(sx)+0.5)/samples) * scale
			y := (float64(py) + (float64(sy)+0.5)/samples) * scale
			// Start with the shadow, then paint each layer over it.
			c := rgba{0.02, 0.04, 0.10, shadow(x, y)}
			for _, l := range ls {
				if l.shape(x, y) < l.grow {
					c = over(l.paint(x, y), c)
				}
			}
			r += c.r * c.a
			g += c.g * c.a
			b += c.b * c.a
			a += c.a
		}
	}
	if a == 0 {
		return color.NRGBA{}
	}
	return color.NRGBA{R: to8(r / a), G: to8(g / a), B: to8(b / a), A: to8(a / (samples * samples))}
}

// over composites straight-alpha colour top over bottom.
func over(top, bottom rgba) rgba {
	a := top.a + bottom.a*(1-top.a)
	if a == 0 {
		return rgba{}
	}
	f := func(t, b float64) float64 { return (t*top.a + b*bottom.a*(1-top.a)) / a }
	return rgba{f(top.r, bottom.r), f(top.g, bottom.g), f(top.b, bottom.b), a}
}

func to8(v float64) uint8 { return uint8(math.Round(clamp(v, 0, 1) * 255)) }

// Encode renders the icon at size×size and returns it as PNG bytes.
func Encode(size int) ([]byte, error) {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, Render(size)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func main() {
	out := flag.String("o", "assets/icon.png", "where to write the PNG")
	// Windows icons are at most 256×256, so `make package` draws one at
	// that size for the .exe.
	size := flag.Int("size", Size, "width and height in pixels")
	flag.Parse()
	if *size < 1 || *size > Size {
		fmt.Fprintf(os.Stderr, "icongen: -size must be between 1 and %d\n", Size)
		os.Exit(2)
	}
	data, err := Encode(*size)
	if err == nil {
		err = os.WriteFile(*out, data, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "icongen:", err)
		os.Exit(1)
	}
}
