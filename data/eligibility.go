package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"time"
)

// Reason is one sentence of why a participant is or is not eligible for a
// certificate: Key and Args let the interface, the certificates and the
// workbook word it in their language; Message is the English.
type Reason struct {
	Key     string
	Args    map[string]any
	Message string
}

// The keys of Reason, one per kind of sentence.
const (
	ReasonMeetsMinimum    = "eligibility.meets_minimum"    // Attended, Counted, Percent, Min
	ReasonBelowMinimum    = "eligibility.below_minimum"    // Attended, Counted, Percent, Min
	ReasonNothingCounted  = "eligibility.nothing_counted"  // no session counts for this participant
	ReasonMissedMandatory = "eligibility.missed_mandatory" // Title
	ReasonUnmarked        = "eligibility.unmarked"         // Count: sessions that matter, not marked yet
	ReasonGranted         = "eligibility.granted"          // Reason, By
	ReasonRefused         = "eligibility.refused"          // Reason, By
)

// Eligibility is the verdict on one participant: the rule's, unless an
// organiser overrode it.
type Eligibility struct {
	Eligible bool
	ByRule   bool // what the rule alone says
	Summary  AttendanceSummary
	Override *EligibilityOverride // nil when the rule decides
	Reasons  []Reason             // the override first, if any, then the rule's reasons
}

// WholePercent is a percentage as shown in reasons: rounded down, so that
// 79.6% reads "79% < 80%" and never "80% < 80%".
func WholePercent(p float64) int { return int(math.Floor(p + 1e-9)) }

// Evaluate words the certificate rule's verdict on a summary, with the
// organiser's override (nil when there is none) taking precedence.
func Evaluate(rule CertificateRule, sum AttendanceSummary, o *EligibilityOverride) Eligibility {
	e := Eligibility{ByRule: sum.MeetsRequirement, Eligible: sum.MeetsRequirement, Summary: sum, Override: o}
	if o != nil {
		e.Eligible = o.Eligible
		args := map[string]any{"Reason": o.Reason, "By": o.DecidedBy}
		if o.Eligible {
			e.Reasons = append(e.Reasons, Reason{ReasonGranted, args, "granted by the " + o.DecidedBy + ": " + o.Reason})
		} else {
			e.Reasons = append(e.Reasons, Reason{ReasonRefused, args, "refused by the " + o.DecidedBy + ": " + o.Reason})
		}
	}
	pct := WholePercent(sum.Percent)
	args := map[string]any{"Attended": sum.Attended, "Counted": sum.Counted, "Percent": pct, "Min": rule.MinPercent}
	switch {
	case sum.Counted == 0:
		e.Reasons = append(e.Reasons, Reason{ReasonNothingCounted, map[string]any{}, "no session counts towards the certificate"})
	case sum.MeetsMinimum:
		e.Reasons = append(e.Reasons, Reason{ReasonMeetsMinimum, args, fmt.Sprintf(
			"attended %d of %d counted sessions, %d%% ≥ %d%%", sum.Attended, sum.Counted, pct, rule.MinPercent)})
	default:
		e.Reasons = append(e.Reasons, Reason{ReasonBelowMinimum, args, fmt.Sprintf(
			"attended %d of %d counted sessions, %d%% < %d%%", sum.Attended, sum.Counted, pct, rule.MinPercent)})
	}
	for _, s := range sum.MissedMandatory {
		e.Reasons = append(e.Reasons, Reason{ReasonMissedMandatory, map[string]any{"Title": s.Title},
			"missed mandatory session: " + s.Title})
	}
	if n := sum.Unmarked; n > 0 {
		e.Reasons = append(e.Reasons, Reason{ReasonUnmarked, map[string]any{"Count": n},
			fmt.Sprintf("%d sessions not marked yet", n)})
	}
	return e
}

// Eligibility weighs row i of the matrix by the workshop's rule and the
// overrides (as EligibilityOverrides returns them).
func (m *AttendanceMatrix) Eligibility(i int, overrides map[int64]EligibilityOverride) Eligibility {
	var o *EligibilityOverride
	if ov, ok := overrides[m.Participants[i].ID]; ok {
		o = &ov
	}
	return Evaluate(m.Workshop.Rule, m.Summary(i), o)
}

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

// EligibilityOverrides returns a workshop's overrides, by participant.
func (s *Store) EligibilityOverrides(workshopID int64) (map[int64]EligibilityOverride, error) {
	return eligibilityOverridesIn(s.r, workshopID)
}

func eligibilityOverridesIn(q querier, workshopID int64) (map[int64]EligibilityOverride, error) {
	list, err := queryAll(q, scanOverride, `SELECT o.participant_id, o.eligible, o.reason, o.decided_by, o.decided_at
		FROM eligibility_overrides o JOIN participants p ON p.id = o.participant_id WHERE p.workshop_id = ?`, workshopID)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]EligibilityOverride, len(list))
	for _, o := range list {
		out[o.ParticipantID] = o
	}
	return out, nil
}

// ParticipantEligibility weighs one participant's attendance by their
// workshop's rule and any override.
func (s *Store) ParticipantEligibility(participantID int64) (Eligibility, error) {
	sum, err := s.ParticipantSummary(participantID)
	if err != nil {
		return Eligibility{}, err
	}
	p, err := s.Participant(participantID)
	if err != nil {
		return Eligibility{}, err
	}
	w, err := s.Workshop(p.WorkshopID)
	if err != nil {
		return Eligibility{}, err
	}
	o, ok, err := s.EligibilityOverride(participantID)
	if err != nil || !ok {
		return Evaluate(w.Rule, sum, nil), err
	}
	return Evaluate(w.Rule, sum, &o), nil
}
