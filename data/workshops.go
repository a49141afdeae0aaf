package data

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

const workshopColumns = `id, title, theme, city, country, region, venue, start_date, end_date, language,
	grant_target, min_attendance_percent, late_counts, excused_policy, created_at, updated_at`

type scanner interface{ Scan(dest ...any) error }

func scanWorkshop(row scanner) (Workshop, error) {
	var w Workshop
	var start, end, created, updated string
	var late int
	err := row.Scan(&w.ID, &w.Title, &w.Theme, &w.City, &w.Country, &w.Region, &w.Venue, &start, &end,
		&w.Language, &w.GrantTarget, &w.Rule.MinPercent, &late, &w.Rule.ExcusedPolicy, &created, &updated)
	if err != nil {
		return w, err
	}
	w.Rule.LateCounts = late == 1
	if w.StartDate, err = ParseDate(start); err != nil {
		return w, err
	}
	if w.EndDate, err = ParseDate(end); err != nil {
		return w, err
	}
	w.CreatedAt, _ = time.Parse(time.RFC3339, created)
	w.UpdatedAt, _ = time.Parse(time.RFC3339, updated)
	return w, nil
}

// Workshops lists every workshop in the file, the latest first.
func (s *Store) Workshops() ([]Workshop, error) { return workshopsIn(s.r) }

func workshopsIn(q querier) ([]Workshop, error) {
	return queryAll(q, scanWorkshop, `SELECT `+workshopColumns+` FROM workshops ORDER BY start_date DESC, id`)
}

// Workshop reads one workshop.
func (s *Store) Workshop(id int64) (Workshop, error) { return workshopIn(s.r, id) }

func workshopIn(q querier, id int64) (Workshop, error) {
	w, err := scanWorkshop(q.QueryRow(`SELECT `+workshopColumns+` FROM workshops WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return w, &NotFoundError{"workshop", id}
	}
	return w, err
}

// SaveWorkshop creates the workshop when its ID is 0 and updates it otherwise.
// Sessions that the new dates would leave outside the workshop stay as they
// are: the schedule shows them as conflicts to resolve.
func (s *Store) SaveWorkshop(w *Workshop) error {
	w.normalise()
	if w.Rule == (CertificateRule{}) {
		w.Rule = DefaultCertificateRule
	}
	if err := w.Validate(); err != nil {
		return err
	}
	now := nowStamp()
	args := []any{w.Title, w.Theme, w.City, w.Country, w.Region, w.Venue, w.StartDate.String(), w.EndDate.String(),
		w.Language, w.GrantTarget, w.Rule.MinPercent, boolInt(w.Rule.LateCounts), w.Rule.ExcusedPolicy, now}
	return s.write(context.Background(), func(tx *sql.Tx) error {
		if w.ID == 0 {
			res, err := tx.Exec(`INSERT INTO workshops(title, theme, city, country, region, venue, start_date, end_date,
				language, grant_target, min_attendance_percent, late_counts, excused_policy, updated_at, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(args, now)...)
			if err != nil {
				return err
			}
			w.ID, err = res.LastInsertId()
			w.CreatedAt, _ = time.Parse(time.RFC3339, now)
			w.UpdatedAt = w.CreatedAt
			return err
		}
		res, err := tx.Exec(`UPDATE workshops SET title = ?, theme = ?, city = ?, country = ?, region = ?, venue = ?,
			start_date = ?, end_date = ?, language = ?, grant_target = ?, min_attendance_percent = ?, late_counts = ?,
			excused_policy = ?, updated_at = ? WHERE id = ?`, append(args, w.ID)...)
		if err != nil {
			return err
		}
		w.UpdatedAt, _ = time.Parse(time.RFC3339, now)
		return mustAffect(res, "workshop", w.ID)
	})
}

// DeleteWorkshop removes a workshop with everything that belongs to it:
// sessions, trainers, participants, attendance and certificates.
func (s *Store) DeleteWorkshop(id int64) error {
	var d *Undoable
	err := s.write(context.Background(), func(tx *sql.Tx) error {
		var title string
		err := tx.QueryRow(`SELECT title FROM workshops WHERE id = ?`, id).Scan(&title)
		if errors.Is(err, sql.ErrNoRows) {
			return &NotFoundError{"workshop", id}
		}
		if err != nil {
			return err
		}
		if d, err = capture(tx, "workshop", title, "workshops", id); err != nil {
			return err
		}
		// Attendance and certificates protect participants from casual
		// deletes (ON DELETE RESTRICT), so they go first, explicitly.
		for _, q := range []string{
			`DELETE FROM attendance WHERE workshop_id = ?`,
			`DELETE FROM certificates WHERE workshop_id = ?`,
		} {
			if _, err := tx.Exec(q, id); err != nil {
				return err
			}
		}
		_, err = tx.Exec(`DELETE FROM workshops WHERE id = ?`, id)
		return err
	})
	if err == nil {
		s.remember(d)
	}
	return err
}

// WorkshopCounts are the sizes shown beside a workshop in lists.
type WorkshopCounts struct {
	Sessions, Trainers, Participants, Confirmed, Marks, Certificates int
}

// CountsOf counts what a workshop holds.
func (s *Store) CountsOf(id int64) (WorkshopCounts, error) {
	var c WorkshopCounts
	err := s.r.QueryRow(`SELECT
		(SELECT count(*) FROM sessions WHERE workshop_id = ?1),
		(SELECT count(*) FROM trainers WHERE workshop_id = ?1),
		(SELECT count(*) FROM participants WHERE workshop_id = ?1),
		(SELECT count(*) FROM participants WHERE workshop_id = ?1 AND status = 'confirmed'),
		(SELECT count(*) FROM attendance WHERE workshop_id = ?1),
		(SELECT count(*) FROM certificates WHERE workshop_id = ?1)`, id).
		Scan(&c.Sessions, &c.Trainers, &c.Participants, &c.Confirmed, &c.Marks, &c.Certificates)
	return c, err
}

func mustAffect(res sql.Result, record string, id int64) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return &NotFoundError{record, id}
	}
	return nil
}
