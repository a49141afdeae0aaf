package reports

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/atelier-workshops/atelier/data"
)

// CertificateData is what a workshop's certificates show, read by data in
// one read transaction so that rendering does no I/O.
type CertificateData = data.CertificateData

// LoadCertificates reads what the certificates certs of a workshop need,
// with one call.
func LoadCertificates(st *data.Store, workshopID int64, certs []data.Certificate) (CertificateData, error) {
	return st.CertificateData(workshopID, certs)
}

// ErrCancelled is returned when the progress function asked to stop.
var ErrCancelled = errors.New("cancelled")

// WriteCertificates writes one landscape page per certificate into a
// single PDF. progress, when not nil, is called after each page with how
// many are done; returning false stops the work with ErrCancelled.
func WriteCertificates(d CertificateData, w io.Writer, progress func(done int) bool) error {
	if len(d.Certificates) == 0 {
		return errors.New("no certificate to print")
	}
	doc := newDocument("L", d.Workshop.Language, d.Workshop.Title)
	doc.SetAutoPageBreak(false, 0)
	codes, stop := qrAhead(d.Certificates, d.VerifierAddress)
	defer stop()
	for i, c := range d.Certificates {
		doc.certificatePage(d, c, <-codes[i])
		if progress != nil && !progress(i+1) {
			return ErrCancelled
		}
	}
	return doc.Output(w)
}

// CertificateWords are the default wording of a certificate in lang with
// the workshop's own wording laid over it: the interface shows them as
// the placeholder text of its wording fields.
func CertificateWords(lang data.Language, own data.CertificateWording) data.CertificateWording {
	w := wordsFor(lang)
	out := data.CertificateWording{Title: w.CertificateTitle, Body: w.AttendedWorkshop, TrainerBody: w.LedWorkshop}
	if own.Title != "" {
		out.Title = own.Title
	}
	if own.Body != "" {
		out.Body = own.Body
	}
	if own.TrainerBody != "" {
		out.TrainerBody = own.TrainerBody
	}
	return out
}

// The landscape page, in mm.
const (
	landW     = 297.0
	landH     = 210.0
	landX     = 30.0 // side margin of the text
	landTextW = landW - 2*landX
	qrSize    = 28.0
)

// gold is the colour of the frame's inner line.
var gold = [3]int{176, 141, 60}

func (d *document) certificatePage(cd CertificateData, c data.Certificate, qr qrStencil) {
	lang := known(c.Language)
	d.lang, d.words = lang, wordsFor(lang)
	wording := CertificateWords(lang, cd.Wording[lang])
	w := cd.Workshop
	d.AddPage()
	d.SetLang(string(lang))

	// A double frame: a strong outer line and a fine gold one inside.
	d.SetDrawColor(accent[0], accent[1], accent[2])
	d.SetLineWidth(1.2)
	d.Rect(10, 10, landW-20, landH-20, "D")
	d.SetDrawColor(gold[0], gold[1], gold[2])
	d.SetLineWidth(0.35)
	d.Rect(13, 13, landW-26, landH-26, "D")

	d.certificateLogos(cd.Organisations)

	d.colour(accent)
	d.setFont("B", 30)
	d.fitText(landX, 64, landTextW, wording.Title, 30, 14, "C")
	d.grey()
	d.setFont("I", 13)
	d.fitText(landX, 77, landTextW, d.words.CertifyThat, 13, 8, "C")

	// The name: as large as fits on one line, never cut or wrapped.
	d.ink()
	d.setFont("B", 30)
	d.fitText(landX, 95, landTextW, c.HolderName, 30, 9, "C")
	d.SetDrawColor(gold[0], gold[1], gold[2])
	d.SetLineWidth(0.3)
	d.Line(landW/2-60, 100, landW/2+60, 100)

	body := wording.Body
	if c.TrainerID != 0 {
		body = wording.TrainerBody
	}
	d.grey()
	d.setFont("", 12.5)
	d.fitText(landX, 110, landTextW, body, 12.5, 7, "C")
	d.ink()
	d.setFont("B", 16)
	y := 119.0
	for _, line := range d.titleLines(c.WorkshopTitle, landTextW, 16, 10) {
		d.fitText(landX, y, landTextW, line, 16, 10, "C")
		y += 7
	}
	d.grey()
	d.setFont("", 12.5)
	city, country := c.City, c.Country // the place at issue, as signed
	if city == "" {
		city, country = w.City, w.Country
	}
	place := fmt.Sprintf(d.words.HeldIn, city, countryName(lang, country),
		FormatDateRange(lang, c.StartDate, c.EndDate))
	d.fitText(landX, y+1.5, landTextW, place, 12.5, 7, "C")
	d.setFont("I", 11)
	d.fitText(landX, y+8.5, landTextW, d.figures(c), 11, 7, "C")

	d.signatories(cd.Signatories, lang)
	d.verification(c, qr)
	d.supporters(cd.Organisations)
}

