package data

import (
	"errors"
	"reflect"
	"slices"
	"testing"
)

// verdictCase is a workshop of five counted sessions with participants
// whose verdicts differ for every reason there is.
type verdictCase struct {
	st                                  *Store
	w                                   Workshop
	sessions                            []Session
	ada, bola, chi, dayo, eko, funmi, g Participant
}

func newVerdictCase(t *testing.T) verdictCase {
	t.Helper()
	st, _ := openTemp(t)
	c := verdictCase{st: st, w: addWorkshop(t, st)}
	for i := range 5 {
		c.sessions = append(c.sessions, addSession(t, st, c.w, i/3, 9+i%3*2, 10+i%3*2, "Session"))
	}
	c.ada = addParticipant(t, st, c.w, "Ada", "Obi", StatusConfirmed)          // every session: qualifies
	c.bola = addParticipant(t, st, c.w, "Bọ́lá", "Àjàyí", StatusConfirmed)     // none, but granted by override
	c.chi = addParticipant(t, st, c.w, "Chi", "Eze", StatusConfirmed)          // every session, but refused by override
	c.dayo = addParticipant(t, st, c.w, "Dayo", "Bello", StatusConfirmed)      // 3 of 5: below the minimum
	c.eko = addParticipant(t, st, c.w, "Ẹ̀kọ́", "Adé", StatusWithdrawn)        // marked, then withdrew: still weighed
	c.funmi = addParticipant(t, st, c.w, "Fúnmi", "Ọdúnayọ̀", StatusApplicant) // never weighed, even when granted
	c.g = addParticipant(t, st, c.w, "Gonçalo", "Ñúñez", StatusWaitlisted)     // never weighed
	var marks []Attendance
	for j, s := range c.sessions {
		marks = append(marks, Attendance{ParticipantID: c.ada.ID, SessionID: s.ID, Mark: Present},
			Attendance{ParticipantID: c.chi.ID, SessionID: s.ID, Mark: Present})
		if j < 3 {
			marks = append(marks, Attendance{ParticipantID: c.dayo.ID, SessionID: s.ID, Mark: Present})
		}
	}
	marks = append(marks, Attendance{ParticipantID: c.eko.ID, SessionID: c.sessions[0].ID, Mark: Present})
	mustNoErr(t, st.SetMarks(marks))
	mustNoErr(t, st.SetEligibilityOverride(&EligibilityOverride{ParticipantID: c.bola.ID, Eligible: true,
		Reason: "Visa appointment at the embassy"}))
	mustNoErr(t, st.SetEligibilityOverride(&EligibilityOverride{ParticipantID: c.chi.ID, Eligible: false,
		Reason: "Left before the closing"}))
	mustNoErr(t, st.SetEligibilityOverride(&EligibilityOverride{ParticipantID: c.funmi.ID, Eligible: true,
		Reason: "Asked by the host"}))
	return c
}

// The participant sheet of an overridden participant said "does not
// qualify yet": the one-participant verdict is now the workshop's, with the
// override's reason first.
func TestOverriddenParticipantQualifiesWithTheOverridesReason(t *testing.T) {
	c := newVerdictCase(t)
	e, err := c.st.ParticipantVerdict(c.bola.ID)
	mustNoErr(t, err)
	if !e.Eligible || e.ByRule || e.Override == nil || e.Reasons[0].Key != ReasonGranted ||
		e.Reasons[0].Args["Reason"] != "Visa appointment at the embassy" {
		t.Fatalf("Bọ́lá, granted by override: %+v", e)
	}
	if alone := e.ByRuleAlone(); alone.Eligible || alone.Override != nil || reasonKeys(alone) != "below_minimum,unmarked" {
		t.Errorf("by the rule alone: eligible %v, reasons %s", alone.Eligible, reasonKeys(alone))
	}
	// Issuing takes the same verdict: Bọ́lá gets a certificate.
	certs, err := c.st.PreviewCertificates(c.w.ID, IssueOptions{})
	mustNoErr(t, err)
	var holders []int64
	for _, cert := range certs {
		holders = append(holders, cert.ParticipantID)
	}
	slices.Sort(holders)
	if want := []int64{c.ada.ID, c.bola.ID}; !slices.Equal(holders, want) {
		t.Errorf("certificates for %v, want Ada and Bọ́lá %v", holders, want)
	}
}

