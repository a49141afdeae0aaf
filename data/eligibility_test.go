package data

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// ruleCase is a programme of five counted sessions, the last mandatory,
// plus a break that does not count, to weigh marks against.
func ruleCase() []Session {
	var ss []Session
	for i, title := range []string{"Welcome", "Inventories", "Storage", "Conservation", "Risk management field visit"} {
		ss = append(ss, Session{ID: int64(i + 1), Title: title, CountsForCertificate: true})
	}
	ss[4].Mandatory = true
	return append(ss, Session{ID: 6, Title: "Lunch", Kind: KindBreak})
}

const (
	P = Present
	L = Late
	E = Excused
	A = Absent
	U = Unmarked
)

func verdict(rule CertificateRule, marks ...Mark) Eligibility {
	return Evaluate(rule, Summarize(rule, ruleCase(), marks), nil)
}

func reasonKeys(e Eligibility) string {
	var keys []string
	for _, r := range e.Reasons {
		keys = append(keys, strings.TrimPrefix(r.Key, "eligibility."))
	}
	return strings.Join(keys, ",")
}

// reasonOf is a reason's key and arguments, in a fixed order: what the
// interface words in the interface's language (package say holds the
// English of each key to the sentences data used to write itself).
func reasonOf(r Reason) string {
	parts := []string{strings.TrimPrefix(r.Key, "eligibility.")}
	for _, k := range slices.Sorted(maps.Keys(r.Args)) {
		parts = append(parts, fmt.Sprintf("%s=%v", k, r.Args[k]))
	}
	return strings.Join(parts, " ")
}

func TestEachRuleOptionChangesTheVerdict(t *testing.T) {
	rule := DefaultCertificateRule
	with := func(change func(*CertificateRule)) CertificateRule {
		r := rule
		change(&r)
		return r
	}
	cases := []struct {
		name  string
		rule  CertificateRule
		marks []Mark
		want  bool
		msg   string // the first reason: its key and arguments
	}{
		{"80% meets 80", rule, []Mark{P, P, P, A, P, A}, true, "meets_minimum Attended=4 Counted=5 Min=80 Percent=80"},
		{"80% misses 81", with(func(r *CertificateRule) { r.MinPercent = 81 }), []Mark{P, P, P, A, P, A}, false,
			"below_minimum Attended=4 Counted=5 Min=81 Percent=80"},
		{"late counts", rule, []Mark{P, P, L, L, P, U}, true, "meets_minimum Attended=5 Counted=5 Min=80 Percent=100"},
		{"late does not count", with(func(r *CertificateRule) { r.LateCounts = false }), []Mark{P, P, L, L, P, U}, false,
			"below_minimum Attended=3 Counted=5 Min=80 Percent=60"},
		{"excused left out", rule, []Mark{P, P, E, E, P, P}, true, "meets_minimum Attended=3 Counted=3 Min=80 Percent=100"},
		{"excused as absent", with(func(r *CertificateRule) { r.ExcusedPolicy = ExcusedAbsent }), []Mark{P, P, E, E, P, P}, false,
			"below_minimum Attended=3 Counted=5 Min=80 Percent=60"},
		{"excused as attended", with(func(r *CertificateRule) { r.ExcusedPolicy = ExcusedAttended }), []Mark{P, P, E, E, P, P}, true,
			"meets_minimum Attended=5 Counted=5 Min=80 Percent=100"},
		// Excused from the mandatory visit: only "counts as attended" forgives it.
		{"excused mandatory, attended", with(func(r *CertificateRule) { r.ExcusedPolicy = ExcusedAttended }), []Mark{P, P, P, P, E, P}, true,
			"meets_minimum Attended=5 Counted=5 Min=80 Percent=100"},
		{"excused mandatory, left out", rule, []Mark{P, P, P, P, E, P}, false, "meets_minimum Attended=4 Counted=4 Min=80 Percent=100"},
	}
	for _, c := range cases {
		e := verdict(c.rule, c.marks...)
		if e.Eligible != c.want || e.ByRule != c.want {
			t.Errorf("%s: eligible %v, want %v (%s)", c.name, e.Eligible, c.want, reasonKeys(e))
		}
		if got := reasonOf(e.Reasons[0]); got != c.msg {
			t.Errorf("%s: reason %q, want %q", c.name, got, c.msg)
		}
	}
}

