package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// Signatory is one of up to three people who sign a workshop's
// certificates, printed at their foot in Position order.
type Signatory struct {
	Position  int // 1 to 3
	Name      string
	Title     string
	Signature []byte // PNG or JPEG; nil when none
	// Titles is the role in other languages (see TitleIn), kept apart by
	// SetSignatoryTitle.
	Titles map[Language]string
}

// MaxSignatories is how many signatures a certificate has room for.
const MaxSignatories = 3

// Signatories lists a workshop's signatories in order.
func (s *Store) Signatories(workshopID int64) (list []Signatory, err error) {
	return readOne(s, func(q querier) ([]Signatory, error) { return signatoriesIn(q, workshopID) })
}

// signatoriesIn reads a workshop's signatories with their roles in other
// languages.
func signatoriesIn(q querier, workshopID int64) ([]Signatory, error) {
	list, err := queryAll(q, func(row scanner) (Signatory, error) {
		var g Signatory
		err := row.Scan(&g.Position, &g.Name, &g.Title, &g.Signature)
		return g, err
	}, `SELECT position, name, title, signature FROM certificate_signatories WHERE workshop_id = ?
		ORDER BY position`, workshopID)
	if err != nil {
		return nil, err
	}
	titles, err := signatoryTitles(q, workshopID)
	for i := range list {
		list[i].Titles = titles[list[i].Position]
	}
	return list, err
}

// SetSignatories replaces a workshop's signatories by list, numbered in
// its order; a signatory without a name is refused.
func (s *Store) SetSignatories(workshopID int64, list []Signatory) error {
	if len(list) > MaxSignatories {
		return fmt.Errorf("a certificate has room for %d signatories, not %d", MaxSignatories, len(list))
	}
	c := checker{record: "signatory"}
	for i := range list {
		list[i].Name, list[i].Title, list[i].Position = normalise(list[i].Name), normalise(list[i].Title), i+1
		c.text("name", "Name", list[i].Name, MaxNameLength, true)
		c.text("title", "Title", list[i].Title, MaxShortText, false)
	}
	if err := c.err(); err != nil {
		return err
	}
	return s.write(context.Background(), func(tx *sql.Tx) error {
		if _, err := tx.Exec(`DELETE FROM certificate_signatories WHERE workshop_id = ?`, workshopID); err != nil {
			return err
		}
		// Roles in other languages go with their place at the foot; a
		// place left empty loses them.
		if _, err := tx.Exec(`DELETE FROM signatory_titles WHERE workshop_id = ? AND position > ?`,
			workshopID, len(list)); err != nil {
			return err
		}
		for _, g := range list {
			if _, err := tx.Exec(`INSERT INTO certificate_signatories(workshop_id, position, name, title, signature)
				VALUES (?, ?, ?, ?, ?)`, workshopID, g.Position, g.Name, g.Title, g.Signature); err != nil {
				return err
			}
		}
		return nil
	})
}

// CertificateWording is a workshop's own wording of its certificates in
// one language; an empty field keeps the default wording. Body is the line
// above the workshop's title ("has attended the training workshop"),
// TrainerBody its form on trainers' certificates.
type CertificateWording struct {
	Title       string `json:",omitempty"` // "Certificate of attendance"
	Body        string `json:",omitempty"` // "has attended the workshop …"
	TrainerBody string `json:",omitempty"` // "has led sessions of the workshop …"
}

// The wording is kept in the settings table, one JSON value per workshop
// and language, so that no schema change is needed for a new field.
func wordingKey(workshopID int64, lang Language) string {
	return fmt.Sprintf("certificate_wording.%d.%s", workshopID, lang)
}

// CertificateWording reads a workshop's wording in a language; every
// field is empty when the defaults apply.
func (s *Store) CertificateWording(workshopID int64, lang Language) (CertificateWording, error) {
	return certificateWordingIn(s.r, workshopID, lang)
}

func certificateWordingIn(q querier, workshopID int64, lang Language) (CertificateWording, error) {
	var w CertificateWording
	v, ok, err := settingIn(q, wordingKey(workshopID, lang))
	if err != nil || !ok {
		return w, err
	}
	return w, json.Unmarshal([]byte(v), &w)
}

// SetCertificateWording stores a workshop's wording in a language.
func (s *Store) SetCertificateWording(workshopID int64, lang Language, w CertificateWording) error {
	w.Title, w.Body, w.TrainerBody = normalise(w.Title), normalise(w.Body), normalise(w.TrainerBody)
	b, err := json.Marshal(w)
	if err != nil {
		return err
	}
	return s.SetSetting(wordingKey(workshopID, lang), string(b))
}
