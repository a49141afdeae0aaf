package importer

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"strings"
	"testing"
)

// Hostile workbooks are built by the tests themselves. A sheet that
// inflates to a GiB is not compressed a GiB at a time: its repeated middle
// is compressed once and its compressed bytes repeated (see repeatDeflated),
// so building one takes a fraction of a second and little memory.

// xlsxParts are the parts a minimal workbook needs besides its sheet.
var xlsxParts = []struct{ name, text string }{
	{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
	{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
	{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Applicants" sheetId="1" r:id="rId1"/></sheets></workbook>`},
	{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
}

const (
	sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetTail = `</sheetData></worksheet>`
)

// inlineRow is a row of inline strings, as some programs write them.
func inlineRow(r int, cells ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, r)
	for i, c := range cells {
		fmt.Fprintf(&b, `<c r="%c%d" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+i, r, c)
	}
	b.WriteString("</row>")
	return b.String()
}

// hostileSheet is a sheet's XML: head, then middle repeated times times,
// then tail. declared, when not zero, is the size the zip says it
// inflates to, whatever it really does.
type hostileSheet struct {
	head, middle, tail string
	times              int
	declared           uint64
	shared             string // the shared strings part, if any
}

// writeHostileXLSX writes a one-sheet workbook around sheet.
func writeHostileXLSX(t testing.TB, path string, sheet hostileSheet) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z := zip.NewWriter(f)
	for _, p := range xlsxParts {
		w, err := z.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		text := p.text
		if p.name == "xl/_rels/workbook.xml.rels" && sheet.shared != "" {
			text = strings.Replace(text, "</Relationships>", `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`, 1)
		}
		io.WriteString(w, text)
	}
	if sheet.shared != "" {
		w, err := z.Create("xl/sharedStrings.xml")
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`+sheet.shared+`</sst>`)
	}
	if err := repeatDeflated(z, "xl/worksheets/sheet1.xml", sheet); err != nil {
		t.Fatal(err)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
}

// repeatDeflated writes the zip entry name without compressing the
// repeated middle more than twice: flushed after the head and after each
// of two middles, a deflate stream falls into pieces that each refer only
// to the 32 KiB before them, and the piece of the second middle, preceded
// by a middle, can follow itself any number of times.
func repeatDeflated(z *zip.Writer, name string, s hostileSheet) error {
	if s.times > 0 && len(s.middle) < 32<<10 {
		k := (32<<10)/len(s.middle) + 1 // middles in a piece; those left over go with the tail
		s.tail = strings.Repeat(s.middle, s.times%k) + s.tail
		s.middle, s.times = strings.Repeat(s.middle, k), s.times/k
	}
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.DefaultCompression)
	piece := func(text string) []byte {
		io.WriteString(fw, text)
		fw.Flush()
		out := bytes.Clone(buf.Bytes())
		buf.Reset()
		return out
	}
	head, first, again := piece(s.head), piece(s.middle), piece(s.middle)
	io.WriteString(fw, s.tail)
	fw.Close()
	tail := buf.Bytes()

	crc := crc32.Update(0, crc32.IEEETable, []byte(s.head))
	for range s.times {
		crc = crc32.Update(crc, crc32.IEEETable, []byte(s.middle))
	}
	crc = crc32.Update(crc, crc32.IEEETable, []byte(s.tail))
	size := uint64(len(s.head)) + uint64(s.times)*uint64(len(s.middle)) + uint64(len(s.tail))
	if s.declared != 0 {
		size = s.declared
	}
	compressed := uint64(len(head) + len(tail))
	if s.times > 0 {
		compressed += uint64(len(first))
	}
	if s.times > 1 {
		compressed += uint64(s.times-1) * uint64(len(again))
	}
	w, err := z.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64: compressed, UncompressedSize64: size})
	if err != nil {
		return err
	}
	w.Write(head)
	if s.times > 0 {
		w.Write(first)
	}
	for i := 1; i < s.times; i++ {
		if _, err := w.Write(again); err != nil {
			return err
		}
	}
	_, err = w.Write(tail)
	return err
}

// inflatingSheet is a list of two people followed by blank rows of blank
// cells, until the sheet inflates to about size bytes.
func inflatingSheet(size int64) hostileSheet {
	row := "<row>" + strings.Repeat("<c/>", 64) + "</row>"
	middle := strings.Repeat(row, (64<<10)/len(row))
	return hostileSheet{
		head: sheetHead + inlineRow(1, "Family name", "Given name") + inlineRow(2, "Àdìgún", "Ọláńrewájú") +
			inlineRow(3, "Diallo", "Aïssatou"),
		middle: middle, times: int(size / int64(len(middle))), tail: sheetTail}
}

// hugeCellSheet is a list whose second person's given name is one cell of
// size letters.
func hugeCellSheet(size int) hostileSheet {
	const chunk = 64 << 10
	return hostileSheet{
		head: sheetHead + inlineRow(1, "Family name", "Given name") + inlineRow(2, "Àdìgún", "Ọláńrewájú") +
			`<row r="3"><c r="A3" t="inlineStr"><is><t>Diallo</t></is></c><c r="B3" t="inlineStr"><is><t>`,
		middle: strings.Repeat("A", chunk), times: size / chunk,
		tail: `</t></is></c></row>` + sheetTail}
}
