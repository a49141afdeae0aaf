package data

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// LetterKind is what a letter to a participant is for.
type LetterKind string

const (
	LetterVisa       LetterKind = "visa"       // invitation for a visa application
	LetterAward      LetterKind = "award"      // the grant awarded: what it covers, how much
	LetterAttendance LetterKind = "attendance" // for an employer: the sessions attended
)

// LetterKinds lists the kinds in the order menus offer them.
var LetterKinds = []LetterKind{LetterVisa, LetterAward, LetterAttendance}

// ValidLetterKind reports whether k is a kind of letter Atelier writes.
func ValidLetterKind(k LetterKind) bool { return slices.Contains(LetterKinds, k) }

// Letter is an entry of the register of letters: one letter of each kind
// per participant. What it says is signed like a certificate (signing.go),
// with the kind word "letter"; Code is made from the signature.
type Letter struct {
	ID            int64
	WorkshopID    int64
	ParticipantID int64
	Kind          LetterKind
	Serial        string // LAG-2022-V007: city, year, the kind's letter and a running number
	Code          string
	Language      Language
	IssuedOn      Date
	UpdatedAt     time.Time
	HolderName    string
	SignedText    string // what the issuer's key signed, without the signature line
	Signature     []byte
	IssuerKeyID   int64
}

// QRText is what the letter's QR code holds, without a verifier address:
// its signed text with the signature.
func (l Letter) QRText() string {
	return l.SignedText + "\n" + signatureLabel + ": " + base64.RawURLEncoding.EncodeToString(l.Signature)
}

// IssuerFingerprint is the fingerprint of the key that signed the letter.
func (l Letter) IssuerFingerprint() string {
	return Certificate{SignedText: l.SignedText}.IssuerFingerprint()
}

const letterColumns = `id, workshop_id, participant_id, kind, serial, code, language, issued_on, updated_at,
	holder_name, signed_text, signature, issuer_key_id`

func scanLetter(row scanner) (Letter, error) {
	var l Letter
	var issued, updated string
	err := row.Scan(&l.ID, &l.WorkshopID, &l.ParticipantID, &l.Kind, &l.Serial, &l.Code, &l.Language, &issued,
		&updated, &l.HolderName, &l.SignedText, &l.Signature, &l.IssuerKeyID)
	if err != nil {
		return l, err
	}
	l.IssuedOn, _ = ParseDate(issued)
	l.UpdatedAt, _ = time.Parse(time.RFC3339, updated)
	return l, nil
}

// Letters lists the register of letters of a workshop, by serial number.
func (s *Store) Letters(workshopID int64) ([]Letter, error) { return lettersIn(s.r, workshopID) }

func lettersIn(q querier, workshopID int64) ([]Letter, error) {
	return queryAll(q, scanLetter, `SELECT `+letterColumns+` FROM letters WHERE workshop_id = ? ORDER BY serial`,
		workshopID)
}

// ParticipantLetters lists the letters issued to one participant, by kind.
func (s *Store) ParticipantLetters(participantID int64) ([]Letter, error) {
	return queryAll(s.r, scanLetter, `SELECT `+letterColumns+` FROM letters WHERE participant_id = ?
		ORDER BY CASE kind WHEN 'visa' THEN 1 WHEN 'award' THEN 2 ELSE 3 END`, participantID)
}

// letterSerialMark is the letter of a kind in its serial numbers.
var letterSerialMark = map[LetterKind]string{LetterVisa: "V", LetterAward: "G", LetterAttendance: "A"}

func letterSerialPrefix(w Workshop, kind LetterKind) string {
	return serialPrefix(w) + letterSerialMark[kind]
}

// lastLetterSerial is the highest running number of a kind's serials.
func lastLetterSerial(q querier, workshopID int64, prefix string) (n int, err error) {
	err = q.QueryRow(`SELECT coalesce(max(CAST(substr(serial, ?) AS INTEGER)), 0) FROM letters
		WHERE workshop_id = ? AND serial LIKE ? || '%'`, len(prefix)+1, workshopID, prefix).Scan(&n)
	return n, err
}

// LetterWording is a workshop's own wording of one kind of letter in one
// language; an empty field keeps the default of package reports. Body
// holds paragraphs separated by blank lines, with placeholders such as
// {name} that the letter fills in (LetterPlaceholders).
type LetterWording struct {
	Subject string `json:",omitempty"`
	Body    string `json:",omitempty"`
}

// LetterSettings is what a workshop's letters share: the address under
// the letterhead's logos, and which signatory signs.
type LetterSettings struct {
	Address   string `json:",omitempty"` // lines separated by line breaks
	Signatory int    `json:",omitempty"` // the signatory's position; 0 is the first
}

// LetterPlaceholders are the placeholders a kind's wording may use, each
// written in braces: {name}.
func LetterPlaceholders(kind LetterKind) []string {
	common := []string{"name", "given_name", "family_name", "institution", "position", "country", "workshop",
		"theme", "city", "venue", "place", "dates", "organiser"}
	switch kind {
	case LetterVisa:
		return append(common, "nationality", "birth_date", "passport", "passport_expiry", "arrival", "departure")
	case LetterAward:
		return append(common, "amount", "covers")
	case LetterAttendance:
		return append(common, "sessions", "counted", "hours", "percent")
	}
	return common
}

