package app

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// attendanceView is the Attendance tab: taking attendance session by
// session, the participants × sessions matrix, and the certificate rule
// with each participant's eligibility. The three share one workshop's
// marks, so a mark taken in one shows at once in the others.
//
// Keyboard design of the session list: a letter key marks the highlighted
// participant (P present, L late, E excused, A absent, and the letters of
// the interface language, e.g. R for « en retard »), Delete clears the mark,
// Up/Down or Tab move, Enter opens the note. Names are never typed into
// the list itself, or a name starting with P would mark someone: Ctrl+F
// or "/" moves to the search field, where typing jumps to the first match
// and Enter or Down comes back to the list on that participant.
type attendanceView struct {
	c    *controller
	w    data.Workshop
	item *container.TabItem
	tabs *container.AppTabs

	sessions []data.Session // the sessions marked: the programme but its breaks
	sid      int64          // the session being marked; 0 when the workshop has none
	people   []data.Participant
	folded   []string // each participant's folded name, for the search
	marks    map[int64]data.Attendance
	cur      int

	session   *sessionPicker
	list      *markList
	counts    *widget.Label
	search    *searchEntry
	noteLabel *widget.Label
	note      *noteEntry
	allIn     *widget.Button
	allOut    *widget.Button
	keyIn     *widget.Button
	advance   *widget.Check
	keysHint  *widget.RichText
	empty     *widget.Label
	body      *fyne.Container

	// toolbar holds the actions on the session being marked. Other ways
	// of taking attendance add their button here: v.toolbar.Add(button).
	toolbar *fyne.Container

	matrix *matrixPane
	rule   *rulePane
	order  rowOrder // of the matrix's and the rule pane's rows
}

// advancePreference keeps whether a mark moves on to the next person.
const advancePreference = "attendance.advance"

func newAttendanceView(c *controller) *attendanceView {
	v := &attendanceView{c: c, marks: map[int64]data.Attendance{}}
	v.session = newSessionPicker(c.win, func(int) { v.sessionChosen() })
	v.session.onClosed = v.focusList
	v.search = newSearchEntry(v)
	v.search.SetPlaceHolder(lang.X("attendance.search", "Find a name (Ctrl+F)"))
	v.list = newMarkList(v)
	v.counts = widget.NewLabel("")
	v.counts.TextStyle.Bold = true
	v.counts.Truncation = fyne.TextTruncateEllipsis
	v.keysHint = keysHint()
	v.allIn = widget.NewButtonWithIcon(lang.X("attendance.rest_present", "Mark the rest present…"), theme.ConfirmIcon(),
		func() { v.confirmRest(data.Present) })
	v.allOut = widget.NewButtonWithIcon(lang.X("attendance.rest_absent", "Mark the rest absent…"), theme.CancelIcon(),
		func() { v.confirmRest(data.Absent) })
	v.keyIn = widget.NewButtonWithIcon(lang.X("attendance.key_in", "Key in a sheet…"), theme.DocumentCreateIcon(),
		func() { v.showSheetDialog() })
	v.advance = widget.NewCheck(lang.X("attendance.advance", "Move to the next person after a mark"), nil)
	v.advance.SetChecked(c.app.Preferences().BoolWithFallback(advancePreference, true))
	v.advance.OnChanged = func(on bool) {
		c.app.Preferences().SetBool(advancePreference, on)
		v.focusList()
	}
	v.noteLabel = widget.NewLabel("")
	v.note = newNoteEntry(v)
	v.empty = widget.NewLabel("")
	v.empty.Importance = widget.LowImportance

	v.toolbar = container.NewHBox(v.allIn, v.allOut, v.keyIn)
	search := container.NewGridWrap(fyne.NewSize(200, v.search.MinSize().Height), v.search)
	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel(lang.X("attendance.session", "Session")), search, v.session.button),
		v.toolbar,
		container.NewBorder(nil, nil, nil, v.advance, v.counts),
		newCheckIn(v).content, // checkin.go: scanning badges at the door
	)
	bottom := container.NewVBox(
		container.NewBorder(nil, nil, v.noteLabel, nil, v.note),
		v.keysHint,
	)
	v.body = container.NewBorder(top, bottom, nil, nil, container.NewStack(v.list, container.NewCenter(v.empty)))

	v.matrix = newMatrixPane(v)
	v.rule = newRulePane(v)
	v.tabs = container.NewAppTabs(
		container.NewTabItem(lang.X("attendance.by_session", "By session"), v.body),
		container.NewTabItem(lang.X("attendance.matrix", "Matrix"), v.matrix.content),
		container.NewTabItem(lang.X("attendance.certificate_rule", "Certificate rule"), v.rule.content),
	)
	v.tabs.OnSelected = func(*container.TabItem) { v.paneShown() }
	v.item = container.NewTabItemWithIcon(lang.X("attendance.tab", "Attendance"), theme.ListIcon(), v.tabs)
	return v
}

