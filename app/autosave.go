package app

import "time"

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

func (t *saveTimer) schedule(do func(func()), save func()) {
	t.stop()
	gen := t.gen
	t.timer = time.AfterFunc(saveDelay, func() {
		do(func() {
			if t.gen == gen {
				save()
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
