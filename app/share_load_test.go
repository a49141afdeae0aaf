package app

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/demo"
	"github.com/atelier-workshops/atelier/venue"
)

// Issue 22's load test as the venue has it: helpers' phones mark one
// session through the page the window serves (Attendance › Share on this
// network, on 127.0.0.1) while the organiser marks the same session on the
// Attendance tab from the keyboard. Bounded in count (the phones' and the
// laptop's marks) and in time (shareDeadline).

const (
	sharePhones        = 9
	shareMarksPerPhone = 12
	shareLaptopMarks   = 15
	shareDeadline      = 60 * time.Second
)

// sharedWindow is a window sharing the demo's Lagos workshop on
// 127.0.0.1, its Attendance tab at the front on one session.
type sharedWindow struct {
	c        *controller
	q        *uiQueue
	v        *attendanceView
	st       *data.Store
	workshop int64
	session  data.Session
	address  string
	pin      string
	before   int64 // the attendance log's last row before the marking
}

// phoneTap is a mark a phone was told is saved, and how long that took
// from the tap.
type phoneTap struct {
	device      string
	participant int64
	mark        data.Mark
	rev         int64
	took        time.Duration
}

// laptopTap is a mark typed on the Attendance tab, and how long it took
// from the key to the mark saved.
type laptopTap struct {
	participant int64
	mark        data.Mark
	took        time.Duration
}

// openShared opens the window on a new demo file, shares Lagos on
// 127.0.0.1 as the organiser does from the dialog, closes the dialog and
// brings the attendance of a session to the front, its list with the
// keyboard.
func openShared(tb testing.TB) *sharedWindow {
	tb.Helper()
	st, err := data.Open(filepath.Join(tb.TempDir(), "share.db"), data.OpenOrCreate)
	if err != nil {
		tb.Fatal(err)
	}
	res, err := demo.Write(st)
	if err != nil {
		tb.Fatal(err)
	}
	test.NewTempApp(tb)
	q := newUIQueue()
	c := newController(fyne.CurrentApp(), st, q.do)
	c.win.Resize(fyne.NewSize(1200, 800))
	c.win.Show()
	tb.Cleanup(func() {
		if !c.closed { // closing stops sharing and closes the store
			c.win.Close()
		}
	})
	c.screen.selectID(res.Lagos)
	s := &sharedWindow{c: c, q: q, st: st, workshop: res.Lagos}
	for _, v := range c.screen.views {
		if a, ok := v.(*attendanceView); ok {
			c.screen.tabs.Select(a.tab())
			s.v = a
		}
	}

	d := c.showShare()
	for i, a := range d.addresses {
		if a.Loopback() && a.IP.Is4() {
			d.choose.SetSelectedIndex(i) // tests listen on 127.0.0.1 only
		}
	}
	test.Tap(d.start)
	s.address, s.pin = d.address.Text, d.pin.Text
	if c.server() == nil || s.address != c.server().Address() {
		tb.Fatalf("sharing did not start on this computer: %q", s.address)
	}
	d.close()

	s.session = sessionWithoutNotes(tb, st, s.v.sessions)
	pickSession(s.v, s.v.sessionIndex(s.session.ID))
	if s.v.sid != s.session.ID || c.win.Canvas().Focused() != s.v.list {
		tb.Fatalf("the tab shows session %d, the keyboard is on %T", s.v.sid, c.win.Canvas().Focused())
	}
	if s.before, err = st.LastMarkRevision(); err != nil {
		tb.Fatal(err)
	}
	return s
}

// sessionWithoutNotes is a session none of whose marks has a note: there
// every mark typed on the laptop is entered in the log (SetMarkContext
// logs nothing when a save only changes a note).
func sessionWithoutNotes(tb testing.TB, st *data.Store, sessions []data.Session) data.Session {
	tb.Helper()
	for _, s := range sessions {
		marks, err := st.SessionMarks(s.ID)
		if err != nil {
			tb.Fatal(err)
		}
		if !slices.ContainsFunc(slices.Collect(maps.Values(marks)), func(a data.Attendance) bool { return a.Note != "" }) {
			return s
		}
	}
	tb.Fatal("every session of the demo has a note")
	return data.Session{}
}

