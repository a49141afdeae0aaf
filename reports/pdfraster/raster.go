// Package pdfraster draws a page of a PDF held in memory into an image,
// with PDFium compiled to WebAssembly and run by wazero: no cgo and no
// library to install, so the Windows cross build stays as it is.
//
// Every call starts its own PDFium and closes it before returning: a
// preview is rare, and a PDFium kept between them would hold tens of
// megabytes for nothing. What makes the later calls quick is wazero's
// cache of the compiled module on disk (SetCacheDir), not a live instance.
package pdfraster

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"sync"

	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/responses"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// ErrNoPage is returned when the PDF has no page of that index.
var ErrNoPage = errors.New("pdfraster: no such page")

var (
	cacheMu  sync.Mutex
	cacheDir string
	// one at a time: two PDFiums at once would double the memory of a
	// preview for nothing the window can show.
	renderMu sync.Mutex
)

// SetCacheDir sets the folder where wazero keeps the module compiled to
// machine code, so that only the first render on a machine compiles it
// (seconds); "" compiles it again each time.
func SetCacheDir(dir string) {
	cacheMu.Lock()
	cacheDir = dir
	cacheMu.Unlock()
}

// Page renders page index (from 0) of pdf at dpi dots per inch, on white,
// into an image that belongs to the caller.
func Page(ctx context.Context, pdf []byte, index, dpi int) (*image.RGBA, error) {
	if dpi <= 0 || dpi > 600 {
		return nil, fmt.Errorf("pdfraster: %d dpi is out of range", dpi)
	}
	renderMu.Lock()
	defer renderMu.Unlock()

	cacheMu.Lock()
	dir := cacheDir
	cacheMu.Unlock()
	// The bundled PDFium lowers setjmp/longjmp to WebAssembly exceptions.
	rc := wazero.NewRuntimeConfig().WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithCloseOnContextDone(true)
	if dir != "" {
		if cache, err := wazero.NewCompilationCacheWithDir(dir); err == nil {
			defer cache.Close(context.Background())
			rc = rc.WithCompilationCache(cache)
		}
	}
	pool, err := webassembly.Init(webassembly.Config{
		Context: ctx, MinIdle: 0, MaxIdle: 1, MaxTotal: 1,
		RuntimeConfig: rc,
		// PDFium reads the document from memory: it is given no folder at
		// all, rather than the library's default of the whole disk.
		FSConfig: wazero.NewFSConfig(),
		Stdout:   io.Discard, Stderr: io.Discard,
	})
	if err != nil {
		return nil, fmt.Errorf("pdfraster: starting PDFium: %w", err)
	}
	defer pool.Close()
	inst, err := pool.GetInstanceWithContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("pdfraster: starting PDFium: %w", err)
	}
	defer inst.Close()

	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &pdf})
	if err != nil {
		return nil, fmt.Errorf("pdfraster: reading the PDF: %w", err)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return nil, fmt.Errorf("pdfraster: reading the PDF: %w", err)
	}
	if index < 0 || index >= count.PageCount {
		return nil, ErrNoPage
	}
	return render(inst.RenderPageInDPI, doc.Document, index, dpi)
}

// render draws the page and copies it out of PDFium's memory, which is
// gone once the instance closes.
func render(draw func(*requests.RenderPageInDPI) (*responses.RenderPageInDPI, error), doc references.FPDF_DOCUMENT, index, dpi int) (*image.RGBA, error) {
	r, err := draw(&requests.RenderPageInDPI{
		Page: requests.Page{ByIndex: &requests.PageByIndex{Document: doc, Index: index}},
		DPI:  dpi,
	})
	if err != nil {
		return nil, fmt.Errorf("pdfraster: drawing page %d: %w", index+1, err)
	}
	defer r.Cleanup()
	src, ok := r.Result.RenderedImage.(*image.RGBA)
	if !ok || src == nil {
		return nil, fmt.Errorf("pdfraster: drawing page %d gave no colour image", index+1)
	}
	out := image.NewRGBA(src.Rect)
	copy(out.Pix, src.Pix)
	if r.Result.HasTransparency {
		onWhite(out.Pix)
	}
	return out, nil
}

// onWhite lays a page drawn on transparent black (what PDFium gives when
// the page has transparency, e.g. a logo with an alpha channel) onto white
// paper, as the printer and any viewer show it; PDFium's pixels are not
// premultiplied.
func onWhite(pix []byte) {
	for i := 0; i+3 < len(pix); i += 4 {
		a := uint32(pix[i+3])
		if a == 255 {
			continue
		}
		for k := 0; k < 3; k++ {
			pix[i+k] = uint8((uint32(pix[i+k])*a + 255*(255-a) + 127) / 255)
		}
		pix[i+3] = 255
	}
}
