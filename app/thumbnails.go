package app

import (
	"bytes"
	"crypto/sha256"
	"image"
	"math"
	"sync"

	xdraw "golang.org/x/image/draw"

	// The formats a logo or a signature may be in (data.SniffImage).
	_ "image/jpeg"
	_ "image/png"
)

// thumbnailScale is how many pixels a thumbnail keeps per unit of its size
// on screen: enough for a screen at twice the usual density.
const thumbnailScale = 2

// thumbnailsKept bounds the cache: a file's logos and signatures are a
// few dozen at most; past that the cache starts again.
const thumbnailsKept = 128

// thumbnails holds each logo and signature decoded once, at the size it is
// shown at. An image made from the file's bytes (canvas.NewImageFromReader)
// was decoded again, at full size, on every refresh of the Details tab,
// and every visit of the tab made new ones: each a 160 kB bitmap that
// Fyne's caches kept for a minute, a fifth of the live heap after a few
// walks of the tabs (issue 17).
var thumbnails = struct {
	sync.Mutex
	m map[thumbKey]image.Image
}{m: map[thumbKey]image.Image{}}

type thumbKey struct {
	sum  [sha256.Size]byte
	w, h int
}

// thumbnail is the image in b scaled to fit w×h pixels, decoded the first
// time it is asked for; nil if b is not an image.
func thumbnail(b []byte, w, h int) image.Image {
	k := thumbKey{sum: sha256.Sum256(b), w: w, h: h}
	thumbnails.Lock()
	img, ok := thumbnails.m[k]
	thumbnails.Unlock()
	if ok {
		return img
	}
	img = decodeThumbnail(b, w, h)
	if img == nil {
		return nil
	}
	thumbnails.Lock()
	if len(thumbnails.m) >= thumbnailsKept {
		clear(thumbnails.m)
	}
	thumbnails.m[k] = img
	thumbnails.Unlock()
	return img
}

// decodeThumbnail decodes b and scales it down, keeping its proportions,
// to fit w×h; an image already within it is kept as it is.
func decodeThumbnail(b []byte, w, h int) image.Image {
	src, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil
	}
	sb := src.Bounds()
	sw, sh := sb.Dx(), sb.Dy()
	if sw == 0 || sh == 0 {
		return nil
	}
	scale := min(float64(w)/float64(sw), float64(h)/float64(sh))
	if scale >= 1 {
		return src
	}
	dw := max(1, int(math.Round(float64(sw)*scale)))
	dh := max(1, int(math.Round(float64(sh)*scale)))
	dst := image.NewNRGBA(image.Rect(0, 0, dw, dh))
	xdraw.CatmullRom.Scale(dst, dst.Bounds(), src, sb, xdraw.Src, nil)
	return dst
}
