package reports

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports/pdfsplit"
)

func TestSafeFileNameFromHostileNames(t *testing.T) {
	long := strings.Repeat("Ọ̀ṣúntókí ", 30)
	for _, name := range []string{"../../x", "CON", "con.txt", "a/b", `a\b`, "..", ".", "", "  ", "NUL ", "x:y*z?",
		"tab\there", long, "Ọ̀ṣun Bello"} {
		got := SafeFileName(name, ".pdf")
		base := strings.TrimSuffix(got, ".pdf")
		switch {
		case strings.ContainsAny(got, `/\:*?"<>|`) || strings.ContainsRune(got, '\t'):
			t.Errorf("SafeFileName(%q) = %q holds a separator or reserved character", name, got)
		case base == "" || base == "." || base == "..":
			t.Errorf("SafeFileName(%q) = %q is empty or a dot name", name, got)
		case windowsReserved[strings.ToUpper(strings.SplitN(base, ".", 2)[0])]:
			t.Errorf("SafeFileName(%q) = %q is reserved on Windows", name, got)
		case len(got) > maxFileNameBytes || !utf8.ValidString(got):
			t.Errorf("SafeFileName(%q) is %d bytes long", name, len(got))
		case isMark([]rune(base)[0]):
			t.Errorf("SafeFileName(%q) starts with a mark", name)
		}
		if filepath.Dir(filepath.Join("/tmp/out", got)) != "/tmp/out" {
			t.Errorf("SafeFileName(%q) = %q leaves the folder", name, got)
		}
	}
	if got := SafeFileName("Ọ̀ṣun Bello", ".pdf"); got != nfc("Ọ̀ṣun Bello.pdf") {
		t.Errorf("a plain name changed: %q", got)
	}
}

// Each file cut from the certificates is one page with that page's text
// and no other's, in the language of its own holder, whatever the title.
// The cutting itself is tested in package pdfsplit.
func TestCutCertificatesOnePageEachWithItsOwnText(t *testing.T) {
	_, d := lagosCertificates(t)
	d.Certificates = d.Certificates[:4]
	d.Certificates[1].Language = data.French
	d.Workshop.Title = `Budget (2022) \ ) ( >> stream endobj 1 0 R`
	all := writeCertificates(t, d)
	cutter, err := pdfsplit.New(all)
	if err != nil {
		t.Fatal(err)
	}
	if cutter.Pages() != len(d.Certificates) {
		t.Fatalf("%d pages for %d certificates", cutter.Pages(), len(d.Certificates))
	}
	for i, c := range d.Certificates {
		lang := string(known(c.Language))
		file := cutter.Cut(i, lang)
		assertHolds(t, file, []string{c.HolderName, c.Serial, c.Code})
		text := joined(pdfText(t, file))
		for j, other := range d.Certificates {
			if j != i && strings.Contains(text, nfc(other.Serial)) {
				t.Errorf("file %d holds the serial of page %d", i, j)
			}
		}
		if !bytes.Contains(file, []byte("/Lang ("+lang+")")) {
			t.Errorf("file %d is not in %s", i, lang)
		}
	}
}

func TestCertificateFilesOneEachInsideTheFolder(t *testing.T) {
	_, d := lagosCertificates(t)
	d.Certificates = d.Certificates[:3]
	d.Certificates[0].HolderName = "../../x"
	d.Certificates[1].HolderName = "CON"
	d.Certificates[2].HolderName = "a/b"
	dir := filepath.Join(t.TempDir(), "certificates")
	paths, err := PrintCertificates(d, dir+".pdf", dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(paths) != 3 || len(entries) != 3 {
		t.Fatalf("wrote %v; the folder holds %d files", paths, len(entries))
	}
	for i, p := range paths {
		if filepath.Dir(p) != dir {
			t.Errorf("%q is not in the folder", p)
		}
		pdf, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		assertHolds(t, pdf, []string{d.Certificates[i].HolderName, d.Certificates[i].Code})
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(filepath.Dir(dir)), "x")); err == nil {
		t.Error("a file escaped the folder")
	}
}