func (v *attendanceView) tab() *container.TabItem { return v.item }

func (v *attendanceView) shows() change {
	return detailsChanged | verdictInputs
}

func (v *attendanceView) show(w data.Workshop) {
	if w.ID != v.w.ID {
		v.sid = 0
	}
	v.w = w
	if v.tabs.SelectedIndex() != 0 {
		v.reload() // paneShown reloads the front pane, unless it is this one
	}
	v.paneShown()
}

// reload reads the programme and the session's list again, keeping the
// session and the participant the organiser is on: the schedule and the
// participants may have changed in other tabs meanwhile.
func (v *attendanceView) reload() {
	all, err := v.c.st.Sessions(v.w.ID)
	if err != nil {
		v.c.readFailed(err)
		return
	}
	// Nobody is marked for a break.
	v.sessions = slices.DeleteFunc(all, data.Session.IsBreak)
	var keepPerson int64
	if v.cur >= 0 && v.cur < len(v.people) {
		keepPerson = v.people[v.cur].ID
	}
	i := v.sessionIndex(v.sid)
	if i < 0 {
		keepPerson = 0
		i = defaultSession(v.sessions, time.Now())
	}
	v.session.setSessions(v.sessions, i)
	v.sid = 0
	if i >= 0 {
		v.sid = v.sessions[i].ID
	}
	v.loadPeople(keepPerson)
}

func (v *attendanceView) clear() {
	v.w, v.sid, v.sessions, v.people, v.folded = data.Workshop{}, 0, nil, nil, nil
	v.marks = map[int64]data.Attendance{}
	v.session.setSessions(nil, -1)
	v.list.Refresh()
	v.matrix.clear()
	v.rule.clear()
}

// paneShown loads what the pane now in front shows: the matrix and the
// eligibility list read the whole workshop, so only when they are seen.
func (v *attendanceView) paneShown() {
	if v.w.ID == 0 {
		return
	}
	switch v.tabs.SelectedIndex() {
	case 0:
		v.reload()
		v.focusList() // so that the first key pressed marks
	case 1:
		v.c.verdicts.forget() // another window may have changed them
		v.matrix.order.SetSelectedIndex(int(v.order))
		v.matrix.load()
	case 2:
		v.c.verdicts.forget()
		v.rule.order.SetSelectedIndex(int(v.order))
		v.rule.load()
	}
}

func (v *attendanceView) sessionIndex(id int64) int {
	for i, s := range v.sessions {
		if s.ID == id {
			return i
		}
	}
	return -1
}

// sessionLabel names a session on the picker: day, time and title.
func sessionLabel(s data.Session) string {
	return lang.X("attendance.session_label", "{{.Day}} · {{.Start}}–{{.End}} · {{.Title}}", map[string]any{
		"Day": formatDate(s.Day()), "Start": s.Start.Format("15:04"), "End": s.End.Format("15:04"), "Title": s.Title})
}

// defaultSession picks the session running now, else the next one, else
// the last one (the workshop is over); -1 when there is none.
func defaultSession(sessions []data.Session, now time.Time) int {
	return data.CurrentSession(sessions, now)
}

func (v *attendanceView) sessionChosen() {
	i := v.session.chosen
	if i < 0 || i >= len(v.sessions) {
		return
	}
	v.sid = v.sessions[i].ID
	v.loadPeople(0)
	v.focusList()
}

// loadPeople reads the confirmed participants and the session's marks, and
// puts the cursor on the participant keep, or else on the first.
func (v *attendanceView) loadPeople(keep int64) {
	v.people, v.folded, v.marks = nil, nil, map[int64]data.Attendance{}
	if v.w.ID != 0 {
		people, err := v.c.st.Participants(v.w.ID, data.ParticipantFilter{Statuses: []data.Status{data.StatusConfirmed}})
		if err != nil {
			v.c.readFailed(err)
			return
		}
		v.people = people
		for _, p := range people {
			v.folded = append(v.folded, data.Fold(p.FullName()+" "+p.PrintedName))
		}
	}
	if v.sid != 0 {
		marks, err := v.c.st.SessionMarks(v.sid)
		if err != nil {
			v.c.readFailed(err)
			return
		}
		v.marks = marks
	}
	switch {
	case len(v.sessions) == 0:
		v.empty.SetText(lang.X("attendance.no_sessions", "This workshop has no sessions yet. Add them in the schedule."))
	case len(v.people) == 0:
		v.empty.SetText(lang.X("attendance.no_people", "No confirmed participants yet. Attendance is taken for confirmed participants."))
	default:
		v.empty.SetText("")
	}
	v.cur = 0
	v.list.UnselectAll()
	v.list.Refresh()
	row := -1
	for i, p := range v.people {
		if p.ID == keep {
			row = i
		}
	}
	switch {
	case row >= 0:
		v.moveTo(row)
	case len(v.people) > 0:
		v.list.Select(0)
		// Select scrolls by the list's size, which is none while the tab
		// is hidden; the first row belongs at the top.
		v.list.ScrollToTop()
	}
	v.showCounts()
	v.showNote()
}