// signInPhones signs n phones in to the page at address, each from its
// own 127.0.0.x address as phones from theirs.
func signInPhones(tb testing.TB, address, pin string, n int) []*phoneClient {
	tb.Helper()
	clients := make([]*phoneClient, n)
	for i := range clients {
		var err error
		if clients[i], err = signInPhone(address, pin, fmt.Sprintf("Phone %d", i+1), fmt.Sprintf("127.0.0.%d", 20+i)); err != nil {
			tb.Fatal(err)
		}
	}
	return clients
}

// phonesMark has each phone mark perPhone random people of the session
// at once, until ctx is done; done is closed when all have finished,
// after which the marks saved and the first error of each are filled in.
func phonesMark(ctx context.Context, clients []*phoneClient, session int64, people []data.Participant, perPhone int) (done chan struct{}, taps [][]phoneTap, errs []error) {
	taps, errs = make([][]phoneTap, len(clients)), make([]error, len(clients))
	var wg sync.WaitGroup
	for i, p := range clients {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(i), 22))
			device := fmt.Sprintf("Phone %d", i+1)
			for range perPhone {
				if errs[i] = ctx.Err(); errs[i] != nil {
					return
				}
				who, mark := people[r.IntN(len(people))].ID, data.Marks[r.IntN(len(data.Marks))]
				t0 := time.Now()
				rev, err := p.mark(session, who, mark)
				if err != nil {
					errs[i] = fmt.Errorf("%s: %w", device, err)
					return
				}
				taps[i] = append(taps[i], phoneTap{device: device, participant: who, mark: mark, rev: rev, took: time.Since(t0)})
				// A helper taps again after a glance at the list: the
				// phones' marks spread over the laptop's rather than
				// ending before it has typed much.
				time.Sleep(time.Duration(r.IntN(30)) * time.Millisecond)
			}
		})
	}
	done = make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	return done, taps, errs
}

// markTogether has phones phones mark perPhone random people of the
// session while the test's goroutine, the window's, types laptop marks on
// the Attendance tab: arrow keys to a person, then the mark's letter.
// Between keys the window runs the work handed to it, the screens read
// again after the phones' marks among it, as its event loop would.
func (s *sharedWindow) markTogether(tb testing.TB, phones, perPhone, laptop int) ([]phoneTap, []laptopTap) {
	tb.Helper()
	clients := signInPhones(tb, s.address, s.pin, phones)
	ctx, cancel := context.WithTimeout(context.Background(), shareDeadline)
	defer cancel()
	done, taps, errs := phonesMark(ctx, clients, s.session.ID, s.v.people, perPhone)

	v, keyboard := s.v, s.c.win.Canvas()
	r := rand.New(rand.NewPCG(99, 22))
	var typed []laptopTap
	for range laptop {
		s.runQueued()
		if ctx.Err() != nil {
			tb.Fatal("the laptop's marks ran out of time")
		}
		// Down the list a few rows at a time, as a room is marked, and
		// back to the top from its end.
		mark, keys := data.Marks[r.IntN(len(data.Marks))], []fyne.KeyName{}
		if v.cur >= len(v.people)-3 {
			keys = append(keys, fyne.KeyHome)
		}
		for range r.IntN(3) {
			keys = append(keys, fyne.KeyDown)
		}
		for _, key := range keys {
			if keyboard.Focused() != v.list {
				tb.Fatalf("the keyboard went to %T", keyboard.Focused())
			}
			keyboard.Focused().TypedKey(&fyne.KeyEvent{Name: key})
		}
		who := v.people[v.cur].ID
		t0 := time.Now()
		keyboard.Focused().TypedRune([]rune(markLetter(mark))[0])
		// A save the file kept waiting is finished on this goroutine.
		if !s.q.runUntil(time.Until(deadlineOf(ctx)), func() bool { return len(s.c.saves.waiting) == 0 }) {
			tb.Fatal("the laptop's mark was not saved in time")
		}
		typed = append(typed, laptopTap{participant: who, mark: mark, took: time.Since(t0)})
	}
	if !s.q.runUntil(time.Until(deadlineOf(ctx)), func() bool {
		select {
		case <-done:
			return true
		default:
			return false
		}
	}) {
		tb.Fatal("the phones did not finish in time")
	}
	for _, err := range errs {
		if err != nil {
			tb.Fatal(err)
		}
	}
	return slices.Concat(taps...), typed
}

