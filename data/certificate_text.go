package data

import (
	"encoding/base64"
	"strings"
)

// KindCertificate is the kind word of a certificate's signed text.
const KindCertificate = "certificate"

// The labels of a certificate's signed text (see signing.go). A
// participant's certificate says Attended, a trainer's Led sessions of.
const (
	LabelName     = "Name"
	LabelAttended = "Attended"
	LabelLed      = "Led sessions of"
	LabelPlace    = "Place"
	LabelDates    = "Dates"
)

// CertificateDocument is what a certificate's signature covers: serial
// number, holder, whether they attended or led sessions, the workshop's
// title in the certificate's language, its place and its dates.
func CertificateDocument(c Certificate) Document {
	return Document{Kind: KindCertificate, Serial: c.Serial, Fields: []SignedField{
		{LabelName, c.HolderName},
		{roleLabel(c), c.WorkshopTitle},
		{LabelPlace, PlaceText(c.City, c.Country, c.Language)},
		{LabelDates, DatesText(c.StartDate, c.EndDate)},
	}}
}

func roleLabel(c Certificate) string {
	if c.TrainerID != 0 {
		return LabelLed
	}
	return LabelAttended
}

// PlaceText is a place as a signed text says it: "Lagos, Nigeria", the
// country named in the document's language.
func PlaceText(city, country string, lang Language) string {
	var parts []string
	for _, p := range []string{city, CountryName(lang, country)} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// DatesText is a span of dates as a signed text says it, the same in every
// language: "2022-11-21 to 2022-11-25". Verifiers write it in their
// reader's words.
func DatesText(start, end Date) string { return start.String() + " to " + end.String() }

// ParseDatesText reads what DatesText wrote.
func ParseDatesText(s string) (start, end Date, ok bool) {
	a, b, found := strings.Cut(s, " to ")
	if !found {
		return start, end, false
	}
	var err1, err2 error
	start, err1 = ParseDate(a)
	end, err2 = ParseDate(b)
	return start, end, err1 == nil && err2 == nil
}

// QRText is what the certificate's QR code holds, without a verifier
// address: its signed text with the signature, or for a certificate not
// signed (a preview, or one issued before signatures) what it says and its
// code.
func (c Certificate) QRText() string {
	if len(c.Signature) > 0 && c.SignedText != "" {
		return c.SignedText + "\n" + signatureLabel + ": " + base64.RawURLEncoding.EncodeToString(c.Signature)
	}
	msg, err := CertificateDocument(c).message("")
	if err != nil { // no serial yet
		msg = signedHeader + KindCertificate + "\n" + c.HolderName
	}
	return strings.TrimSuffix(msg, "\n"+issuerLabel+": ") + "\nCode: " + c.Code
}

// IssuerFingerprint is the fingerprint of the key that signed the
// certificate, as its signed text names it; "" when not signed.
func (c Certificate) IssuerFingerprint() string {
	for _, l := range strings.Split(c.SignedText, "\n") {
		if v, ok := strings.CutPrefix(l, issuerLabel+": "); ok {
			return v
		}
	}
	return ""
}

// certificateSigner gives certificates their content in their language
// and signs them, keeping what was signed before when nothing changed.
type certificateSigner struct {
	w      Workshop
	texts  WorkshopTexts
	keys   map[int64]PublicKey // every key of the file, by id
	key    IssuerKey           // the signing key; zero for a preview
	secret []byte              // of the codes made before signatures
}

func readCertificateSigner(q querier, secret []byte, w Workshop) (certificateSigner, error) {
	s := certificateSigner{w: w, secret: secret, keys: map[int64]PublicKey{}}
	var err error
	if s.texts, err = workshopTexts(q, w.ID); err != nil {
		return s, err
	}
	keys, err := issuerKeys(q)
	for _, k := range keys {
		s.keys[k.ID] = k.PublicKey
	}
	return s, err
}

// content fills in what the certificate says in its language: the
// workshop's title in it (the holder's language where given, the
// workshop's otherwise) and the place at issue.
func (s certificateSigner) content(c *Certificate) {
	c.WorkshopTitle = normalise(s.texts.Title(s.w, c.Language))
	c.City, c.Country = s.w.City, s.w.Country
}

// unchanged tells whether old's signature still covers what c says: the
// same text, signed by a key the file still holds.
func (s certificateSigner) unchanged(c, old Certificate) bool {
	k, ok := s.keys[old.IssuerKeyID]
	if len(old.Signature) == 0 || !ok {
		return false
	}
	msg, err := CertificateDocument(c).message(k.Fingerprint())
	return err == nil && msg == old.SignedText
}

// sign signs c, or keeps old's signature and code when its text is
// unchanged, so that reprinting keeps the paper already handed out good.
// A certificate first issued before signatures keeps its code too when
// nothing that code covered changed.
func (s certificateSigner) sign(c *Certificate, old *Certificate) error {
	if old != nil && s.unchanged(*c, *old) {
		c.SignedText, c.Signature, c.IssuerKeyID, c.Code = old.SignedText, old.Signature, old.IssuerKeyID, old.Code
		return nil
	}
	signed, err := SignDocument(s.key, CertificateDocument(*c))
	if err != nil {
		return err
	}
	c.SignedText, c.Signature, c.IssuerKeyID = signed.Message, signed.Signature, s.key.ID
	c.Code = signatureCode(signed.Signature)
	if old != nil && len(old.Signature) == 0 && s.secret != nil && certificateCode(s.secret, *c) == old.Code {
		c.Code = old.Code
	}
	return nil
}
