package data

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// programme builds sessions on the Lagos workshop's days without a store.
type programme struct {
	w        Workshop
	sessions []Session
	trainers []Trainer
}

func newProgramme() *programme {
	w := lagosWorkshop()
	w.ID = 1
	return &programme{w: w}
}

func (p *programme) trainer(name string) int64 {
	id := int64(len(p.trainers) + 1)
	p.trainers = append(p.trainers, Trainer{ID: id, WorkshopID: 1, Name: name})
	return id
}

// session adds a session on day (0 = first) from h1:m1 to h2:m2.
func (p *programme) session(title string, day, from, to int, room string, trainers ...int64) int64 {
	id := int64(len(p.sessions) + 1)
	d := p.w.StartDate.AddDays(day)
	p.sessions = append(p.sessions, Session{ID: id, WorkshopID: 1, Title: title, Kind: KindLecture,
		Start: d.At(from/100, from%100), End: d.At(to/100, to%100), Room: room, TrainerIDs: trainers})
	return id
}

// fullWeek puts one session on every day, so that only the rule under test
// can fire.
func (p *programme) fullWeek(t int64) {
	for d := range 5 {
		p.session(fmt.Sprintf("Day %d", d+1), d, 800, 830, fmt.Sprintf("Hall %d", d), t)
	}
}

func (p *programme) find() []Conflict { return FindConflicts(p.w, p.sessions, p.trainers) }

func ofKind(cs []Conflict, k ConflictKind) []Conflict {
	var out []Conflict
	for _, c := range cs {
		if c.Kind == k {
			out = append(out, c)
		}
	}
	return out
}

func TestTrainerInTwoSessionsAtOnce(t *testing.T) {
	p := newProgramme()
	ada := p.trainer("Adéwálé Ògúnṣọlá")
	p.fullWeek(ada)
	a := p.session("Collections care", 1, 900, 1030, "Auditorium", ada)
	b := p.session("Condition reports", 1, 1000, 1100, "Studio", ada)
	got := ofKind(p.find(), ConflictTrainerBusy)
	if len(got) != 1 || !slices.Equal(got[0].SessionIDs, []int64{a, b}) || got[0].TrainerID != ada {
		t.Fatalf("trainer clashes = %+v, want one for sessions %d and %d", got, a, b)
	}
	if got[0].Key != "error.conflict_trainer_busy" || got[0].Args["Trainer"] != "Adéwálé Ògúnṣọlá" ||
		got[0].Message != "Adéwálé Ògúnṣọlá is in “Collections care” and “Condition reports” at once (10:00)." {
		t.Errorf("conflict words: %q %v %q", got[0].Key, got[0].Args, got[0].Message)
	}

	// Back to back is no clash, and neither is the same time on another day.
	p.sessions[len(p.sessions)-1].Start = p.w.StartDate.AddDays(1).At(10, 30)
	p.session("Same time, next day", 2, 900, 1030, "Studio", ada)
	if got := ofKind(p.find(), ConflictTrainerBusy); len(got) != 0 {
		t.Errorf("back-to-back sessions clash: %+v", got)
	}
}

func TestTwoSessionsInOneRoom(t *testing.T) {
	p := newProgramme()
	p.fullWeek(p.trainer("Claire"))
	a := p.session("Gallery walk", 0, 1400, 1600, "Seminar room 1")
	b := p.session("Mapping publics", 0, 1500, 1530, " seminar  ROOM 1 ")
	got := ofKind(p.find(), ConflictRoomBusy)
	if len(got) != 1 || !slices.Equal(got[0].SessionIDs, []int64{a, b}) {
		t.Fatalf("room clashes = %+v, want one for %d and %d", got, a, b)
	}

	q := newProgramme()
	q.fullWeek(q.trainer("Claire"))
	q.session("Gallery walk", 0, 1400, 1600, "Seminar room 1")
	q.session("Mapping publics", 0, 1400, 1600, "Seminar room 2")
	q.session("No room yet", 0, 1400, 1600, "")
	q.session("No room either", 0, 1400, 1600, "  ")
	if got := ofKind(q.find(), ConflictRoomBusy); len(got) != 0 {
		t.Errorf("different rooms or no room clash: %+v", got)
	}
}

func TestSessionOutsideTheDatesOrUpsideDown(t *testing.T) {
	p := newProgramme()
	p.fullWeek(p.trainer("Claire"))
	before := p.session("Arrival", -1, 1800, 1900, "Hotel")
	after := p.session("Departure", 5, 900, 1000, "Hotel")
	late := p.session("Evening till midnight", 4, 2200, 0, "Hotel") // ends at 00:00 the same day: upside down
	got := p.find()
	out := ofKind(got, ConflictOutsideDates)
	if len(out) != 2 || out[0].SessionIDs[0] != before || out[1].SessionIDs[0] != after {
		t.Errorf("outside the dates = %+v, want %d and %d", out, before, after)
	}
	if out[0].Args["Day"] != "2022-11-20" {
		t.Errorf("args %v", out[0].Args)
	}
	upside := ofKind(got, ConflictEndsBeforeStart)
	if len(upside) != 1 || upside[0].SessionIDs[0] != late {
		t.Errorf("ends before it starts = %+v, want %d", upside, late)
	}

	// A session on the last day ending at midnight is inside; one on the
	// first day is inside.
	q := newProgramme()
	q.fullWeek(q.trainer("Claire"))
	s := q.w.EndDate.At(20, 0)
	q.sessions = append(q.sessions, Session{ID: 99, Title: "Dinner", Kind: KindCeremony, Start: s, End: s.Add(4 * time.Hour)})
	if got := q.find(); len(got) != 0 {
		t.Errorf("a programme inside its dates has conflicts: %+v", got)
	}
}