// titleLines splits a workshop title over at most two lines at spaces;
// a longer title keeps two lines and fitText shrinks them.
func (d *document) titleLines(title string, w, size, minSize float64) []string {
	saved, _ := d.GetFontSize()
	defer d.setSize(saved)
	d.setSize(size)
	lines := d.lines(title, w)
	if len(lines) <= 2 {
		return lines
	}
	// Balance two lines by words rather than letting a third appear.
	words := breakable(norm.NFC.String(title))
	best, bestW := 1, -1.0
	for i := 1; i < len(words); i++ {
		a, b := strings.Join(words[:i], " "), strings.Join(words[i:], " ")
		if wide := max(d.measure(a), d.measure(b)); bestW < 0 || wide < bestW {
			best, bestW = i, wide
		}
	}
	return []string{strings.Join(words[:best], " "), strings.Join(words[best:], " ")}
}

// figures words the sessions attended (or led) and how long they lasted.
func (d *document) figures(c data.Certificate) string {
	spent := durationText(d.lang, c.MinutesAttended)
	if c.TrainerID != 0 {
		return fmt.Sprintf(d.words.SessionsLed[plural(d.lang, c.SessionsAttended)], c.SessionsAttended, spent)
	}
	agrees := c.SessionsCounted // "1 of 2 sessions"
	if known(d.lang) == data.French {
		agrees = c.SessionsAttended // "1 séance sur 2"
	}
	return fmt.Sprintf(d.words.SessionsAttended[plural(d.lang, agrees)], c.SessionsAttended, c.SessionsCounted, spent)
}

// durationText writes minutes as an editor would in the language: whole
// hours in words ("5 hours", "5 heures", "5 horas"), and otherwise hours
// and minutes with their symbols ("5 h 15 min", "45 min"), the number
// held to its unit by a no-break space. A decimal ("5.2 hours") asks the
// reader to work out the minutes.
func durationText(lang data.Language, minutes int) string {
	const nb = "\u00a0"
	h, m := minutes/60, minutes%60
	if m != 0 {
		if h == 0 {
			return strconv.Itoa(m) + nb + "min"
		}
		return strconv.Itoa(h) + nb + "h" + nb + strconv.Itoa(m) + nb + "min"
	}
	unit := map[data.Language][2]string{data.English: {"hour", "hours"}, data.French: {"heure", "heures"},
		data.Spanish: {"hora", "horas"}}[lang]
	if unit[0] == "" {
		unit = [2]string{"h", "h"}
	}
	if h == 1 {
		return "1" + nb + unit[0]
	}
	return strconv.Itoa(h) + nb + unit[1]
}

