package reports

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/atelier-workshops/atelier/data"
)

// Letters to participants: A4 on the organisers' letterhead, in the
// participant's language, with a reference, the date, the subject, the
// workshop's wording with the particulars filled in, a table of what the
// letter states, the signatory's signature, and at the foot a QR code
// holding the signed text with the serial number and verification code.

// ErrNoLetters is returned when a run of letters has nobody to write to.
var ErrNoLetters = errors.New("nobody to write this letter to")

// The letter's page, in mm.
const (
	letterTop    = 14.0
	letterBottom = pageH - 47 // the lowest line of text: the verification block is below
	letterQR     = 28.0
)

// WriteLetters writes one letter (one or two pages) per entry of d into a
// single PDF. progress, when not nil, is called after each letter with how
// many are done; returning false stops with ErrCancelled.
func WriteLetters(d data.LetterData, w io.Writer, progress func(done int) bool) error {
	if len(d.Letters) == 0 {
		return ErrNoLetters
	}
	doc := newDocument("P", d.Workshop.Language, d.Workshop.Title)
	doc.SetAutoPageBreak(false, 0)
	doc.SetMargins(marginX, letterTop, marginX)
	payloads := make([]string, len(d.Letters))
	for i, l := range d.Letters {
		payloads[i] = data.QRContent(d.VerifierAddress, l.QRText())
	}
	codes, stop := encodeAhead(payloads)
	defer stop()
	for i, l := range d.Letters {
		doc.letter(d, l, <-codes[i])
		if progress != nil && !progress(i+1) {
			return ErrCancelled
		}
	}
	return doc.Output(w)
}

func (d *document) letter(ld data.LetterData, l data.PrintedLetter, qr qrStencil) {
	lang := known(l.Language)
	d.lang, d.words = lang, wordsFor(lang)
	lw := letterWordsFor(lang)
	wording := LetterWords(l.Kind, lang, ld.Wording[l.Kind][lang])
	d.AddPage()
	d.SetLang(string(lang))
	y := d.letterhead(ld)

	// Reference on the left, place and date on the right.
	d.ink()
	d.setFont("", 9.5)
	d.text(marginX, y, fmt.Sprintf(lw.Reference, l.Serial))
	d.fitText(pageW/2, y, contentW/2, fmt.Sprintf(lw.DateLine, ld.Workshop.City, FormatDate(lang, l.IssuedOn)), 9.5, 7, "R")
	y += 8.5

	// The addressee.
	p := l.Participant
	d.setFont("B", 11)
	d.fitText(marginX, y, contentW*0.6, l.HolderName, 11, 7, "L")
	d.setFont("", 9.5)
	for _, line := range []string{p.Position, p.Institution, countryName(lang, p.Country)} {
		if line != "" {
			y += 4.4
			d.fitText(marginX, y, contentW*0.6, line, 9.5, 6, "L")
		}
	}
	y += 9

	d.setFont("B", 11.5)
	d.colour(accent)
	values := letterValues(l)
	for _, line := range d.lines(values.fill(wording.Subject), contentW) {
		d.text(marginX, y, line)
		y += 5.5
	}
	d.ink()
	y += 3
	d.setFont("", 10)
	paragraphs, closing := letterParagraphs(values.fill(wording.Body))
	for _, para := range paragraphs {
		y = d.letterParagraph(ld, y, para)
	}
	y = d.particulars(ld, y, l, lw)
	if closing != "" {
		y = d.letterParagraph(ld, y, closing)
	}
	d.letterSignature(ld, y, lang)
	d.letterVerification(ld, l, lw, qr)
}

// letterParagraphs cuts a letter's filled-in text into its paragraphs
// and, apart, a short closing line ("Yours sincerely,"), which stays with
// the signature while the particulars go before it.
func letterParagraphs(body string) (paragraphs []string, closing string) {
	paragraphs = strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n\n")
	if n := len(paragraphs); n > 1 && len([]rune(strings.TrimSpace(paragraphs[n-1]))) < 90 {
		closing, paragraphs = paragraphs[n-1], paragraphs[:n-1]
	}
	return paragraphs, closing
}

