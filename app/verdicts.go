package app

import (
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// verdicts is the window's one holder of who qualifies for a certificate
// in the selected workshop, and why, as data works it out: the matrix, the
// rule pane, the Certificates tab and a participant's sheet all show these,
// and none works a verdict out itself. Screens that change what verdicts
// depend on say so (workshopsScreen.changed), and the next screen to ask
// has them read again. The two reads from data are here and nowhere else.
type verdicts struct {
	c        *controller
	workshop int64
	held     *data.Verdicts
	matrix   *data.AttendanceMatrix // participants × sessions, the rows of the verdicts
	fresh    bool
}

// of has the verdicts of a workshop ready, read again when they are of
// another workshop or something they depend on changed.
func (v *verdicts) of(workshopID int64) error {
	if v.fresh && v.workshop == workshopID {
		return nil
	}
	held, err := v.c.st.Verdicts(workshopID)
	if err != nil {
		return err
	}
	v.hold(workshopID, held)
	return nil
}

// standing reads the verdicts and the certificate register together, at
// one moment of the file, for the Certificates tab; the verdicts are held
// for the other screens too.
func (v *verdicts) standing(workshopID int64) (data.CertificateStanding, error) {
	s, err := v.c.st.CertificateStanding(workshopID)
	if err == nil {
		v.hold(workshopID, s.Verdicts)
	}
	return s, err
}

func (v *verdicts) hold(workshopID int64, held *data.Verdicts) {
	v.workshop, v.held, v.matrix, v.fresh = workshopID, held, held.Matrix, true
}

// participant is one participant's verdict, for their sheet: data works it
// out the very way it works out the workshop's.
func (v *verdicts) participant(id int64) (data.Eligibility, error) {
	return v.c.st.ParticipantVerdict(id)
}

// marked takes a mark just saved into the verdicts held, when they hold
// both the participant and the session; otherwise they are read again
// when next asked for.
func (v *verdicts) marked(pid, sid int64, mark data.Mark) {
	if !v.fresh {
		return
	}
	i, ok := v.matrix.RowOf(pid)
	j, ok2 := v.matrix.ColumnOf(sid)
	if !ok || !ok2 {
		v.forget()
		return
	}
	v.held.SetMark(i, j, mark)
}

// at is the verdict on row i of the matrix.
func (v *verdicts) at(i int) data.Eligibility { return v.held.At(i) }

// count is the number of rows, participants weighed.
func (v *verdicts) count() int {
	if v.held == nil {
		return 0
	}
	return v.held.Len()
}

// eligible counts the participants who qualify.
func (v *verdicts) eligible() int { return v.held.Eligible() }

// forget has the verdicts read again when next asked for.
func (v *verdicts) forget() { v.fresh = false }

// The verdicts in words: every screen that shows one takes its words here.

// verdictText is the short verdict of a list or the matrix; an asterisk
// says an organiser decided it.
func verdictText(e data.Eligibility) string {
	s := lang.X("attendance.eligibility.no", "✗ Not eligible")
	if e.Eligible {
		s = lang.X("attendance.eligibility.yes", "✓ Eligible")
	}
	if e.Override != nil {
		s += " *"
	}
	return s
}

// verdictImportance colours a verdict.
func verdictImportance(e data.Eligibility) widget.Importance {
	if e.Eligible {
		return widget.SuccessImportance
	}
	return widget.DangerImportance
}

// reasonsText is why, in one line.
func reasonsText(e data.Eligibility) string {
	parts := make([]string, len(e.Reasons))
	for i, r := range e.Reasons {
		parts[i] = reasonText(r)
	}
	return strings.Join(parts, lang.X("attendance.eligibility.separator", "; "))
}

// rateText is the share of counted sessions attended, as the verdict's
// reasons give it (data.WholePercent: rounded down, so that a minimum
// shown as met is met).
func rateText(sum data.AttendanceSummary) string {
	return lang.X("matrix.rate", "{{.Percent}}% ({{.Attended}}/{{.Counted}})", map[string]any{
		"Percent": data.WholePercent(sum.Percent), "Attended": sum.Attended, "Counted": sum.Counted})
}

// sheetText says a participant's attendance and verdict for their sheet,
// in sentences that add up: the sessions that count and the share of them
// attended against the rule's minimum, whether that earns a certificate
// (by the rule, or by an organiser's decision and its reason), then the
// marks over every session of the programme, which sum to their number.
func sheetText(e data.Eligibility) string {
	sum := e.Summary
	if len(e.Reasons) > 0 && e.Reasons[0].Key == data.ReasonNotAttending {
		return lang.X("participants.sheet.not_weighed", "No attendance is weighed for a certificate: {{.Why}}.",
			map[string]any{"Why": reasonText(e.Reasons[0])})
	}
	var said []string
	if sum.Counted == 0 {
		said = append(said, lang.X("participants.sheet.no_sessions", "No session counts towards the certificate yet."))
	} else {
		said = append(said, lang.X("participants.sheet.attended",
			"Attended {{.Attended}} of the {{.Counted}} sessions that count towards the certificate ({{.Percent}} %; the rule asks for {{.Min}} %).",
			map[string]any{"Attended": sum.Attended, "Counted": sum.Counted, "Percent": data.WholePercent(sum.Percent), "Min": e.Rule.MinPercent}))
	}
	// Why, beyond the share the first sentence gives: a mandatory session
	// missed, sessions not marked yet.
	var why []string
	for _, r := range e.Reasons {
		switch r.Key {
		case data.ReasonMeetsMinimum, data.ReasonNothingCounted, data.ReasonGranted, data.ReasonRefused:
		case data.ReasonBelowMinimum:
			why = append(why, lang.X("participants.sheet.below_minimum", "below the minimum"))
		default:
			why = append(why, reasonText(r))
		}
	}
	separator := lang.X("attendance.eligibility.separator", "; ")
	switch {
	case e.Override != nil && e.Eligible:
		said = append(said, lang.X("participants.sheet.qualifies_decided", "Qualifies for a certificate ({{.Why}}).",
			map[string]any{"Why": reasonText(e.Reasons[0])}))
	case e.Override != nil:
		said = append(said, lang.X("participants.sheet.not_qualified_decided", "Does not qualify for a certificate ({{.Why}}).",
			map[string]any{"Why": reasonText(e.Reasons[0])}))
	case e.Eligible:
		said = append(said, lang.X("participants.sheet.qualifies", "Qualifies for a certificate."))
	case len(why) > 0:
		said = append(said, lang.X("participants.sheet.not_qualified_why", "Does not qualify for a certificate yet: {{.Why}}.",
			map[string]any{"Why": strings.Join(why, separator)}))
	default:
		said = append(said, lang.X("participants.sheet.not_qualified", "Does not qualify for a certificate yet."))
	}
	total := 0
	for _, n := range sum.ByMark {
		total += n
	}
	if total > 0 {
		said = append(said, lang.X("participants.sheet.marks",
			"Over all {{.Total}} sessions of the programme: present {{.Present}}, late {{.Late}}, excused {{.Excused}}, absent {{.Absent}}, not marked yet {{.Unmarked}}.",
			map[string]any{"Total": total, "Present": sum.ByMark[data.Present], "Late": sum.ByMark[data.Late],
				"Excused": sum.ByMark[data.Excused], "Absent": sum.ByMark[data.Absent], "Unmarked": sum.ByMark[data.Unmarked]}))
	}
	return strings.Join(said, " ")
}
