package app

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// liveForm is what every form that saves as you type shares: the
// workshop's Details, a participant's sheet, a trainer's. Each edit is
// checked at once and what data finds wrong shows beside its field; the
// record is saved after a pause in typing, when the user leaves a field or
// presses Enter, and at once for a choice from a list. A field data
// refuses, or whose text cannot be read at all (a date half typed, a word
// for a number), keeps its last saved value in the file until it is
// corrected, while the other fields are saved. The status line under the
// form says whether all is saved.
//
// A form fills its widgets in load's fill and tells the liveForm of each
// edit (edit, or choose for lists and boxes); what is special to it is in
// its formSpec.
type liveForm[T comparable] struct {
	c    *controller
	spec formSpec[T]

	saved T // as the file holds it
	draft T // as the form shows it, where it can be read

	editing  bool // a record is loaded: edits are saved
	loading  bool // set while fill runs, so that no change handler saves
	dirty    bool
	timer    saveTimer
	unread   map[string]string // fields whose text cannot be read, with why
	revealed map[string]bool   // unread fields the user left or pressed Enter in: only then is the problem shown
	problems map[string]string // what is wrong, by data's field name
	lastSave time.Time

	rows   map[string]*fieldRow
	status *widget.Label
}

// formSpec is what a liveForm needs to know of the record it edits.
type formSpec[T comparable] struct {
	label    func(field string) string       // a field's name as the form shows it
	validate func(T) error                   // data's checks
	keep     func(field string, dst, src *T) // sets one field of dst to its value in src
	save     func(*T) error                  // writes the record, setting what the file sets (times)
	saved    func(before, after T)           // after each save, to show it elsewhere; may be nil
	rowOf    map[string]string               // fields whose problems show in another field's row
}

func newLiveForm[T comparable](c *controller, spec formSpec[T]) *liveForm[T] {
	status := wrapped("", false)
	return &liveForm[T]{c: c, spec: spec, unread: map[string]string{}, revealed: map[string]bool{},
		problems: map[string]string{}, rows: map[string]*fieldRow{}, status: status}
}

// form lays the fields out, each in a row that can say what is wrong.
func (f *liveForm[T]) form(fields ...formField) *widget.Form {
	return fieldForm(f.rows, f.spec.label, fields...)
}

// entry is a one-line entry that edits the draft through set.
func (f *liveForm[T]) entry(field string, set func(*T, string)) *leaveEntry {
	e := newLeaveEntry()
	e.OnChanged = func(v string) { f.edit(func(d *T) { set(d, v) }) }
	e.OnSubmitted = func(string) { f.leave(field) }
	e.onLeave = func() { f.leave(field) }
	return e
}

// load shows t, dropping whatever the form held; fill puts it into the
// widgets, whose change handlers do nothing meanwhile.
func (f *liveForm[T]) load(t T, fill func()) {
	f.timer.stop()
	f.loading = true
	f.saved, f.draft = t, t
	f.editing = true
	f.dirty = false
	f.lastSave = time.Time{}
	clear(f.unread)
	clear(f.revealed)
	fill()
	f.loading = false
	f.check()
}

// clear empties the form: nothing is edited.
func (f *liveForm[T]) clear() {
	var zero T
	f.timer.stop()
	f.saved, f.draft = zero, zero
	f.editing, f.dirty = false, false
}

// pending reports whether the form shows what is not saved: an edit not
// saved yet, or a field refused or unreadable.
func (f *liveForm[T]) pending() bool { return f.dirty || len(f.problems) > 0 || len(f.unread) > 0 }

// ignoring tells change handlers to do nothing: widgets also report
// changes while load fills them and while they are first laid out, with
// nothing in the form yet.
func (f *liveForm[T]) ignoring() bool { return f.loading || !f.editing }

// edit changes the draft as the user did, checks it and saves it after a
// pause.
func (f *liveForm[T]) edit(change func(*T)) {
	if f.ignoring() {
		return
	}
	change(&f.draft)
	f.dirty = true
	f.check()
	f.timer.schedule(f.c.do, f.flush)
}

// choose is edit for a choice from a list or a box: saved at once.
func (f *liveForm[T]) choose(change func(*T)) {
	if f.ignoring() {
		return
	}
	f.edit(change)
	f.flush()
}

// cannotRead notes that a field's text cannot be read, and why; the draft
// keeps the field's last readable value, and saving keeps the saved one.
func (f *liveForm[T]) cannotRead(field, why string) {
	if f.ignoring() {
		return
	}
	f.unread[field] = why
	f.check()
}

// readable forgets that a field's text could not be read.
func (f *liveForm[T]) readable(field string) {
	delete(f.unread, field)
	delete(f.revealed, field)
}

// leave is what pressing Enter in a field or leaving it does: say what
// cannot be read in it (not earlier, as "21/1" is a date being typed), and
// save the rest now.
func (f *liveForm[T]) leave(field string) {
	if f.ignoring() {
		return
	}
	if _, ok := f.unread[field]; ok && !f.revealed[field] {
		f.revealed[field] = true
		f.check()
	}
	f.flush()
}

