package reports

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// WriteCertificateFiles writes each certificate of d as its own PDF in
// dir, named by SafeFileName, and returns the paths written. progress is
// as for WriteCertificates. The fonts are embedded in every file, since
// each must print on its own.
func WriteCertificateFiles(d CertificateData, dir string, progress func(done int) bool) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	used := map[string]bool{}
	var paths []string
	var buf bytes.Buffer
	for i, c := range d.Certificates {
		name := SafeFileName(c.Serial+" "+c.HolderName, ".pdf")
		for n := 2; used[strings.ToLower(name)]; n++ {
			name = SafeFileName(fmt.Sprintf("%s %s (%d)", c.Serial, c.HolderName, n), ".pdf")
		}
		used[strings.ToLower(name)] = true
		one := d
		one.Certificates = d.Certificates[i : i+1]
		buf.Reset()
		if err := WriteCertificates(one, &buf, nil); err != nil {
			return paths, err
		}
		path := filepath.Join(dir, name)
		if err := WriteFile(path, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err }); err != nil {
			return paths, err
		}
		paths = append(paths, path)
		if progress != nil && !progress(i+1) {
			return paths, ErrCancelled
		}
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
