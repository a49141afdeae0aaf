// Package importtest makes, for the tests of the importer and of the
// command line, the workbooks a hostile list is made of: a sheet that
// inflates to gigabytes from a few megabytes, a cell of a gigabyte.
package importtest

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

// Parts are the parts a minimal workbook needs besides its sheet.
var Parts = []struct{ Name, Text string }{
	{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
	{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
	{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Applicants" sheetId="1" r:id="rId1"/></sheets></workbook>`},
	{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
}

// SheetHead and SheetTail open and close a sheet's XML around its rows.
const (
	SheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	SheetTail = `</sheetData></worksheet>`
)

// InlineRow is a row of inline strings, as some programs write them.
func InlineRow(r int, cells ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, r)
	for i, c := range cells {
		fmt.Fprintf(&b, `<c r="%c%d" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+i, r, c)
	}
	b.WriteString("</row>")
	return b.String()
}

// Sheet is a sheet's XML: Head, then Middle repeated Times times, then
// Tail. Declared, when not zero, is the size the zip says it inflates to,
// whatever it really does.
type Sheet struct {
	Head, Middle, Tail string
	Times              int
	Declared           uint64
	Shared             string // the shared strings part, if any
}

// WriteXLSX writes a one-sheet workbook around sheet.
func WriteXLSX(t testing.TB, path string, sheet Sheet) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z := zip.NewWriter(f)
	for _, p := range Parts {
		w, err := z.Create(p.Name)
		if err != nil {
			t.Fatal(err)
		}
		text := p.Text
		if p.Name == "xl/_rels/workbook.xml.rels" && sheet.Shared != "" {
			text = strings.Replace(text, "</Relationships>", `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`, 1)
		}
		io.WriteString(w, text)
	}
	if sheet.Shared != "" {
		w, err := z.Create("xl/sharedStrings.xml")
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`+sheet.Shared+`</sst>`)
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
func repeatDeflated(z *zip.Writer, name string, s Sheet) error {
	if s.Times > 0 && len(s.Middle) < 32<<10 {
		k := (32<<10)/len(s.Middle) + 1 // middles in a piece; those left over go with the tail
		s.Tail = strings.Repeat(s.Middle, s.Times%k) + s.Tail
		s.Middle, s.Times = strings.Repeat(s.Middle, k), s.Times/k
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
	head, first, again := piece(s.Head), piece(s.Middle), piece(s.Middle)
	io.WriteString(fw, s.Tail)
	fw.Close()
	tail := buf.Bytes()

	crc := crc32.Update(0, crc32.IEEETable, []byte(s.Head))
	for range s.Times {
		crc = crc32.Update(crc, crc32.IEEETable, []byte(s.Middle))
	}
	crc = crc32.Update(crc, crc32.IEEETable, []byte(s.Tail))
	size := uint64(len(s.Head)) + uint64(s.Times)*uint64(len(s.Middle)) + uint64(len(s.Tail))
	if s.Declared != 0 {
		size = s.Declared
	}
	compressed := uint64(len(head) + len(tail))
	if s.Times > 0 {
		compressed += uint64(len(first))
	}
	if s.Times > 1 {
		compressed += uint64(s.Times-1) * uint64(len(again))
	}
	w, err := z.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64: compressed, UncompressedSize64: size})
	if err != nil {
		return err
	}
	w.Write(head)
	if s.Times > 0 {
		w.Write(first)
	}
	for i := 1; i < s.Times; i++ {
		if _, err := w.Write(again); err != nil {
			return err
		}
	}
	_, err = w.Write(tail)
	return err
}

// Inflating is a list of two people followed by blank rows of blank
// cells, until the sheet inflates to about size bytes.
func Inflating(size int64) Sheet {
	row := "<row>" + strings.Repeat("<c/>", 64) + "</row>"
	middle := strings.Repeat(row, (64<<10)/len(row))
	return Sheet{
		Head: SheetHead + InlineRow(1, "Family name", "Given name") + InlineRow(2, "Àdìgún", "Ọláńrewájú") +
			InlineRow(3, "Diallo", "Aïssatou"),
		Middle: middle, Times: int(size / int64(len(middle))), Tail: SheetTail}
}

// HugeCell is a list whose second person's given name is one cell of
// size letters.
func HugeCell(size int) Sheet {
	const chunk = 64 << 10
	return Sheet{
		Head: SheetHead + InlineRow(1, "Family name", "Given name") + InlineRow(2, "Àdìgún", "Ọláńrewájú") +
			`<row r="3"><c r="A3" t="inlineStr"><is><t>Diallo</t></is></c><c r="B3" t="inlineStr"><is><t>`,
		Middle: strings.Repeat("A", chunk), Times: size / chunk,
		Tail: `</t></is></c></row>` + SheetTail}
}