var placeholderPattern = regexp.MustCompile(`\{([^{}]*)\}`)

// MaxLetterBody is the longest body a letter's wording may have.
const MaxLetterBody = 4000

// Validate checks a kind's wording: lengths, and that each placeholder is
// one the kind fills in.
func (lw LetterWording) Validate(kind LetterKind) error {
	c := checker{record: "letter wording"}
	c.text("subject", "Subject", lw.Subject, MaxTitleLength, false)
	c.checkText("body", "Text", lw.Body, MaxLetterBody, false, true)
	allowed := LetterPlaceholders(kind)
	for _, field := range []struct{ name, label, text string }{{"subject", "Subject", lw.Subject}, {"body", "Text", lw.Body}} {
		for _, m := range placeholderPattern.FindAllStringSubmatch(field.text, -1) {
			if !slices.Contains(allowed, m[1]) {
				names := make([]string, len(allowed))
				for i, a := range allowed {
					names[i] = "{" + a + "}"
				}
				c.add(field.name, field.label, "error.letter_placeholder",
					fmt.Sprintf("uses %s, which this letter cannot fill in; it can use %s.", m[0], strings.Join(names, ", ")),
					map[string]any{"Value": m[0], "Allowed": strings.Join(names, ", ")})
				break
			}
		}
	}
	return c.err()
}

func letterWordingKey(workshopID int64, kind LetterKind, lang Language) string {
	return fmt.Sprintf("letter_wording.%d.%s.%s", workshopID, kind, lang)
}

func letterSettingsKey(workshopID int64) string { return fmt.Sprintf("letter_settings.%d", workshopID) }

// LetterWording reads a workshop's own wording of a kind in a language.
func (s *Store) LetterWording(workshopID int64, kind LetterKind, lang Language) (LetterWording, error) {
	return letterWordingIn(s.r, workshopID, kind, lang)
}

func letterWordingIn(q querier, workshopID int64, kind LetterKind, lang Language) (LetterWording, error) {
	var w LetterWording
	v, ok, err := settingIn(q, letterWordingKey(workshopID, kind, lang))
	if err != nil || !ok {
		return w, err
	}
	return w, json.Unmarshal([]byte(v), &w)
}

// SetLetterWording stores a workshop's wording of a kind in a language,
// after checking it; both fields empty go back to the defaults.
func (s *Store) SetLetterWording(workshopID int64, kind LetterKind, lang Language, w LetterWording) error {
	if !ValidLetterKind(kind) || !validLanguage(lang) {
		return fmt.Errorf("no letter of kind %q in language %q", kind, lang)
	}
	w.Subject = normalise(w.Subject)
	w.Body = strings.TrimSpace(strings.ReplaceAll(normalise(w.Body), "\r\n", "\n"))
	if err := w.Validate(kind); err != nil {
		return err
	}
	key := letterWordingKey(workshopID, kind, lang)
	if w == (LetterWording{}) {
		return s.write(context.Background(), func(tx *sql.Tx) error {
			_, err := tx.Exec(`DELETE FROM settings WHERE key = ?`, key)
			return err
		})
	}
	b, err := json.Marshal(w)
	if err != nil {
		return err
	}
	return s.SetSetting(key, string(b))
}

// LetterSettings reads what a workshop's letters share.
func (s *Store) LetterSettings(workshopID int64) (LetterSettings, error) {
	return letterSettingsIn(s.r, workshopID)
}

func letterSettingsIn(q querier, workshopID int64) (LetterSettings, error) {
	var ls LetterSettings
	v, ok, err := settingIn(q, letterSettingsKey(workshopID))
	if err != nil || !ok {
		return ls, err
	}
	return ls, json.Unmarshal([]byte(v), &ls)
}

// SetLetterSettings stores what a workshop's letters share.
func (s *Store) SetLetterSettings(workshopID int64, ls LetterSettings) error {
	ls.Address = strings.TrimSpace(strings.ReplaceAll(normalise(ls.Address), "\r\n", "\n"))
	c := checker{record: "letters"}
	c.checkText("address", "Address", ls.Address, 400, false, true)
	if ls.Signatory < 0 || ls.Signatory > MaxSignatories {
		c.add("signatory", "Signatory", "error.range", fmt.Sprintf("must be between 0 and %d.", MaxSignatories),
			map[string]any{"Min": 0, "Max": MaxSignatories})
	}
	if err := c.err(); err != nil {
		return err
	}
	b, err := json.Marshal(ls)
	if err != nil {
		return err
	}
	return s.SetSetting(letterSettingsKey(workshopID), string(b))
}

// letterByCode finds a letter by its code, or returns sql.ErrNoRows.
func letterByCode(q querier, code string) (Letter, error) {
	return scanLetter(q.QueryRow(`SELECT `+letterColumns+` FROM letters WHERE code = ?`, code))
}

// letterBySignature finds a letter by its signature, or returns
// sql.ErrNoRows.
func letterBySignature(q querier, sig []byte) (Letter, error) {
	return scanLetter(q.QueryRow(`SELECT `+letterColumns+` FROM letters WHERE signature = ?`, sig))
}
