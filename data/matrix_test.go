package data

import (
	"math"
	"testing"
)

func TestAttendanceMatrixAndSummaries(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	var sessions []Session
	for day := range 2 {
		for _, h := range []int{9, 11, 14} {
			sessions = append(sessions, addSession(t, st, w, day, h, h+1, "S"))
		}
	}
	visit := sessions[4]
	visit.Mandatory, visit.Title = true, "Risk management field visit"
	mustNoErr(t, st.SaveSession(&visit))
	lunch := Session{WorkshopID: w.ID, Title: "Lunch", Kind: KindBreak, Start: w.StartDate.At(12, 0),
		End: w.StartDate.At(13, 0)}
	mustNoErr(t, st.SaveSession(&lunch))

	ada := addParticipant(t, st, w, "Ada", "Obi", StatusConfirmed)      // all present
	bola := addParticipant(t, st, w, "Bọ́lá", "Àjàyí", StatusConfirmed) // late twice, excused once
	chi := addParticipant(t, st, w, "Chi", "Eze", StatusConfirmed)      // misses the field visit
	addParticipant(t, st, w, "Dayo", "Applicant", StatusApplicant)      // not in the matrix
	withdrawn := addParticipant(t, st, w, "Eko", "Gone", StatusWithdrawn)

	var marks []Attendance
	mark := func(p Participant, s Session, m Mark) {
		marks = append(marks, Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: m})
	}
	for _, s := range sessions {
		mark(ada, s, Present)
		if s.ID != visit.ID {
			mark(chi, s, Present)
		}
	}
	mark(chi, visit, Absent)
	mark(ada, lunch, Absent) // a break does not count either way
	mark(bola, sessions[0], Late)
	mark(bola, sessions[1], Late)
	mark(bola, sessions[2], Excused)
	mark(bola, sessions[3], Present)
	mark(bola, sessions[4], Present)
	// bola's last session is not marked yet
	mark(withdrawn, sessions[0], Present) // marked before withdrawing: stays visible
	mustNoErr(t, st.SetMarks(marks))

	v, err := st.Verdicts(w.ID)
	mustNoErr(t, err)
	m := v.Matrix
	var names []string
	for _, p := range m.Participants {
		names = append(names, p.FamilyName)
	}
	if len(names) != 4 || names[0] != "Àjàyí" || names[3] != "Obi" {
		t.Fatalf("rows %v: want confirmed and marked participants in family-name order", names)
	}
	if len(m.Sessions) != 7 {
		t.Fatalf("%d columns", len(m.Sessions))
	}
	bi, _ := m.RowOf(bola.ID)
	for j, want := range []Mark{Late, Late, Unmarked, Excused, Present, Present, Unmarked} {
		// column 2 is lunch on day one, between the 11:00 and 14:00 sessions
		if got := m.At(bi, j); got != want {
			t.Errorf("bola column %d (%s): %q, want %q", j, m.Sessions[j].Title, got, want)
		}
	}
	vj, _ := m.ColumnOf(visit.ID)
	if c := m.SessionCount(vj); c[Present] != 2 || c[Absent] != 1 || c[Unmarked] != 1 {
		t.Fatalf("field visit counts %v", c)
	}

	ai, _ := m.RowOf(ada.ID)
	if s := m.Summary(ai); !s.MeetsRequirement || s.Attended != 6 || s.Counted != 6 || s.MinutesAttended != 360 {
		t.Fatalf("ada %+v", s)
	}
	ci, _ := m.RowOf(chi.ID)
	if s := m.Summary(ci); s.MeetsRequirement || !s.MeetsMinimum || len(s.MissedMandatory) != 1 ||
		s.MissedMandatory[0].ID != visit.ID {
		t.Fatalf("chi should meet the minimum (5/6) but miss the mandatory visit: %+v", s)
	}
	// Default rule: late counts, excused leaves the count: 4 of 5 = 80%.
	b := m.Summary(bi)
	if b.Attended != 4 || b.Counted != 5 || !b.MeetsRequirement || b.ByMark[Unmarked] != 2 {
		t.Fatalf("bola default rule %+v", b)
	}
	strict := CertificateRule{MinPercent: 80, LateCounts: false, ExcusedPolicy: ExcusedAbsent}
	s := Summarize(strict, m.Sessions, rowMarks(m, bi))
	if s.Attended != 2 || s.Counted != 6 || s.MeetsMinimum || math.Abs(s.Percent-100.0/3) > 1e-9 {
		t.Fatalf("bola strict rule %+v", s)
	}
	lenient := CertificateRule{MinPercent: 80, LateCounts: true, ExcusedPolicy: ExcusedAttended}
	if s := Summarize(lenient, m.Sessions, rowMarks(m, bi)); s.Attended != 5 || s.Counted != 6 {
		t.Fatalf("bola lenient rule %+v", s)
	}

	e, err := st.ParticipantVerdict(bola.ID)
	mustNoErr(t, err)
	sum := e.Summary
	if sum.Attended != b.Attended || sum.Counted != b.Counted || sum.MeetsRequirement != b.MeetsRequirement {
		t.Fatalf("ParticipantSummary %+v disagrees with the matrix %+v", sum, b)
	}
}

func rowMarks(m *AttendanceMatrix, i int) []Mark {
	out := make([]Mark, len(m.Sessions))
	for j := range out {
		out[j] = m.At(i, j)
	}
	return out
}

func TestSummaryWithNothingCounted(t *testing.T) {
	s := Summarize(DefaultCertificateRule, nil, nil)
	if s.MeetsMinimum || s.Percent != 0 {
		t.Fatalf("an empty programme qualifies no one: %+v", s)
	}
}

func TestFillRowReadsTheAggregatedMarks(t *testing.T) {
	m := &AttendanceMatrix{Sessions: make([]Session, 3), marks: make([]Mark, 3), col: map[int64]int{12: 0, 13: 1, 150: 2}}
	mustNoErr(t, m.fillRow(0, "12present13late150excused999absent"))
	if m.marks[0] != Present || m.marks[1] != Late || m.marks[2] != Excused {
		t.Fatalf("marks %v", m.marks)
	}
	for _, bad := range []string{"12", "12present13", "12xyz", "12present,13late", "12Present"} {
		if err := m.fillRow(0, bad); err == nil {
			t.Errorf("%q read without complaint", bad)
		}
	}
}
