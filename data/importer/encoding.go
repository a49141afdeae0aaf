package importer

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// The encodings a text file is read in, named as the preview shows them.
const (
	EncodingUTF8        = "UTF-8"
	EncodingUTF16LE     = "UTF-16 (little-endian)"
	EncodingUTF16BE     = "UTF-16 (big-endian)"
	EncodingWindows1252 = "Windows-1252"
)

// DecodeText turns the bytes of a text file into a string, whatever Excel
// or another program saved it as: UTF-8 with or without a byte-order mark,
// UTF-16 ("Unicode text"), or Windows-1252, which French and Spanish
// Windows write when told "CSV". It returns the encoding it read.
//
// The choice is made per line, not per file. A file whose lines are
// mostly UTF-8 or plain ASCII but for a few (a row typed into an old
// program, "Caf\xe9") is UTF-8 with damaged lines: those lines keep their
// bytes as they are, invalid, so that the row they hold is refused and
// named (see notUTF8), and every other row stays exact. A file whose
// lines beyond ASCII are mostly not UTF-8 is Windows-1252, but a line in
// it that only UTF-8 explains (rows pasted in from elsewhere: "Ọ̀ṣun",
// "Łukasz") is still read as UTF-8; see onlyUTF8.
func DecodeText(b []byte) (text, encoding string, err error) { return decodeText(string(b)) }

// decodeText is DecodeText on the file's bytes held in a string, which a
// UTF-8 file (the most common) is returned as without a copy.
func decodeText(b string) (text, encoding string, err error) {
	switch {
	case strings.HasPrefix(b, "\xEF\xBB\xBF"):
		return b[3:], EncodingUTF8, nil
	case strings.HasPrefix(b, "\xFF\xFE"):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().String(b)
		return out, EncodingUTF16LE, err
	case strings.HasPrefix(b, "\xFE\xFF"):
		out, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().String(b)
		return out, EncodingUTF16BE, err
	case looksUTF16(b, 1):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder().String(b)
		return out, EncodingUTF16LE, err
	case looksUTF16(b, 0):
		out, err := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder().String(b)
		return out, EncodingUTF16BE, err
	case strings.IndexByte(b, 0) >= 0:
		return "", "", ErrFormat // a binary file: an image, an old .xls, a PDF
	case utf8.ValidString(b) || mostlyUTF8(b):
		return b, EncodingUTF8, nil
	}
	return decodeWindows1252(b), EncodingWindows1252, nil
}

// decodeWindows1252 reads a Windows-1252 file line by line, keeping the
// lines that only UTF-8 explains as they are.
func decodeWindows1252(b string) string {
	var out strings.Builder
	out.Grow(len(b) + len(b)/8)
	for line := range strings.Lines(b) {
		if onlyUTF8(line) {
			out.WriteString(line)
			continue
		}
		for i := 0; i < len(line); i++ {
			out.WriteRune(charmap.Windows1252.DecodeByte(line[i]))
		}
	}
	return out.String()
}

// onlyUTF8 tells whether a line is UTF-8 with letters beyond ASCII that
// Windows-1252 would not have written. Text in Windows-1252 forms a valid
// UTF-8 sequence only by chance: a capital with an accent (bytes C0-DF)
// directly followed by punctuation or a symbol (80-BF), as in a word in
// capitals before a closing quote, "ANDRÉ”". A three- or four-byte
// sequence ("Ọ", "ṣ", CJK, Adlam) takes two symbols after a small letter
// with an accent, which names do not hold; a two-byte one led by C2 or C3
// is a letter of Latin-1 (é, ü, ñ), which in Windows-1252 would read
// "Ã©": never written. What is left is taken as Windows-1252 only when it
// follows a capital, as the chance does ("WAŁĘSA" still reads as UTF-8 as
// its Ł follows one but its Ę follows Ł).
func onlyUTF8(line string) bool {
	if !utf8.ValidString(line) {
		return false
	}
	for i := 0; i < len(line); {
		c := line[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		_, size := utf8.DecodeRuneInString(line[i:])
		if size > 2 || c == 0xC2 || c == 0xC3 || i == 0 || !isCapital(line[i-1]) {
			return true
		}
		i += size
	}
	return false
}

func isCapital(c byte) bool { return 'A' <= c && c <= 'Z' }

// mostlyUTF8 weighs the lines that only UTF-8 explains (valid, with
// letters beyond ASCII) against those UTF-8 cannot read: the more are
// UTF-8, the file is UTF-8 with damaged lines, to be refused and named;
// otherwise it is Windows-1252 with a few lines of UTF-8, which are kept.
func mostlyUTF8(b string) bool {
	utf8Lines, otherLines := 0, 0
	for line := range strings.Lines(b) {
		switch {
		case !utf8.ValidString(line):
			otherLines++
		case onlyUTF8(line):
			utf8Lines++
		}
	}
	return utf8Lines >= otherLines
}

// notUTF8 is the reason a cell with bytes that are not UTF-8 is refused:
// the file was read as UTF-8, and guessing what the bytes were meant to be
// (Windows-1252? Mac Roman? DOS?) would store a wrong name with no one the
// wiser. What Windows-1252 would make of them is shown, to help find the
// row and mend the file.
func notUTF8(col, cell string) (key, message string, args map[string]any) {
	shown := Short(strings.ToValidUTF8(cell, "\uFFFD"))
	guess, _ := charmap.Windows1252.NewDecoder().String(cell)
	guess = Short(guess)
	return "error.import_bad_bytes",
		fmt.Sprintf("%s: %q holds bytes that are not UTF-8 text like the rest of the file (in Windows-1252 they would read %q); save the list as UTF-8 and import it again.", col, shown, guess),
		map[string]any{"Field": col, "Value": shown, "Guess": guess}
}

// looksUTF16 spots UTF-16 without a byte-order mark: mostly Latin text has
// a zero in every other byte, at odd offsets for little-endian.
func looksUTF16(b string, zeroAt int) bool {
	n := min(len(b), 400) &^ 1
	if n < 4 {
		return false
	}
	zeros := 0
	for i := zeroAt; i < n; i += 2 {
		if b[i] == 0 {
			zeros++
		}
	}
	return zeros*10 >= (n/2)*7
}