func TestTrainerWithNoSessionAndDayWithNoSession(t *testing.T) {
	p := newProgramme()
	busy := p.trainer("Busy")
	idle := p.trainer("Idle")
	p.session("Opening", 0, 900, 1000, "Auditorium", busy)
	p.session("Closing", 4, 900, 1000, "Auditorium", busy)
	got := p.find()
	idles := ofKind(got, ConflictIdleTrainer)
	if len(idles) != 1 || idles[0].TrainerID != idle || idles[0].Args["Trainer"] != "Idle" {
		t.Errorf("idle trainers = %+v, want Idle", idles)
	}
	var empty []Date
	for _, c := range ofKind(got, ConflictEmptyDay) {
		empty = append(empty, c.Day)
	}
	want := []Date{p.w.StartDate.AddDays(1), p.w.StartDate.AddDays(2), p.w.StartDate.AddDays(3)}
	if !slices.Equal(empty, want) {
		t.Errorf("empty days = %v, want %v", empty, want)
	}

	q := newProgramme()
	q.fullWeek(q.trainer("Busy"))
	if got := q.find(); len(got) != 0 {
		t.Errorf("a full week with every trainer busy has conflicts: %+v", got)
	}
}

func TestConflictsFromTheStoreFollowWorkshopDates(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	tr := Trainer{WorkshopID: w.ID, Name: "Claire Dumoulin-Bérard"}
	mustNoErr(t, st.SaveTrainer(&tr))
	var last Session
	for d := range 5 {
		last = addSession(t, st, w, d, 9, 10, fmt.Sprintf("Day %d", d+1))
		last.TrainerIDs = []int64{tr.ID}
		mustNoErr(t, st.SaveSession(&last))
	}
	got, err := st.Conflicts(w.ID)
	mustNoErr(t, err)
	if len(got) != 0 {
		t.Fatalf("a clean programme has conflicts: %+v", got)
	}
	// The workshop is shortened after the programme was written: the last
	// session is now outside its dates, which SaveSession would refuse.
	w.EndDate = w.EndDate.AddDays(-1)
	mustNoErr(t, st.SaveWorkshop(&w))
	got, err = st.Conflicts(w.ID)
	mustNoErr(t, err)
	if len(got) != 1 || got[0].Kind != ConflictOutsideDates || got[0].SessionIDs[0] != last.ID {
		t.Errorf("after shortening: %+v", got)
	}
}

func TestSessionMarkCount(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	s := addSession(t, st, w, 0, 9, 10, "Opening")
	other := addSession(t, st, w, 0, 10, 11, "Lecture")
	for _, name := range []string{"Ada", "Bola", "Chidi"} {
		p := addParticipant(t, st, w, name, "Test", StatusConfirmed)
		mustNoErr(t, st.SetMark(&Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Present}))
	}
	if n, err := st.SessionMarkCount(s.ID); err != nil || n != 3 {
		t.Errorf("marks of a marked session = %d, %v; want 3", n, err)
	}
	if n, err := st.SessionMarkCount(other.ID); err != nil || n != 0 {
		t.Errorf("marks of an unmarked session = %d, %v; want 0", n, err)
	}
}

// BenchmarkConflicts checks a large programme: 200 sessions, 40 trainers
// and 10 rooms over five days (target: under 5 ms).
func BenchmarkConflicts(b *testing.B) {
	p := newProgramme()
	var trainers []int64
	for i := range 40 {
		trainers = append(trainers, p.trainer(fmt.Sprintf("Trainer %d", i)))
	}
	for i := range 200 {
		day, slot := i%5, i/5 // 40 sessions a day, 8 at once in 10 rooms
		from := 800 + (slot%10)*100
		p.session(fmt.Sprintf("Session %d", i), day, from, from+130, fmt.Sprintf("Room %d", i%10),
			trainers[i%40], trainers[(i*7)%40])
	}
	var n int
	for b.Loop() {
		n = len(p.find())
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/op")
	b.ReportMetric(float64(n), "conflicts")
}

// BenchmarkStoreConflicts is the same programme read from a database file,
// as the Schedule tab does after every change.
func BenchmarkStoreConflicts(b *testing.B) {
	st, _ := openTemp(b)
	w := addWorkshop(b, st)
	var trainers []int64
	for i := range 40 {
		t := Trainer{WorkshopID: w.ID, Name: fmt.Sprintf("Trainer %d", i)}
		mustNoErr(b, st.SaveTrainer(&t))
		trainers = append(trainers, t.ID)
	}
	for i := range 200 {
		day, slot := i%5, i/5
		d := w.StartDate.AddDays(day)
		from := 8*60 + (slot%10)*60
		s := Session{WorkshopID: w.ID, Title: fmt.Sprintf("Session %d", i), Kind: KindLecture,
			Start: d.At(from/60, from%60), End: d.At(from/60+1, from%60+30), Room: fmt.Sprintf("Room %d", i%10),
			TrainerIDs: []int64{trainers[i%40], trainers[(i*7)%40]}}
		mustNoErr(b, st.SaveSession(&s))
	}
	var n int
	for b.Loop() {
		cs, err := st.Conflicts(w.ID)
		mustNoErr(b, err)
		n = len(cs)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/op")
	b.ReportMetric(float64(n), "conflicts")
}
