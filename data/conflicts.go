package data

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// ConflictKind names what is wrong with a programme.
type ConflictKind string

const (
	ConflictTrainerBusy     ConflictKind = "trainer_busy"      // a trainer in two sessions at once
	ConflictRoomBusy        ConflictKind = "room_busy"         // two sessions in one room at once
	ConflictOutsideDates    ConflictKind = "outside_dates"     // a session outside the workshop's days
	ConflictEndsBeforeStart ConflictKind = "ends_before_start" // a session that ends before it starts
	ConflictIdleTrainer     ConflictKind = "idle_trainer"      // a trainer with no session
	ConflictEmptyDay        ConflictKind = "empty_day"         // a day of the workshop with no session
)

// Conflict is a warning about a programme. Conflicts never stop a save:
// programmes are drafted in a messy order and a clash may be resolved
// later. Key and Args let the interface word the warning; Message is the
// English text.
type Conflict struct {
	Kind       ConflictKind
	SessionIDs []int64 // the sessions involved, in programme order
	TrainerID  int64   // for trainer_busy and idle_trainer
	Day        Date    // for empty_day, and the day of a clash
	Key        string
	Args       map[string]any
	Message    string
}

// Involves reports whether a session is one of the conflict's.
func (c Conflict) Involves(sessionID int64) bool { return slices.Contains(c.SessionIDs, sessionID) }

// roomKey is how rooms are compared: "Seminar room 1" and "seminar  Room 1"
// are one room.
func roomKey(room string) string { return strings.ToLower(strings.Join(strings.Fields(room), " ")) }

// FindConflicts lists what is wrong with a workshop's programme, in a
// stable order: clashes and dates first, by session, then idle trainers and
// empty days.
func FindConflicts(w Workshop, sessions []Session, trainers []Trainer) []Conflict {
	ordered := slices.Clone(sessions)
	slices.SortFunc(ordered, func(a, b Session) int {
		return cmp.Or(a.Start.Compare(b.Start), a.End.Compare(b.End), cmp.Compare(a.ID, b.ID))
	})
	names := make(map[int64]string, len(trainers))
	for _, t := range trainers {
		names[t.ID] = t.Name
	}

	var out []Conflict
	byTrainer := map[int64][]Session{}
	byRoom := map[string][]Session{}
	used := map[int64]bool{}
	days := map[Date]bool{}
	for _, s := range ordered {
		for _, id := range s.TrainerIDs {
			used[id] = true
		}
		days[s.Day()] = true
		if !s.End.After(s.Start) {
			out = append(out, Conflict{Kind: ConflictEndsBeforeStart, SessionIDs: []int64{s.ID}, Day: s.Day(),
				Key:     "error.conflict_ends_before_start",
				Args:    map[string]any{"Title": s.Title, "Start": s.Start.Format("15:04"), "End": s.End.Format("15:04")},
				Message: fmt.Sprintf("“%s” ends (%s) before it starts (%s).", s.Title, s.End.Format("15:04"), s.Start.Format("15:04"))})
			continue // an upside-down session clashes with nothing
		}
		if !w.StartDate.IsZero() && (s.Day().Before(w.StartDate) || DateOf(s.End.Add(-1)).After(w.EndDate)) {
			out = append(out, Conflict{Kind: ConflictOutsideDates, SessionIDs: []int64{s.ID}, Day: s.Day(),
				Key:  "error.conflict_outside_dates",
				Args: map[string]any{"Title": s.Title, "Day": s.Day().String(), "Start": w.StartDate.String(), "End": w.EndDate.String()},
				Message: fmt.Sprintf("“%s” (%s) is outside the workshop's dates (%s to %s).",
					s.Title, s.Day(), w.StartDate, w.EndDate)})
		}
		for _, id := range s.TrainerIDs {
			byTrainer[id] = append(byTrainer[id], s)
		}
		if k := roomKey(s.Room); k != "" {
			byRoom[k] = append(byRoom[k], s)
		}
	}

	// Each list is in start order, so a session can only overlap the ones
	// after it that start before it ends.
	overlaps := func(list []Session, report func(a, b Session)) {
		for i, a := range list {
			for _, b := range list[i+1:] {
				if !b.Start.Before(a.End) {
					break
				}
				report(a, b)
			}
		}
	}
	var clashes []Conflict
	for id, list := range byTrainer {
		overlaps(list, func(a, b Session) {
			name := names[id]
			clashes = append(clashes, Conflict{Kind: ConflictTrainerBusy, SessionIDs: []int64{a.ID, b.ID}, TrainerID: id,
				Day: a.Day(), Key: "error.conflict_trainer_busy",
				Args:    map[string]any{"Trainer": name, "Title": a.Title, "Other": b.Title, "Time": b.Start.Format("15:04")},
				Message: fmt.Sprintf("%s is in “%s” and “%s” at once (%s).", name, a.Title, b.Title, b.Start.Format("15:04"))})
		})
	}
	for _, list := range byRoom {
		overlaps(list, func(a, b Session) {
			clashes = append(clashes, Conflict{Kind: ConflictRoomBusy, SessionIDs: []int64{a.ID, b.ID}, Day: a.Day(),
				Key:     "error.conflict_room_busy",
				Args:    map[string]any{"Room": a.Room, "Title": a.Title, "Other": b.Title, "Time": b.Start.Format("15:04")},
				Message: fmt.Sprintf("“%s” and “%s” are both in %s at %s.", a.Title, b.Title, a.Room, b.Start.Format("15:04"))})
		})
	}
	// Maps have no order; the list must read the same every time.
	position := make(map[int64]int, len(ordered))
	for i, s := range ordered {
		position[s.ID] = i
	}
	slices.SortFunc(clashes, func(a, b Conflict) int {
		return cmp.Or(cmp.Compare(position[a.SessionIDs[0]], position[b.SessionIDs[0]]),
			cmp.Compare(position[a.SessionIDs[1]], position[b.SessionIDs[1]]),
			cmp.Compare(a.Kind, b.Kind), cmp.Compare(names[a.TrainerID], names[b.TrainerID]))
	})
	out = append(out, clashes...)

	for _, t := range trainers {
		if !used[t.ID] {
			out = append(out, Conflict{Kind: ConflictIdleTrainer, TrainerID: t.ID, Key: "error.conflict_idle_trainer",
				Args: map[string]any{"Trainer": t.Name}, Message: fmt.Sprintf("%s leads no session.", t.Name)})
		}
	}
	if !w.StartDate.IsZero() && !w.EndDate.Before(w.StartDate) {
		for _, d := range Days(w.StartDate, w.EndDate) {
			if !days[d] {
				out = append(out, Conflict{Kind: ConflictEmptyDay, Day: d, Key: "error.conflict_empty_day",
					Args: map[string]any{"Day": d.String()}, Message: fmt.Sprintf("%s has no session.", d)})
			}
		}
	}
	return out
}

// Conflicts loads a workshop's programme and lists what is wrong with it.
func (s *Store) Conflicts(workshopID int64) (conflicts []Conflict, err error) {
	err = s.read(context.Background(), func(q querier) error {
		w, err := workshopIn(q, workshopID)
		if err != nil {
			return err
		}
		sessions, err := sessionsIn(q, workshopID)
		if err != nil {
			return err
		}
		trainers, err := trainersIn(q, workshopID)
		if err != nil {
			return err
		}
		conflicts = FindConflicts(w, sessions, trainers)
		return nil
	})
	return conflicts, err
}