func TestMandatorySessionsAndSessionsThatDoNotCount(t *testing.T) {
	rule := DefaultCertificateRule
	// Absent from the mandatory visit: 80% is enough, the visit is not.
	e := verdict(rule, P, P, P, P, A, P)
	if e.Eligible || reasonKeys(e) != "meets_minimum,missed_mandatory" {
		t.Fatalf("missed mandatory: eligible %v, reasons %s", e.Eligible, reasonKeys(e))
	}
	if got := reasonOf(e.Reasons[1]); got != "missed_mandatory Title=Risk management field visit" {
		t.Errorf("reason %q", got)
	}
	if e.Reasons[1].Args["Title"] != "Risk management field visit" {
		t.Errorf("args %v", e.Reasons[1].Args)
	}
	// Late at the visit counts as there when late counts, and not otherwise.
	if !verdict(rule, P, P, P, P, L, A).Eligible {
		t.Error("late at a mandatory session refused although late counts")
	}
	noLate := rule
	noLate.LateCounts = false
	if e := verdict(noLate, P, P, P, P, L, A); e.Eligible || len(e.Summary.MissedMandatory) != 1 {
		t.Errorf("late at a mandatory session accepted although late does not count: %s", reasonKeys(e))
	}

	// The break counts for nothing: absent or present, same verdict.
	a, b := verdict(rule, P, P, P, A, P, A), verdict(rule, P, P, P, A, P, P)
	if a.Summary.Counted != 5 || b.Summary.Counted != 5 || a.Eligible != b.Eligible {
		t.Errorf("a break changed the count: %+v / %+v", a.Summary, b.Summary)
	}
	// A mandatory session that does not count for the percentage is still required.
	ss := ruleCase()
	ss[5].Mandatory = true
	e = Evaluate(rule, Summarize(rule, ss, []Mark{P, P, P, P, P, A}), nil)
	if e.Eligible || e.Summary.Percent != 100 || len(e.Summary.MissedMandatory) != 1 {
		t.Errorf("mandatory uncounted session missed: %+v", e)
	}
	// Nothing counts when every counted session was excused and left out.
	e = verdict(rule, E, E, E, E, E, P)
	if e.Eligible || reasonKeys(e) != "nothing_counted,missed_mandatory" {
		t.Errorf("all excused: eligible %v, reasons %s", e.Eligible, reasonKeys(e))
	}
}

func TestWholePercentRoundsDown(t *testing.T) {
	for p, want := range map[float64]int{17.0 * 100 / 22: 77, 79.99: 79, 80: 80, 100: 100, 0: 0} {
		if got := WholePercent(p); got != want {
			t.Errorf("WholePercent(%v) = %d, want %d", p, got, want)
		}
	}
}

func TestParticipantWithNoMarksYet(t *testing.T) {
	e := verdict(DefaultCertificateRule, U, U, U, U, U, U)
	if e.Eligible || reasonKeys(e) != "below_minimum,missed_mandatory,unmarked" {
		t.Fatalf("no marks: eligible %v, reasons %s", e.Eligible, reasonKeys(e))
	}
	if got := reasonOf(e.Reasons[0]); got != "below_minimum Attended=0 Counted=5 Min=80 Percent=0" {
		t.Errorf("reason %q", got)
	}
	// The break, which counts for nothing, is not waiting for a mark.
	if e.Reasons[2].Args["Count"] != 5 {
		t.Errorf("unmarked %v", e.Reasons[2].Args)
	}

	// Through the store: a confirmed participant nobody has marked.
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	addSession(t, st, w, 0, 9, 10, "Welcome")
	p := addParticipant(t, st, w, "Ọláńrewájú", "Àdìgún", StatusConfirmed)
	got, err := st.ParticipantVerdict(p.ID)
	mustNoErr(t, err)
	if got.Eligible || got.Summary.Counted != 1 || reasonKeys(got) != "below_minimum,unmarked" {
		t.Errorf("store: %+v", got)
	}
}

