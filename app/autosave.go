package app

import (
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

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
