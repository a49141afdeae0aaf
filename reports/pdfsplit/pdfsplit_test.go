package pdfsplit

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// splitAll cuts every page of pdf, in the language lang gives it.
func splitAll(t *testing.T, pdf []byte, lang func(int) string) [][]byte {
	t.Helper()
	cutter, err := newPageCutter(pdf)
	if err != nil {
		t.Fatal(err)
	}
	files := make([][]byte, cutter.pageCount())
	for i := range files {
		files[i] = cutter.cut(i, lang(i))
	}
	return files
}

// Each file cut from a document is one page, with the document's title
// (however awkward its characters) and the language it was given. The
// pages' texts are checked where certificates are cut, in package reports
// (TestCutCertificatesOnePageEachWithItsOwnText).
func TestSplitPDFOnePageEachWithItsTitleAndLanguage(t *testing.T) {
	pdf := fpdf.New("L", "mm", "A4", "")
	pdf.SetFont("Helvetica", "", 12)
	pdf.SetTitle(`Budget (2022) \ ) ( >> stream endobj 1 0 R`, true)
	langs := []string{"en", "fr", "en", "es"}
	for _, l := range langs {
		pdf.AddPage()
		pdf.Text(20, 20, "page in "+l)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	all := buf.Bytes()
	files := splitAll(t, all, func(page int) string { return langs[page] })
	if len(files) != len(langs) {
		t.Fatalf("%d files from %d pages", len(files), len(langs))
	}
	source, err := parsePDF(all)
	if err != nil {
		t.Fatal(err)
	}
	wantTitle := source.deref(source.trailer.get("/Info")).(*pdfDict).get("/Title")
	for i, file := range files {
		f, err := parsePDF(file)
		if err != nil {
			t.Fatalf("file %d does not parse back: %v", i, err)
		}
		if _, pages, err := f.pages(); err != nil || len(pages) != 1 {
			t.Errorf("file %d: %d pages (%v)", i, len(pages), err)
		}
		catalog := f.deref(f.trailer.get("/Root")).(*pdfDict)
		if got, want := string(catalog.get("/Lang").(pdfToken)), "("+langs[i]+")"; got != want {
			t.Errorf("file %d: language %s, want %s", i, got, want)
		}
		if title := f.deref(f.trailer.get("/Info")).(*pdfDict).get("/Title"); !bytes.Equal(title.(pdfToken), wantTitle.(pdfToken)) {
			t.Errorf("file %d: title %s, want %s", i, title, wantTitle)
		}
		checkWithQPDF(t, file)
	}
}

// checkWithQPDF has an independent reader check a file's structure, when
// qpdf is installed.
func checkWithQPDF(t *testing.T, pdf []byte) {
	t.Helper()
	qpdf, err := exec.LookPath("qpdf")
	if err != nil {
		t.Log("qpdf not installed: structure checked by our own reader only")
		return
	}
	path := filepath.Join(t.TempDir(), "page.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(qpdf, "--check", path).CombinedOutput(); err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

// A page that links to another page keeps the link's text but not the
// other page, which is not in its file.
func TestSplitPDFLeavesOtherPagesOut(t *testing.T) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetFont("Helvetica", "", 12)
	pdf.AddPage()
	link := pdf.AddLink()
	pdf.WriteLinkID(6, "to page two", link)
	pdf.AddPage()
	pdf.SetLink(link, 0, 2)
	pdf.Text(20, 20, "page two")
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	files := splitAll(t, buf.Bytes(), func(int) string { return "" })
	if len(files) != 2 {
		t.Fatalf("%d files", len(files))
	}
	for i, file := range files {
		f, err := parsePDF(file)
		if err != nil {
			t.Fatal(err)
		}
		pages := 0
		for _, obj := range f.objects {
			if d, ok := obj.value.(*pdfDict); ok && pdfNameOf(d.get("/Type")) == "/Page" {
				pages++
			}
		}
		if pages != 1 {
			t.Errorf("file %d carries %d page objects", i, pages)
		}
		checkWithQPDF(t, file)
	}
}

func TestSplitPDFRefusesWhatIsNotAPDF(t *testing.T) {
	var buf bytes.Buffer
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddPage()
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	whole := buf.Bytes()
	// The first object said to lie far beyond the end of the file.
	free := bytes.Index(whole, []byte("65535 f \n")) + len("65535 f \n")
	badOffsets := slices.Concat(whole[:free], []byte("0000999999"), whole[free+10:])
	for name, src := range map[string][]byte{
		"empty":       nil,
		"text":        []byte("a letter, not a document"),
		"cut short":   whole[:len(whole)/2],
		"no trailer":  bytes.Replace(whole, []byte("trailer"), []byte("xxxxxxx"), 1),
		"bad offsets": badOffsets,
	} {
		_, err := newPageCutter(src)
		if !errors.Is(err, errPDFSyntax) {
			t.Errorf("%s: err %v, want a refusal", name, err)
		}
	}
}

// Whatever the bytes, cutting them fails cleanly or succeeds; it never
// panics.
func FuzzSplitPDF(f *testing.F) {
	var buf bytes.Buffer
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetFont("Helvetica", "", 12)
	pdf.SetTitle("A (title) with \\ odd characters", true)
	for _, s := range []string{"one", "two"} {
		pdf.AddPage()
		pdf.Text(20, 20, s)
	}
	if err := pdf.Output(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add(buf.Bytes()[:buf.Len()-40])
	f.Fuzz(func(t *testing.T, src []byte) {
		cutter, err := newPageCutter(src)
		if err != nil {
			return
		}
		for i := range cutter.pageCount() {
			cutter.cut(i, "fr")
		}
	})
}
