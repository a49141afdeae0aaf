package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/atelier-workshops/atelier/data"
)

// FuzzReadCSV feeds arbitrary bytes through everything that reads a text
// file before the store is involved: decoding, delimiter sniffing, the
// limits, header detection and column mapping. None of it may panic, what
// it returns must be text, and a file it reads must be within the limits.
func FuzzReadCSV(f *testing.F) {
	for _, seed := range []string{
		"Nom;Prénom;Courriel\nDiallo;Aïssatou;a@example.sn\n",
		"\xEF\xBB\xBFSurname,First name\n\"Àdìgún, Jr\",Ọláńrewájú\n",
		"\xFF\xFEN\x00a\x00m\x00e\x00\t\x00E\x00\n\x00",
		"title\n\n\nFamily name\tGiven name\n\"unterminated\tquote\n",
		"Apellidos;Nombre\r\n\"a\"\"b\";c;;;;\r\n",
		"\xe9l\xe8ve;pr\xe9nom\n",
		// A quote left open swallows the rest into a cell past the limit.
		"Nom;Pr\xc3\xa9nom\n\"Diallo;" + strings.Repeat("\xc3\x80", MaxCellLength) + "\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		wb, err := OpenReader("fuzz.csv", bytes.NewReader(b))
		var limit data.FieldError
		switch {
		case err == nil:
			rows, _ := wb.Rows("")
			withinLimits(t, rows)
		case !errors.As(err, &limit) && !errors.Is(err, ErrFormat):
			t.Fatalf("refused in words of its own: %v", err)
		}
		text, encoding, err := DecodeText(b)
		if err != nil {
			return
		}
		// Read as UTF-8, the text is the bytes as they are: every valid
		// line exact, the others kept to be refused, none "repaired".
		if encoding == EncodingUTF8 && text != strings.TrimPrefix(string(b), "\xEF\xBB\xBF") {
			t.Fatalf("read as UTF-8, %q became %q", b, text)
		}
		rows := ReadCSV(text)
		for _, r := range rows {
			for _, c := range r {
				if !utf8.ValidString(c) && utf8.ValidString(text) {
					t.Fatalf("cell %q is not UTF-8", c)
				}
			}
		}
		if h := FindHeader(rows); h >= 0 {
			fields := MapHeaders(rows[h])
			if len(fields) != len(rows[h]) {
				t.Fatalf("%d fields for %d columns", len(fields), len(rows[h]))
			}
		}
		for _, r := range rows {
			for _, c := range r {
				splitFullName(clean(c))
				countryCode(c)
				if short := Short(c); utf8.RuneCountInString(short) > shortLength+40 || !strings.HasPrefix(c, strings.TrimSuffix(strings.SplitN(short, "… (", 2)[0], "…")) {
					t.Fatalf("Short(%q) = %q", c, short)
				}
			}
		}
	})
}

// FuzzReadXLSX feeds arbitrary sheet and shared-strings XML through the
// workbook reader, wrapped in a well-formed zip. It may refuse them, but
// only in its own words (a limit, or a damaged file), and what it returns
// must be within its limits: no panic, no runaway.
func FuzzReadXLSX(f *testing.F) {
	for _, seed := range [][2]string{
		{`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Ọláńrewájú</t></is></c></row>`,
			`<si><t>Family name</t></si>`},
		{`<row><c t="b"><v>1</v></c><c s="1"><v>44886</v></c><c><v>2348030000000</v></c></row><row r="9"><c r="XFD9"><v>1</v></c></row>`, ``},
		{`<row r="100001"><c r="A100001" t="str"><v>late</v></c></row>`, `<si><r><t>a</t></r><rPh><t>b</t></rPh></si>`},
		{`<row r="2"><c r="C2" t="s"><v>7</v></c><c r="$B$2" t="e"><v>#N/A</v></c></row><row r="1"/>`, `<si><t>_x000D__x005F_x0041_</t></si>`},
		{`<row><c r="A1" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c></row><![CDATA[x<y]]>`, `<si/>`},
		// A shared text one letter past Excel's limit for a cell.
		{`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`, `<si><t>` + strings.Repeat("Ọ", MaxCellLength+1) + `</t></si>`},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, sheet, shared string) {
		var buf bytes.Buffer
		z := zip.NewWriter(&buf)
		for _, p := range xlsxParts {
			text := p.Text
			if p.Name == "xl/_rels/workbook.xml.rels" {
				text = strings.Replace(text, "</Relationships>", `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`, 1)
			}
			w, _ := z.Create(p.Name)
			io.WriteString(w, text)
		}
		w, _ := z.Create("xl/sharedStrings.xml")
		io.WriteString(w, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`+shared+`</sst>`)
		w, _ = z.Create("xl/styles.xml")
		io.WriteString(w, `<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`)
		w, _ = z.Create("xl/worksheets/sheet1.xml")
		io.WriteString(w, sheetHead+sheet+sheetTail)
		z.Close()

		wb, err := OpenReader("fuzz.xlsx", bytes.NewReader(buf.Bytes()))
		var rows [][]string
		if err == nil {
			rows, err = wb.Rows("")
			wb.Close()
		}
		if err != nil {
			var limit data.FieldError
			if !errors.As(err, &limit) && !errors.Is(err, ErrFormat) {
				t.Fatalf("refused in words of its own: %v", err)
			}
			return
		}
		withinLimits(t, rows)
		for _, r := range rows {
			for _, c := range r {
				if !utf8.ValidString(c) {
					t.Fatalf("a cell that is not UTF-8: %q", c)
				}
			}
		}
	})
}

// withinLimits fails unless rows are within the limits a list is read
// within.
func withinLimits(t *testing.T, rows [][]string) {
	t.Helper()
	if len(rows) > MaxRows {
		t.Fatalf("%d rows", len(rows))
	}
	cells := 0
	for _, r := range rows {
		cells += len(r)
		for _, c := range r {
			if n := utf8.RuneCountInString(c); n > MaxCellLength {
				t.Fatalf("a cell of %d characters", n)
			}
		}
	}
	if cells > MaxCells {
		t.Fatalf("%d cells", cells)
	}
}