func (v *attendanceView) showCounts() {
	n := map[data.Mark]int{}
	for _, p := range v.people {
		n[v.marks[p.ID].Mark]++
	}
	parts := []string{
		lang.XN("attendance.count.present", "{{.Count}} present", n[data.Present], map[string]any{"Count": n[data.Present]}),
		lang.XN("attendance.count.late", "{{.Count}} late", n[data.Late], map[string]any{"Count": n[data.Late]}),
		lang.XN("attendance.count.excused", "{{.Count}} excused", n[data.Excused], map[string]any{"Count": n[data.Excused]}),
		lang.XN("attendance.count.absent", "{{.Count}} absent", n[data.Absent], map[string]any{"Count": n[data.Absent]}),
		lang.XN("attendance.count.unmarked", "{{.Count}} not yet marked", n[data.Unmarked], map[string]any{"Count": n[data.Unmarked]}),
	}
	v.counts.SetText(strings.Join(parts, " · "))
	if v.sid == 0 || n[data.Unmarked] == 0 {
		v.allIn.Disable()
		v.allOut.Disable()
	} else {
		v.allIn.Enable()
		v.allOut.Enable()
	}
	if v.sid == 0 || len(v.people) == 0 {
		v.keyIn.Disable()
	} else {
		v.keyIn.Enable()
	}
}

// mark marks the participant on row, then moves on to the next one unless
// the organiser turned that off.
func (v *attendanceView) mark(row int, m data.Mark) {
	v.setMark(row, m)
	if v.advance.Checked && row == v.cur {
		v.moveTo(row + 1)
	}
}

// setMark saves one participant's mark at once (SetMark commits before it
// returns, or after another Atelier's write, see controller.save) and
// shows it everywhere. Unmarked clears the mark.
func (v *attendanceView) setMark(row int, mark data.Mark) {
	if v.sid == 0 || row < 0 || row >= len(v.people) {
		return
	}
	pid, sid := v.people[row].ID, v.sid
	a := data.Attendance{ParticipantID: pid, SessionID: sid, Mark: mark, Note: v.marks[pid].Note}
	v.c.save(func(ctx context.Context) error {
		if mark == data.Unmarked {
			return v.c.st.ClearMarkContext(ctx, pid, sid)
		}
		return v.c.st.SetMarkContext(ctx, &a)
	}, func(err error) {
		if err != nil {
			if !errors.Is(err, data.ErrBusy) { // a wait given up: the note said so
				v.c.saveFailed(err)
			}
			return
		}
		v.showMark(a)
	})
}

// marked is told of a mark changed in the matrix.
func (v *attendanceView) marked(pid, sid int64, mark data.Mark) {
	a := v.marks[pid]
	a.ParticipantID, a.SessionID, a.Mark = pid, sid, mark
	v.showMark(a)
}

// showMark shows a mark saved, Unmarked for one cleared: in the list when
// its session is the one shown (else another is shown by now, with its
// own marks), and in the verdicts.
func (v *attendanceView) showMark(a data.Attendance) {
	if a.SessionID == v.sid {
		if a.Mark == data.Unmarked {
			delete(v.marks, a.ParticipantID)
		} else {
			v.marks[a.ParticipantID] = a
		}
		v.list.Refresh()
		v.showCounts()
		v.showNote()
	}
	v.verdictsMarked(a.ParticipantID, a.SessionID, a.Mark)
}

// verdictsMarked takes one mark saved into the verdicts, shows them again
// in the matrix and the rule pane, and tells the other tabs.
func (v *attendanceView) verdictsMarked(pid, sid int64, mark data.Mark) {
	v.c.verdicts.marked(pid, sid, mark)
	v.showVerdicts()
	v.c.screen.changed(marksChanged, v)
}