func deadlineOf(ctx context.Context) time.Time {
	d, _ := ctx.Deadline()
	return d
}

// runQueued runs the work handed to the window before now, as an event
// loop does between two keys.
func (s *sharedWindow) runQueued() {
	for range len(s.q.ch) {
		(<-s.q.ch)()
	}
}

func TestSharedSessionMarkedByPhonesAndTheWindowAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("a load test")
	}
	useLanguage(t, "en")
	s := openShared(t)
	t0 := time.Now()
	phones, laptop := s.markTogether(t, sharePhones, shareMarksPerPhone, shareLaptopMarks)
	marking := time.Since(t0)

	// The log has every mark and nothing else: each phone's under the
	// revision it was told, by its name; the laptop's in the order typed.
	log, err := s.st.MarkLogSince(s.workshop, s.before, 0)
	mustNoErr(t, err)
	if len(log) != len(phones)+len(laptop) {
		t.Fatalf("%d marks were saved (%d by phones, %d on the laptop), the log has %d", len(phones)+len(laptop),
			len(phones), len(laptop), len(log))
	}
	byRev := map[int64]data.MarkLogEntry{}
	var typed []laptopTap
	for _, e := range log {
		byRev[e.ID] = e
		if e.SessionID != s.session.ID {
			t.Fatalf("a mark of another session was logged: %+v", e)
		}
		if e.Device == "" {
			typed = append(typed, laptopTap{participant: e.ParticipantID, mark: e.Mark})
		}
	}
	for _, p := range phones {
		if e := byRev[p.rev]; e.ParticipantID != p.participant || e.Mark != p.mark || e.Device != p.device {
			t.Fatalf("%s's %s of participant %d is logged as %+v", p.device, p.mark, p.participant, e)
		}
	}
	if !slices.EqualFunc(typed, laptop, func(a, b laptopTap) bool { return a.participant == b.participant && a.mark == b.mark }) {
		t.Fatalf("the laptop typed %v, the log has %v", laptop, typed)
	}

	// The file holds each cell's last write in the log's order, and the
	// window's list shows it once the phones' marks have reached it.
	last := map[int64]data.MarkLogEntry{}
	for _, e := range log {
		last[e.ParticipantID] = e // the log comes in its order
	}
	for pid, e := range last {
		got, err := s.st.Mark(pid, s.session.ID)
		mustNoErr(t, err)
		if got.Mark != e.Mark || got.Device != e.Device {
			t.Errorf("participant %d holds %s by %q; the last write was %s by %q", pid, got.Mark, got.Device, e.Mark, e.Device)
		}
	}
	v := s.v
	inFile, err := s.st.SessionMarks(s.session.ID)
	mustNoErr(t, err)
	if !s.q.runUntil(10*time.Second, func() bool {
		for _, p := range v.people {
			if v.marks[p.ID].Mark != inFile[p.ID].Mark {
				return false
			}
		}
		return true
	}) {
		for _, p := range v.people {
			if v.marks[p.ID].Mark != inFile[p.ID].Mark {
				t.Errorf("the window shows %s %s, the file %s", p.FullName(), v.marks[p.ID].Mark, inFile[p.ID].Mark)
			}
		}
		t.FailNow()
	}
	shown := 0
	walk(v.list, func(o fyne.CanvasObject) {
		if r, ok := o.(*markRow); ok && r.Visible() && r.id < len(v.people) && r.name.Text == v.people[r.id].FullName() {
			shown++
			if want := markName(inFile[v.people[r.id].ID].Mark); r.status.Text != want {
				t.Errorf("the row of %s says %q, the file %q", r.name.Text, r.status.Text, want)
			}
		}
	})
	if shown < 5 {
		t.Errorf("only %d rows of the list were seen", shown)
	}
	p50, p99 := tookPercentiles(phones, func(p phoneTap) time.Duration { return p.took })
	l50, l99 := tookPercentiles(laptop, func(l laptopTap) time.Duration { return l.took })
	t.Logf("%v of marking: %d phone marks, tap to saved p50 %v, p99 %v; %d laptop marks, key to saved p50 %v, p99 %v",
		marking.Round(time.Millisecond), len(phones), p50, p99, len(laptop), l50, l99)
}