// check shows under each field what data or the form finds wrong with the
// draft, without saving anything.
func (f *liveForm[T]) check() {
	problems := problemsLabelled(f.spec.validate(f.draft), f.spec.label)
	// What could not be read wins: data only saw the last value that could.
	for field, msg := range f.unread {
		if f.revealed[field] {
			problems[field] = msg
		}
	}
	f.problems = problems
	shown := byRow(problems, f.spec.rowOf)
	for field, row := range f.rows {
		row.setProblem(shown[field])
	}
	f.showStatus()
}

// showStatus says under the form whether all is saved, or what is wrong
// with fields the form has no row for.
func (f *liveForm[T]) showStatus() {
	var elsewhere []string
	for field, msg := range byRow(f.problems, f.spec.rowOf) {
		if _, ok := f.rows[field]; !ok {
			elsewhere = append(elsewhere, msg)
		}
	}
	if len(elsewhere) > 0 {
		slices.Sort(elsewhere)
		f.status.Importance = widget.DangerImportance
		f.status.SetText(strings.Join(elsewhere, "\n"))
		return
	}
	showSaveState(f.status, len(f.problems) > 0, f.lastSave)
}

// flush saves the draft now, except the fields with a problem and those
// that cannot be read, which keep their saved value. It does nothing when
// nothing was edited.
func (f *liveForm[T]) flush() {
	f.timer.stop()
	if !f.dirty || !f.editing {
		return
	}
	f.dirty = false
	next := f.draft
	for field := range f.problems {
		f.spec.keep(field, &next, &f.saved)
	}
	// The draft holds the last value these could be read as, which may be
	// a step of the typing ("2" on the way to "2x"), not what is shown.
	for field := range f.unread {
		f.spec.keep(field, &next, &f.saved)
	}
	if next == f.saved {
		return
	}
	if err := f.spec.save(&next); err != nil {
		if _, ok := data.AsValidation(err); ok {
			// A rule across fields still fails with the refused ones left
			// out (a start moved past the end, an amount with no currency
			// yet): nothing is saved, and check has said why.
			return
		}
		f.dirty = true
		f.status.Importance = widget.DangerImportance
		f.status.SetText(saveProblem(err))
		return
	}
	before := f.saved
	f.saved = next
	// The draft takes what saving set (the times), so that the next
	// comparison sees only the user's edits; the fields left out keep
	// what the user typed.
	draft := next
	for field := range f.problems {
		f.spec.keep(field, &draft, &f.draft)
	}
	for field := range f.unread {
		f.spec.keep(field, &draft, &f.draft)
	}
	f.draft = draft
	f.lastSave = time.Now()
	f.showStatus()
	if f.spec.saved != nil {
		f.spec.saved(before, next)
	}
}

// byRow gathers the problems by the row that shows them: a field of rowOf
// shows in another's row, and several problems in one row go together.
func byRow(problems map[string]string, rowOf map[string]string) map[string]string {
	out := map[string]string{}
	for field, msg := range problems {
		if row, ok := rowOf[field]; ok {
			field = row
		}
		if prev, ok := out[field]; ok {
			msg = prev + "\n" + msg
		}
		out[field] = msg
	}
	return out
}

// saveDelay is how long typing must pause before a form writes to the
// database: long enough not to commit every keystroke (each commit waits
// for the disk), short enough that a crash loses at most a word.
const saveDelay = 500 * time.Millisecond

// saveTimer runs a save after a pause in typing. The timer fires on its own
// goroutine, so the save is handed to the UI goroutine, where one that a
// later keystroke or an earlier flush has made stale is dropped.
type saveTimer struct {
	timer *time.Timer
	gen   int
}

func (t *saveTimer) schedule(do func(func()), save func()) { t.after(saveDelay, do, save) }

// after runs fn on the UI goroutine once delay has passed, unless stop or
// another call comes first.
func (t *saveTimer) after(delay time.Duration, do func(func()), fn func()) {
	t.stop()
	gen := t.gen
	t.timer = time.AfterFunc(delay, func() {
		do(func() {
			if t.gen == gen {
				fn()
			}
		})
	})
}

// stop cancels the pending save, also one already handed to the UI
// goroutine.
func (t *saveTimer) stop() {
	if t.timer != nil {
		t.timer.Stop()
		t.timer = nil
	}
	t.gen++
}

// showSaveState says under a form that saves as you type whether all is
// saved: fields in red wait for a correction; otherwise, when it last saved.
func showSaveState(l *widget.Label, problems bool, lastSave time.Time) {
	switch {
	case problems:
		l.Importance = widget.WarningImportance
		l.SetText(lang.X("status.problems", "Fields marked in red are not saved until they are corrected."))
	case !lastSave.IsZero():
		l.Importance = widget.MediumImportance
		l.SetText(lang.X("status.saved", "All changes saved at {{.Time}}.",
			map[string]any{"Time": lastSave.Format("15:04")}))
	default:
		l.Importance = widget.MediumImportance
		l.SetText(lang.X("status.autosave", "Changes are saved as you type."))
	}
}
