package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// WorkshopText is a workshop's title and theme in one language other than
// its working one; an empty field means the workshop's own.
type WorkshopText struct {
	Title, Theme string
}

// WorkshopTexts holds a workshop's titles and themes by language.
type WorkshopTexts map[Language]WorkshopText

// Title is the workshop's title in lang: its own in the working language
// or when no other was given.
func (t WorkshopTexts) Title(w Workshop, lang Language) string {
	if lang != w.Language && t[lang].Title != "" {
		return t[lang].Title
	}
	return w.Title
}

// Theme is the workshop's theme in lang, as Title.
func (t WorkshopTexts) Theme(w Workshop, lang Language) string {
	if lang != w.Language && t[lang].Theme != "" {
		return t[lang].Theme
	}
	return w.Theme
}

// WorkshopTexts reads a workshop's titles and themes in other languages.
func (s *Store) WorkshopTexts(workshopID int64) (WorkshopTexts, error) {
	return workshopTexts(s.r, workshopID)
}

func workshopTexts(q querier, workshopID int64) (WorkshopTexts, error) {
	type row struct {
		lang Language
		text WorkshopText
	}
	rows, err := queryAll(q, func(r scanner) (row, error) {
		var x row
		err := r.Scan(&x.lang, &x.text.Title, &x.text.Theme)
		return x, err
	}, `SELECT language, title, theme FROM workshop_texts WHERE workshop_id = ?`, workshopID)
	out := WorkshopTexts{}
	for _, r := range rows {
		out[r.lang] = r.text
	}
	return out, err
}

// SetWorkshopText stores a workshop's title and theme in lang; both empty
// removes them. The working language's are the workshop's own fields.
func (s *Store) SetWorkshopText(workshopID int64, lang Language, t WorkshopText) error {
	t.Title, t.Theme = normalise(t.Title), normalise(t.Theme)
	c := checker{record: "workshop"}
	c.text("title", "Title", t.Title, MaxTitleLength, false)
	c.text("theme", "Theme", t.Theme, MaxTitleLength, false)
	if err := c.err(); err != nil {
		return err
	}
	if !validLanguage(lang) {
		return fmt.Errorf("%q is not a language Atelier writes documents in", lang)
	}
	return s.write(context.Background(), func(tx *sql.Tx) error {
		if t == (WorkshopText{}) {
			_, err := tx.Exec(`DELETE FROM workshop_texts WHERE workshop_id = ? AND language = ?`, workshopID, lang)
			return err
		}
		_, err := tx.Exec(`INSERT INTO workshop_texts(workshop_id, language, title, theme) VALUES (?, ?, ?, ?)
			ON CONFLICT(workshop_id, language) DO UPDATE SET title = excluded.title, theme = excluded.theme`,
			workshopID, lang, t.Title, t.Theme)
		return err
	})
}

// SetSignatoryTitle stores the role of the signatory at position (1 to 3)
// in lang; empty removes it, and the signatory's own title prints.
func (s *Store) SetSignatoryTitle(workshopID int64, position int, lang Language, title string) error {
	title = normalise(title)
	c := checker{record: "signatory"}
	c.text("title", "Title", title, MaxShortText, false)
	if err := c.err(); err != nil {
		return err
	}
	if position < 1 || position > MaxSignatories || !validLanguage(lang) {
		return fmt.Errorf("no signatory %d in %q", position, lang)
	}
	return s.write(context.Background(), func(tx *sql.Tx) error {
		if title == "" {
			_, err := tx.Exec(`DELETE FROM signatory_titles WHERE workshop_id = ? AND position = ? AND language = ?`,
				workshopID, position, lang)
			return err
		}
		_, err := tx.Exec(`INSERT INTO signatory_titles(workshop_id, position, language, title) VALUES (?, ?, ?, ?)
			ON CONFLICT(workshop_id, position, language) DO UPDATE SET title = excluded.title`,
			workshopID, position, lang, title)
		return err
	})
}

// TitleIn is the signatory's role in lang: the one given for it, or the
// signatory's own title.
func (g Signatory) TitleIn(lang Language) string {
	if t := g.Titles[lang]; t != "" {
		return t
	}
	return g.Title
}

// signatoryTitles reads the roles in other languages of a workshop's
// signatories, by position.
func signatoryTitles(q querier, workshopID int64) (map[int]map[Language]string, error) {
	type row struct {
		position int
		lang     Language
		title    string
	}
	rows, err := queryAll(q, func(r scanner) (row, error) {
		var x row
		err := r.Scan(&x.position, &x.lang, &x.title)
		return x, err
	}, `SELECT position, language, title FROM signatory_titles WHERE workshop_id = ?`, workshopID)
	out := map[int]map[Language]string{}
	for _, r := range rows {
		if out[r.position] == nil {
			out[r.position] = map[Language]string{}
		}
		out[r.position][r.lang] = r.title
	}
	return out, err
}

// VerifierAddress is where the workshop publishes its verifier page, or
// "" when it does not.
func (s *Store) VerifierAddress(workshopID int64) (string, error) {
	return verifierAddress(s.r, workshopID)
}

func verifierAddress(q querier, workshopID int64) (string, error) {
	var a string
	err := q.QueryRow(`SELECT address FROM workshop_verifiers WHERE workshop_id = ?`, workshopID).Scan(&a)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return a, err
}

// SetVerifierAddress sets where the workshop publishes its verifier page
// (an http or https address, without "#"); empty removes it. Certificates
// printed after it hold the address before their text in their QR code.
func (s *Store) SetVerifierAddress(workshopID int64, address string) error {
	address = strings.TrimSpace(address)
	if address != "" {
		u, err := url.Parse(address)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || strings.ContainsAny(address, "# \t\n") {
			return &ValidationError{Record: "workshop", Fields: []FieldError{{Field: "verifier_address",
				Key: "error.verifier_address", Args: map[string]any{"Field": "Verifier page address", "Value": address},
				Message: fmt.Sprintf("Verifier page address %q is not a web address: it starts with https:// and holds no # or spaces.", address)}}}
		}
	}
	return s.write(context.Background(), func(tx *sql.Tx) error {
		if address == "" {
			_, err := tx.Exec(`DELETE FROM workshop_verifiers WHERE workshop_id = ?`, workshopID)
			return err
		}
		_, err := tx.Exec(`INSERT INTO workshop_verifiers(workshop_id, address) VALUES (?, ?)
			ON CONFLICT(workshop_id) DO UPDATE SET address = excluded.address`, workshopID, address)
		return err
	})
}

func validLanguage(lang Language) bool {
	for _, l := range Languages {
		if l == lang {
			return true
		}
	}
	return false
}
