package pdfsplit

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// Cutting a PDF into one file per page. fpdf set up anew for each of a
// thousand one-page documents spends nearly all its time re-reading and
// re-compressing the same fonts and logos (18–20 s for a thousand on two
// cores); laid out as one document and cut apart, the same thousand files
// take about a second more than the one document. Each file holds its page and what the page uses
// (fonts, images), copied byte for byte; streams are never decoded.

// pdfRef, pdfName, pdfToken, pdfArray and *pdfDict are the values of PDF
// object syntax; a pdfToken is a number, string, boolean or null, kept
// exactly as written.
type (
	pdfRef   struct{ num, gen int }
	pdfName  string // with its slash
	pdfToken []byte
	pdfArray []any
	pdfDict  struct {
		keys []pdfName
		vals map[pdfName]any
	}
)

func (d *pdfDict) get(key pdfName) any { return d.vals[key] }

func (d *pdfDict) set(key pdfName, v any) {
	if _, ok := d.vals[key]; !ok {
		d.keys = append(d.keys, key)
	}
	d.vals[key] = v
}

func (d *pdfDict) del(key pdfName) {
	if _, ok := d.vals[key]; ok {
		delete(d.vals, key)
		d.keys = slices.DeleteFunc(d.keys, func(k pdfName) bool { return k == key })
	}
}

func (d *pdfDict) clone() *pdfDict {
	c := &pdfDict{keys: slices.Clone(d.keys), vals: make(map[pdfName]any, len(d.vals))}
	for k, v := range d.vals {
		c.vals[k] = v
	}
	return c
}

// pdfObject is an indirect object: a value and, for a stream, its bytes as
// stored (still compressed).
type pdfObject struct {
	value  any
	stream []byte
}

// pdfFile is a parsed PDF with a classic cross-reference table, as fpdf
// writes: no object streams, no incremental updates.
type pdfFile struct {
	header  []byte // "%PDF-1.x" and the binary comment line
	objects map[int]*pdfObject
	trailer *pdfDict
}

var errPDFSyntax = errors.New("not a PDF this program can cut into pages")

func parsePDF(src []byte) (*pdfFile, error) {
	start := bytes.LastIndex(src, []byte("startxref"))
	if !bytes.HasPrefix(src, []byte("%PDF-")) || start < 0 {
		return nil, errPDFSyntax
	}
	l := &pdfLexer{b: src, pos: start + len("startxref")}
	xref, err := strconv.Atoi(string(l.word()))
	if err != nil || xref <= 0 || xref >= len(src) {
		return nil, errPDFSyntax
	}
	l.pos = xref
	if string(l.word()) != "xref" {
		return nil, errPDFSyntax
	}
	// Offsets by object number; each object ends where the next begins.
	offsets := map[int]int{}
	for {
		mark := l.pos
		first, err1 := strconv.Atoi(string(l.word()))
		count, err2 := strconv.Atoi(string(l.word()))
		if err1 != nil || err2 != nil {
			l.pos = mark
			break
		}
		if first < 0 || count < 0 || count > (len(src)-l.pos)/18 { // an entry takes 20 bytes
			return nil, fmt.Errorf("%w: cross-reference table out of bounds", errPDFSyntax)
		}
		for i := range count {
			offset, _ := strconv.Atoi(string(l.word()))
			l.word() // generation
			if string(l.word()) == "n" {
				offsets[first+i] = offset
			}
		}
	}
	if string(l.word()) != "trailer" {
		return nil, errPDFSyntax
	}
	trailer, ok := l.value().(*pdfDict)
	if !ok || l.err != nil {
		return nil, errPDFSyntax
	}
	ends := []int{xref}
	for _, o := range offsets {
		ends = append(ends, o)
	}
	slices.Sort(ends)
	f := &pdfFile{objects: map[int]*pdfObject{}, trailer: trailer}
	if len(ends) > 1 {
		f.header = src[:ends[0]]
	}
	for num, off := range offsets {
		i, _ := slices.BinarySearch(ends, off)
		if off < 0 || i+1 >= len(ends) {
			return nil, fmt.Errorf("%w: object %d lies beyond the table", errPDFSyntax, num)
		}
		end := ends[i+1]
		obj, err := parseObject(src[off:end], num)
		if err != nil {
			return nil, err
		}
		f.objects[num] = obj
	}
	return f, nil
}

