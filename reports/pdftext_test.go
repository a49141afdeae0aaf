package reports

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/unicode/norm"
)

// pdfText reads back the text of a PDF written by fpdf, without external
// tools: it inflates the page content streams and decodes the strings of
// the text-showing operators, which fpdf writes as UTF-16BE for Unicode
// fonts. A marked-content span with /ActualText stands for the strings
// inside it. Each run (one Tj) is one element; fpdf draws each line of
// text as one run.
func pdfText(t testing.TB, pdf []byte) []string { return pdfRuns(t, pdf, true) }

// drawnText is pdfText without /ActualText: the characters as drawn, in
// the order they are drawn in.
func drawnText(t testing.TB, pdf []byte) []string { return pdfRuns(t, pdf, false) }

func pdfRuns(t testing.TB, pdf []byte, actualText bool) []string {
	t.Helper()
	var runs []string
	streams := regexp.MustCompile(`(?s)<<([^>]*(?:>>[^>]*)*?)>>\s*stream\r?\n`)
	for _, loc := range streams.FindAllSubmatchIndex(pdf, -1) {
		dict := string(pdf[loc[2]:loc[3]])
		if strings.Contains(dict, "/Length1") || strings.Contains(dict, "/Subtype /Image") ||
			strings.Contains(dict, "/CIDToGIDMap") {
			continue
		}
		end := bytes.Index(pdf[loc[1]:], []byte("endstream"))
		if end < 0 {
			t.Fatal("a stream has no end")
		}
		body := pdf[loc[1] : loc[1]+end]
		if strings.Contains(dict, "/FlateDecode") {
			r, err := zlib.NewReader(bytes.NewReader(body))
			if err != nil {
				continue // not a content stream fpdf compressed
			}
			if body, err = io.ReadAll(r); err != nil {
				continue
			}
		}
		if !bytes.Contains(body, []byte("BT")) {
			continue
		}
		runs = append(runs, contentText(body, actualText)...)
	}
	return runs
}

func contentText(c []byte, actualText bool) []string {
	var runs []string
	actual := ""
	inSpan := false
	for i := 0; i < len(c); i++ {
		switch {
		case actualText && bytes.HasPrefix(c[i:], []byte("/ActualText <")):
			j := i + len("/ActualText <")
			k := bytes.IndexByte(c[j:], '>')
			actual = decodeUTF16(mustHex(string(c[j : j+k])))
			inSpan = true
			i = j + k
		case bytes.HasPrefix(c[i:], []byte("BI ")) && (i == 0 || c[i-1] == '\n' || c[i-1] == ' '):
			// An inline image's data (a QR code's stencil, in ASCII85)
			// holds parentheses that are not strings: it ends at the
			// first EI on a line of its own, as ASCII85 has no spaces.
			k := bytes.Index(c[i:], []byte("\nEI"))
			if k < 0 {
				return runs
			}
			i += k + len("\nEI") - 1
		case bytes.HasPrefix(c[i:], []byte("EMC")) && inSpan:
			runs = append(runs, actual)
			inSpan = false
			i += 2
		case c[i] == '(':
			var s []byte
			depth := 1
			for i++; i < len(c) && depth > 0; i++ {
				switch c[i] {
				case '\\':
					i++
					switch c[i] {
					case 'n':
						s = append(s, '\n')
					case 'r':
						s = append(s, '\r')
					case 't':
						s = append(s, '\t')
					default:
						s = append(s, c[i])
					}
					continue
				case '(':
					depth++
				case ')':
					depth--
					if depth == 0 {
						continue
					}
				}
				s = append(s, c[i])
			}
			i--
			if !inSpan {
				runs = append(runs, decodeUTF16(s))
			}
		}
	}
	return runs
}

func mustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return bytes.TrimPrefix(b, []byte{0xFE, 0xFF})
}

func decodeUTF16(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}

// joined is the text of all runs in one string, runs separated by a space,
// so that a title wrapped over two lines reads as written.
func joined(runs []string) string { return strings.Join(runs, " ") }

// assertHolds checks that every want string is in the PDF's text exactly,
// in NFC: first with the pure-Go reader, then with poppler's pdftotext
// when it is installed, which also checks that a real reader finds it.
func assertHolds(t *testing.T, pdf []byte, want []string) {
	t.Helper()
	text := joined(pdfText(t, pdf))
	for _, w := range want {
		if !strings.Contains(text, norm.NFC.String(w)) {
			t.Errorf("the PDF does not hold %q", w)
		}
	}
	out, ok := popplerText(t, pdf)
	if !ok {
		t.Log("pdftotext not installed: only the Go reader checked the text")
		return
	}
	poppler := strings.Join(strings.Fields(norm.NFC.String(out)), " ")
	for _, w := range want {
		if !strings.Contains(poppler, strings.Join(strings.Fields(norm.NFC.String(w)), " ")) {
			t.Errorf("pdftotext does not find %q", w)
		}
	}
}

func nfc(s string) string { return norm.NFC.String(s) }

// popplerText is the PDF's text as poppler's pdftotext reads it, and false
// when pdftotext is not installed.
func popplerText(t *testing.T, pdf []byte) (string, bool) {
	t.Helper()
	path, err := exec.LookPath("pdftotext")
	if err != nil {
		return "", false
	}
	cmd := exec.Command(path, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out), true
}
