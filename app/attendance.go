package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
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

	sessions []data.Session
	sid      int64 // the session being marked; 0 when the workshop has none
	quiet    bool  // set while reload fills the session chooser
	people   []data.Participant
	folded   []string // each participant's folded name, for the search
	marks    map[int64]data.Attendance
	cur      int

	session   *widget.Select
	list      *markList
	counts    *widget.Label
	search    *searchEntry
	noteLabel *widget.Label
	note      *noteEntry
	allIn     *widget.Button
	allOut    *widget.Button
	keyIn     *widget.Button
	keysHint  *widget.Label
	empty     *widget.Label
	body      *fyne.Container

	matrix *matrixPane
	rule   *rulePane

	lastSheet *sheetDialog // for tests
}

func newAttendanceView(c *controller) *attendanceView {
	v := &attendanceView{c: c, marks: map[int64]data.Attendance{}}
	v.session = widget.NewSelect(nil, func(string) { v.sessionChosen() })
	v.session.PlaceHolder = lang.X("attendance.choose_session", "Choose a session")
	v.search = newSearchEntry(v)
	v.search.SetPlaceHolder(lang.X("attendance.search", "Find a name (Ctrl+F)"))
	v.list = newMarkList(v)
	v.counts = widget.NewLabel("")
	v.counts.TextStyle.Bold = true
	v.counts.Truncation = fyne.TextTruncateEllipsis
	v.keysHint = widget.NewLabel(lang.X("attendance.keys",
		"Keys: P present · L late · E excused · A absent · Delete clears · ↑ ↓ move · Enter note · Ctrl+F find"))
	v.keysHint.SizeName = theme.SizeNameCaptionText
	v.keysHint.Importance = widget.LowImportance
	v.keysHint.Truncation = fyne.TextTruncateEllipsis
	v.allIn = widget.NewButtonWithIcon(lang.X("attendance.rest_present", "Mark the rest present…"), theme.ConfirmIcon(),
		func() { v.confirmRest(data.Present) })
	v.allOut = widget.NewButtonWithIcon(lang.X("attendance.rest_absent", "Mark the rest absent…"), theme.CancelIcon(),
		func() { v.confirmRest(data.Absent) })
	v.keyIn = widget.NewButtonWithIcon(lang.X("attendance.key_in", "Key in a sheet…"), theme.DocumentCreateIcon(),
		func() { v.showSheetDialog() })
	v.noteLabel = widget.NewLabel("")
	v.note = newNoteEntry(v)
	v.empty = widget.NewLabel("")
	v.empty.Importance = widget.LowImportance

	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel(lang.X("attendance.session", "Session")), nil, v.session),
		container.NewBorder(nil, nil, nil, container.NewHBox(v.allIn, v.allOut, v.keyIn), v.search),
		v.counts,
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
	sessions, err := v.c.st.Sessions(v.w.ID)
	if err != nil {
		v.c.showError(err)
		return
	}
	v.sessions = sessions
	labels := make([]string, len(sessions))
	for i, s := range sessions {
		labels[i] = sessionLabel(s)
	}
	var keepPerson int64
	if v.cur >= 0 && v.cur < len(v.people) {
		keepPerson = v.people[v.cur].ID
	}
	i := v.sessionIndex(v.sid)
	if i < 0 {
		keepPerson = 0
		i = defaultSession(sessions, time.Now())
	}
	v.quiet = true
	v.session.SetOptions(labels)
	if i >= 0 {
		v.session.SetSelectedIndex(i)
		v.sid = sessions[i].ID
	} else {
		v.session.ClearSelected()
		v.sid = 0
	}
	v.quiet = false
	v.loadPeople(keepPerson)
}

