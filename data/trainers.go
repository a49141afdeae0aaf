package data

import (
	"context"
	"database/sql"
	"errors"
)

const trainerColumns = `id, workshop_id, name, title, affiliation, country, email, languages, bio`

func scanTrainer(row scanner) (Trainer, error) {
	var t Trainer
	err := row.Scan(&t.ID, &t.WorkshopID, &t.Name, &t.Title, &t.Affiliation, &t.Country, &t.Email, &t.Languages, &t.Bio)
	return t, err
}

// Trainers lists a workshop's trainers by name.
func (s *Store) Trainers(workshopID int64) ([]Trainer, error) { return trainersIn(s.r, workshopID) }

func trainersIn(q querier, workshopID int64) ([]Trainer, error) {
	return queryAll(q, scanTrainer, `SELECT `+trainerColumns+` FROM trainers WHERE workshop_id = ? ORDER BY name, id`, workshopID)
}

// Trainer reads one trainer.
func (s *Store) Trainer(id int64) (Trainer, error) {
	t, err := scanTrainer(s.r.QueryRow(`SELECT `+trainerColumns+` FROM trainers WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, &NotFoundError{"trainer", id}
	}
	return t, err
}

// SaveTrainer creates (ID 0) or updates a trainer.
func (s *Store) SaveTrainer(t *Trainer) error {
	t.normalise()
	if err := t.Validate(); err != nil {
		return err
	}
	return s.write(context.Background(), func(tx *sql.Tx) error {
		if t.ID == 0 {
			res, err := tx.Exec(`INSERT INTO trainers(workshop_id, name, title, affiliation, country, email, languages, bio)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				t.WorkshopID, t.Name, t.Title, t.Affiliation, t.Country, t.Email, t.Languages, t.Bio)
			if err != nil {
				return err
			}
			t.ID, err = res.LastInsertId()
			return err
		}
		res, err := tx.Exec(`UPDATE trainers SET name = ?, title = ?, affiliation = ?, country = ?, email = ?,
			languages = ?, bio = ? WHERE id = ?`,
			t.Name, t.Title, t.Affiliation, t.Country, t.Email, t.Languages, t.Bio, t.ID)
		if err != nil {
			return err
		}
		return mustAffect(res, "trainer", t.ID)
	})
}

// DeleteTrainer removes a trainer; the sessions they led stay, without
// them. A trainer who holds a certificate is refused (InUseError).
func (s *Store) DeleteTrainer(id int64) error {
	var d *Undoable
	err := s.write(context.Background(), func(tx *sql.Tx) error {
		var name string
		var certs int
		err := tx.QueryRow(`SELECT name, (SELECT count(*) FROM certificates WHERE trainer_id = t.id)
			FROM trainers t WHERE id = ?`, id).Scan(&name, &certs)
		if errors.Is(err, sql.ErrNoRows) {
			return &NotFoundError{"trainer", id}
		}
		if err != nil {
			return err
		}
		if certs > 0 {
			return &InUseError{Record: "trainer", Name: name, What: "certificates", Count: certs}
		}
		if d, err = capture(tx, "trainer", name, "trainers", id); err != nil {
			return err
		}
		_, err = tx.Exec(`DELETE FROM trainers WHERE id = ?`, id)
		return err
	})
	if err == nil {
		s.remember(d)
	}
	return err
}
