package importer

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/atelier-workshops/atelier/data"
)

// xlsxBook reads an .xlsx workbook straight from its zip, one part at a
// time and as a stream: the workbook (sheet names), the styles (which
// numbers are dates), the shared strings and the one sheet asked for. The
// images and everything else in the file are never inflated, no part is
// held whole, and every limit of limits.go is checked as the bytes come.
// (excelize, which writes our workbooks, inflates every part into memory
// or into temporary files before looking at any, and trusts the sizes the
// zip declares.)
type xlsxBook struct {
	file      string // the file's name, for messages
	parts     map[string]*zip.File
	sheets    []string
	sheetPart map[string]string
	sstPart   string
	date1904  bool
	numFmt    []int          // per cell style: its number format
	fmtCode   map[int]string // the workbook's own number formats

	mu         sync.Mutex // a sheet may be read again while the last read is still going
	shared     []string
	sharedRead bool
}

// tokenLimit bounds what one XML token may take from the stream: a cell
// of MaxCellLength characters, each written as a character reference
// ("&#x1F600;") at worst, fits in it.
const tokenLimit = MaxCellLength * 10

func openXLSX(name string, r io.ReaderAt, size int64) (*xlsxBook, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (%v)", name, ErrDamaged, err)
	}
	b := &xlsxBook{file: name, parts: map[string]*zip.File{}, sheetPart: map[string]string{}, fmtCode: map[int]string{}}
	for _, f := range zr.File {
		b.parts[partName(f.Name)] = f
	}
	workbook := "xl/workbook.xml"
	for _, rel := range b.relationships("") {
		if strings.HasSuffix(rel.kind, "/officeDocument") {
			workbook = rel.target
		}
	}
	if b.parts[workbook] == nil {
		return nil, fmt.Errorf("%s: %w (it has no workbook part)", name, ErrFormat)
	}
	ids := map[string]string{}
	styles := ""
	for _, rel := range b.relationships(workbook) {
		ids[rel.id] = rel.target
		switch {
		case strings.HasSuffix(rel.kind, "/sharedStrings"):
			b.sstPart = rel.target
		case strings.HasSuffix(rel.kind, "/styles"):
			styles = rel.target
		}
	}
	// A part declared bigger than every limit is refused before anything
	// is inflated; one that declares less than it holds is stopped by the
	// count as it is read (see budget).
	declared := uint64(0)
	for _, part := range []string{workbook, b.sstPart, styles} {
		if f := b.parts[part]; f != nil {
			declared += f.UncompressedSize64
		}
	}
	if declared > MaxUnpacked {
		return nil, errUnpacked(name)
	}
	budget := int64(MaxUnpacked)
	err = b.scan(workbook, &budget, nil, func(_ *tokens, t xml.StartElement) error {
		switch t.Name.Local {
		case "sheet":
			sheet, id := attr(t, "name"), ""
			for _, a := range t.Attr {
				if a.Name.Local == "id" && a.Name.Space != "" {
					id = a.Value
				}
			}
			if part := ids[id]; sheet != "" && part != "" {
				b.sheets = append(b.sheets, sheet)
				b.sheetPart[sheet] = part
			}
		case "workbookPr":
			b.date1904 = attr(t, "date1904") == "1" || attr(t, "date1904") == "true"
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(b.sheets) == 0 {
		return nil, fmt.Errorf("%s: %w (it has no sheet)", name, ErrFormat)
	}
	if styles != "" && b.parts[styles] != nil {
		if err := b.readStyles(styles, &budget); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// partName is how a zip entry is looked up: forward slashes, lower case.
func partName(s string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(s, `\`, "/"), "/"))
}

type relationship struct{ id, kind, target string }

// relationships reads the relations of a part ("" for the package's own),
// with their targets resolved to part names.
func (b *xlsxBook) relationships(part string) []relationship {
	dir, base := path.Split(part)
	budget := int64(MaxUnpacked)
	var out []relationship
	b.scan(dir+"_rels/"+base+".rels", &budget, nil, func(_ *tokens, t xml.StartElement) error {
		if t.Name.Local == "Relationship" && attr(t, "TargetMode") != "External" {
			target := attr(t, "Target")
			if !strings.HasPrefix(target, "/") {
				target = path.Join(dir, target)
			}
			out = append(out, relationship{attr(t, "Id"), attr(t, "Type"), partName(target)})
		}
		return nil
	})
	return out
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// budget counts what a part inflates to against what is left of
// MaxUnpacked, and what one token takes against tokenLimit, as the bytes
// come out of the zip: neither a declared size nor a hostile file's
// compression ratio matters.
type budget struct {
	r         io.Reader
	left      *int64
	sinceMark int
	file      string
	where     func() string // what a too long token is said to be
}

func (g *budget) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	*g.left -= int64(n)
	g.sinceMark += n
	switch {
	case *g.left < 0:
		return 0, errUnpacked(g.file)
	case g.sinceMark > tokenLimit+len(p):
		return 0, errCellTooLong(g.file, g.where())
	}
	return n, err
}

// tokens is a stream of XML tokens within budget.
type tokens struct {
	dec *xml.Decoder
	g   *budget
}

// next returns the next token; its character data is only good until the
// next call.
func (t *tokens) next() (xml.Token, error) {
	t.g.sinceMark = 0
	return t.dec.RawToken()
}

// inner returns the next token inside an element: the part may not end
// there.
func (t *tokens) inner() (xml.Token, error) {
	tok, err := t.next()
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return tok, err
}

// scan reads a part token by token and hands each start element to fn.
// A part that is missing is empty.
func (b *xlsxBook) scan(part string, left *int64, where func() string, fn func(*tokens, xml.StartElement) error) error {
	f := b.parts[part]
	if f == nil {
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%s: %w (%v)", b.file, ErrDamaged, err)
	}
	defer rc.Close()
	if where == nil {
		where = func() string { return "a part of the workbook" }
	}
	g := &budget{r: rc, left: left, file: b.file, where: where}
	ts := &tokens{dec: xml.NewDecoder(g), g: g}
	for {
		tok, err := ts.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return b.readError(err)
		}
		if t, ok := tok.(xml.StartElement); ok {
			if err := fn(ts, t); err != nil {
				return b.readError(err)
			}
		}
	}
}

// readError keeps a limit's own message; anything else the zip or the XML
// says is a damaged file.
func (b *xlsxBook) readError(err error) error {
	var limit data.FieldError
	if errors.As(err, &limit) || errors.Is(err, ErrFormat) {
		return err
	}
	return fmt.Errorf("%s: %w (%v)", b.file, ErrDamaged, err)
}

// text reads the text of the element just started, up to its end, leaving
// out phonetic guides (rPh): the text of a <t>, of the runs of an <si> or
// an <is>. It stops at a cell's limit.
func (t *tokens) text(end string, limit int, where func() string, file string) (string, error) {
	var b strings.Builder
	inT, inPhonetic := end == "v", false
	for depth := 1; depth > 0; {
		tok, err := t.inner()
		if err != nil {
			return "", err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			depth++
			switch e.Name.Local {
			case "t":
				inT = true
			case "rPh":
				inPhonetic = true
			}
		case xml.EndElement:
			depth--
			switch e.Name.Local {
			case "t":
				inT = false
			case "rPh":
				inPhonetic = false
			}
		case xml.CharData:
			if inT && !inPhonetic {
				b.Write(e)
				if b.Len() > limit*utf8.UTFMax {
					return "", errCellTooLong(file, where())
				}
			}
		}
	}
	s := b.String()
	if utf8.RuneCountInString(s) > limit {
		return "", errCellTooLong(file, where())
	}
	return unescapeOOXML(s), nil
}

// sharedStrings reads the texts cells share, once.
func (b *xlsxBook) sharedStrings(left *int64) ([]string, error) {
	if b.sharedRead {
		return b.shared, nil
	}
	if f := b.parts[b.sstPart]; f != nil && f.UncompressedSize64 > uint64(*left) {
		return nil, errUnpacked(b.file)
	}
	var out []string
	text := 0
	where := func() string { return "a text shared by cells" }
	err := b.scan(b.sstPart, left, where, func(ts *tokens, t xml.StartElement) error {
		if t.Name.Local != "si" {
			return nil
		}
		s, err := ts.text("si", MaxCellLength, where, b.file)
		if err != nil {
			return err
		}
		if text += len(s); len(out) >= MaxCells || text > MaxText {
			return errTooManyCells(b.file, b.sheets[0])
		}
		out = append(out, s)
		return nil
	})
	if err != nil {
		return nil, err
	}
	b.shared, b.sharedRead = out, true
	return out, nil
}

// readStyles notes the number format of each cell style, for dates and
// numbers padded with zeros.
func (b *xlsxBook) readStyles(part string, left *int64) error {
	inCellXfs := false
	return b.scan(part, left, nil, func(_ *tokens, t xml.StartElement) error {
		switch t.Name.Local {
		case "numFmt":
			if id, err := strconv.Atoi(attr(t, "numFmtId")); err == nil {
				b.fmtCode[id] = attr(t, "formatCode")
			}
		case "cellXfs":
			inCellXfs = true
		case "cellStyleXfs", "dxfs":
			inCellXfs = false
		case "xf":
			if inCellXfs && len(b.numFmt) < MaxCells {
				id, _ := strconv.Atoi(attr(t, "numFmtId"))
				b.numFmt = append(b.numFmt, id)
			}
		}
		return nil
	})
}

// unescapeOOXML undoes the _xHHHH_ escapes that Office writes for
// characters XML cannot hold; _x005F_ is an underscore.
func unescapeOOXML(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || i+7 > len(s) {
			break
		}
		code, err := strconv.ParseUint(s[i+2:i+6], 16, 16)
		if err != nil || s[i+6] != '_' {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteRune(rune(code))
		s = s[i+7:]
	}
	b.WriteString(s)
	return b.String()
}