func (v *attendanceView) clear() {
	v.w, v.sid, v.sessions, v.people, v.folded = data.Workshop{}, 0, nil, nil, nil
	v.marks = map[int64]data.Attendance{}
	v.session.SetOptions(nil)
	v.session.ClearSelected()
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
	case 1:
		v.matrix.load()
	case 2:
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

// sessionLabel names a session in the chooser: day, time and title.
func sessionLabel(s data.Session) string {
	return lang.X("attendance.session_label", "{{.Day}} · {{.Start}}–{{.End}} · {{.Title}}", map[string]any{
		"Day": formatDate(s.Day()), "Start": s.Start.Format("15:04"), "End": s.End.Format("15:04"), "Title": s.Title})
}

// defaultSession picks the session running now, else the next one, else
// the last one (the workshop is over); -1 when there is none. Sessions are
// in venue wall-clock time carried as UTC, and so is now once its wall
// clock is read in local time: the laptop is at the venue.
func defaultSession(sessions []data.Session, now time.Time) int {
	if len(sessions) == 0 {
		return -1
	}
	wall := time.Date(now.Year(), now.Month(), now.Day(), now.Hour(), now.Minute(), now.Second(), 0, time.UTC)
	for i, s := range sessions {
		if !wall.Before(s.Start) && wall.Before(s.End) {
			return i
		}
	}
	for i, s := range sessions {
		if s.Start.After(wall) {
			return i
		}
	}
	return len(sessions) - 1
}

func (v *attendanceView) sessionChosen() {
	i := v.session.SelectedIndex()
	if v.quiet || i < 0 || i >= len(v.sessions) {
		return
	}
	v.sid = v.sessions[i].ID
	v.loadPeople(0)
}

// loadPeople reads the confirmed participants and the session's marks, and
// puts the cursor on the participant keep, or else on the first.
func (v *attendanceView) loadPeople(keep int64) {
	v.people, v.folded, v.marks = nil, nil, map[int64]data.Attendance{}
	if v.w.ID != 0 {
		people, err := v.c.st.Participants(v.w.ID, data.ParticipantFilter{Statuses: []data.Status{data.StatusConfirmed}})
		if err != nil {
			v.c.showError(err)
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
			v.c.showError(err)
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
				v.c.showError(err)
			}
			return
		}
		v.matrix.marked(pid, sid, mark)
		if sid != v.sid {
			return // another session is shown by now, with its own marks
		}
		if mark == data.Unmarked {
			delete(v.marks, pid)
		} else {
			v.marks[pid] = a
		}
		v.list.Refresh()
		v.showCounts()
		v.showNote()
	})
}

// marked is told of a mark changed in the matrix.
func (v *attendanceView) marked(pid, sid int64, mark data.Mark) {
	if sid != v.sid {
		return
	}
	if mark == data.Unmarked {
		delete(v.marks, pid)
	} else {
		a := v.marks[pid]
		a.ParticipantID, a.SessionID, a.Mark = pid, sid, mark
		v.marks[pid] = a
	}
	v.list.Refresh()
	v.showCounts()
	v.showNote()
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
	d := dialog.NewConfirm(lang.X("attendance.confirm_title", "Mark the rest"), msg, func(ok bool) {
		if ok {
			v.markRest(mark)
		}
	}, v.c.win)
	d.SetConfirmText(markName(mark))
	d.SetDismissText(lang.X("dialog.cancel", "Cancel"))
	d.Show()
}

func (v *attendanceView) markRest(mark data.Mark) {
	if _, err := v.c.st.MarkEveryone(v.sid, mark); err != nil {
		v.c.showError(err)
		return
	}
	v.loadPeople(v.people[v.cur].ID)
	v.matrix.reload()
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

func (v *attendanceView) focusList() { v.c.win.Canvas().Focus(v.list) }

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
				v.c.showError(err)
			}
			return
		}
		if _, still := v.marks[pid]; still && a.SessionID == v.sid {
			v.marks[pid] = a
			v.list.Refresh()
		}
	})
}

// markName is a mark's word in the interface language.
func markName(m data.Mark) string {
	switch m {
	case data.Present:
		return lang.X("attendance.mark.present", "Present")
	case data.Late:
		return lang.X("attendance.mark.late", "Late")
	case data.Excused:
		return lang.X("attendance.mark.excused", "Excused")
	case data.Absent:
		return lang.X("attendance.mark.absent", "Absent")
	}
	return lang.X("attendance.mark.unmarked", "Not yet marked")
}