// parseObject reads "num 0 obj value [stream … endstream] endobj".
func parseObject(span []byte, num int) (*pdfObject, error) {
	l := &pdfLexer{b: span}
	if n, _ := strconv.Atoi(string(l.word())); n != num {
		return nil, fmt.Errorf("%w: object %d is not where the table says", errPDFSyntax, num)
	}
	l.word()
	if string(l.word()) != "obj" {
		return nil, errPDFSyntax
	}
	obj := &pdfObject{value: l.value()}
	if l.err != nil {
		return nil, fmt.Errorf("%w: object %d: %v", errPDFSyntax, num, l.err)
	}
	l.space()
	if !bytes.HasPrefix(span[l.pos:], []byte("stream")) {
		return obj, nil
	}
	l.pos += len("stream")
	if bytes.HasPrefix(span[l.pos:], []byte("\r\n")) {
		l.pos += 2
	} else if l.pos < len(span) && span[l.pos] == '\n' {
		l.pos++
	}
	end := bytes.LastIndex(span, []byte("endstream"))
	if dict, ok := obj.value.(*pdfDict); ok {
		if t, ok := dict.get("/Length").(pdfToken); ok {
			if n, err := strconv.Atoi(string(t)); err == nil && l.pos+n <= len(span) {
				end = l.pos + n
			}
		}
	}
	if end < l.pos {
		return nil, fmt.Errorf("%w: object %d: stream without end", errPDFSyntax, num)
	}
	obj.stream = span[l.pos:end]
	return obj, nil
}

