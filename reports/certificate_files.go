package reports

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// WriteCertificateFiles writes each certificate of d as its own PDF in
// dir, named by SafeFileName, and returns the paths written, in the order
// of d.Certificates. progress is as for WriteCertificates, called with how
// many files are done (and with 0 while the pages are laid out). The
// certificates are laid out as one document, then cut into one file per
// page, each with the fonts and logos it uses: every file prints on its
// own and looks exactly like its page of the single PDF.
func WriteCertificateFiles(d CertificateData, dir string, progress func(done int) bool) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	used := map[string]bool{}
	paths := make([]string, len(d.Certificates))
	for i, c := range d.Certificates {
		name := SafeFileName(c.Serial+" "+c.HolderName, ".pdf")
		for n := 2; used[strings.ToLower(name)]; n++ {
			name = SafeFileName(fmt.Sprintf("%s %s (%d)", c.Serial, c.HolderName, n), ".pdf")
		}
		used[strings.ToLower(name)] = true
		paths[i] = filepath.Join(dir, name)
	}
	var all bytes.Buffer
	if err := WriteCertificates(d, &all, func(done int) bool {
		return progress == nil || done%50 != 0 || progress(0)
	}); err != nil {
		return nil, err
	}

	type file struct {
		path string
		pdf  []byte
	}
	files := make(chan file)
	var done atomic.Int64
	var stopped atomic.Bool
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	// Writing is mostly waiting for the disk, so more writers than cores.
	for range min(2*runtime.GOMAXPROCS(0), len(paths)) {
		wg.Go(func() {
			for f := range files {
				if stopped.Load() {
					continue
				}
				err := WriteFile(f.path, func(w io.Writer) error { _, err := w.Write(f.pdf); return err })
				mu.Lock()
				if err == nil && progress != nil && !progress(int(done.Add(1))) {
					err = ErrCancelled
				}
				if err != nil && firstErr == nil {
					firstErr = err
					stopped.Store(true)
				}
				mu.Unlock()
			}
		})
	}
	err := splitPDF(all.Bytes(), func(page int) string { return string(known(d.Certificates[page].Language)) },
		func(page int, pdf []byte) error {
			if stopped.Load() {
				return ErrCancelled
			}
			files <- file{paths[page], pdf}
			return nil
		})
	close(files)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if err != nil {
		return nil, err
	}
	return paths, nil
}

// maxFileNameRunes keeps names well under every file system's limit of
// 255 bytes, even when each letter takes several bytes.
const maxFileNameRunes = 80

// windowsReserved are names Windows refuses for a file, whatever follows
// the dot.
var windowsReserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true,
	"COM8": true, "COM9": true, "LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true,
	"LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true}

// SafeFileName makes a file name from text such as a person's name: the
// letters stay (in NFC, accents and all), separators and characters that
// some system refuses become "_", the name is cut to a sane length at a
// letter (never between a letter and its mark) and never reserved, empty,
// "." or "..". ext (".pdf") is added after.
func SafeFileName(s, ext string) string {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		switch {
		case strings.ContainsRune(`/\:*?"<>|`, r) || unicode.IsControl(r):
			b.WriteRune('_')
		case unicode.IsSpace(r):
			b.WriteRune(' ')
		default:
			b.WriteRune(r)
		}
	}
	name := []rune(strings.Join(strings.Fields(b.String()), " "))
	if len(name) > maxFileNameRunes {
		cut := maxFileNameRunes
		for cut > 0 && isMark(name[cut]) {
			cut--
		}
		name = name[:cut]
	}
	out := strings.Trim(string(name), " .")
	if out == "" {
		out = "_"
	}
	if base, _, _ := strings.Cut(out, "."); windowsReserved[strings.ToUpper(strings.TrimSpace(base))] {
		out = "_" + out
	}
	return out + ext
}
