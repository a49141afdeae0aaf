package data

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// logRows reads the attendance log of a cell, oldest first.
func logRows(t *testing.T, st *Store, participantID, sessionID int64) []MarkLogEntry {
	t.Helper()
	rows, err := queryAll(st.r, scanMarkLog, `SELECT `+markLogColumns+` FROM attendance_log
		WHERE participant_id = ? AND session_id = ? ORDER BY id`, participantID, sessionID)
	mustNoErr(t, err)
	return rows
}

func logCount(t *testing.T, st *Store) int {
	t.Helper()
	var n int
	mustNoErr(t, st.r.QueryRow(`SELECT count(*) FROM attendance_log`).Scan(&n))
	return n
}

// Two helpers and the laptop mark one person: the last mark wins, every
// one of them is in the log in the order saved, with its device, and the
// history lists the replaced ones.
func TestTheLastMarkWinsAndTheEarlierAreKept(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	s := addSession(t, st, w, 0, 9, 10, "Opening")
	p := addParticipant(t, st, w, "Ọláńrewájú", "Adébáyọ̀", StatusConfirmed)
	ctx := context.Background()

	laptop := Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Present}
	mustNoErr(t, st.SetMark(&laptop))
	roomB := Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Late}
	mustNoErr(t, st.MarkFromDevice(ctx, w.ID, "  Room B  ", &roomB))
	ada := Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Absent}
	mustNoErr(t, st.MarkFromDevice(ctx, w.ID, "Ada’s phone", &ada))
	if !(laptop.Revision < roomB.Revision && roomB.Revision < ada.Revision) || roomB.Device != "Room B" {
		t.Fatalf("revisions %d %d %d, device %q", laptop.Revision, roomB.Revision, ada.Revision, roomB.Device)
	}
	got, err := st.Mark(p.ID, s.ID)
	mustNoErr(t, err)
	if got.Mark != Absent || got.Device != "Ada’s phone" {
		t.Fatalf("the cell holds %+v, want Ada’s absent", got)
	}
	rows := logRows(t, st, p.ID, s.ID)
	want := []struct {
		mark   Mark
		device string
	}{{Present, ""}, {Late, "Room B"}, {Absent, "Ada’s phone"}}
	if len(rows) != len(want) {
		t.Fatalf("log %+v", rows)
	}
	for i, r := range rows {
		if r.Mark != want[i].mark || r.Device != want[i].device {
			t.Errorf("log row %d: %+v, want %v", i, r, want[i])
		}
	}

	clear := Attendance{ParticipantID: p.ID, SessionID: s.ID}
	mustNoErr(t, st.MarkFromDevice(ctx, w.ID, "Room B", &clear))
	if got, _ := st.Mark(p.ID, s.ID); got.Mark != Unmarked || clear.Revision <= ada.Revision {
		t.Fatalf("cleared: %+v, revision %d", got, clear.Revision)
	}
	history, err := st.MarkHistory(w.ID)
	mustNoErr(t, err)
	if len(history) != 4 || !history[0].Replaced || history[0].Device != "" || !history[2].Replaced ||
		history[3].Replaced || history[3].Mark != Unmarked || history[3].Device != "Room B" {
		t.Fatalf("history %+v", history)
	}
	// Clearing what is not marked is no mark at all.
	again := Attendance{ParticipantID: p.ID, SessionID: s.ID}
	mustNoErr(t, st.MarkFromDevice(ctx, w.ID, "Room B", &again))
	if again.Revision != 0 || len(logRows(t, st, p.ID, s.ID)) != 4 {
		t.Fatalf("a clear of nothing was logged: %+v", again)
	}
}

