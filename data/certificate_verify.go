package data

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"database/sql"
	"encoding/hex"
	"errors"
	"strings"
)

// Verdict is what checking a document found.
type Verdict string

const (
	Genuine    Verdict = "genuine"
	NotGenuine Verdict = "not-genuine"
	Revoked    Verdict = "revoked"
	// Changed: what the document says is genuine, but the workshop in the
	// file no longer says the same (its city was changed after issue, or
	// the register entry was moved to another workshop).
	Changed Verdict = "changed"
)

// FailReason says why a document is not genuine.
type FailReason string

const (
	ReasonAltered       FailReason = "altered"        // the register entry was changed after issue
	ReasonBadSignature  FailReason = "bad-signature"  // the text is not what the key signed
	ReasonUnknownIssuer FailReason = "unknown-issuer" // signed by a key the verifier does not hold
	ReasonMalformed     FailReason = "malformed"      // not a signed text at all
)

// Change is one thing the workshop in the file says otherwise than the
// certificate: "title", "place" or "dates".
type Change struct {
	Field     string
	Certified string // what the certificate says
	Now       string // what the workshop in the file says now
}

// Verification is what checking a code or a signed text with the file
// found.
type Verification struct {
	Verdict Verdict
	Why     FailReason // when not genuine
	// Genuine is Verdict == Genuine.
	Genuine bool
	// Certificate is the register entry; InRegister is false for a signed
	// text of the issuer that this file's register lacks (signed in another
	// file with the same key).
	Certificate Certificate
	InRegister  bool
	// Says is what the code or the signature covers, and only that: what
	// a verifier may repeat. For a certificate issued before signatures it
	// has no place, which its code did not cover.
	Says       Document
	Issuer     string // fingerprint of the signing key; "" before signatures
	Revocation *Revocation
	Changes    []Change
	// Letter is the register entry when the code or text is a letter's
	// (letter_verify.go); Certificate is then empty.
	Letter *Letter
}

// ErrUnknownCode is returned by Verify for a code the register lacks.
var ErrUnknownCode = errors.New("no certificate or letter in this file has this code")

// Verify checks what a person typed or pasted: a verification code,
// looked up in the register, or a certificate's signed text (with or
// without the verifier address before it), checked with the file's keys.
// It reads everything in one read transaction.
func (s *Store) Verify(input string) (Verification, error) {
	var v Verification
	err := s.read(context.Background(), func(q querier) error {
		var err error
		if strings.Contains(input, signatureLabel+":") || strings.Contains(input, signatureLabel+"%3A") {
			v, err = verifyText(q, input)
		} else {
			v, err = verifyCode(q, input)
		}
		return err
	})
	v.Genuine = v.Verdict == Genuine
	return v, err
}

func verifyCode(q querier, typed string) (Verification, error) {
	code := NormaliseCode(typed)
	c, err := scanCertificate(q.QueryRow(`SELECT `+certificateColumns+` FROM certificates WHERE code = ?`, code))
	if errors.Is(err, sql.ErrNoRows) {
		return verifyLetterCode(q, typed, code)
	}
	if err != nil {
		return Verification{}, err
	}
	v := Verification{Certificate: c, InRegister: true}
	intact, err := registerIntact(q, &v)
	if err != nil || !intact {
		v.Verdict, v.Why = NotGenuine, ReasonAltered
		return v, err
	}
	return v, judge(q, &v)
}

