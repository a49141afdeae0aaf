package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Revocation withdraws a certificate: it stays in the register, so that
// its serial number is never given again and verifying it says why it no
// longer stands, and it is never printed again.
type Revocation struct {
	CertificateID int64
	WorkshopID    int64
	Serial        string
	HolderName    string
	Reason        string
	RevokedAt     time.Time
	// SignatureID names the certificate's signature in the verifier
	// page's list; empty for a certificate issued before signatures.
	SignatureID string
}

const revocationColumns = `r.certificate_id, c.workshop_id, c.serial, c.holder_name, r.reason, r.revoked_at, c.signature`

func scanRevocation(row scanner) (Revocation, error) {
	var r Revocation
	var at string
	var sig []byte
	err := row.Scan(&r.CertificateID, &r.WorkshopID, &r.Serial, &r.HolderName, &r.Reason, &at, &sig)
	r.RevokedAt, _ = time.Parse(time.RFC3339, at)
	if len(sig) > 0 {
		r.SignatureID = SignatureID(sig)
	}
	return r, err
}

// Revocations lists every revoked certificate of the file, the latest
// first.
func (s *Store) Revocations() ([]Revocation, error) {
	return revocations(s.r)
}

func revocations(q querier) ([]Revocation, error) {
	return queryAll(q, scanRevocation, `SELECT `+revocationColumns+` FROM certificate_revocations r
		JOIN certificates c ON c.id = r.certificate_id ORDER BY r.revoked_at DESC, r.certificate_id DESC`)
}

// revocationOf is the certificate's revocation, or nil.
func revocationOf(q querier, certificateID int64) (*Revocation, error) {
	r, err := scanRevocation(q.QueryRow(`SELECT `+revocationColumns+` FROM certificate_revocations r
		JOIN certificates c ON c.id = r.certificate_id WHERE r.certificate_id = ?`, certificateID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return &r, err
}

// RevocationOf is the certificate's revocation, or nil when it stands.
func (s *Store) RevocationOf(certificateID int64) (*Revocation, error) {
	return revocationOf(s.r, certificateID)
}

// Revoke withdraws a certificate of the register for the reason given,
// which is required: it is what a verifier shows.
func (s *Store) Revoke(certificateID int64, reason string) (Revocation, error) {
	reason = normalise(reason)
	c := checker{record: "revocation"}
	c.text("reason", "Reason", reason, MaxShortText, true)
	if err := c.err(); err != nil {
		return Revocation{}, err
	}
	var out Revocation
	err := s.write(context.Background(), func(tx *sql.Tx) error {
		old, err := revocationOf(tx, certificateID)
		if err != nil {
			return err
		}
		if old != nil {
			return FieldError{Field: "certificate", Key: "error.already_revoked",
				Args: map[string]any{"Serial": old.Serial, "Name": old.HolderName, "Date": old.RevokedAt.Format("2006-01-02"), "Reason": old.Reason},
				Message: fmt.Sprintf("certificate %s (%s) was already revoked on %s: %s", old.Serial, old.HolderName,
					old.RevokedAt.Format("2006-01-02"), old.Reason)}
		}
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM certificates WHERE id = ?`, certificateID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return &NotFoundError{"certificate", certificateID}
		}
		_, err = tx.Exec(`INSERT INTO certificate_revocations(certificate_id, reason, revoked_at) VALUES (?, ?, ?)`,
			certificateID, reason, nowStamp())
		if err != nil {
			return err
		}
		r, err := revocationOf(tx, certificateID)
		if r != nil {
			out = *r
		}
		return err
	})
	return out, err
}

// CertificatesWithSerial finds the register entries with a serial number
// (one per workshop at most), for revoking by serial.
func (s *Store) CertificatesWithSerial(serial string) ([]Certificate, error) {
	return queryAll(s.r, scanCertificate, `SELECT `+certificateColumns+` FROM certificates
		WHERE serial = ? ORDER BY workshop_id`, strings.ToUpper(strings.TrimSpace(serial)))
}