// certificateLogos draws the organisers' and host's logos in a row at
// the top, centred; an organisation without a readable logo shows its
// short name instead.
func (d *document) certificateLogos(orgs []data.WorkshopOrganisation) {
	var shown []data.WorkshopOrganisation
	for _, o := range orgs {
		if o.Role == data.RoleOrganiser || o.Role == data.RoleHost {
			shown = append(shown, o)
		}
	}
	if len(shown) == 0 {
		return
	}
	const boxW, boxH, gap, top = 42.0, 20.0, 10.0, 22.0
	n := min(len(shown), 5)
	x := (landW - float64(n)*boxW - float64(n-1)*gap) / 2
	for _, o := range shown[:n] {
		if !d.image(fmt.Sprintf("logo-%d", o.ID), o.Logo, x, top, boxW, boxH) {
			name := o.ShortName
			if name == "" {
				name = o.Name
			}
			d.colour(accent)
			d.setFont("B", 12)
			d.fitText(x, top+boxH/2+2, boxW, name, 12, 6, "C")
		}
		x += boxW + gap
	}
}

// signatories draws up to three signature blocks side by side: the
// signature image above a line, the name and title below it.
func (d *document) signatories(list []data.Signatory, lang data.Language) {
	if len(list) == 0 {
		return
	}
	list = list[:min(len(list), data.MaxSignatories)]
	const blockW, lineY = 60.0, 151.0
	// The blocks keep clear of the QR code at the bottom left.
	left, right := 52.0, landW-landX
	gap := (right - left - float64(len(list))*blockW) / float64(len(list)+1)
	for i, g := range list {
		x := left + gap + float64(i)*(blockW+gap)
		if len(g.Signature) > 0 {
			d.image(fmt.Sprintf("signature-%d", g.Position), g.Signature, x+4, lineY-16, blockW-8, 15)
		}
		d.SetDrawColor(inkGrey, inkGrey, inkGrey)
		d.SetLineWidth(0.25)
		d.Line(x, lineY, x+blockW, lineY)
		d.ink()
		d.setFont("B", 10)
		d.fitText(x, lineY+5, blockW, g.Name, 10, 6, "C")
		d.grey()
		d.setFont("", 8.5)
		d.fitText(x, lineY+9.5, blockW, g.TitleIn(lang), 8.5, 5.5, "C")
	}
}

// verification draws the QR code at the bottom left with the serial
// number, code, date of issue and the issuer key's fingerprint beside it.
func (d *document) verification(c data.Certificate, qr qrStencil) {
	const x, y = 22.0, landH - 25 - qrSize
	d.qr(qr, x, y, qrSize)
	d.ink()
	d.setFont("", 8)
	tx := x + qrSize + 3
	d.text(tx, y+qrSize-13, fmt.Sprintf(d.words.SerialNumber, c.Serial))
	d.setFont("B", 8)
	d.text(tx, y+qrSize-9, fmt.Sprintf(d.words.VerificationCode, c.Code))
	d.grey()
	d.setFont("", 7)
	d.text(tx, y+qrSize-5, fmt.Sprintf(d.words.IssuedOn, FormatDate(d.lang, c.IssuedOn)))
	if fp := c.IssuerFingerprint(); fp != "" {
		d.setFont("", 6)
		d.text(tx, y+qrSize-1.5, fmt.Sprintf(d.words.IssuerKey, fp))
	}
}

// supporters prints the supporter line at the foot of the page.
func (d *document) supporters(orgs []data.WorkshopOrganisation) {
	var names []string
	for _, o := range orgs {
		if o.Role == data.RoleSupporter {
			names = append(names, o.Name)
		}
	}
	if len(names) == 0 {
		return
	}
	d.grey()
	d.setFont("I", 9)
	d.fitText(70, landH-18, landW-140, d.words.WithTheSupportOf+" "+strings.Join(names, ", "), 9, 5.5, "C")
}

// CertificatePayload is what a certificate's QR code holds: its signed
// text (data.Certificate.QRText), after the workshop's verifier address
// and "#" when it has one.
func CertificatePayload(c data.Certificate, verifierAddress string) string {
	return data.QRContent(verifierAddress, c.QRText())
}