// The organiser adding a note to a phone's mark does not make it the
// laptop's: the mark keeps its device and time, and the log has nothing
// new. Marking the same again from the laptop is a mark, and is the
// laptop's.
func TestANoteAloneKeepsTheMarksDevice(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	s := addSession(t, st, w, 0, 9, 10, "Opening")
	p := addParticipant(t, st, w, "María", "Ñúñez", StatusConfirmed)
	phone := Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Late}
	mustNoErr(t, st.MarkFromDevice(context.Background(), w.ID, "Room B", &phone))

	note := Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Late, Note: "Bus from Ikeja",
		MarkedAt: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
	mustNoErr(t, st.SetMark(&note))
	got, _ := st.Mark(p.ID, s.ID)
	if got.Device != "Room B" || got.Note != "Bus from Ikeja" || !got.MarkedAt.Equal(phone.MarkedAt) ||
		len(logRows(t, st, p.ID, s.ID)) != 1 {
		t.Fatalf("after a note: %+v (phone's %+v)", got, phone)
	}
	// A phone's next mark keeps the organiser's note.
	next := Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Present}
	mustNoErr(t, st.MarkFromDevice(context.Background(), w.ID, "Room C", &next))
	if got, _ := st.Mark(p.ID, s.ID); got.Note != "Bus from Ikeja" || got.Device != "Room C" {
		t.Fatalf("a phone's mark lost the note: %+v", got)
	}
	again := Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Present, Note: "Bus from Ikeja"}
	mustNoErr(t, st.SetMark(&again))
	if got, _ := st.Mark(p.ID, s.ID); got.Device != "" || len(logRows(t, st, p.ID, s.ID)) != 3 {
		t.Fatalf("marking again on the laptop: %+v", got)
	}
}

// A phone marks only what the laptop's list offers: nothing is saved for
// another workshop's session or participant, a break, someone not
// confirmed, or a device without a proper name.
func TestMarkFromDeviceRefusesWhatIsNotOnTheList(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	other := addWorkshop(t, st)
	s := addSession(t, st, w, 0, 9, 10, "Opening")
	elsewhere := addSession(t, st, other, 0, 9, 10, "Elsewhere")
	lunch := Session{WorkshopID: w.ID, Title: "Lunch", Kind: KindBreak, Start: w.StartDate.At(12, 0), End: w.StartDate.At(13, 0)}
	mustNoErr(t, st.SaveSession(&lunch))
	p := addParticipant(t, st, w, "Ada", "Obi", StatusConfirmed)
	applicant := addParticipant(t, st, w, "Bola", "Ade", StatusApplicant)
	stranger := addParticipant(t, st, other, "Chidi", "Eze", StatusConfirmed)
	ctx := context.Background()
	for _, c := range []struct {
		name   string
		device string
		a      Attendance
		want   func(error) bool
	}{
		{"another workshop's session", "Room B", Attendance{ParticipantID: p.ID, SessionID: elsewhere.ID, Mark: Present},
			func(err error) bool { var nf *NotFoundError; return errors.As(err, &nf) && nf.Record == "session" }},
		{"another workshop's participant", "Room B", Attendance{ParticipantID: stranger.ID, SessionID: s.ID, Mark: Present},
			func(err error) bool { var nf *NotFoundError; return errors.As(err, &nf) && nf.Record == "participant" }},
		{"no such session", "Room B", Attendance{ParticipantID: p.ID, SessionID: 9999, Mark: Present},
			func(err error) bool { return errors.Is(err, ErrNotFound) }},
		{"a break", "Room B", Attendance{ParticipantID: p.ID, SessionID: lunch.ID, Mark: Present},
			func(err error) bool { return errors.Is(err, ErrBreak) }},
		{"an applicant", "Room B", Attendance{ParticipantID: applicant.ID, SessionID: s.ID, Mark: Present},
			func(err error) bool { return errors.Is(err, ErrNotOnList) }},
		{"a bad mark", "Room B", Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: "here"},
			func(err error) bool { _, ok := AsValidation(err); return ok }},
		{"an empty device name", "   ", Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Present}, isDeviceNameError},
		{"a right-to-left override", "Room\u202eB", Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Present}, isDeviceNameError},
		{"a control character", "Room\nB", Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Present}, isDeviceNameError},
		{"a long name", strings.Repeat("é", MaxDeviceName+1), Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Present}, isDeviceNameError},
	} {
		before := logCount(t, st)
		a := c.a
		err := st.MarkFromDevice(ctx, w.ID, c.device, &a)
		if !c.want(err) {
			t.Errorf("%s: got %v", c.name, err)
		}
		if logCount(t, st) != before {
			t.Errorf("%s: the log grew", c.name)
		}
	}
	if m, _ := st.SessionMarks(s.ID); len(m) != 0 {
		t.Errorf("refused marks were saved: %+v", m)
	}
	// A name of 40 letters with marks above them, and emoji joined, is fine.
	a := Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Present}
	mustNoErr(t, st.MarkFromDevice(ctx, w.ID, strings.Repeat("ọ́", MaxDeviceName-2)+"👩‍🏫", &a))
}

