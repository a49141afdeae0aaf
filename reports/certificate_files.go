package reports

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/unicode/norm"
)

// WriteCertificateFiles writes each certificate of d as its own PDF in
// dir, named by SafeFileName, and returns the paths written, in the order
// of d.Certificates. The files are written on every core; progress is as
// for WriteCertificates, called with how many files are done. The fonts
// are embedded in every file, since each must print on its own.
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
	fonts := certificateFonts(d)
	var next, done atomic.Int64
	var stopped atomic.Bool
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Go(func() {
			for !stopped.Load() {
				i := int(next.Add(1)) - 1
				if i >= len(paths) {
					return
				}
				one := d
				one.Certificates = d.Certificates[i : i+1]
				err := WriteFile(paths[i], func(w io.Writer) error { return writeCertificatesWith(one, w, nil, fonts) })
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
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	return paths, nil
}

// latinRanges hold every letter, mark and punctuation mark the wording,
// dates and country names of English, French and Spanish use.
var latinRanges = [][2]rune{{0x20, 0x7E}, {0xA0, 0x24F}, {0x300, 0x36F}, {0x1E00, 0x1EFF}, {0x2000, 0x206F}, {0x20AC, 0x20AC}}

// certificateFonts are the embedded fonts cut down to what d's
// certificates can print: the Latin letters and punctuation of the wording
// and every character of the workshop's and the holders' own text. Each
// separate file must parse its fonts anew (fpdf cannot share a parsed font
// between documents), and a font of a few hundred glyphs parses many times
// faster than the full DejaVu; the glyphs are copied unchanged, and each
// file embeds only the subset it uses, as before.
func certificateFonts(d CertificateData) fontFiles {
	var b strings.Builder
	for _, r := range latinRanges {
		for c := r[0]; c <= r[1]; c++ {
			b.WriteRune(c)
		}
	}
	add := func(ss ...string) {
		for _, s := range ss {
			b.WriteString(norm.NFC.String(s))
		}
	}
	w := d.Workshop
	add(w.Title, w.City, w.Country, pageAlias)
	for _, o := range d.Organisations {
		add(o.Name, o.ShortName)
	}
	for _, g := range d.Signatories {
		add(g.Name, g.Title)
	}
	for _, own := range d.Wording {
		add(own.Title, own.Body, own.TrainerBody)
	}
	for _, c := range d.Certificates {
		add(c.HolderName, c.WorkshopTitle, c.Serial, c.Code)
	}
	cutset := strings.Map(func(r rune) rune {
		if drawable(r) {
			return r
		}
		return -1
	}, b.String())
	return fontFiles{fpdf.UTF8CutFont(fullFonts.regular, cutset), fpdf.UTF8CutFont(fullFonts.bold, cutset),
		fpdf.UTF8CutFont(fullFonts.italic, cutset)}
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
