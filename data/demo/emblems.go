package demo

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
)

// Logos are drawn here rather than shipped as files, so that the package
// stays self-contained: flat shapes on a transparent 200×200 canvas, which
// compress to a few kilobytes and print cleanly on a certificate.

const logoSize = 200

type shape func(x, y float64) bool // x, y in [0,1], y pointing down

type layer struct {
	c  color.NRGBA
	in shape
}

// emblem is drawn bottom layer first; a later layer covers earlier ones.
type emblem []layer

func rgb(r, g, b uint8) color.NRGBA { return color.NRGBA{r, g, b, 0xff} }

func disc(cx, cy, r float64) shape {
	return func(x, y float64) bool { return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r }
}

func ring(cx, cy, r0, r1 float64) shape {
	return func(x, y float64) bool {
		d := (x-cx)*(x-cx) + (y-cy)*(y-cy)
		return d >= r0*r0 && d <= r1*r1
	}
}

func rect(x0, y0, x1, y1 float64) shape {
	return func(x, y float64) bool { return x >= x0 && x <= x1 && y >= y0 && y <= y1 }
}

// poly fills a polygon by the even-odd rule, which also handles stars.
func poly(pts ...[2]float64) shape {
	return func(x, y float64) bool {
		in := false
		for i, j := 0, len(pts)-1; i < len(pts); j, i = i, i+1 {
			a, b := pts[i], pts[j]
			if (a[1] > y) != (b[1] > y) && x < (b[0]-a[0])*(y-a[1])/(b[1]-a[1])+a[0] {
				in = !in
			}
		}
		return in
	}
}

func union(shapes ...shape) shape {
	return func(x, y float64) bool {
		for _, s := range shapes {
			if s(x, y) {
				return true
			}
		}
		return false
	}
}

func and(a, b shape) shape   { return func(x, y float64) bool { return a(x, y) && b(x, y) } }
func minus(a, b shape) shape { return func(x, y float64) bool { return a(x, y) && !b(x, y) } }

func star(cx, cy, r float64) shape {
	var pts [][2]float64
	for i := range 10 {
		rr := r
		if i%2 == 1 {
			rr = r * 0.4
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		pts = append(pts, [2]float64{cx + rr*math.Cos(a), cy + rr*math.Sin(a)})
	}
	return poly(pts...)
}

var (
	// A classical museum front: pediment, three columns, a base.
	emblemTemple = emblem{
		{rgb(0xe6, 0xec, 0xf7), disc(.5, .5, .48)},
		{rgb(0x1f, 0x3a, 0x93), union(
			poly([2]float64{.14, .38}, [2]float64{.5, .14}, [2]float64{.86, .38}),
			rect(.22, .43, .31, .77), rect(.455, .43, .545, .77), rect(.69, .43, .78, .77),
			rect(.14, .81, .86, .88))},
	}
	// A sun with eight rays, for a museum of art.
	emblemSun = func() emblem {
		rays := make([]shape, 8)
		for i := range rays {
			a := float64(i) * math.Pi / 4
			rays[i] = disc(.5+.38*math.Cos(a), .5+.38*math.Sin(a), .065)
		}
		return emblem{
			{rgb(0xe8, 0xa3, 0x3d), union(rays...)},
			{rgb(0xc2, 0x57, 0x1a), ring(.5, .5, .2, .28)},
			{rgb(0xe8, 0xa3, 0x3d), disc(.5, .5, .13)},
		}
	}()
	// Nested diamonds in navy and gold.
	emblemDiamond = func() emblem {
		d := func(r float64) shape {
			return func(x, y float64) bool { return math.Abs(x-.5)+math.Abs(y-.5) <= r }
		}
		return emblem{
			{rgb(0x14, 0x28, 0x4b), minus(d(.47), d(.37))},
			{rgb(0xc9, 0xa2, 0x27), d(.25)},
		}
	}()
	// Three stacked tiers widening upwards, like a corona.
	emblemCorona = func() emblem {
		tier := func(top, w float64) shape {
			return poly([2]float64{.5 - w, top}, [2]float64{.5 + w, top},
				[2]float64{.5 + w - .07, top + .16}, [2]float64{.5 - w + .07, top + .16})
		}
		return emblem{
			{rgb(0xf3, 0xe9, 0xdc), disc(.5, .5, .48)},
			{rgb(0x8c, 0x62, 0x39), union(tier(.2, .36), tier(.41, .3), tier(.62, .24))},
		}
	}()
	// A round building seen from above: a ring with four entrances.
	emblemRound = emblem{
		{rgb(0xb5, 0x65, 0x1d), minus(ring(.5, .5, .3, .45), union(rect(.46, 0, .54, 1), rect(0, .46, 1, .54)))},
		{rgb(0x3b, 0x2a, 0x1a), disc(.5, .5, .17)},
	}
	// A baobab: a thick trunk under a wide crown.
	emblemBaobab = emblem{
		{rgb(0x6b, 0x45, 0x23), poly([2]float64{.35, .88}, [2]float64{.65, .88}, [2]float64{.58, .45}, [2]float64{.42, .45})},
		{rgb(0x2e, 0x7d, 0x32), union(disc(.3, .35, .16), disc(.5, .27, .19), disc(.7, .35, .16), rect(.25, .3, .75, .45))},
	}
)

// emblemBands is a disc in three vertical bands, optionally with a star,
// in the colours of a national committee's country.
func emblemBands(left, middle, right color.NRGBA, withStar bool) emblem {
	d := disc(.5, .5, .46)
	e := emblem{
		{left, and(d, rect(0, 0, .36, 1))},
		{middle, and(d, rect(.36, 0, .64, 1))},
		{right, and(d, rect(.64, 0, 1, 1))},
		{left, ring(.5, .5, .43, .48)},
	}
	if withStar {
		e = append(e, layer{left, star(.5, .5, .12)})
	}
	return e
}

// png renders the emblem with 4×4 supersampling, so that edges are smooth
// when a certificate scales the logo.
func (e emblem) png() ([]byte, error) {
	const ss = 4
	img := image.NewNRGBA(image.Rect(0, 0, logoSize, logoSize))
	for py := range logoSize {
		for px := range logoSize {
			var r, g, b, a int
			for sy := range ss {
				for sx := range ss {
					x := (float64(px) + (float64(sx)+.5)/ss) / logoSize
					y := (float64(py) + (float64(sy)+.5)/ss) / logoSize
					for k := len(e) - 1; k >= 0; k-- {
						if e[k].in(x, y) {
							c := e[k].c
							r, g, b, a = r+int(c.R), g+int(c.G), b+int(c.B), a+1
							break
						}
					}
				}
			}
			if a > 0 {
				img.SetNRGBA(px, py, color.NRGBA{uint8(r / a), uint8(g / a), uint8(b / a), uint8(a * 255 / (ss * ss))})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