// markLetter is the one-letter form of a mark used on buttons, in the
// matrix and as its key.
func markLetter(m data.Mark) string {
	switch m {
	case data.Present:
		return lang.X("attendance.mark.letter.present", "P")
	case data.Late:
		return lang.X("attendance.mark.letter.late", "L")
	case data.Excused:
		return lang.X("attendance.mark.letter.excused", "E")
	case data.Absent:
		return lang.X("attendance.mark.letter.absent", "A")
	}
	return ""
}

// markForKey reads a typed letter as a mark: the interface language's
// letter or the English one, which stays valid for hands used to it. The
// languages' letters never give one key two meanings.
func markForKey(r rune) (data.Mark, bool) {
	s := strings.ToUpper(string(r))
	for _, m := range data.Marks {
		if s == strings.ToUpper(markLetter(m)) {
			return m, true
		}
	}
	for _, m := range data.Marks {
		if s == strings.ToUpper(string(m[0])) {
			return m, true
		}
	}
	return data.Unmarked, false
}

// markImportance colours a mark the same way everywhere.
func markImportance(m data.Mark) widget.Importance {
	switch m {
	case data.Present:
		return widget.SuccessImportance
	case data.Late:
		return widget.WarningImportance
	case data.Excused:
		return widget.HighImportance
	case data.Absent:
		return widget.DangerImportance
	}
	return widget.LowImportance
}

// markList is the session's participants, one row each, marked from the
// keyboard. The selected row is the one keys act on; the list's own focus
// ring is not drawn, as it would be a second, different cursor.
type markList struct {
	widget.List
	v       *attendanceView
	focused bool
}

func newMarkList(v *attendanceView) *markList {
	l := &markList{v: v}
	l.Length = func() int { return len(v.people) }
	l.CreateItem = l.createRow
	l.UpdateItem = l.updateRow
	l.OnSelected = func(id widget.ListItemID) {
		v.cur = id
		v.showNote()
	}
	l.ExtendBaseWidget(l)
	return l
}

// markRow is one participant's row: name, what is known of them, the mark
// in words and a button per mark.
type markRow struct {
	widget.BaseWidget
	v       *attendanceView
	id      widget.ListItemID
	name    *widget.Label
	detail  *widget.Label
	status  *widget.Label
	buttons [4]*widget.Button
	box     *fyne.Container
}

func (l *markList) createRow() fyne.CanvasObject {
	r := &markRow{v: l.v, name: widget.NewLabel(""), detail: widget.NewLabel(""), status: widget.NewLabel("")}
	r.name.TextStyle.Bold = true
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.detail.SizeName = theme.SizeNameCaptionText
	r.detail.Truncation = fyne.TextTruncateEllipsis
	r.status.Alignment = fyne.TextAlignTrailing
	r.status.TextStyle.Bold = true
	// Square buttons, centred in the row's height, are easy to hit and
	// read as a set of four.
	buttons := container.NewHBox()
	for k, m := range data.Marks {
		r.buttons[k] = widget.NewButton(markLetter(m), nil)
		buttons.Add(container.NewGridWrap(fyne.NewSquareSize(38), r.buttons[k]))
	}
	right := container.NewHBox(container.NewCenter(r.status), container.NewCenter(buttons))
	names := container.New(layout.NewCustomPaddedVBoxLayout(-theme.Padding()*2), r.name, r.detail)
	r.box = container.NewBorder(nil, nil, nil, right, names)
	r.ExtendBaseWidget(r)
	return r
}