// letterParagraph writes one paragraph from y, going on to a new page when
// the page is full, and returns the y below it.
func (d *document) letterParagraph(ld data.LetterData, y float64, para string) float64 {
	d.setFont("", 10)
	d.ink()
	for _, line := range strings.Split(strings.TrimSpace(para), "\n") {
		for _, l := range d.lines(line, contentW) {
			if y > letterBottom {
				y = d.continued(ld)
			}
			d.text(marginX, y, l)
			y += 4.6
		}
	}
	return y + 2.2
}

// continued starts another page of the same letter, below a smaller
// letterhead, and returns where its text begins.
func (d *document) continued(ld data.LetterData) float64 {
	d.AddPage()
	return d.letterhead(ld)
}

// letterhead draws the organisers' and host's logos across the top with
// the address under them, and returns the y where the letter begins.
func (d *document) letterhead(ld data.LetterData) float64 {
	var shown []data.WorkshopOrganisation
	for _, o := range ld.Organisations {
		if o.Role == data.RoleOrganiser || o.Role == data.RoleHost {
			shown = append(shown, o)
		}
	}
	const boxW, boxH, gap = 32.0, 13.0, 8.0
	y := letterTop
	if n := min(len(shown), 5); n > 0 {
		x := (pageW - float64(n)*boxW - float64(n-1)*gap) / 2
		for _, o := range shown[:n] {
			if !d.image(fmt.Sprintf("logo-%d", o.ID), o.Logo, x, y, boxW, boxH) {
				d.colour(accent)
				d.setFont("B", 11)
				d.fitText(x, y+boxH/2+2, boxW, cmpOr(o.ShortName, o.Name), 11, 6, "C")
			}
			x += boxW + gap
		}
		y += boxH + 4.5
	}
	d.grey()
	d.setFont("", 8)
	for _, line := range letterAddress(ld, d.lang) {
		d.fitText(marginX, y, contentW, line, 8, 6, "C")
		y += 3.4
	}
	d.rule(y-0.5, accent, 0.4)
	d.ink()
	return y + 7.5
}

// letterAddress is the letterhead's address, line by line: the
// settings' address, or the venue and place of the workshop.
func letterAddress(ld data.LetterData, lang data.Language) []string {
	address := ld.Settings.Address
	if address == "" {
		address = strings.Join(nonEmpty(ld.Workshop.Venue, PlaceLine(ld.Workshop, lang)), "\n")
	}
	return strings.Split(address, "\n")
}

// PlaceLine is the workshop's city and country in lang: "Lagos, Nigeria".
func PlaceLine(w data.Workshop, lang data.Language) string {
	return strings.Join(nonEmpty(w.City, countryName(lang, w.Country)), ", ")
}

// particulars draws the table of what the letter states (passport and
// stay, grant, attendance) and returns the y below it.
func (d *document) particulars(ld data.LetterData, y float64, l data.PrintedLetter, lw letterWords) float64 {
	rows := particularRows(l, d.lang, lw)
	const labelW, rowH = 52.0, 5.4
	x := marginX + 6
	w := contentW - 12
	if y+float64(len(rows))*rowH > letterBottom {
		y = d.continued(ld)
	}
	y += 1
	d.SetDrawColor(lightGrey, lightGrey, lightGrey)
	d.SetLineWidth(0.2)
	for i, r := range rows {
		if i%2 == 0 {
			d.SetFillColor(246, 247, 249)
			d.Rect(x, y, w, rowH, "F")
		}
		d.grey()
		d.setFont("", 8.5)
		d.fitText(x+2, y+3.8, labelW-4, r.label, 8.5, 6, "L")
		d.ink()
		d.setFont("B", 9.5)
		d.fitText(x+labelW, y+3.8, w-labelW-2, r.value, 9.5, 6, "L")
		y += rowH
	}
	d.Line(x, y, x+w, y)
	return y + 6
}

// particularRow is a line of a letter's table of particulars.
type particularRow struct{ label, value string }