func isDeviceNameError(err error) bool {
	var fe FieldError
	return errors.As(err, &fe) && fe.Key == "error.device_name" && fe.Field == "device"
}

// A badge or sign-in sheet code marks its holder, in any case and with
// spaces around; an unknown code marks nobody.
func TestMarkCodeFromDevice(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	s := addSession(t, st, w, 0, 9, 10, "Opening")
	ada := addParticipant(t, st, w, "Ada", "Obi", StatusConfirmed)
	ola := addParticipant(t, st, w, "Ọláńrewájú", "Adébáyọ̀", StatusConfirmed)
	all, err := st.Participants(w.ID, ParticipantFilter{})
	mustNoErr(t, err)
	code := SignInCodes(all)[ola.ID]
	a := Attendance{SessionID: s.ID, Mark: Present}
	who, err := st.MarkCodeFromDevice(context.Background(), w.ID, "Door", " "+strings.ToLower(code)+"\n", &a)
	mustNoErr(t, err)
	if who.ID != ola.ID || a.ParticipantID != ola.ID || a.Device != "Door" {
		t.Fatalf("code %s marked %+v as %+v", code, who, a)
	}
	if got, _ := st.Mark(ola.ID, s.ID); got.Mark != Present || got.Device != "Door" {
		t.Fatalf("saved %+v", got)
	}
	if got, _ := st.Mark(ada.ID, s.ID); got.Mark != Unmarked {
		t.Fatalf("Ada was marked too: %+v", got)
	}
	_, err = st.MarkCodeFromDevice(context.Background(), w.ID, "Door", "ZZ9", &Attendance{SessionID: s.ID, Mark: Present})
	if !errors.Is(err, ErrNoSuchSignInCode) {
		t.Fatalf("an unknown code: %v", err)
	}
}

// The sheet a phone starts from and the log rows after it make the whole
// story: every mark up to AsOf is in the sheet, every later one is in
// MarkLogSince, from any writer.
func TestMarkingSheetThenTheLogAfterIt(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	s := addSession(t, st, w, 0, 9, 10, "Opening")
	other := addSession(t, st, w, 0, 11, 12, "Second")
	p := addParticipant(t, st, w, "Ada", "Obi", StatusConfirmed)
	q := addParticipant(t, st, w, "Bola", "Ade", StatusConfirmed)
	addParticipant(t, st, w, "Chidi", "Eze", StatusWithdrawn)
	mustNoErr(t, st.SetMark(&Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Present}))
	sheet, err := st.MarkingSheet(w.ID, s.ID)
	mustNoErr(t, err)
	if len(sheet.People) != 2 || sheet.Marks[p.ID].Mark != Present || sheet.Session.Title != "Opening" || sheet.AsOf == 0 {
		t.Fatalf("sheet %+v", sheet)
	}
	mustNoErr(t, st.MarkFromDevice(context.Background(), w.ID, "Room B", &Attendance{ParticipantID: q.ID, SessionID: s.ID, Mark: Late}))
	mustNoErr(t, st.SetMark(&Attendance{ParticipantID: q.ID, SessionID: other.ID, Mark: Absent}))
	mustNoErr(t, st.ClearMark(p.ID, s.ID))
	since, err := st.MarkLogSince(w.ID, sheet.AsOf, 0)
	mustNoErr(t, err)
	if len(since) != 3 || since[0].Device != "Room B" || since[1].SessionID != other.ID || since[2].Mark != Unmarked {
		t.Fatalf("since %d: %+v", sheet.AsOf, since)
	}
	if two, _ := st.MarkLogSince(w.ID, sheet.AsOf, 2); len(two) != 2 {
		t.Fatalf("limit 2 gave %d", len(two))
	}
	last, err := st.LastMarkRevision()
	mustNoErr(t, err)
	if last != since[2].ID {
		t.Fatalf("last revision %d, want %d", last, since[2].ID)
	}
	if _, err := st.MarkingSheet(w.ID+1, s.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("another workshop's sheet: %v", err)
	}
}