// A run cancelled while the files are written leaves the PDF and the
// folder as they were: the older files of the same names untouched,
// nothing new, no temporary file behind; a folder it made itself is gone
// again.
func TestCertificateFilesStopWhenCancelled(t *testing.T) {
	_, d := lagosCertificates(t)
	dir := t.TempDir()
	older := filepath.Join(dir, certificateFileNames(d.Certificates)[0])
	if err := os.WriteFile(older, []byte("the certificate printed yesterday"), 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(t.TempDir(), "certificates.pdf")
	if err := os.WriteFile(pdf, []byte("the PDF printed yesterday"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Past the pages, after the first file or two.
	cancelAfterAFile := func(done, total int) bool { return done < total/2+2 }
	_, err := PrintCertificates(d, pdf, dir, cancelAfterAFile)
	if !errors.Is(err, ErrCancelled) {
		t.Errorf("err %v, want cancelled", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d entries after a cancel, want the 1 it had", len(entries))
	}
	for path, want := range map[string]string{older: "the certificate printed yesterday", pdf: "the PDF printed yesterday"} {
		if got, _ := os.ReadFile(path); string(got) != want {
			t.Errorf("%s now holds %.40q", filepath.Base(path), got)
		}
	}
	if entries, _ := os.ReadDir(filepath.Dir(pdf)); len(entries) != 1 {
		t.Errorf("%d entries beside the PDF, want it alone", len(entries))
	}

	made := filepath.Join(dir, "new folder")
	if _, err := PrintCertificates(d, made+".pdf", made, cancelAfterAFile); !errors.Is(err, ErrCancelled) {
		t.Errorf("err %v, want cancelled", err)
	}
	if _, err := os.Stat(made); err == nil {
		t.Error("the folder made for a cancelled run is still there")
	}
}

// A document that is not the certificates' own (a page more or less) is
// refused before any file is written.
func TestCutCertificateFilesRefusesAnotherDocument(t *testing.T) {
	_, d := lagosCertificates(t)
	d.Certificates = d.Certificates[:3]
	printed := writeCertificates(t, d)
	d.Certificates = d.Certificates[:2]
	dir := t.TempDir()
	err := cutCertificateFiles(d, printed, dir, nil)
	if err == nil || !strings.Contains(err.Error(), "3 pages for 2 certificates") {
		t.Errorf("err %v, want the page count named", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files written for a refused document: %v", entries)
	}
}

// Separate files are cut from the single PDF with the fonts and images
// their page uses: a name in another script, and wording the workshop
// wrote itself, must print in them as on the page they were cut from.
func TestCertificateFilesPrintLettersBeyondTheWording(t *testing.T) {
	_, d := lagosCertificates(t)
	d.Certificates = d.Certificates[:2]
	d.Certificates[0].HolderName = "Пётр Ильич Чайковский"
	d.Certificates[1].HolderName = "Nguyễn Thị Ánh Tuyết"
	d.Wording[data.English] = data.CertificateWording{Title: "Ευχαριστήριο Certificate"}
	dir := t.TempDir()
	one := filepath.Join(dir, "one.pdf")
	paths, err := PrintCertificates(d, one, filepath.Join(dir, "one"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range paths {
		pdf, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		assertHolds(t, pdf, []string{d.Certificates[i].HolderName, "Ευχαριστήριο Certificate", "21–25 November 2022"})
	}
	// Text extraction reads the text even where a glyph is missing: only
	// a rendering tells, so the files must look exactly like the pages of
	// the single PDF they were cut from.
	pdftoppm, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Skip("pdftoppm not installed")
	}
	render := func(pdf string, page int) []byte {
		out := filepath.Join(dir, "page")
		p := strconv.Itoa(page)
		if msg, err := exec.Command(pdftoppm, "-r", "60", "-f", p, "-l", p, "-singlefile", "-png", pdf, out).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, msg)
		}
		png, err := os.ReadFile(out + ".png")
		if err != nil {
			t.Fatal(err)
		}
		return png
	}
	for i, p := range paths {
		if !bytes.Equal(render(p, 1), render(one, i+1)) {
			t.Errorf("%s does not look like page %d of the single PDF", filepath.Base(p), i+1)
		}
	}
}

func TestIssueAndPrintCertificates(t *testing.T) {
	st, res := demoStore(t)
	dir := t.TempDir()

	// The planned workshop has no attendance yet: nobody is eligible, and
	// no file is made.
	pdf := filepath.Join(dir, "planned.pdf")
	if _, _, err := IssueAndPrintCertificates(context.Background(), st, res.Planned, data.IssueOptions{}, pdf, true, nil); !errors.Is(err, ErrNobodyEligible) {
		t.Fatalf("planned workshop: %v, want ErrNobodyEligible", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files left for nobody: %v", entries)
	}

	// A folder cannot be named after a path that is not a PDF; nothing
	// enters the register.
	if _, _, err := IssueAndPrintCertificates(context.Background(), st, res.Lagos, data.IssueOptions{}, filepath.Join(dir, "lagos"), true, nil); err == nil {
		t.Fatal("--each into a path without .pdf was accepted")
	}
	if issued, err := st.Certificates(res.Lagos); err != nil || len(issued) != 0 {
		t.Fatalf("after a refused path the register holds %d certificates (%v)", len(issued), err)
	}

	pdf = filepath.Join(dir, "lagos.pdf")
	certs, folder, err := IssueAndPrintCertificates(context.Background(), st, res.Lagos, data.IssueOptions{}, pdf, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := os.ReadDir(folder)
	if folder != filepath.Join(dir, "lagos") || len(certs) == 0 || len(files) != len(certs) {
		t.Errorf("%d certificates, %d files in %q", len(certs), len(files), folder)
	}
	if issued, _ := st.Certificates(res.Lagos); len(issued) != len(certs) {
		t.Errorf("the register holds %d certificates, %d were printed", len(issued), len(certs))
	}
	printed, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	assertHolds(t, printed, []string{certs[0].HolderName, certs[len(certs)-1].Code})
}