func (r *markRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

// Tapped selects the row and gives the list the keyboard. The List's own
// tap handling cannot: it looks for its canvas through the embedded List,
// which is not in the canvas tree, only the markList around it is.
// The focus moves first, so that a note being typed is saved to the row it
// was typed for.
func (r *markRow) Tapped(*fyne.PointEvent) {
	r.v.focusList()
	r.v.moveTo(r.id)
}

func (l *markList) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*markRow)
	v := l.v
	if id < 0 || id >= len(v.people) {
		return
	}
	r.id = id
	p := v.people[id]
	a := v.marks[p.ID]
	r.name.SetText(p.FullName())
	var detail []string
	for _, s := range []string{p.Institution, countryName(p.Country)} {
		if s != "" {
			detail = append(detail, s)
		}
	}
	if a.Note != "" {
		detail = append(detail, "“"+a.Note+"”")
	}
	r.detail.SetText(strings.Join(detail, " · "))
	r.status.SetText(markName(a.Mark))
	r.status.Importance = markImportance(a.Mark)
	// "Not yet marked" in italics rather than faint: it must stay
	// readable on the highlighted row.
	r.status.TextStyle.Italic = a.Mark == data.Unmarked
	if a.Mark == data.Unmarked {
		r.status.Importance = widget.MediumImportance
	}
	r.status.Refresh()
	for k, m := range data.Marks {
		b := r.buttons[k]
		b.OnTapped = func() {
			v.focusList()
			v.moveTo(id)
			v.setMark(id, m)
		}
		want := widget.MediumImportance
		if a.Mark == m {
			want = markImportance(m)
		}
		if b.Importance != want {
			b.Importance = want
			b.Refresh()
		}
	}
}

// FocusGained keeps the List's own focus ring off (see markList) and says
// in the hint line that keys now mark.
func (l *markList) FocusGained() {
	l.focused = true
	l.v.keysHint.Importance = widget.MediumImportance
	l.v.keysHint.Refresh()
}

func (l *markList) FocusLost() {
	l.focused = false
	l.v.keysHint.Importance = widget.LowImportance
	l.v.keysHint.Refresh()
}

// AcceptsTab makes Tab move to the next participant, and leave the list
// from the last one as it leaves any other field.
func (l *markList) AcceptsTab() bool { return l.v.cur < len(l.v.people)-1 }

func (l *markList) TypedKey(e *fyne.KeyEvent) {
	v := l.v
	switch e.Name {
	case fyne.KeyDown, fyne.KeyTab:
		v.moveTo(v.cur + 1)
	case fyne.KeyUp:
		v.moveTo(v.cur - 1)
	case fyne.KeyPageDown:
		v.moveTo(v.cur + 10)
	case fyne.KeyPageUp:
		v.moveTo(v.cur - 10)
	case fyne.KeyHome:
		v.moveTo(0)
	case fyne.KeyEnd:
		v.moveTo(len(v.people) - 1)
	case fyne.KeyDelete, fyne.KeyBackspace:
		v.setMark(v.cur, data.Unmarked)
	case fyne.KeyReturn, fyne.KeyEnter:
		if !v.note.Disabled() {
			v.c.win.Canvas().Focus(v.note)
		}
	}
}

func (l *markList) TypedRune(r rune) {
	if r == '/' {
		l.v.focusSearch()
		return
	}
	if m, ok := markForKey(r); ok {
		l.v.setMark(l.v.cur, m)
	}
}

// TypedShortcut takes Ctrl+F (Cmd+F) to the search field.
func (l *markList) TypedShortcut(s fyne.Shortcut) {
	if isFind(s) {
		l.v.focusSearch()
	}
}

func isFind(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	return ok && cs.KeyName == fyne.KeyF && cs.Modifier == fyne.KeyModifierShortcutDefault
}

// searchEntry jumps through the list as a name is typed; Enter, Down or
// Escape go back to the list.
type searchEntry struct {
	widget.Entry
	v *attendanceView
}

func newSearchEntry(v *attendanceView) *searchEntry {
	e := &searchEntry{v: v}
	e.ExtendBaseWidget(e)
	e.OnChanged = func(s string) { v.find(s) }
	e.OnSubmitted = func(string) { v.focusList() }
	return e
}

func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown, fyne.KeyEscape:
		e.v.focusList()
		return
	}
	e.Entry.TypedKey(k)
}

// noteEntry saves the note of the current mark on Enter and when left.
type noteEntry struct {
	widget.Entry
	v *attendanceView
}

func newNoteEntry(v *attendanceView) *noteEntry {
	e := &noteEntry{v: v}
	e.ExtendBaseWidget(e)
	e.OnSubmitted = func(string) {
		v.saveNote()
		v.focusList()
	}
	return e
}

func (e *noteEntry) FocusLost() {
	e.Entry.FocusLost()
	e.v.saveNote()
}

func (e *noteEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		e.v.showNote() // back to the saved note
		e.v.focusList()
		return
	}
	e.Entry.TypedKey(k)
}
