package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

const sessionColumns = `s.id, s.workshop_id, s.title, s.kind, s.starts_at, s.ends_at, s.room, s.description,
	s.counts_for_certificate, s.mandatory,
	(SELECT group_concat(trainer_id) FROM (SELECT trainer_id FROM session_trainers
	  WHERE session_id = s.id ORDER BY position, trainer_id))`

func scanSession(row scanner) (Session, error) {
	var ss Session
	var start, end string
	var counts, mandatory int
	var trainers sql.NullString
	err := row.Scan(&ss.ID, &ss.WorkshopID, &ss.Title, &ss.Kind, &start, &end, &ss.Room, &ss.Description,
		&counts, &mandatory, &trainers)
	if err != nil {
		return ss, err
	}
	ss.CountsForCertificate, ss.Mandatory = counts == 1, mandatory == 1
	ss.breakCountsForNothing() // a row written before breaks were told apart
	if ss.Start, err = parseDateTime(start); err != nil {
		return ss, err
	}
	if ss.End, err = parseDateTime(end); err != nil {
		return ss, err
	}
	if trainers.Valid && trainers.String != "" {
		for _, f := range strings.Split(trainers.String, ",") {
			id, err := strconv.ParseInt(f, 10, 64)
			if err != nil {
				return ss, err
			}
			ss.TrainerIDs = append(ss.TrainerIDs, id)
		}
	}
	return ss, nil
}

// Sessions lists a workshop's sessions in programme order.
func (s *Store) Sessions(workshopID int64) ([]Session, error) { return sessionsIn(s.r, workshopID) }

func sessionsIn(q querier, workshopID int64) ([]Session, error) {
	return queryAll(q, scanSession, `SELECT `+sessionColumns+` FROM sessions s WHERE s.workshop_id = ?
		ORDER BY s.starts_at, s.ends_at, s.id`, workshopID)
}

// Session reads one session with its trainers.
func (s *Store) Session(id int64) (Session, error) {
	ss, err := scanSession(s.r.QueryRow(`SELECT `+sessionColumns+` FROM sessions s WHERE s.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return ss, &NotFoundError{"session", id}
	}
	return ss, err
}

// ProgrammeDay is one day of the programme with its sessions.
type ProgrammeDay struct {
	Date     Date
	Sessions []Session
}

// SessionsByDay lays the programme out day by day, every day of the
// workshop included even when it has no session yet. Sessions dated
// outside the workshop get days of their own, so nothing is hidden.
func (s *Store) SessionsByDay(workshopID int64) (days []ProgrammeDay, err error) {
	err = s.read(context.Background(), func(q querier) error {
		days, err = sessionsByDayIn(q, workshopID)
		return err
	})
	return days, err
}

func sessionsByDayIn(q querier, workshopID int64) ([]ProgrammeDay, error) {
	w, err := workshopIn(q, workshopID)
	if err != nil {
		return nil, err
	}
	sessions, err := sessionsIn(q, workshopID)
	if err != nil {
		return nil, err
	}
	return groupByDay(Days(w.StartDate, w.EndDate), sessions), nil
}

func groupByDay(days []Date, sessions []Session) []ProgrammeDay {
	var out []ProgrammeDay
	index := map[Date]int{}
	add := func(d Date) int {
		if i, ok := index[d]; ok {
			return i
		}
		out = append(out, ProgrammeDay{Date: d})
		index[d] = len(out) - 1
		return len(out) - 1
	}
	for _, d := range days {
		add(d)
	}
	for _, ss := range sessions {
		i := add(ss.Day())
		out[i].Sessions = append(out[i].Sessions, ss)
	}
	// Days outside the workshop were appended at the end; put them in order.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Date.Before(out[j-1].Date); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// SaveSession creates (ID 0) or updates a session and its trainers. The
// session must lie within its workshop's dates.
func (s *Store) SaveSession(ss *Session) error {
	ss.normalise()
	w, err := s.Workshop(ss.WorkshopID)
	if err != nil {
		return err
	}
	if err := ss.Validate(&w); err != nil {
		return err
	}
	return s.write(context.Background(), func(tx *sql.Tx) error {
		if err := checkTrainers(tx, ss.WorkshopID, ss.TrainerIDs); err != nil {
			return err
		}
		args := []any{ss.Title, ss.Kind, formatDateTime(ss.Start), formatDateTime(ss.End), ss.Room, ss.Description,
			boolInt(ss.CountsForCertificate), boolInt(ss.Mandatory)}
		if ss.ID == 0 {
			res, err := tx.Exec(`INSERT INTO sessions(title, kind, starts_at, ends_at, room, description,
				counts_for_certificate, mandatory, workshop_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				append(args, ss.WorkshopID)...)
			if err != nil {
				return err
			}
			if ss.ID, err = res.LastInsertId(); err != nil {
				return err
			}
		} else {
			res, err := tx.Exec(`UPDATE sessions SET title = ?, kind = ?, starts_at = ?, ends_at = ?, room = ?,
				description = ?, counts_for_certificate = ?, mandatory = ? WHERE id = ? AND workshop_id = ?`,
				append(args, ss.ID, ss.WorkshopID)...)
			if err != nil {
				return err
			}
			if err := mustAffect(res, "session", ss.ID); err != nil {
				return err
			}
			if _, err := tx.Exec(`DELETE FROM session_trainers WHERE session_id = ?`, ss.ID); err != nil {
				return err
			}
		}
		for i, t := range ss.TrainerIDs {
			if _, err := tx.Exec(`INSERT INTO session_trainers(session_id, trainer_id, position) VALUES (?, ?, ?)
				ON CONFLICT DO NOTHING`, ss.ID, t, i); err != nil {
				return err
			}
		}
		return nil
	})
}

