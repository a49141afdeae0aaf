package data

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Documents that carry a code (certificates now, letters later) are signed
// with the issuer's Ed25519 key, so that anyone holding the published
// public key can check one: no account, no server, no copy of the file.
// What is signed is a short text in plain words, the same text the
// document's QR code holds:
//
//	Atelier certificate LAG-2022-017
//	Name: Ọ̀ṣun Bello
//	Attended: The whole museum: functions, communities and collections
//	Place: Lagos, Nigeria
//	Dates: 2022-11-21 to 2022-11-25
//	Issuer: 3F9A 2C71 D0E4 B5A8
//	Signature: 9q…(86 characters of base64url)
//
// The first line names the kind of document and its serial number; each
// line after it is "Label: value"; the Issuer line is the fingerprint of
// the key that signed, so that a verifier holding several keys picks the
// right one and can tell "signed by someone else" from "forged". The
// signature covers every line before it, joined by line feeds, as UTF-8
// in Unicode's NFC: exactly what a reader sees. Labels are English and
// fixed, so that one verifier reads every document in any language; the
// values are in the document's language, as printed. The verifier page
// (reports/verifier.js) parses and checks the same text the same way.

// SignedField is one "Label: value" line of a signed text.
type SignedField struct{ Label, Value string }

// Document is what a signed text says: its kind (one lower-case word),
// serial number and fields, in order.
type Document struct {
	Kind   string
	Serial string
	Fields []SignedField
}

// Field returns the value of the first field with the label, or "".
func (d Document) Field(label string) string {
	for _, f := range d.Fields {
		if f.Label == label {
			return f.Value
		}
	}
	return ""
}

// Signed is a document with its issuer's fingerprint and signature.
type Signed struct {
	Document
	Issuer    string // the key's fingerprint, as printed: "3F9A 2C71 D0E4 B5A8"
	Message   string // the exact text the signature covers
	Signature []byte
}

const (
	signedHeader   = "Atelier "
	issuerLabel    = "Issuer"
	signatureLabel = "Signature"
)

// Text is the whole signed text, signature line included: what a QR code
// holds and what a verifier reads.
func (s Signed) Text() string {
	return s.Message + "\n" + signatureLabel + ": " + base64.RawURLEncoding.EncodeToString(s.Signature)
}

// SignatureID names a signature in a revocation list: its first 16 bytes
// in base64url, 22 characters, as the verifier page compares them.
func SignatureID(sig []byte) string {
	return base64.RawURLEncoding.EncodeToString(sig[:min(16, len(sig))])
}

// signatureCode is the verification code of a signed document: the first
// 60 bits of SHA-256 over its signature, in the printed form of the codes
// made before signatures (K7Q2-M9XD-4FHT). It stays short enough to type
// on the sign-in and paper side of things, where it looks a certificate
// up in the register; it needs no secret, since the signature it is made
// from cannot be made without the key; and it changes exactly when what
// the document says changes, as the signature does.
func signatureCode(sig []byte) string {
	sum := sha256.Sum256(sig)
	return crockfordCode(sum[:])
}

// message lays the document out as the text its signature covers.
func (d Document) message(issuer string) (string, error) {
	if !isKind(d.Kind) {
		return "", fmt.Errorf("a document's kind is one lower-case word, not %q", d.Kind)
	}
	if d.Serial == "" || strings.ContainsFunc(d.Serial, isSpaceOrControl) {
		return "", fmt.Errorf("serial number %q cannot be signed: it is empty or holds spaces", d.Serial)
	}
	var b strings.Builder
	b.WriteString(signedHeader + d.Kind + " " + d.Serial)
	for _, f := range append(d.Fields, SignedField{issuerLabel, issuer}) {
		if !isLabel(f.Label) {
			return "", fmt.Errorf("%q cannot label a line of a signed text", f.Label)
		}
		v := norm.NFC.String(strings.TrimSpace(f.Value))
		if strings.ContainsAny(v, "\r\n") {
			return "", fmt.Errorf("%s holds a line break, which a signed text cannot", f.Label)
		}
		b.WriteString("\n" + f.Label + ": " + v)
	}
	return b.String(), nil
}

// SignDocument signs d with key, whose private half must be loaded.
func SignDocument(key IssuerKey, d Document) (Signed, error) {
	if key.private == nil {
		return Signed{}, errors.New("this issuer key has no private half to sign with")
	}
	msg, err := d.message(key.Fingerprint())
	if err != nil {
		return Signed{}, err
	}
	return Signed{Document: d, Issuer: key.Fingerprint(), Message: msg,
		Signature: ed25519.Sign(key.private, []byte(msg))}, nil
}

// fingerprintForm is how a key's fingerprint is written (see
// PublicKey.Fingerprint); a text naming its issuer otherwise is malformed.
var fingerprintForm = regexp.MustCompile(`^[0-9A-F]{4}( [0-9A-F]{4}){3}$`)

// ErrMalformed is returned by ParseSigned for what is not a signed text.
var ErrMalformed = errors.New("not a signed Atelier text")

