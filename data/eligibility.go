package data

// Reason is one sentence of why a participant is or is not eligible for a
// certificate: Key is the message of the translation files that words it,
// in the interface's language or, on the command line, in English; Args
// are its arguments.
type Reason struct {
	Key  string
	Args map[string]any
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
	ReasonNotAttending    = "eligibility.not_attending"    // Status: neither confirmed nor marked, so not weighed
)

// Eligibility is the verdict on one participant: the rule's, unless an
// organiser overrode it. Verdicts and ParticipantVerdict make them; every
// screen, document and command shows them as they are.
type Eligibility struct {
	Eligible bool
	ByRule   bool            // what the rule alone says
	Rule     CertificateRule // the rule weighed by
	Summary  AttendanceSummary
	Override *EligibilityOverride // nil when the rule decides
	Reasons  []Reason             // the override first, if any, then the rule's reasons
}

// Percent is the share of counted sessions attended as every reader sees
// it (WholePercent): the figure the reasons quote.
func (e Eligibility) Percent() int { return WholePercent(e.Summary.Percent) }

// ByRuleAlone is what the rule alone says of the same attendance, with
// its reasons, as the override dialog shows beside the organiser's
// decision. It is e itself when no override applies.
func (e Eligibility) ByRuleAlone() Eligibility {
	if e.Override == nil {
		return e
	}
	return evaluate(e.Rule, e.Summary, nil)
}

// Evaluate words the certificate rule's verdict on a summary, with the
// organiser's override (nil when there is none) taking precedence. The
// store's verdicts (Verdicts, ParticipantVerdict) are all worked out by
// it; it is exported for what tests and previews build by hand.
func Evaluate(rule CertificateRule, sum AttendanceSummary, o *EligibilityOverride) Eligibility {
	return evaluate(rule, sum, o)
}

// evaluate is the one place a verdict is worked out.
func evaluate(rule CertificateRule, sum AttendanceSummary, o *EligibilityOverride) Eligibility {
	e := Eligibility{ByRule: sum.MeetsRequirement, Eligible: sum.MeetsRequirement, Rule: rule, Summary: sum, Override: o}
	if o != nil {
		e.Eligible = o.Eligible
		args := map[string]any{"Reason": o.Reason, "By": o.DecidedBy}
		if o.Eligible {
			e.Reasons = append(e.Reasons, Reason{ReasonGranted, args})
		} else {
			e.Reasons = append(e.Reasons, Reason{ReasonRefused, args})
		}
	}
	pct := WholePercent(sum.Percent)
	args := map[string]any{"Attended": sum.Attended, "Counted": sum.Counted, "Percent": pct, "Min": rule.MinPercent}
	switch {
	case sum.Counted == 0:
		e.Reasons = append(e.Reasons, Reason{ReasonNothingCounted, map[string]any{}})
	case sum.MeetsMinimum:
		e.Reasons = append(e.Reasons, Reason{ReasonMeetsMinimum, args})
	default:
		e.Reasons = append(e.Reasons, Reason{ReasonBelowMinimum, args})
	}
	for _, s := range sum.MissedMandatory {
		e.Reasons = append(e.Reasons, Reason{ReasonMissedMandatory, map[string]any{"Title": s.Title}})
	}
	if n := sum.Unmarked; n > 0 {
		e.Reasons = append(e.Reasons, Reason{ReasonUnmarked, map[string]any{"Count": n}})
	}
	return e
}

// AttendanceSummary is one participant's attendance weighed by the
// certificate rule.
type AttendanceSummary struct {
	ByMark           map[Mark]int // over every session, Unmarked included
	Unmarked         int          // sessions that count or are mandatory, not marked yet
	Counted          int          // sessions in the denominator of the rule
	Attended         int          // of those, the ones that count as attended
	MinutesAttended  int
	MissedMandatory  []Session
	Percent          float64 // Attended / Counted × 100; 0 when nothing counts
	MeetsMinimum     bool
	MeetsRequirement bool // minimum met and no mandatory session missed
}

// Summarize weighs marks (one per session, in the same order) by rule.
func Summarize(rule CertificateRule, sessions []Session, marks []Mark) AttendanceSummary {
	sum := AttendanceSummary{ByMark: map[Mark]int{}}
	for j, ss := range sessions {
		mark := marks[j]
		sum.ByMark[mark]++
		if mark == Unmarked && (ss.CountsForCertificate || ss.Mandatory) {
			sum.Unmarked++
		}
		attended := mark == Present || (mark == Late && rule.LateCounts) ||
			(mark == Excused && rule.ExcusedPolicy == ExcusedAttended)
		if ss.Mandatory && !attended {
			sum.MissedMandatory = append(sum.MissedMandatory, ss)
		}
		if !ss.CountsForCertificate {
			continue
		}
		if mark == Excused && rule.ExcusedPolicy == ExcusedExcluded {
			continue
		}
		sum.Counted++
		if attended {
			sum.Attended++
			sum.MinutesAttended += int(ss.Duration().Minutes())
		}
	}
	sum.Percent = percentOf(sum.Attended, sum.Counted)
	// The minimum is weighed against the percentage as it is shown (see
	// WholePercent), so that a verdict never contradicts its own figure.
	sum.MeetsMinimum = sum.Counted > 0 && WholePercent(sum.Percent) >= rule.MinPercent
	sum.MeetsRequirement = sum.MeetsMinimum && len(sum.MissedMandatory) == 0
	return sum
}