func TestEligibilityOverrides(t *testing.T) {
	st, path := openTemp(t)
	w := addWorkshop(t, st)
	s := addSession(t, st, w, 0, 9, 10, "Welcome")
	ada := addParticipant(t, st, w, "Ada", "Obi", StatusConfirmed)
	bola := addParticipant(t, st, w, "Bọ́lá", "Àjàyí", StatusConfirmed)
	mustNoErr(t, st.SetMark(&Attendance{ParticipantID: ada.ID, SessionID: s.ID, Mark: Present}))

	// A reason is required.
	err := st.SetEligibilityOverride(&EligibilityOverride{ParticipantID: bola.ID, Eligible: true, Reason: "  "})
	if v, ok := AsValidation(err); !ok || len(v.Fields) != 1 || v.Fields[0].Key != "error.required" {
		t.Fatalf("empty reason: %v", err)
	}
	err = st.SetEligibilityOverride(&EligibilityOverride{ParticipantID: 99999, Eligible: true, Reason: "x"})
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown participant: %v", err)
	}

	// Set: Bọ́lá missed the day for a visa appointment and is granted.
	o := EligibilityOverride{ParticipantID: bola.ID, Eligible: true, Reason: " Visa appointment at the embassy "}
	mustNoErr(t, st.SetEligibilityOverride(&o))
	e, err := st.ParticipantVerdict(bola.ID)
	mustNoErr(t, err)
	if !e.Eligible || e.ByRule || e.Override == nil || e.Reasons[0].Key != ReasonGranted ||
		reasonOf(e.Reasons[0]) != "granted By=organiser Reason=Visa appointment at the embassy" {
		t.Fatalf("granted: %+v", e)
	}
	if e.Override.DecidedBy != "organiser" || e.Override.DecidedAt.IsZero() {
		t.Errorf("not recorded who and when: %+v", e.Override)
	}

	// Change: refused instead, another reason; still one decision.
	o = EligibilityOverride{ParticipantID: bola.ID, Eligible: false, Reason: "Left on the second day"}
	mustNoErr(t, st.SetEligibilityOverride(&o))
	// Ada qualifies by the rule but is refused too.
	mustNoErr(t, st.SetEligibilityOverride(&EligibilityOverride{ParticipantID: ada.ID, Reason: "Plagiarised the case study"}))
	v, err := st.Verdicts(w.ID)
	mustNoErr(t, err)
	if all := v.Overrides; len(all) != 2 || all[bola.ID].Eligible || all[bola.ID].Reason != "Left on the second day" {
		t.Fatalf("overrides %+v", all)
	}
	i, _ := v.Matrix.RowOf(ada.ID)
	if e := v.At(i); e.Eligible || !e.ByRule || e.Reasons[0].Key != ReasonRefused {
		t.Errorf("ada refused: %+v", e)
	}

	// Clear: the rule decides again.
	mustNoErr(t, st.ClearEligibilityOverride(ada.ID))
	if e, _ := st.ParticipantVerdict(ada.ID); !e.Eligible || e.Override != nil {
		t.Errorf("after clearing: %+v", e)
	}

	// Overrides go with the participant, and survive closing the file.
	mustNoErr(t, st.Close())
	st, err = Open(path, OpenExisting)
	mustNoErr(t, err)
	defer st.Close()
	if _, ok, err := st.EligibilityOverride(bola.ID); !ok || err != nil {
		t.Fatalf("override lost on reopening: %v", err)
	}
	mustNoErr(t, st.DeleteParticipantWithAttendance(bola.ID))
	var n int
	mustNoErr(t, st.r.QueryRow(`SELECT count(*) FROM eligibility_overrides`).Scan(&n))
	if n != 0 {
		t.Errorf("%d overrides left after deleting the participant", n)
	}
	mustNoErr(t, st.SetEligibilityOverride(&EligibilityOverride{ParticipantID: ada.ID, Eligible: true, Reason: "x"}))
	mustNoErr(t, st.DeleteWorkshop(w.ID))
	mustNoErr(t, st.r.QueryRow(`SELECT count(*) FROM eligibility_overrides`).Scan(&n))
	if n != 0 {
		t.Errorf("%d overrides left after deleting the workshop", n)
	}
}