// The matrix knows which cells a device marked; a mark made in the window
// afterwards is the laptop's.
func TestMatrixShowsTheDevice(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	s := addSession(t, st, w, 0, 9, 10, "Opening")
	p := addParticipant(t, st, w, "Ada", "Obi", StatusConfirmed)
	q := addParticipant(t, st, w, "Bola", "Ade", StatusConfirmed)
	mustNoErr(t, st.MarkFromDevice(context.Background(), w.ID, "Room B", &Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Late}))
	mustNoErr(t, st.SetMark(&Attendance{ParticipantID: q.ID, SessionID: s.ID, Mark: Present}))
	v, err := st.Verdicts(w.ID)
	mustNoErr(t, err)
	m := v.Matrix
	i, _ := m.RowOf(p.ID)
	k, _ := m.RowOf(q.ID)
	if m.Device(i, 0) != "Room B" || m.At(i, 0) != Late || m.Device(k, 0) != "" {
		t.Fatalf("devices %q %q", m.Device(i, 0), m.Device(k, 0))
	}
	m.Set(i, 0, Absent)
	if m.Device(i, 0) != "" {
		t.Fatal("a mark from the window kept the phone's name")
	}
}

// A file from before the log gets its marks as the log's first rows.
func TestTheLogStartsWithTheMarksOfAnOlderFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	old := openOldSchema(t, path, 5)
	w := addWorkshop(t, old)
	s := addSession(t, old, w, 0, 9, 11, "Opening")
	p := markedAsOldSchemas(t, old, w, s, "Ada", "Obi", Late, "2022-11-21T09:10:00Z")
	mustNoErr(t, old.Close())

	st, err := Open(path, OpenExisting)
	mustNoErr(t, err)
	defer st.Close()
	rows := logRows(t, st, p.ID, s.ID)
	if len(rows) != 1 || rows[0].Mark != Late || rows[0].Device != "" || rows[0].MarkedAt.Hour() != 9 {
		t.Fatalf("log of the old mark: %+v", rows)
	}
	a := Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Present}
	mustNoErr(t, st.MarkFromDevice(context.Background(), w.ID, "Room B", &a))
	if a.Revision <= rows[0].ID {
		t.Fatalf("a new mark's revision %d after %d", a.Revision, rows[0].ID)
	}
}

// Deleting a participant takes their log with them, and undoing the
// delete puts it back.
func TestUndoPutsTheLogBack(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	s := addSession(t, st, w, 0, 9, 10, "Opening")
	p := addParticipant(t, st, w, "Ada", "Obi", StatusConfirmed)
	mustNoErr(t, st.SetMark(&Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Present}))
	mustNoErr(t, st.MarkFromDevice(context.Background(), w.ID, "Room B", &Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Late}))
	mustNoErr(t, st.DeleteParticipantWithAttendance(p.ID))
	if n := logCount(t, st); n != 0 {
		t.Fatalf("%d log rows outlived the participant", n)
	}
	_, err := st.Undo()
	mustNoErr(t, err)
	if rows := logRows(t, st, p.ID, s.ID); len(rows) != 2 || rows[1].Device != "Room B" {
		t.Fatalf("log after undo: %+v", rows)
	}
}

// TestHelperDeviceMarker is not a test on its own: TestPhonesAndTheLaptop…
// starts the test binary again to run it as a process of its own, which
// marks as a device in a loop and prints each mark and its revision once
// MarkFromDevice has returned.
func TestHelperDeviceMarker(t *testing.T) {
	path := os.Getenv("ATELIER_DEVICE_DB")
	if path == "" {
		t.Skip("runs only as a child process")
	}
	st, err := Open(path, OpenExisting)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	defer st.Close()
	var ids []int64
	for _, f := range strings.Fields(os.Getenv("ATELIER_DEVICE_IDS")) {
		id, _ := strconv.ParseInt(f, 10, 64)
		ids = append(ids, id)
	}
	workshop, session, people := ids[0], ids[1], ids[2:]
	device := os.Getenv("ATELIER_DEVICE_NAME")
	out := bufio.NewWriter(os.Stdout)
	for i := range 150 {
		a := Attendance{ParticipantID: people[i%len(people)], SessionID: session, Mark: Marks[(i/len(people))%len(Marks)]}
		if err := st.MarkFromDevice(context.Background(), workshop, device, &a); err != nil {
			fmt.Fprintln(out, "error", err)
			out.Flush()
			os.Exit(1)
		}
		fmt.Fprintf(out, "saved %d %s %d\n", a.ParticipantID, a.Mark, a.Revision)
		out.Flush()
	}
}

