package app

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/atelier-workshops/atelier/data"
)

// squareLogo is a 200×200 PNG, the size of the demo's logos.
func squareLogo(t *testing.T) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 200, 200))
	for i := range 200 {
		img.Set(i, i, color.NRGBA{0x8a, 0x1c, 0x2b, 0xff})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A logo is decoded once, scaled to the size it is shown at, and the image
// shown holds the bitmap rather than the file's bytes, which Fyne would
// decode again on every refresh.
func TestLogoDecodedOnceAtTheSizeShown(t *testing.T) {
	test.NewTempApp(t)
	logo := squareLogo(t)
	first, ok := logoImage(logo, 72, 48).(*canvas.Image)
	if !ok {
		t.Fatalf("a PNG logo is not shown as an image")
	}
	if first.Resource != nil || first.File != "" || first.Image == nil {
		t.Fatalf("the logo is drawn from its bytes or a file (resource set: %t, file %q), not from a bitmap", first.Resource != nil, first.File)
	}
	if b := first.Image.Bounds(); b.Dx() != 96 || b.Dy() != 96 {
		t.Errorf("a 200×200 logo shown in 72×48 is kept at %d×%d pixels, want 96×96 (twice the size shown, proportions kept)", b.Dx(), b.Dy())
	}
	first.Refresh()
	second := logoImage(logo, 72, 48).(*canvas.Image)
	if second.Image != first.Image {
		t.Errorf("the same logo shown again was decoded again")
	}
	if !hasLogo(second, logo) || hasLogo(second, squareLogoOther(t)) {
		t.Errorf("the thumbnail is not known as this logo's")
	}
	if _, isImage := logoImage([]byte("not an image"), 72, 48).(*canvas.Image); isImage {
		t.Errorf("bytes that are no image are shown as an image, not as the placeholder")
	}
}

func squareLogoOther(t *testing.T) []byte {
	b := squareLogo(t)
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	img.(*image.NRGBA).Set(0, 199, color.Black)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Coming back to the Details tab shows the logos from the bitmaps decoded
// the first time (issue 17: each visit decoded them anew, and Fyne kept
// every copy for a minute).
func TestDetailsTabShowsLogosDecodedOnce(t *testing.T) {
	st, res := demoStore(t)
	c := windowOn(t, st, data.Workshop{ID: res.Lagos})
	c.screen.tabs.SelectIndex(0)
	logos := func() []image.Image {
		var found []image.Image
		walk(c.screen.form.organisations.box, func(o fyne.CanvasObject) {
			if img, ok := o.(*canvas.Image); ok && img.Image != nil {
				found = append(found, img.Image)
			}
		})
		return found
	}
	before := logos()
	if len(before) == 0 {
		t.Fatal("the demo workshop's Details tab shows no logo")
	}
	for _, img := range before {
		if b := img.Bounds(); b.Dx() > 72*thumbnailScale || b.Dy() > 48*thumbnailScale {
			t.Errorf("a logo is kept at %d×%d pixels for a 72×48 place", b.Dx(), b.Dy())
		}
	}
	tabOf[*scheduleScreen](t, c)
	c.screen.tabs.SelectIndex(0)
	after := logos()
	if len(after) != len(before) {
		t.Fatalf("%d logos shown, then %d", len(before), len(after))
	}
	for i := range after {
		if after[i] != before[i] {
			t.Errorf("logo %d was decoded again when the tab came back", i+1)
		}
	}
}
