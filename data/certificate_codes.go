package data

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Verification codes let the secretariat look a certificate up in the
// register by typing a few characters: 12 of Crockford's base32 in groups
// of four (K7Q2-M9XD-4FHT), short enough to type, long enough that nobody
// guesses one. A certificate issued since signatures has the code of its
// signature (signatureCode in signing.go). Those issued before have an
// HMAC-SHA256 code, with a secret of 32 random bytes kept in the settings
// table under certificateSecretKey (hex), over what the certificate says:
// serial number, holder kind, printed name (NFC), workshop title, dates and
// language. Those codes keep verifying with the file, and a reissue that
// changes nothing they cover keeps them, so that the paper already handed
// out stays good. The figures (sessions, hours) are covered by neither, so
// that reprinting after a late attendance correction keeps the code.
const certificateSecretKey = "certificate_secret"

// crockford is Crockford's base32 alphabet: no I, L, O or U.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// certificateSecret reads the file's secret, making it on first use.
func (s *Store) certificateSecret() ([]byte, error) {
	if v, ok, err := s.Setting(certificateSecretKey); err != nil || ok {
		if err != nil {
			return nil, err
		}
		return hex.DecodeString(v)
	}
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return nil, err
	}
	// INSERT OR IGNORE: if another connection made one meanwhile, theirs
	// stays and is read back below.
	err := s.write(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT OR IGNORE INTO settings(key, value) VALUES (?, ?)`,
			certificateSecretKey, hex.EncodeToString(secret))
		return err
	})
	if err != nil {
		return nil, err
	}
	v, _, err := s.Setting(certificateSecretKey)
	if err != nil {
		return nil, err
	}
	return hex.DecodeString(v)
}

// certificateCode computes the code of what c says with the secret.
func certificateCode(secret []byte, c Certificate) string {
	kind := "participant"
	if c.TrainerID != 0 {
		kind = "trainer"
	}
	mac := hmac.New(sha256.New, secret)
	for _, field := range []string{"atelier-certificate-1", c.Serial, kind, norm.NFC.String(c.HolderName),
		norm.NFC.String(c.WorkshopTitle), c.StartDate.String(), c.EndDate.String(), string(c.Language)} {
		mac.Write([]byte(field))
		mac.Write([]byte{0x1f}) // a separator no field holds
	}
	return crockfordCode(mac.Sum(nil))
}

// crockfordCode writes the first 60 bits of sum as 12 characters of
// Crockford's base32 in groups of four.
func crockfordCode(sum []byte) string {
	var bits uint64
	for _, b := range sum[:8] {
		bits = bits<<8 | uint64(b)
	}
	var b strings.Builder
	for i := range 12 {
		if i > 0 && i%4 == 0 {
			b.WriteByte('-')
		}
		b.WriteByte(crockford[bits>>(64-5*(i+1))&31])
	}
	return b.String()
}

// NormaliseCode reads a code as a person types it: any case, with or
// without dashes or spaces, O for 0 and I or L for 1, as Crockford's
// alphabet allows. It returns the code in its printed form, or the input
// trimmed when it cannot be one.
func NormaliseCode(typed string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(typed) {
		switch {
		case r == '-' || r == ' ' || r == '\u00a0':
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		}
		b.WriteRune(r)
	}
	raw := b.String()
	if len(raw) != 12 || strings.IndexFunc(raw, func(r rune) bool { return !strings.ContainsRune(crockford, r) }) >= 0 {
		return strings.TrimSpace(typed)
	}
	return raw[:4] + "-" + raw[4:8] + "-" + raw[8:]
}