// Two phones' servers in processes of their own and the laptop mark the
// same people of one session at once: every mark each one was told was
// saved is in the log as saved, and each cell holds the last of them.
func TestPhonesAndTheLaptopMarkOnePersonAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	st, err := Open(path, OpenOrCreate)
	mustNoErr(t, err)
	defer st.Close()
	w := addWorkshop(t, st)
	s := addSession(t, st, w, 0, 9, 10, "Opening")
	ids := fmt.Sprintf("%d %d", w.ID, s.ID)
	var people []int64
	for i := range 5 {
		p := addParticipant(t, st, w, "P", strconv.Itoa(i), StatusConfirmed)
		people = append(people, p.ID)
		ids += fmt.Sprintf(" %d", p.ID)
	}
	start, err := st.LastMarkRevision()
	mustNoErr(t, err)
	type saved struct {
		participant int64
		mark        Mark
		device      string
	}
	acknowledged := map[int64]saved{} // by revision
	var children []*exec.Cmd
	var outputs []*strings.Builder
	for _, device := range []string{"Room B", "Field visit"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperDeviceMarker$", "-test.count=1")
		cmd.Env = append(os.Environ(), "ATELIER_DEVICE_DB="+path, "ATELIER_DEVICE_IDS="+ids, "ATELIER_DEVICE_NAME="+device)
		out := &strings.Builder{}
		cmd.Stdout = out
		mustNoErr(t, cmd.Start())
		children = append(children, cmd)
		outputs = append(outputs, out)
	}
	for i := range 150 {
		a := Attendance{ParticipantID: people[(i+2)%len(people)], SessionID: s.ID, Mark: Marks[(i+1)%len(Marks)]}
		mustNoErr(t, st.SetMark(&a))
		acknowledged[a.Revision] = saved{a.ParticipantID, a.Mark, ""}
	}
	for k, cmd := range children {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("a phone's process failed: %v\n%s", err, lastLines(outputs[k].String()))
		}
		device := []string{"Room B", "Field visit"}[k]
		for line := range strings.SplitSeq(outputs[k].String(), "\n") {
			f := strings.Fields(line)
			if len(f) != 4 || f[0] != "saved" {
				continue
			}
			pid, _ := strconv.ParseInt(f[1], 10, 64)
			rev, _ := strconv.ParseInt(f[3], 10, 64)
			if _, dup := acknowledged[rev]; dup {
				t.Fatalf("revision %d given twice", rev)
			}
			acknowledged[rev] = saved{pid, Mark(f[2]), device}
		}
	}
	checkIntegrity(t, st)
	if len(acknowledged) != 450 {
		t.Fatalf("%d marks acknowledged, want 450", len(acknowledged))
	}
	logged, err := st.MarkLogSince(w.ID, start, 0)
	mustNoErr(t, err)
	if len(logged) != len(acknowledged) {
		t.Fatalf("the log holds %d marks, %d were acknowledged", len(logged), len(acknowledged))
	}
	last := map[int64]MarkLogEntry{}
	for _, e := range logged {
		if a := acknowledged[e.ID]; a.participant != e.ParticipantID || a.mark != e.Mark || a.device != e.Device {
			t.Fatalf("log row %+v, acknowledged %+v", e, a)
		}
		last[e.ParticipantID] = e
	}
	marks, err := st.SessionMarks(s.ID)
	mustNoErr(t, err)
	for pid, e := range last {
		if got := marks[pid]; got.Mark != e.Mark || got.Device != e.Device {
			t.Errorf("participant %d holds %s by %q; the last mark saved was %s by %q", pid, got.Mark, got.Device, e.Mark, e.Device)
		}
	}
}