// changedVerdicts follows a change that may change many verdicts (marks
// saved at once, the rule, a decision): they are read again, shown, and
// the other tabs told.
func (v *attendanceView) changedVerdicts(what change) {
	v.c.screen.changed(what, v)
	v.c.verdicts.forget()
	v.showVerdicts()
}

// showVerdicts shows the verdicts again in the panes that have shown them.
func (v *attendanceView) showVerdicts() {
	v.matrix.refresh()
	v.rule.refresh()
}

func (v *attendanceView) confirmRest(mark data.Mark) {
	unmarked := 0
	for _, p := range v.people {
		if _, ok := v.marks[p.ID]; !ok {
			unmarked++
		}
	}
	args := map[string]any{"Count": unmarked}
	msg := lang.XN("attendance.confirm_absent", "Mark the {{.Count}} participants not yet marked as absent?", unmarked, args)
	if mark == data.Present {
		msg = lang.XN("attendance.confirm_present", "Mark the {{.Count}} participants not yet marked as present?", unmarked, args)
	}
	v.c.confirm(lang.X("attendance.confirm_title", "Mark the rest"), msg, markName(mark), func() { v.markRest(mark) })
}

func (v *attendanceView) markRest(mark data.Mark) {
	if _, err := v.c.st.MarkEveryone(v.sid, mark); err != nil {
		v.c.saveFailed(err)
		return
	}
	v.loadPeople(v.people[v.cur].ID)
	v.changedVerdicts(marksChanged)
}

func (v *attendanceView) moveTo(row int) {
	if len(v.people) == 0 {
		return
	}
	row = max(0, min(row, len(v.people)-1))
	v.list.Select(row)
}

// find jumps to the first participant whose name has a word starting with
// what was typed, or else contains it, accents and case aside.
func (v *attendanceView) find(text string) bool {
	q := data.Fold(strings.TrimSpace(text))
	if q == "" {
		return false
	}
	for _, wordStart := range []bool{true, false} {
		for i, name := range v.folded {
			if wordStart && (strings.HasPrefix(name, q) || strings.Contains(name, " "+q)) ||
				!wordStart && strings.Contains(name, q) {
				v.moveTo(i)
				return true
			}
		}
	}
	return false
}

// focusList gives the list the keyboard when it is on the screen.
func (v *attendanceView) focusList() {
	if v.c.screen.tabs.Selected() == v.item && v.tabs.SelectedIndex() == 0 {
		v.c.win.Canvas().Focus(v.list)
	}
}

func (v *attendanceView) focusSearch() {
	v.c.win.Canvas().Focus(v.search)
	v.search.TypedShortcut(&fyne.ShortcutSelectAll{})
}

func (v *attendanceView) showNote() {
	if v.cur < 0 || v.cur >= len(v.people) || v.sid == 0 {
		v.noteLabel.SetText(lang.X("attendance.note", "Note"))
		v.note.SetText("")
		v.note.Disable()
		return
	}
	p := v.people[v.cur]
	v.noteLabel.SetText(lang.X("attendance.note_for", "Note for {{.Name}}", map[string]any{"Name": clip(p.FullName(), 40)}))
	a, ok := v.marks[p.ID]
	v.note.SetText(a.Note)
	if ok {
		v.note.Enable()
		v.note.SetPlaceHolder(lang.X("attendance.note_hint", "Why excused, late… saved when you press Enter or leave the field"))
	} else {
		v.note.Disable()
		v.note.SetPlaceHolder(lang.X("attendance.note_needs_mark", "Mark this participant first, then add a note"))
	}
}

// saveNote keeps the mark and changes its note.
func (v *attendanceView) saveNote() {
	if v.cur < 0 || v.cur >= len(v.people) {
		return
	}
	pid := v.people[v.cur].ID
	a, ok := v.marks[pid]
	if !ok || a.Note == strings.TrimSpace(v.note.Text) {
		return
	}
	a.Note = v.note.Text
	a.MarkedAt = time.Time{}
	v.c.save(func(ctx context.Context) error { return v.c.st.SetMarkContext(ctx, &a) }, func(err error) {
		if ve, ok := data.AsValidation(err); ok && len(ve.Fields) > 0 {
			v.noteLabel.SetText(fieldMessage(ve.Fields[0], lang.X("attendance.note", "Note")))
			return
		}
		if err != nil {
			if !errors.Is(err, data.ErrBusy) {
				v.c.saveFailed(err)
			}
			return
		}
		if _, still := v.marks[pid]; still && a.SessionID == v.sid {
			v.marks[pid] = a
			v.list.Refresh()
		}
	})
}