// registerIntact checks that a register entry is what was issued: for a
// signed one, that the file's key signed its text and that the entry says
// the same; for one issued before signatures, that its HMAC code still
// matches it. It fills in Says and Issuer.
func registerIntact(q querier, v *Verification) (bool, error) {
	c := v.Certificate
	if len(c.Signature) == 0 {
		v.Says = Document{Kind: KindCertificate, Serial: c.Serial, Fields: []SignedField{
			{LabelName, c.HolderName}, {roleLabel(c), c.WorkshopTitle}, {LabelDates, DatesText(c.StartDate, c.EndDate)}}}
		secret, err := storedSecret(q)
		return err == nil && secret != nil && hmac.Equal([]byte(certificateCode(secret, c)), []byte(c.Code)), err
	}
	var pub []byte
	err := q.QueryRow(`SELECT public_key FROM issuer_keys WHERE id = ?`, c.IssuerKeyID).Scan(&pub)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	signed, err := ParseSigned(c.QRText())
	if err != nil || signed.Message != c.SignedText || !ed25519.Verify(pub, []byte(c.SignedText), c.Signature) ||
		signed.Issuer != (PublicKey{pub}).Fingerprint() {
		return false, nil
	}
	v.Says, v.Issuer = signed.Document, signed.Issuer
	// The entry's own columns must say what was signed: they are what the
	// register and the workbook list.
	says := func(label, value string) bool { return signed.Field(label) == value }
	if signed.Kind != KindCertificate || signed.Serial != c.Serial || !says(LabelName, c.HolderName) ||
		!says(roleLabel(c), c.WorkshopTitle) || !says(LabelDates, DatesText(c.StartDate, c.EndDate)) {
		return false, nil
	}
	if c.Code != signatureCode(c.Signature) {
		// A certificate first issued before signatures keeps its HMAC code
		// when reissued unchanged.
		secret, err := storedSecret(q)
		return err == nil && secret != nil && hmac.Equal([]byte(certificateCode(secret, c)), []byte(c.Code)), err
	}
	return true, nil
}

// judge says revoked, changed or genuine for an entry found intact.
func judge(q querier, v *Verification) error {
	c := v.Certificate
	var err error
	if v.Revocation, err = revocationOf(q, c.ID); err != nil || v.Revocation != nil {
		v.Verdict = Revoked
		return err
	}
	if v.Changes, err = changesSinceIssue(q, c, v.Says); err != nil {
		return err
	}
	v.Verdict = Genuine
	if len(v.Changes) > 0 {
		v.Verdict = Changed
	}
	return nil
}

// changesSinceIssue compares what a certificate says with what its
// workshop in the file says now, in the certificate's language.
func changesSinceIssue(q querier, c Certificate, says Document) ([]Change, error) {
	w, err := scanWorkshop(q.QueryRow(`SELECT `+workshopColumns+` FROM workshops WHERE id = ?`, c.WorkshopID))
	if err != nil {
		return nil, err
	}
	texts, err := workshopTexts(q, w.ID)
	if err != nil {
		return nil, err
	}
	var out []Change
	compare := func(field, certified, now string) {
		if certified != now {
			out = append(out, Change{field, certified, now})
		}
	}
	compare("title", says.Field(roleLabel(c)), normalise(texts.Title(w, c.Language)))
	placeNow := PlaceText(w.City, w.Country, c.Language)
	if place := says.Field(LabelPlace); place != "" {
		compare("place", place, placeNow)
	} else {
		// Issued before signatures: the place was not covered, but it was
		// kept (as the workshop's when the file was upgraded).
		compare("place", PlaceText(c.City, c.Country, c.Language), placeNow)
	}
	compare("dates", says.Field(LabelDates), DatesText(w.StartDate, w.EndDate))
	return out, nil
}

// verifyText checks a signed text with the file's keys and revocations,
// and compares it with its register entry when the file has it.
func verifyText(q querier, input string) (Verification, error) {
	keys, err := issuerKeys(q)
	if err != nil {
		return Verification{}, err
	}
	pubs := make([]PublicKey, len(keys))
	for i, k := range keys {
		pubs[i] = k.PublicKey
	}
	check := CheckSigned(input, pubs, nil)
	v := Verification{Verdict: check.Verdict, Why: check.Why, Says: check.Signed.Document, Issuer: check.Signed.Issuer}
	if check.Verdict != Genuine {
		return v, nil
	}
	c, err := scanCertificate(q.QueryRow(`SELECT `+certificateColumns+` FROM certificates WHERE signature = ?`,
		check.Signed.Signature))
	if errors.Is(err, sql.ErrNoRows) {
		return verifyLetterText(q, v, check.Signed) // else genuine, signed by this issuer in another file
	}
	if err != nil {
		return v, err
	}
	v.Certificate, v.InRegister = c, true
	if !bytes.Equal(c.Signature, check.Signed.Signature) || c.SignedText != check.Signed.Message {
		v.Verdict, v.Why = NotGenuine, ReasonAltered
		return v, nil
	}
	return v, judge(q, &v)
}

// storedSecret reads the HMAC secret of certificates issued before
// signatures without making one: nil when the file never had one.
func storedSecret(q querier) ([]byte, error) {
	var v string
	err := q.QueryRow(`SELECT value FROM settings WHERE key = ?`, certificateSecretKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return hex.DecodeString(v)
}