func checkTrainers(tx *sql.Tx, workshopID int64, ids []int64) error {
	for _, id := range ids {
		var ws int64
		err := tx.QueryRow(`SELECT workshop_id FROM trainers WHERE id = ?`, id).Scan(&ws)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && ws != workshopID) {
			return &ValidationError{Record: "session", Fields: []FieldError{{
				Field: "trainers", Key: "error.unknown_trainer", Args: map[string]any{"Field": "Trainers", "ID": id},
				Message: fmt.Sprintf("Trainers: trainer %d is not a trainer of this workshop.", id)}}}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// DeleteSession removes a session and, with it, its attendance marks.
func (s *Store) DeleteSession(id int64) error {
	var d *Undoable
	err := s.write(context.Background(), func(tx *sql.Tx) error {
		var title string
		err := tx.QueryRow(`SELECT title FROM sessions WHERE id = ?`, id).Scan(&title)
		if errors.Is(err, sql.ErrNoRows) {
			return &NotFoundError{"session", id}
		}
		if err != nil {
			return err
		}
		if d, err = capture(tx, "session", title, "sessions", id); err != nil {
			return err
		}
		_, err = tx.Exec(`DELETE FROM sessions WHERE id = ?`, id)
		return err
	})
	if err == nil {
		s.remember(d)
	}
	return err
}

// TrainerSessions lists the sessions a trainer leads, in programme order.
func (s *Store) TrainerSessions(trainerID int64) ([]Session, error) {
	return trainerSessionsIn(s.r, trainerID)
}

func trainerSessionsIn(q querier, trainerID int64) ([]Session, error) {
	return queryAll(q, scanSession, `SELECT `+sessionColumns+` FROM sessions s
		JOIN session_trainers st ON st.session_id = s.id WHERE st.trainer_id = ?
		ORDER BY s.starts_at, s.id`, trainerID)
}

// SessionMarkCount counts the attendance marks a session holds: what
// deleting it would take with it.
func (s *Store) SessionMarkCount(sessionID int64) (int, error) {
	var n int
	err := s.r.QueryRow(`SELECT count(*) FROM attendance WHERE session_id = ?`, sessionID).Scan(&n)
	return n, err
}

// CurrentSession picks, among sessions in order, the one running at now,
// else the next one, else the last (the workshop is over); -1 when there
// is none. Sessions are in the venue's wall-clock time carried as UTC, and
// so is now once its wall clock is read in local time: the laptop is at
// the venue. The window and the venue page open on it.
func CurrentSession(sessions []Session, now time.Time) int {
	wall := time.Date(now.Year(), now.Month(), now.Day(), now.Hour(), now.Minute(), now.Second(), 0, time.UTC)
	for i, s := range sessions {
		if !wall.Before(s.Start) && wall.Before(s.End) {
			return i
		}
	}
	for i, s := range sessions {
		if s.Start.After(wall) {
			return i
		}
	}
	return len(sessions) - 1
}