// particularRows are the lines of the table of what a letter of l's kind
// states, labelled in lang; a value the letter lacks is a dash.
func particularRows(l data.PrintedLetter, lang data.Language, lw letterWords) []particularRow {
	f := l.Facts
	type row = particularRow
	rows := []row{{"name", f.Name}}
	switch l.Kind {
	case data.LetterVisa:
		t := l.Participant.Travel
		rows = append(rows, row{"nationality", countryName(lang, f.Nationality)}, row{"birth", FormatDate(lang, f.BirthDate)},
			row{"passport", f.Passport}, row{"expiry", FormatDate(lang, f.PassportExpiry)},
			row{"stay", fmt.Sprintf(lw.StayDates, FormatDate(lang, f.Arrival), FormatDate(lang, f.Depart))})
		if t.Arrival.Flight != "" {
			rows = append(rows, row{"arrival", strings.Join(nonEmpty(FormatDate(lang, t.Arrival.Date), t.Arrival.Time, t.Arrival.Flight), " · ")})
		}
		if t.Hotel != "" {
			rows = append(rows, row{"hotel", t.Hotel})
		}
	case data.LetterAward:
		rows = append(rows, row{"amount", moneyIn(lang, f.Grant.AmountMinor, f.Grant.Currency)},
			row{"covers", strings.Join(data.GrantCovers(f.Grant, lang), ", ")})
	case data.LetterAttendance:
		rows = append(rows, row{"institution", l.Participant.Institution},
			row{"sessions", data.SessionsText(f.Attended, f.Counted, lang)}, row{"hours", durationText(lang, f.Minutes)})
	}
	rows = append(rows, row{"dates", FormatDateRange(lang, f.Start, f.End)})
	for i := range rows {
		rows[i].label = lw.Particulars[rows[i].label]
		if rows[i].value == "" {
			rows[i].value = "—"
		}
	}
	return rows
}

// letterSignature draws the signatory's signature, name and role.
func (d *document) letterSignature(ld data.LetterData, y float64, lang data.Language) {
	g, ok := letterSignatory(ld)
	if !ok {
		return
	}
	// Up to the rule above the verification block.
	if y+23 > pageH-16-letterQR-5 {
		y = d.continued(ld)
	}
	const blockW = 70.0
	if len(g.Signature) > 0 {
		d.image(fmt.Sprintf("signature-%d", g.Position), g.Signature, marginX, y-2, blockW-10, 14)
	}
	y += 14
	d.ink()
	d.setFont("B", 10)
	d.fitText(marginX, y, blockW+40, g.Name, 10, 6, "L")
	d.grey()
	d.setFont("", 9)
	d.fitText(marginX, y+4.5, blockW+40, g.TitleIn(lang), 9, 6, "L")
}

// letterSignatory is who signs the letters: the signatory the settings
// name, or the first; ok is false when the workshop has none.
func letterSignatory(ld data.LetterData) (g data.Signatory, ok bool) {
	if len(ld.Signatories) == 0 {
		return g, false
	}
	g = ld.Signatories[0]
	for _, s := range ld.Signatories {
		if s.Position == ld.Settings.Signatory {
			g = s
		}
	}
	return g, true
}

// letterVerification draws the QR code at the foot with the serial
// number, the code and how to check them.
func (d *document) letterVerification(ld data.LetterData, l data.PrintedLetter, lw letterWords, qr qrStencil) {
	y := pageH - 16 - letterQR
	d.rule(y-4, [3]int{lightGrey, lightGrey, lightGrey}, 0.3)
	d.qr(qr, marginX, y, letterQR)
	x := marginX + letterQR + 4
	w := contentW - letterQR - 4
	d.ink()
	d.setFont("", 8.5)
	d.text(x, y+4, fmt.Sprintf(d.words.SerialNumber, l.Serial))
	d.setFont("B", 9)
	d.text(x, y+8.5, fmt.Sprintf(d.words.VerificationCode, l.Code))
	d.grey()
	d.setFont("", 7)
	ny := y + 13
	for _, line := range d.lines(letterVerifyNote(ld, l, lw), w) {
		d.text(x, ny, line)
		ny += 3.3
	}
	d.ink()
}

// letterVerifyNote says how to check the letter: with the issuer's
// published key, and on the verifier page when the workshop has one.
func letterVerifyNote(ld data.LetterData, l data.PrintedLetter, lw letterWords) string {
	note := fmt.Sprintf(lw.VerifyNote, l.IssuerFingerprint())
	if ld.VerifierAddress != "" {
		note = fmt.Sprintf(lw.VerifyOnline, ld.VerifierAddress) + " " + note
	}
	return note
}