// One participant's verdict is computed by the very steps of the
// workshop's: for everyone weighed, the two are equal in every field.
func TestParticipantVerdictIsTheWorkshopsVerdict(t *testing.T) {
	c := newVerdictCase(t)
	v, err := c.st.Verdicts(c.w.ID)
	mustNoErr(t, err)
	if v.Len() != 5 || v.Eligible() != 2 {
		t.Fatalf("%d weighed, %d eligible; want 5 and 2 (Ada, Bọ́lá)", v.Len(), v.Eligible())
	}
	want := map[int64]string{
		c.ada.ID:  "meets_minimum",
		c.bola.ID: "granted,below_minimum,unmarked",
		c.chi.ID:  "refused,meets_minimum",
		c.dayo.ID: "below_minimum,unmarked",
		c.eko.ID:  "below_minimum,unmarked",
	}
	for i, p := range v.Matrix.Participants {
		e := v.At(i)
		if got := reasonKeys(e); got != want[p.ID] {
			t.Errorf("%s: reasons %s, want %s", p.FullName(), got, want[p.ID])
		}
		one, err := c.st.ParticipantVerdict(p.ID)
		mustNoErr(t, err)
		if !reflect.DeepEqual(one, e) {
			t.Errorf("%s: ParticipantVerdict\n%+v\nVerdicts\n%+v", p.FullName(), one, e)
		}
		if of, ok := v.Of(p.ID); !ok || !reflect.DeepEqual(of, e) {
			t.Errorf("%s: Of differs from At", p.FullName())
		}
	}
	// Those not weighed are not eligible, whatever an override says, and
	// their verdict says why first; issuing passes them by.
	for _, p := range []Participant{c.funmi, c.g} {
		if _, ok := v.Of(p.ID); ok {
			t.Errorf("%s (%s) is weighed", p.FullName(), p.Status)
		}
		e, err := c.st.ParticipantVerdict(p.ID)
		mustNoErr(t, err)
		if e.Eligible || e.Override != nil || e.Reasons[0].Key != ReasonNotAttending ||
			e.Reasons[0].Args["Status"] != p.Status || e.Summary.Counted != 5 {
			t.Errorf("%s: %+v", p.FullName(), e)
		}
	}
	if _, err := c.st.ParticipantVerdict(987654); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown participant: %v", err)
	}
}

// The screen keeps its verdicts current after a mark by the same steps: a
// row weighed again equals the row of a fresh read.
func TestVerdictsSetMarkWeighsTheRowAgain(t *testing.T) {
	c := newVerdictCase(t)
	v, err := c.st.Verdicts(c.w.ID)
	mustNoErr(t, err)
	i, _ := v.Matrix.RowOf(c.dayo.ID)
	for _, j := range []int{3, 4} {
		a := Attendance{ParticipantID: c.dayo.ID, SessionID: c.sessions[j].ID, Mark: Late}
		mustNoErr(t, c.st.SetMark(&a))
		v.SetMark(i, j, Late)
	}
	fresh, err := c.st.Verdicts(c.w.ID)
	mustNoErr(t, err)
	if got, want := v.At(i), fresh.At(i); !got.Eligible || !reflect.DeepEqual(got, want) {
		t.Fatalf("after two marks: %+v, fresh read %+v", got, want)
	}
	if v.Eligible() != 3 {
		t.Errorf("%d eligible after Dayo's marks, want 3", v.Eligible())
	}
}

// 39 of 49 sessions is 79.59…%: the verdict, its reasons and the
// certificate's figures all say 79, and 79 is what the minimum is weighed
// against.
func TestSeventyNinePointSixIsSeventyNineEverywhere(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	var sessions []Session
	for i := range 49 {
		sessions = append(sessions, addSession(t, st, w, i/10, 8+i%10, 9+i%10, "Session"))
	}
	p := addParticipant(t, st, w, "Ọláńrewájú", "Àdìgún", StatusConfirmed)
	var marks []Attendance
	for j, s := range sessions {
		marks = append(marks, Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: map[bool]Mark{true: Present, false: Absent}[j < 39]})
	}
	mustNoErr(t, st.SetMarks(marks))
	for _, min := range []int{75, 79, 80} {
		w.Rule.MinPercent = min
		mustNoErr(t, st.SaveWorkshop(&w))
		e, err := st.ParticipantVerdict(p.ID)
		mustNoErr(t, err)
		if e.Summary.Percent < 79.59 || e.Summary.Percent > 79.6 || e.Percent() != 79 {
			t.Fatalf("percent %v, whole %d", e.Summary.Percent, e.Percent())
		}
		key := map[bool]string{true: ReasonMeetsMinimum, false: ReasonBelowMinimum}[min <= 79]
		if e.Eligible != (min <= 79) || e.Reasons[0].Key != key || e.Reasons[0].Args["Percent"] != 79 || e.Reasons[0].Args["Min"] != min {
			t.Errorf("minimum %d: eligible %v, %s (args %v), want %s", min, e.Eligible, e.Reasons[0].Key, e.Reasons[0].Args, key)
		}
	}
	w.Rule.MinPercent = 75
	mustNoErr(t, st.SaveWorkshop(&w))
	certs, err := st.IssueCertificates(w.ID, IssueOptions{})
	mustNoErr(t, err)
	if len(certs) != 1 || certs[0].Percent() != 79 {
		t.Fatalf("certificates %+v", certs)
	}
	for lang, want := range map[Language]string{English: "79%", French: "79\u00a0%", Spanish: "79\u00a0%"} {
		if got := FormatPercent(e79(), lang); got != want {
			t.Errorf("FormatPercent(79.59…, %s) = %q, want %q", lang, got, want)
		}
	}
}

func e79() float64 { return 39.0 * 100 / 49 }