// ParseSigned reads a signed text as a person or a scanner hands it over:
// the text itself, or a verifier address with the text after "#" (as a QR
// code holds it when the workshop has one); line ends of any system,
// spaces around lines, and any Unicode normalisation. It checks the form,
// not the signature.
func ParseSigned(input string) (Signed, error) {
	s := strings.TrimSpace(input)
	if !strings.HasPrefix(s, signedHeader) {
		i := strings.IndexByte(s, '#')
		if i < 0 {
			return Signed{}, ErrMalformed
		}
		var err error
		if s, err = decodeFragment(s[i+1:]); err != nil {
			return Signed{}, err
		}
	}
	s = norm.NFC.String(strings.ReplaceAll(s, "\r", "\n"))
	if !strings.Contains(s, "\n") {
		s = unflatten(s)
	}
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) < 3 || !strings.HasPrefix(lines[0], signedHeader) {
		return Signed{}, ErrMalformed
	}
	kind, serial, ok := strings.Cut(strings.TrimPrefix(lines[0], signedHeader), " ")
	if !ok || !isKind(kind) || serial == "" || strings.ContainsFunc(serial, isSpaceOrControl) {
		return Signed{}, ErrMalformed
	}
	out := Signed{Document: Document{Kind: kind, Serial: serial}}
	for i, l := range lines[1:] {
		label, value, ok := strings.Cut(l, ":")
		if !ok || !isLabel(label) {
			return Signed{}, ErrMalformed
		}
		value = strings.TrimSpace(value)
		last := i == len(lines)-2
		switch {
		case last != (label == signatureLabel):
			return Signed{}, ErrMalformed
		case last:
			sig, err := base64.RawURLEncoding.DecodeString(value)
			if err != nil || len(sig) != ed25519.SignatureSize {
				return Signed{}, ErrMalformed
			}
			out.Signature = sig
		case label == issuerLabel:
			if i != len(lines)-3 {
				return Signed{}, ErrMalformed
			}
			out.Issuer = value
		default:
			out.Fields = append(out.Fields, SignedField{label, value})
		}
	}
	if !fingerprintForm.MatchString(out.Issuer) {
		return Signed{}, ErrMalformed
	}
	msg, err := out.message(out.Issuer)
	if err != nil {
		return Signed{}, ErrMalformed
	}
	out.Message = msg
	return out, nil
}

// knownLabels are the labels data writes, for unflatten.
var knownLabels = []string{LabelName, LabelAttended, LabelLed, LabelPlace, LabelDates, LabelPurpose, LabelWorkshop,
	LabelNationality, LabelBorn, LabelPassportExpiry, LabelPassport, LabelStay, LabelGrant, LabelCovers, LabelSessions,
	LabelIssued, issuerLabel, signatureLabel}

// unflatten puts back the line breaks of a signed text pasted into a
// one-line field, which turns them into spaces: before each label data
// writes. A value that held " Place: " itself would be split too, and the
// text then fails to verify rather than verifying something else.
func unflatten(s string) string {
	for _, l := range knownLabels {
		s = strings.ReplaceAll(s, " "+l+": ", "\n"+l+": ")
	}
	return s
}

// TextCheck is what checking a signed text with a set of keys found.
type TextCheck struct {
	Signed     Signed
	Verdict    Verdict
	Why        FailReason // why not genuine
	Key        PublicKey
	Revocation *Revocation
}

// CheckSigned checks a signed text against the issuer keys a verifier
// trusts and the revocations it knows (by SignatureID; nil for none). The
// verifier page makes the same decision in JavaScript.
func CheckSigned(input string, keys []PublicKey, revoked map[string]Revocation) TextCheck {
	s, err := ParseSigned(input)
	if err != nil {
		return TextCheck{Verdict: NotGenuine, Why: ReasonMalformed}
	}
	out := TextCheck{Signed: s, Verdict: NotGenuine, Why: ReasonUnknownIssuer}
	for _, k := range keys {
		if k.Fingerprint() != s.Issuer {
			continue
		}
		out.Key = k
		if !ed25519.Verify(k.Key, []byte(s.Message), s.Signature) {
			out.Why = ReasonBadSignature
			return out
		}
		out.Verdict, out.Why = Genuine, ""
		if r, ok := revoked[SignatureID(s.Signature)]; ok {
			out.Verdict, out.Revocation = Revoked, &r
		}
		return out
	}
	return out
}

// EncodeFragment writes a signed text for the part of a verifier address
// after "#": letters, digits and the punctuation addresses allow stay as
// they are, a space becomes "+", and every other byte (line ends, accented
// letters) is written %XX, so that phone cameras see one web address.
func EncodeFragment(text string) string {
	const keep = "-._~:@/?!$&'()*,;="
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', strings.IndexByte(keep, c) >= 0:
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func decodeFragment(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '+':
			b.WriteByte(' ')
		case '%':
			if i+2 >= len(s) {
				return "", ErrMalformed
			}
			v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil {
				return "", ErrMalformed
			}
			b.WriteByte(byte(v))
			i += 2
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// QRContent is what a document's QR code holds: its signed text, or the
// verifier address followed by "#" and the text when the workshop has one.
func QRContent(address, text string) string {
	if address == "" {
		return text
	}
	return address + "#" + EncodeFragment(text)
}

func isKind(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool { return r < 'a' || r > 'z' })
}

// isLabel allows letters and single spaces: "Name", "Led sessions of".
func isLabel(s string) bool {
	return s != "" && s == strings.TrimSpace(s) && !strings.Contains(s, "  ") &&
		!strings.ContainsFunc(s, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == ' ') })
}

func isSpaceOrControl(r rune) bool { return r <= ' ' || r == 0x7f || r == '\u00a0' }
