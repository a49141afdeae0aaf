package app

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// Another Atelier (a second laptop, the command line) may be writing to
// the file, an import of thousands of rows for seconds. A save then waits
// for it, off the UI goroutine, under a note that says so and can cancel
// the wait; nothing is lost and the window stays alive meanwhile.

// uiPatience is how long a save made on the UI goroutine may wait there
// for another process (one attempt at the lock) before it is moved off it.
const uiPatience = 50 * time.Millisecond

// waiting returns a context whose writes wait for another process as long
// as it writes, with the waiting note after a second (data.NoteAfter);
// the note's Cancel, or cancel, gives the wait up (data.ErrBusy).
func (c *controller) waiting() (ctx context.Context, cancel context.CancelFunc) {
	ctx, cancel = context.WithCancel(context.Background())
	return data.WithWaiting(ctx, data.Waiting{Note: func() func() { return c.showWaitNote(cancel) }}), cancel
}

// showWaitNote shows the waiting note from the goroutine that waits, and
// returns what hides it. The note has a button of its own rather than a
// dialog's dismiss button, whose callback would also run when the note is
// hidden after the wait, and cancel a write already under way.
func (c *controller) showWaitNote(cancel func()) (hide func()) {
	var note dialog.Dialog // touched on the UI goroutine only
	c.do(func() {
		text := widget.NewLabel(lang.X("wait.note", "Another Atelier is writing to this file; waiting…"))
		stop := cancelButton(func() {
			cancel()
			note.Hide()
		})
		note = dialog.NewCustomWithoutButtons(lang.X("wait.title", "Waiting for the file"),
			container.NewVBox(text, widget.NewProgressBarInfinite(), container.NewCenter(stop)), c.win)
		note.Show()
		c.opened(waitNote{note})
	})
	return func() {
		c.do(func() {
			if note != nil {
				note.Hide()
			}
		})
	}
}

// saveQueue runs the saves made on the UI goroutine (a mark, a note) in
// the order they were made. When the file is free, which is nearly
// always, a save runs at once where it was made, as any other; when
// another process is writing, it and every save after it (so that a later
// mark never lands before an earlier one) wait in turn on another
// goroutine, and each one's then runs on the UI goroutine once it is done.
type saveQueue struct {
	waiting []queuedSave // UI goroutine only
}

type queuedSave struct {
	save func(ctx context.Context) error
	then func(error)
}

// save runs save now or after the saves waiting before it; then gets its
// error on the UI goroutine. A save whose wait was cancelled gets one
// that matches data.ErrBusy, and so do the saves queued after it: nothing
// of them was saved.
func (c *controller) save(save func(ctx context.Context) error, then func(error)) {
	q := &c.saves
	if len(q.waiting) == 0 {
		err := save(data.WithWaiting(context.Background(), data.Waiting{Patience: uiPatience}))
		if !errors.Is(err, data.ErrBusy) {
			then(err)
			return
		}
	}
	q.waiting = append(q.waiting, queuedSave{save, then})
	if len(q.waiting) == 1 {
		c.runQueuedSave()
	}
}

func (c *controller) runQueuedSave() {
	next := c.saves.waiting[0]
	ctx, cancel := c.waiting()
	go func() {
		err := next.save(ctx)
		cancel()
		c.do(func() {
			q := &c.saves
			q.waiting = q.waiting[1:]
			next.then(err)
			if errors.Is(err, data.ErrBusy) {
				dropped := q.waiting
				q.waiting = nil
				for _, s := range dropped {
					s.then(err)
				}
				return
			}
			if len(q.waiting) > 0 {
				c.runQueuedSave()
			}
		})
	}()
}

// waitNote is the waiting note, as tests are told of it.
type waitNote struct{ dialog.Dialog }
