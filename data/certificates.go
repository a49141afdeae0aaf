package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

const certificateColumns = `id, workshop_id, coalesce(participant_id, 0), coalesce(trainer_id, 0), serial, code,
	language, sessions_attended, sessions_counted, minutes_attended, issued_on, updated_at,
	holder_name, workshop_title, start_date, end_date, city, country, signed_text, signature,
	coalesce(issuer_key_id, 0)`

func scanCertificate(row scanner) (Certificate, error) {
	var c Certificate
	var issued, updated, start, end string
	err := row.Scan(&c.ID, &c.WorkshopID, &c.ParticipantID, &c.TrainerID, &c.Serial, &c.Code, &c.Language,
		&c.SessionsAttended, &c.SessionsCounted, &c.MinutesAttended, &issued, &updated,
		&c.HolderName, &c.WorkshopTitle, &start, &end, &c.City, &c.Country, &c.SignedText, &c.Signature, &c.IssuerKeyID)
	if err != nil {
		return c, err
	}
	// Rows written before schema version 3 hold no content: zero dates.
	c.StartDate, _ = ParseDate(start)
	c.EndDate, _ = ParseDate(end)
	if c.IssuedOn, err = ParseDate(issued); err != nil {
		return c, err
	}
	c.UpdatedAt, _ = time.Parse(time.RFC3339, updated)
	return c, nil
}

// Certificates lists the register of a workshop by serial number.
func (s *Store) Certificates(workshopID int64) ([]Certificate, error) {
	return certificatesIn(s.r, workshopID)
}

func certificatesIn(q querier, workshopID int64) ([]Certificate, error) {
	return queryAll(q, scanCertificate, `SELECT `+certificateColumns+` FROM certificates
		WHERE workshop_id = ? ORDER BY serial`, workshopID)
}

// CertificateByCode finds a certificate by its verification code.
func (s *Store) CertificateByCode(code string) (Certificate, error) {
	c, err := scanCertificate(s.r.QueryRow(`SELECT `+certificateColumns+` FROM certificates WHERE code = ?`,
		strings.TrimSpace(code)))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("no certificate has the code %q: %w", code, ErrNotFound)
	}
	return c, err
}

// SaveCertificate records a certificate in the register. When the holder
// already has one for the workshop, it is reissued: the serial number and
// code stay those first issued, and the figures, language and dates update;
// what the certificate says stays too, since the code is computed over it
// (IssueCertificates recomputes both when a name was corrected).
func (s *Store) SaveCertificate(c *Certificate) error {
	c.Serial, c.Code = strings.TrimSpace(c.Serial), strings.TrimSpace(c.Code)
	if err := c.Validate(); err != nil {
		return err
	}
	holder := func(id int64) any {
		if id == 0 {
			return nil
		}
		return id
	}
	now := nowStamp()
	return s.write(context.Background(), func(tx *sql.Tx) error {
		var existing Certificate
		existing, err := scanCertificate(tx.QueryRow(`SELECT `+certificateColumns+` FROM certificates
			WHERE workshop_id = ? AND (participant_id = ? OR trainer_id = ?)`,
			c.WorkshopID, holder(c.ParticipantID), holder(c.TrainerID)))
		switch {
		case err == nil:
			c.ID, c.Serial, c.Code = existing.ID, existing.Serial, existing.Code
			_, err = tx.Exec(`UPDATE certificates SET language = ?, sessions_attended = ?, sessions_counted = ?,
				minutes_attended = ?, issued_on = ?, updated_at = ? WHERE id = ?`,
				c.Language, c.SessionsAttended, c.SessionsCounted, c.MinutesAttended, c.IssuedOn.String(), now, c.ID)
			return err
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		res, err := tx.Exec(`INSERT INTO certificates(workshop_id, participant_id, trainer_id, serial, code, language,
			sessions_attended, sessions_counted, minutes_attended, issued_on, updated_at,
			holder_name, workshop_title, start_date, end_date)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.WorkshopID, holder(c.ParticipantID), holder(c.TrainerID), c.Serial, c.Code, c.Language,
			c.SessionsAttended, c.SessionsCounted, c.MinutesAttended, c.IssuedOn.String(), now,
			c.HolderName, c.WorkshopTitle, c.StartDate.String(), c.EndDate.String())
		if err != nil {
			if strings.Contains(err.Error(), "UNIQUE") {
				return &ValidationError{Record: "certificate", Fields: []FieldError{{Field: "serial",
					Key: "error.duplicate_serial", Args: map[string]any{"Field": "Serial number", "Value": c.Serial},
					Message: fmt.Sprintf("Serial number %q or its code is already used by another certificate.", c.Serial)}}}
			}
			return err
		}
		c.ID, err = res.LastInsertId()
		return err
	})
}

// DeleteCertificate removes an entry made by mistake from the register;
// a certificate handed out is withdrawn with Revoke instead.
func (s *Store) DeleteCertificate(id int64) error {
	return s.write(context.Background(), func(tx *sql.Tx) error {
		res, err := tx.Exec(`DELETE FROM certificates WHERE id = ?`, id)
		if err != nil {
			return err
		}
		return mustAffect(res, "certificate", id)
	})
}

// NextSerial proposes the next serial number of a workshop's register, such
// as LAG-2022-017: three letters of the city, the year, a running number.
func (s *Store) NextSerial(workshopID int64) (string, error) {
	w, err := s.Workshop(workshopID)
	if err != nil {
		return "", err
	}
	prefix := serialPrefix(w)
	n, err := lastSerial(s.r, w.ID, prefix)
	return fmt.Sprintf("%s%03d", prefix, n+1), err
}

func serialPrefix(w Workshop) string {
	return fmt.Sprintf("%s-%d-", cityPrefix(w.City), w.StartDate.Year)
}

// lastSerial is the highest running number of the workshop's serials.
func lastSerial(db interface {
	QueryRow(string, ...any) *sql.Row
}, workshopID int64, prefix string) (n int, err error) {
	err = db.QueryRow(`SELECT coalesce(max(CAST(substr(serial, ?) AS INTEGER)), 0) FROM certificates
		WHERE workshop_id = ? AND serial LIKE ? || '%'`, len(prefix)+1, workshopID, prefix).Scan(&n)
	return n, err
}

func cityPrefix(city string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(Fold(city)) {
		if r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
			if b.Len() == 3 {
				break
			}
		}
	}
	if b.Len() == 0 {
		return "WS"
	}
	return b.String()
}
