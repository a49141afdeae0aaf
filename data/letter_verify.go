package data

import (
	"bytes"
	"crypto/ed25519"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Letters are verified as certificates are (certificate_verify.go): by
// their code, looked up in the register, or by their signed text, checked
// with the file's keys and compared with the register entry. A letter
// cannot be revoked, and what it says of the workshop is not compared with
// the workshop now: it states what was so on the day it was written.

// verifyLetterCode looks a code up in the register of letters, when no
// certificate has it.
func verifyLetterCode(q querier, typed, code string) (Verification, error) {
	l, err := letterByCode(q, code)
	if errors.Is(err, sql.ErrNoRows) {
		return Verification{}, fmt.Errorf("%q: %w", strings.TrimSpace(typed), ErrUnknownCode)
	}
	if err != nil {
		return Verification{}, err
	}
	v := Verification{Letter: &l, InRegister: true, Verdict: NotGenuine, Why: ReasonAltered}
	intact, err := letterIntact(q, &v)
	if err == nil && intact {
		v.Verdict, v.Why = Genuine, ""
	}
	return v, err
}

// verifyLetterText compares a genuine signed text with the letter of the
// register that has its signature, when there is one; v is the verdict of
// the signature alone.
func verifyLetterText(q querier, v Verification, signed Signed) (Verification, error) {
	l, err := letterBySignature(q, signed.Signature)
	if errors.Is(err, sql.ErrNoRows) {
		return v, nil
	}
	if err != nil {
		return v, err
	}
	v.Letter, v.InRegister = &l, true
	if !bytes.Equal(l.Signature, signed.Signature) || l.SignedText != signed.Message {
		v.Verdict, v.Why = NotGenuine, ReasonAltered
	}
	return v, nil
}

// letterIntact checks that a register entry is what was issued: the
// file's key signed its text, and the entry's own columns say what was
// signed. It fills in Says and Issuer.
func letterIntact(q querier, v *Verification) (bool, error) {
	l := *v.Letter
	var pub []byte
	err := q.QueryRow(`SELECT public_key FROM issuer_keys WHERE id = ?`, l.IssuerKeyID).Scan(&pub)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	signed, err := ParseSigned(l.QRText())
	if err != nil || signed.Message != l.SignedText || !ed25519.Verify(pub, []byte(l.SignedText), l.Signature) ||
		signed.Issuer != (PublicKey{pub}).Fingerprint() {
		return false, nil
	}
	v.Says, v.Issuer = signed.Document, signed.Issuer
	kind, ok := LetterKindOf(signed.Document)
	return ok && kind == l.Kind && signed.Serial == l.Serial && signed.Field(LabelName) == l.HolderName &&
		signed.Field(LabelIssued) == l.IssuedOn.String() && l.Code == signatureCode(l.Signature), nil
}