func tookPercentiles[T any](taps []T, took func(T) time.Duration) (p50, p99 time.Duration) {
	if len(taps) == 0 {
		return 0, 0
	}
	d := make([]time.Duration, len(taps))
	for i, x := range taps {
		d[i] = took(x)
	}
	slices.Sort(d)
	return d[len(d)*50/100], d[min(len(d)-1, len(d)*99/100)]
}

// BenchmarkShareTapToSaved is the load test's marking measured: nine
// phones mark one session through the window's venue page while the
// organiser types marks on its Attendance tab. It reports the phones' tap
// to saved (the page's answer) and the laptop's key to saved, p50 and p99
// (target: p99 under 100 ms), and, as the floor measured in the same run,
// the same phones marking a file no window shows (venue.Start alone):
// alone-p99-ms, and p99-vs-alone, what the window costs the phones.
// Each run marks at least 180 times from the phones and 40 on the laptop,
// so that a p99 is not one slow mark.
func BenchmarkShareTapToSaved(b *testing.B) {
	per := max(20, b.N/sharePhones)
	alone := phonesAlone(b, per)
	s := openShared(b)
	b.ResetTimer()
	phones, laptop := s.markTogether(b, sharePhones, per, max(40, per))
	b.StopTimer()
	took := func(p phoneTap) time.Duration { return p.took }
	p50, p99 := tookPercentiles(phones, took)
	_, floor99 := tookPercentiles(alone, took)
	l50, l99 := tookPercentiles(laptop, func(l laptopTap) time.Duration { return l.took })
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(p50), "p50-ms")
	b.ReportMetric(ms(p99), "p99-ms")
	b.ReportMetric(ms(l50), "laptop-p50-ms")
	b.ReportMetric(ms(l99), "laptop-p99-ms")
	b.ReportMetric(ms(floor99), "alone-p99-ms")
	b.ReportMetric(float64(p99)/float64(max(1, floor99)), "p99-vs-alone")
	b.ReportMetric(0, "ns/op")
}

// phonesAlone is the benchmark's floor: the same phones marking the same
// session of a demo file, served with no window.
func phonesAlone(b *testing.B, perPhone int) []phoneTap {
	st, err := data.Open(filepath.Join(b.TempDir(), "alone.db"), data.OpenOrCreate)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	res, err := demo.Write(st)
	if err != nil {
		b.Fatal(err)
	}
	srv, err := venue.Start(venue.Config{Store: st, WorkshopID: res.Lagos, Addr: "127.0.0.1:0"})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	all, err := st.Sessions(res.Lagos)
	if err != nil {
		b.Fatal(err)
	}
	people, err := st.Participants(res.Lagos, data.ParticipantFilter{Statuses: []data.Status{data.StatusConfirmed}})
	if err != nil {
		b.Fatal(err)
	}
	session := sessionWithoutNotes(b, st, slices.DeleteFunc(all, data.Session.IsBreak))
	ctx, cancel := context.WithTimeout(context.Background(), shareDeadline)
	defer cancel()
	done, taps, errs := phonesMark(ctx, signInPhones(b, srv.Address(), srv.PIN(), sharePhones), session.ID, people, perPhone)
	<-done
	for _, err := range errs {
		if err != nil {
			b.Fatal(err)
		}
	}
	return slices.Concat(taps...)
}
