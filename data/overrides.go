package data

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// EligibilityOverride is an organiser's decision that a participant gets a
// certificate (or does not) whatever the rule says.
type EligibilityOverride struct {
	ParticipantID int64
	Eligible      bool
	Reason        string
	DecidedBy     string // "organiser": Atelier has no user accounts
	DecidedAt     time.Time
}

// Validate checks an override before it is saved: its reason is required.
func (o *EligibilityOverride) Validate() error {
	c := checker{record: "eligibility override"}
	c.text("reason", "Reason", o.Reason, MaxNoteLength, true)
	return c.err()
}

// SetEligibilityOverride records or replaces a participant's override.
func (s *Store) SetEligibilityOverride(o *EligibilityOverride) error {
	o.Reason = normalise(o.Reason)
	if err := o.Validate(); err != nil {
		return err
	}
	if o.DecidedBy == "" {
		o.DecidedBy = "organiser"
	}
	o.DecidedAt = time.Now().UTC().Truncate(time.Second)
	return s.write(context.Background(), func(tx *sql.Tx) error {
		res, err := tx.Exec(`INSERT INTO eligibility_overrides(participant_id, eligible, reason, decided_by, decided_at)
			SELECT id, ?, ?, ?, ? FROM participants WHERE id = ?
			ON CONFLICT(participant_id) DO UPDATE SET eligible = excluded.eligible, reason = excluded.reason,
				decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
			boolInt(o.Eligible), o.Reason, o.DecidedBy, o.DecidedAt.Format(time.RFC3339), o.ParticipantID)
		if err != nil {
			return err
		}
		return mustAffect(res, "participant", o.ParticipantID)
	})
}

// ClearEligibilityOverride gives the decision back to the rule.
func (s *Store) ClearEligibilityOverride(participantID int64) error {
	return s.write(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`DELETE FROM eligibility_overrides WHERE participant_id = ?`, participantID)
		return err
	})
}

func scanOverride(row scanner) (EligibilityOverride, error) {
	var o EligibilityOverride
	var eligible int
	var at string
	err := row.Scan(&o.ParticipantID, &eligible, &o.Reason, &o.DecidedBy, &at)
	if err == nil {
		o.Eligible = eligible == 1
		o.DecidedAt, err = time.Parse(time.RFC3339, at)
	}
	return o, err
}

// EligibilityOverride reads a participant's override; ok is false when the
// rule decides.
func (s *Store) EligibilityOverride(participantID int64) (o EligibilityOverride, ok bool, err error) {
	o, err = scanOverride(s.r.QueryRow(`SELECT participant_id, eligible, reason, decided_by, decided_at
		FROM eligibility_overrides WHERE participant_id = ?`, participantID))
	if errors.Is(err, sql.ErrNoRows) {
		return o, false, nil
	}
	return o, err == nil, err
}

// overridesIn reads a workshop's overrides, by participant; with only ≠ 0,
// that participant's alone.
func overridesIn(q querier, workshopID, only int64) (map[int64]EligibilityOverride, error) {
	query, args := `SELECT o.participant_id, o.eligible, o.reason, o.decided_by, o.decided_at
		FROM eligibility_overrides o JOIN participants p ON p.id = o.participant_id WHERE p.workshop_id = ?`, []any{workshopID}
	if only != 0 {
		query, args = query+` AND o.participant_id = ?`, append(args, only)
	}
	list, err := queryAll(q, scanOverride, query, args...)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]EligibilityOverride, len(list))
	for _, o := range list {
		out[o.ParticipantID] = o
	}
	return out, nil
}
