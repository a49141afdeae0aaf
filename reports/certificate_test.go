package reports

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/datatest"
)

// lagosCertificates issues the demo Lagos workshop's certificates, with
// trainers, and loads what printing them needs.
func lagosCertificates(t testing.TB) (*data.Store, CertificateData) {
	t.Helper()
	st, d, err := lagosCertificatesIn(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, d
}

// lagosCertificatesIn issues the demo Lagos workshop's certificates, its
// trainers' included, in a demo database made in dir, with three
// signatories; the caller closes the store.
func lagosCertificatesIn(dir string) (*data.Store, CertificateData, error) {
	st, res, err := demoStoreIn(dir)
	if err != nil {
		return nil, CertificateData{}, err
	}
	certs, err := st.IssueCertificates(res.Lagos, data.IssueOptions{Trainers: true})
	if err == nil {
		err = st.SetSignatories(res.Lagos, []data.Signatory{
			{Name: "Adébáyọ̀ Okafor", Title: "Director, Yemisi Shyllon Museum of Art"},
			{Name: "Claire Dubois", Title: "Programme officer"},
			{Name: "José María Ñúñez", Title: "Lead trainer"},
		})
	}
	var d CertificateData
	if err == nil {
		d, err = LoadCertificates(st, res.Lagos, certs)
	}
	if err != nil {
		st.Close()
		return nil, d, err
	}
	return st, d, nil
}

func writeCertificates(t testing.TB, d CertificateData) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteCertificates(d, &buf, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCertificatesHoldEveryNameSerialAndCode(t *testing.T) {
	_, d := lagosCertificates(t)
	pdf := writeCertificates(t, d)
	var want []string
	trainers := 0
	for _, c := range d.Certificates {
		want = append(want, c.HolderName, c.Serial, c.Code)
		if c.TrainerID != 0 {
			trainers++
		}
	}
	if len(d.Certificates) < 20 || trainers == 0 {
		t.Fatalf("the demo issued %d certificates, %d for trainers", len(d.Certificates), trainers)
	}
	want = append(want, "Certificate of attendance", "21–25 November 2022", "has led sessions of the training workshop",
		"Adébáyọ̀ Okafor", "José María Ñúñez")
	assertHolds(t, pdf, want)
	if pages := bytes.Count(pdf, []byte("/Type /Page")) - bytes.Count(pdf, []byte("/Type /Pages")); pages != len(d.Certificates) {
		t.Errorf("%d pages for %d certificates", pages, len(d.Certificates))
	}
	if !bytes.Contains(pdf, []byte("/FontFile2")) {
		t.Error("the font is not embedded")
	}
}

func TestCertificateInTheParticipantsLanguage(t *testing.T) {
	_, d := lagosCertificates(t)
	c := d.Certificates[0]
	for lang, want := range map[data.Language][]string{
		data.French:  {"Attestation de participation", "du 21 au 25 novembre 2022", "Nigéria", "Code de vérification\u00a0: " + c.Code},
		data.English: {"Certificate of attendance"},
		data.Spanish: {"Certificado de asistencia", "del 21 al 25 de noviembre de 2022", "Código de verificación: " + c.Code},
	} {
		one := d
		c.Language = lang
		c.HolderName = map[data.Language]string{data.English: "Ọ̀ṣun Bello", data.French: "Ẹ̀kọ́ Fọláṣadé",
			data.Spanish: "José María Ñúñez"}[lang]
		one.Certificates = []data.Certificate{c}
		t.Run(string(lang), func(t *testing.T) { assertHolds(t, writeCertificates(t, one), append(want, c.HolderName)) })
	}
}

func TestCertificateWordingOfTheWorkshop(t *testing.T) {
	st, d := lagosCertificates(t)
	own := data.CertificateWording{Title: "Certificate of completion", Body: "has completed with distinction"}
	if err := st.SetCertificateWording(d.Workshop.ID, data.English, own); err != nil {
		t.Fatal(err)
	}
	d, err := LoadCertificates(st, d.Workshop.ID, d.Certificates[:1])
	if err != nil {
		t.Fatal(err)
	}
	pdf := writeCertificates(t, d)
	assertHolds(t, pdf, []string{"Certificate of completion", "has completed with distinction"})
	if strings.Contains(joined(pdfText(t, pdf)), "Certificate of attendance") {
		t.Error("the default title is printed beside the workshop's own")
	}
}

func TestCertificateLongNamePrintsWholeOnOneLine(t *testing.T) {
	_, d := lagosCertificates(t)
	c := d.Certificates[0]
	c.HolderName = strings.TrimSpace(strings.Repeat("Ẹ̀kọ́ Fọláṣadé Ñúñez ", 6))
	for len([]rune(c.HolderName)) < 120 {
		c.HolderName += " Bello"
	}
	d.Certificates = []data.Certificate{c}
	runs := pdfText(t, writeCertificates(t, d))
	found := false
	for _, r := range runs {
		if r == nfc(c.HolderName) {
			found = true
		}
	}
	if !found {
		t.Errorf("the %d-character name is not one run of text: %q", len([]rune(c.HolderName)), runs)
	}
	doc := newDocument("L", data.English, "")
	doc.setFont("B", 28)
	size := doc.fitText(landX, 95, landTextW, c.HolderName, 28, 9, "C")
	doc.SetFontSize(size)
	if w := doc.width(c.HolderName); w > landTextW+0.01 || size >= 28 {
		t.Errorf("at %.1f pt the name is %.1f mm wide, more than %.1f mm", size, w, landTextW)
	}
}

// Every demo certificate's QR code, rendered by poppler and read by zbar,
// holds its signed text exactly, names included: the byte segment
// declares UTF-8, so zbar no longer guesses (it read 12 of the 21 demo
// names as Shift JIS). The text verifies with the file's public key.
func TestEveryDemoCertificateQRCodeReadsTheNameExactly(t *testing.T) {
	zbar := datatest.RequireTool(t, "zbarimg", "zbar-tools")
	pdftoppm := datatest.RequireTool(t, "pdftoppm", "poppler-utils")
	st, d := lagosCertificates(t)
	keys, err := st.IssuerKeys()
	if err != nil {
		t.Fatal(err)
	}
	public := []data.PublicKey{keys[0].PublicKey}
	for _, address := range []string{"", "https://icom-nigeria.example.org/certificates/verify.html"} {
		d.VerifierAddress = address
		dir := t.TempDir()
		pdfPath := filepath.Join(dir, "c.pdf")
		if err := os.WriteFile(pdfPath, writeCertificates(t, d), 0o644); err != nil {
			t.Fatal(err)
		}
		// Only the corner with the QR code, at 300 dpi: x 20-62 mm, y 152-190 mm.
		if out, err := exec.Command(pdftoppm, "-r", "300", "-x", "236", "-y", "1795", "-W", "500", "-H", "450",
			"-png", pdfPath, filepath.Join(dir, "qr")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, out)
		}
		pages, _ := filepath.Glob(filepath.Join(dir, "qr-*.png"))
		if len(pages) != len(d.Certificates) {
			t.Fatalf("%d pages rendered for %d certificates", len(pages), len(d.Certificates))
		}
		slices.Sort(pages)
		for i, page := range pages {
			c := d.Certificates[i]
			out, err := exec.Command(zbar, "--raw", "-q", "-S*.disable", "-Sqrcode.enable", page).Output()
			if err != nil {
				t.Fatalf("zbarimg found no code on %s's certificate: %v", c.HolderName, err)
			}
			got := strings.TrimSuffix(string(out), "\n")
			if want := CertificatePayload(c, address); got != want {
				t.Errorf("%s's QR code holds\n%q\nwant\n%q", c.HolderName, got, want)
			}
			check := data.CheckSigned(got, public, nil)
			if check.Verdict != data.Genuine || check.Signed.Field(data.LabelName) != c.HolderName {
				t.Errorf("%s's QR code reads as %q, %s", c.HolderName, check.Signed.Field(data.LabelName), check.Verdict)
			}
		}
	}
}

func TestWriteCertificatesStopsWhenCancelled(t *testing.T) {
	_, d := lagosCertificates(t)
	pages := 0
	err := WriteCertificates(d, &bytes.Buffer{}, func(done int) bool { pages = done; return done < 3 })
	if err != ErrCancelled || pages != 3 {
		t.Errorf("cancelled after page 3: err %v, %d pages", err, pages)
	}
}

func TestDurationText(t *testing.T) {
	for _, c := range []struct {
		lang    data.Language
		minutes int
		want    string
	}{{data.English, 1920, "32 hours"}, {data.English, 60, "1 hour"}, {data.English, 315, "5 h 15 min"},
		{data.French, 450, "7 h 30 min"}, {data.French, 120, "2 heures"}, {data.Spanish, 100, "1 h 40 min"},
		{data.Spanish, 45, "45 min"}, {data.Spanish, 180, "3 horas"}} {
		want := strings.ReplaceAll(c.want, " ", "\u00a0")
		if got := durationText(c.lang, c.minutes); got != want {
			t.Errorf("durationText(%s, %d) = %q, want %q", c.lang, c.minutes, got, want)
		}
	}
}

// manyCertificates repeats the demo's certificates up to n, with distinct
// serials, each signed anew with the file's key as issuing would, as a
// large workshop would have them.
func manyCertificates(b *testing.B, n int) CertificateData {
	st, d := lagosCertificates(b)
	d = repeatCertificates(d, n)
	signAll(b, st, d)
	return d
}

func repeatCertificates(d CertificateData, n int) CertificateData {
	all := make([]data.Certificate, n)
	for i := range all {
		all[i] = d.Certificates[i%len(d.Certificates)]
		all[i].Serial = fmt.Sprintf("LAG-2022-%03d", i+1)
	}
	d.Certificates = all
	return d
}

// signAll signs every certificate of d with the file's key, as issuing
// them does.
func signAll(b testing.TB, st *data.Store, d CertificateData) {
	key, err := st.SigningKey()
	if err != nil {
		b.Fatal(err)
	}
	for i := range d.Certificates {
		c := &d.Certificates[i]
		s, err := data.SignDocument(key, data.CertificateDocument(*c))
		if err != nil {
			b.Fatal(err)
		}
		c.SignedText, c.Signature = s.Message, s.Signature
	}
}

func benchmarkCertificates(b *testing.B, n int) {
	d := manyCertificates(b, n)
	var size int
	b.ResetTimer()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteCertificates(d, &buf, nil); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/op")
	b.ReportMetric(float64(size)/1e6, "MB/file")
}

func BenchmarkCertificates30(b *testing.B)   { benchmarkCertificates(b, 30) }
func BenchmarkCertificates500(b *testing.B)  { benchmarkCertificates(b, 500) }
func BenchmarkCertificates1000(b *testing.B) { benchmarkCertificates(b, 1000) }

// BenchmarkCertificateFiles1000 prints 1,000 certificates as the GUI does
// with "one file each": the PDF for printing and the 1,000 files cut from
// it (target under 3 s).
func BenchmarkCertificateFiles1000(b *testing.B) {
	d := manyCertificates(b, 1000)
	b.ResetTimer()
	for b.Loop() {
		dir := b.TempDir()
		if _, err := PrintCertificates(d, filepath.Join(dir, "all.pdf"), filepath.Join(dir, "all"), nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/op")
}

// BenchmarkBareFpdf1000 is the yardstick for BenchmarkCertificates1000
// alone: the certificates' bare floor (see bareCertificates).
func BenchmarkBareFpdf1000(b *testing.B) {
	floor := bareCertificates(manyCertificates(b, 1000))
	b.ResetTimer()
	for b.Loop() {
		if err := writeBare(floor, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/op")
}

// BenchmarkCertificates1000VsBareFpdf reports how many times the bare fpdf
// floor our 1,000 signed certificates take to print (target at most 1.3):
// the same pages and strings without QR codes (see bareCertificates).
// The two are run in turns, so that whatever else the machine is doing
// weighs on both. Signing them, which issuing does once and reprinting
// never, is reported beside it (sign-ms/op).
func BenchmarkCertificates1000VsBareFpdf(b *testing.B) {
	st, d := lagosCertificates(b)
	d = repeatCertificates(d, 1000)
	signAll(b, st, d)
	floor := bareCertificates(d)
	var ours, bare, signing time.Duration
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		signAll(b, st, d)
		signing += time.Since(start)
		start = time.Now()
		if err := WriteCertificates(d, io.Discard, nil); err != nil {
			b.Fatal(err)
		}
		ours += time.Since(start)
		start = time.Now()
		if err := writeBare(floor, io.Discard); err != nil {
			b.Fatal(err)
		}
		bare += time.Since(start)
	}
	b.ReportMetric(float64(ours.Milliseconds())/float64(b.N), "ours-ms/op")
	b.ReportMetric(float64(bare.Milliseconds())/float64(b.N), "bare-ms/op")
	b.ReportMetric(float64(signing.Milliseconds())/float64(b.N), "sign-ms/op")
	b.ReportMetric(float64(ours)/float64(bare), "x-bare")
}

// The figures on a certificate agree with their number: a trainer who led
// one session led "1 session", and one session of one attended is one
// session, in each language's own rule (French's singular takes the number
// before the noun, English and Spanish the total after "of").
func TestCertificateFiguresInTheSingular(t *testing.T) {
	for _, c := range []struct {
		lang                 data.Language
		led, attended, oneOf string
	}{
		{data.English, "1 session led (2 hours)", "attending 1 of 1 session (1 hour)", "attending 1 of 2 sessions (1 hour)"},
		{data.French, "soit 1 séance animée (2 heures)", "soit 1 séance sur 1 (1 heure)", "soit 1 séance sur 2 (1 heure)"},
		{data.Spanish, "con 1 sesión impartida (2 horas)", "con asistencia a 1 de 1 sesión (1 hora)", "con asistencia a 1 de 2 sesiones (1 hora)"},
	} {
		d := &document{lang: c.lang, words: wordsFor(c.lang)}
		spaces := strings.NewReplacer("\u00a0", " ")
		for _, f := range []struct {
			cert data.Certificate
			want string
		}{
			{data.Certificate{TrainerID: 7, SessionsAttended: 1, MinutesAttended: 120}, c.led},
			{data.Certificate{SessionsAttended: 1, SessionsCounted: 1, MinutesAttended: 60}, c.attended},
			{data.Certificate{SessionsAttended: 1, SessionsCounted: 2, MinutesAttended: 60}, c.oneOf},
		} {
			if got := spaces.Replace(d.figures(f.cert)); got != f.want {
				t.Errorf("%s: %q, want %q", c.lang, got, f.want)
			}
		}
	}
}