type pdfLexer struct {
	b   []byte
	pos int
	err error
}

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPDFDelimiter(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (l *pdfLexer) space() {
	for l.pos < len(l.b) {
		switch c := l.b[l.pos]; {
		case isPDFSpace(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

// word reads a run of regular characters: a number, keyword or the like.
func (l *pdfLexer) word() []byte {
	l.space()
	return l.regular()
}

func (l *pdfLexer) regular() []byte {
	start := l.pos
	for l.pos < len(l.b) && !isPDFSpace(l.b[l.pos]) && !isPDFDelimiter(l.b[l.pos]) {
		l.pos++
	}
	return l.b[start:l.pos]
}

func (l *pdfLexer) fail(what string) any {
	if l.err == nil {
		l.err = fmt.Errorf("%s at byte %d", what, l.pos)
	}
	l.pos = len(l.b)
	return nil
}

func (l *pdfLexer) value() any {
	l.space()
	if l.pos >= len(l.b) {
		return l.fail("value missing")
	}
	start := l.pos
	switch l.b[l.pos] {
	case '<':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '<' {
			return l.dict()
		}
		end := bytes.IndexByte(l.b[l.pos:], '>')
		if end < 0 {
			return l.fail("hex string without end")
		}
		l.pos += end + 1
		return pdfToken(l.b[start:l.pos])
	case '(':
		return l.literal()
	case '[':
		l.pos++
		var a pdfArray
		for {
			l.space()
			if l.pos >= len(l.b) {
				return l.fail("array without end")
			}
			if l.b[l.pos] == ']' {
				l.pos++
				return a
			}
			a = append(a, l.value())
		}
	case '/':
		l.pos++
		l.regular()
		return pdfName(l.b[start:l.pos])
	}
	w := l.word()
	if len(w) == 0 {
		return l.fail(fmt.Sprintf("unexpected %q", l.b[l.pos]))
	}
	// "num gen R" is a reference; anything else after a number is not
	// part of it.
	if num, err := strconv.Atoi(string(w)); err == nil {
		mark := l.pos
		if gen, err := strconv.Atoi(string(l.word())); err == nil && string(l.word()) == "R" {
			return pdfRef{num, gen}
		}
		l.pos = mark
	}
	return pdfToken(w)
}

func (l *pdfLexer) dict() any {
	l.pos += 2
	d := &pdfDict{vals: map[pdfName]any{}}
	for {
		l.space()
		if bytes.HasPrefix(l.b[l.pos:], []byte(">>")) {
			l.pos += 2
			return d
		}
		key, ok := l.value().(pdfName)
		if !ok {
			return l.fail("dictionary key is not a name")
		}
		d.set(key, l.value())
	}
}

// literal reads a (string), whose parentheses nest unless escaped.
func (l *pdfLexer) literal() any {
	start, depth := l.pos, 0
	for ; l.pos < len(l.b); l.pos++ {
		switch l.b[l.pos] {
		case '\\':
			l.pos++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				l.pos++
				return pdfToken(l.b[start:l.pos])
			}
		}
	}
	return l.fail("string without end")
}

// pdfWriter writes objects under new numbers and keeps the table.
type pdfWriter struct {
	buf     bytes.Buffer
	number  map[int]int // old number → new
	offsets []int       // by new number, from 1
}

func (w *pdfWriter) value(v any) {
	switch v := v.(type) {
	case pdfRef:
		if n, ok := w.number[v.num]; ok {
			fmt.Fprintf(&w.buf, "%d 0 R", n)
		} else {
			w.buf.WriteString("null") // what the one page does not carry, such as a link to another page
		}
	case pdfName:
		w.buf.WriteString(string(v))
	case pdfToken:
		w.buf.Write(v)
	case pdfArray:
		w.buf.WriteByte('[')
		for i, item := range v {
			if i > 0 {
				w.buf.WriteByte(' ')
			}
			w.value(item)
		}
		w.buf.WriteByte(']')
	case *pdfDict:
		w.buf.WriteString("<<")
		for _, k := range v.keys {
			w.buf.WriteString(string(k))
			w.buf.WriteByte(' ')
			w.value(v.vals[k])
			w.buf.WriteByte('\n')
		}
		w.buf.WriteString(">>")
	default:
		w.buf.WriteString("null")
	}
}

func (w *pdfWriter) object(obj *pdfObject) {
	w.offsets = append(w.offsets, w.buf.Len())
	fmt.Fprintf(&w.buf, "%d 0 obj\n", len(w.offsets))
	w.value(obj.value)
	if obj.stream != nil {
		w.buf.WriteString("\nstream\n")
		w.buf.Write(obj.stream)
		w.buf.WriteString("\nendstream")
	}
	w.buf.WriteString("\nendobj\n")
}

// pages lists the page objects in order; fpdf's page tree is flat.
func (f *pdfFile) pages() (tree *pdfDict, pages []int, err error) {
	catalog, ok := f.deref(f.trailer.get("/Root")).(*pdfDict)
	if !ok {
		return nil, nil, errPDFSyntax
	}
	if tree, ok = f.deref(catalog.get("/Pages")).(*pdfDict); !ok {
		return nil, nil, errPDFSyntax
	}
	kids, _ := f.deref(tree.get("/Kids")).(pdfArray)
	for _, kid := range kids {
		ref, ok := kid.(pdfRef)
		page, isDict := f.deref(kid).(*pdfDict)
		if !ok || !isDict || string(pdfNameOf(page.get("/Type"))) != "/Page" {
			return nil, nil, fmt.Errorf("%w: nested or missing page", errPDFSyntax)
		}
		pages = append(pages, ref.num)
	}
	return tree, pages, nil
}

func pdfNameOf(v any) pdfName { n, _ := v.(pdfName); return n }

func (f *pdfFile) deref(v any) any {
	if r, ok := v.(pdfRef); ok {
		if obj := f.objects[r.num]; obj != nil {
			return obj.value
		}
		return nil
	}
	return v
}

// inheritable are the page attributes a page may take from the page tree.
var inheritable = []pdfName{"/Resources", "/MediaBox", "/CropBox", "/Rotate"}

// pageCutter cuts single pages out of a parsed PDF.
type pageCutter struct {
	f       *pdfFile
	pages   []int // object numbers, in page order
	isPage  map[int]bool
	tree    *pdfDict
	catalog *pdfDict // the document's, less what points at other pages
}

// New numbers in every file cut: catalog 1, page tree 2, the page 3, then
// what they use. The catalog and tree are made anew, so they take numbers
// no object of the source has.
const cutCatalogNum, cutTreeNum = -1, -2

// newPageCutter parses src, a PDF as fpdf writes it, and finds its pages;
// nothing is cut yet, so a caller can check the page count first.
func newPageCutter(src []byte) (*pageCutter, error) {
	f, err := parsePDF(src)
	if err != nil {
		return nil, err
	}
	tree, pages, err := f.pages()
	if err != nil {
		return nil, err
	}
	c := &pageCutter{f: f, pages: pages, isPage: map[int]bool{}, tree: tree}
	for _, p := range pages {
		c.isPage[p] = true
	}
	c.catalog = f.deref(f.trailer.get("/Root")).(*pdfDict).clone()
	for _, k := range []pdfName{"/OpenAction", "/Outlines", "/Dests", "/Names", "/StructTreeRoot"} {
		c.catalog.del(k)
	}
	c.catalog.set("/Pages", pdfRef{cutTreeNum, 0})
	return c, nil
}

func (c *pageCutter) pageCount() int { return len(c.pages) }

// cut makes a PDF of page i (from 0) alone, with what it uses and the
// document information (title, creator); lang, when not empty, becomes
// the file's language.
func (c *pageCutter) cut(i int, lang string) []byte {
	f, pageNum := c.f, c.pages[i]
	page := f.objects[pageNum].value.(*pdfDict).clone()
	for _, k := range inheritable {
		if page.get(k) == nil && c.tree.get(k) != nil {
			page.set(k, c.tree.get(k))
		}
	}
	page.set("/Parent", pdfRef{cutTreeNum, 0})
	cat := c.catalog
	if lang != "" {
		cat = c.catalog.clone()
		cat.set("/Lang", pdfToken("("+escapePDFString(lang)+")"))
	}
	w := &pdfWriter{number: map[int]int{cutCatalogNum: 1, cutTreeNum: 2, pageNum: 3}}
	order := []int{}
	var visit func(v any)
	visit = func(v any) {
		switch v := v.(type) {
		case pdfRef:
			if _, seen := w.number[v.num]; seen || c.isPage[v.num] || f.objects[v.num] == nil {
				return
			}
			w.number[v.num] = len(w.number) + 1
			order = append(order, v.num)
			visit(f.objects[v.num].value)
		case pdfArray:
			for _, item := range v {
				visit(item)
			}
		case *pdfDict:
			for _, k := range v.keys {
				visit(v.vals[k])
			}
		}
	}
	visit(page)
	visit(cat)
	info, hasInfo := f.trailer.get("/Info").(pdfRef)
	if hasInfo {
		visit(info)
	}
	w.buf.Write(f.header)
	w.object(&pdfObject{value: cat})
	w.object(&pdfObject{value: &pdfDict{keys: []pdfName{"/Type", "/Kids", "/Count"},
		vals: map[pdfName]any{"/Type": pdfName("/Pages"), "/Kids": pdfArray{pdfRef{pageNum, 0}}, "/Count": pdfToken("1")}}})
	w.object(&pdfObject{value: page})
	for _, num := range order {
		w.object(f.objects[num])
	}
	xref := w.buf.Len()
	fmt.Fprintf(&w.buf, "xref\n0 %d\n0000000000 65535 f \n", len(w.offsets)+1)
	for _, off := range w.offsets {
		fmt.Fprintf(&w.buf, "%010d 00000 n \n", off)
	}
	trailer := &pdfDict{keys: []pdfName{"/Size", "/Root"},
		vals: map[pdfName]any{"/Size": pdfToken(strconv.Itoa(len(w.offsets) + 1)), "/Root": pdfRef{cutCatalogNum, 0}}}
	if hasInfo {
		trailer.set("/Info", info)
	}
	w.buf.WriteString("trailer\n")
	w.value(trailer)
	fmt.Fprintf(&w.buf, "\nstartxref\n%d\n%%%%EOF\n", xref)
	return w.buf.Bytes()
}

// escapePDFString escapes what a literal string cannot hold as it is.
func escapePDFString(s string) string {
	var b bytes.Buffer
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '(' || c == ')' || c == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
