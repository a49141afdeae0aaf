package reports

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/atelier-workshops/atelier/data"
)

// maxFileNameBytes is what a file name may hold on Linux (ext4, tmpfs),
// macOS and in the FAT and NTFS of USB sticks: 255 bytes of UTF-8 there,
// 255 UTF-16 units elsewhere, which are never more than the bytes.
const maxFileNameBytes = 255

// windowsReserved are names Windows refuses for a file, whatever follows
// the dot.
var windowsReserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true,
	"COM8": true, "COM9": true, "LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true,
	"LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true}

// SafeFileName makes a file name from text such as a person's name: the
// letters stay (in NFC, accents and all), separators and characters that
// some system refuses become "_", the name is cut to fit a file name's
// 255 bytes with ext (".pdf") after it, between two letters as a reader
// sees them (never between a letter and its marks, inside a flag or an
// emoji sequence, or inside a Hangul syllable), and it is never reserved,
// empty, "." or "..".
func SafeFileName(s, ext string) string {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		switch {
		case strings.ContainsRune(`/\:*?"<>|`, r) || unicode.IsControl(r) || r == utf8.RuneError:
			b.WriteRune('_')
		case unicode.IsSpace(r):
			b.WriteRune(' ')
		default:
			b.WriteRune(r)
		}
	}
	name := strings.Join(strings.Fields(b.String()), " ")
	// Room for the dot that trimming may drop and the "_" that a reserved
	// name gets.
	out := strings.Trim(cutToBytes(name, maxFileNameBytes-len(ext)-1), " .")
	if out == "" {
		out = "_"
	}
	if base, _, _ := strings.Cut(out, "."); windowsReserved[strings.ToUpper(strings.TrimSpace(base))] {
		out = "_" + out
	}
	return out + ext
}

// certificateFileNames names each certificate's file by its serial and
// holder (see uniqueFileNames).
func certificateFileNames(certs []data.Certificate) []string {
	stems := make([]string, len(certs))
	for i, c := range certs {
		stems[i] = c.Serial + " " + c.HolderName
	}
	return uniqueFileNames(stems)
}

// uniqueFileNames names a PDF after each stem (a document's serial and
// holder), made safe by SafeFileName and unique even on file systems that
// do not tell capitals from small letters: a name already taken gets
// " (2)", " (3)"… after a cut that leaves it room.
func uniqueFileNames(stems []string) []string {
	used := map[string]bool{}
	names := make([]string, len(stems))
	for i, stem := range stems {
		name := SafeFileName(stem, ".pdf")
		for n := 2; used[strings.ToLower(name)]; n++ {
			name = SafeFileName(stem, fmt.Sprintf(" (%d).pdf", n))
		}
		used[strings.ToLower(name)] = true
		names[i] = name
	}
	return names
}
