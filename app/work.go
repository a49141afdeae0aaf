package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// Work on the open file runs off the UI goroutine (exports, an import,
// issuing certificates, a copy, the demo) with the store it started on.
// Opening another file, creating one or restoring a backup closes that
// store, so they wait for the work to end: a notice says what they wait
// for, and can call them off. The store is never closed under the work.

// backgroundWork is what runs on the open store now, and what waits for
// it to end.
type backgroundWork struct {
	running  []string // the titles of the work running, in the order it began
	waiting  func()   // what runs once nothing does; nil when nothing waits
	quitting bool     // what waits is closing Atelier
	notice   *modal
	text     *widget.Label
}

// workEnded is what the window tells its test when background work ends.
type workEnded struct{ err error }

// asked is what the window tells its test a question said.
type asked string

// startWork notes that work called title begins on the open store. The
// work calls the returned end on the UI goroutine once it no longer uses
// the store, with its outcome, before it shows that outcome: what waited
// for the work may run then.
func (c *controller) startWork(title string) (end func(err error)) {
	w := &c.work
	w.running = append(w.running, title)
	ended := false
	return func(err error) {
		if ended {
			return
		}
		ended = true
		for i, t := range w.running {
			if t == title {
				w.running = append(w.running[:i], w.running[i+1:]...)
				break
			}
		}
		c.opened(workEnded{err})
		if len(w.running) > 0 {
			if w.waiting != nil {
				// Hiding the work's own notice took every dialog shown
				// after it, this one too: it goes back on top.
				w.text.SetText(c.waitingText())
				w.notice.Hide()
				w.notice.Show()
			}
			return
		}
		if then := w.waiting; then != nil {
			w.waiting, w.quitting = nil, false
			w.notice.Hide()
			then()
		}
	}
}

// workNotice shows a notice that work called title runs on the open file,
// with text and bar (nil for a bar that only shows activity), and starts
// the work (startWork); its end hides the notice too.
func (c *controller) workNotice(title, text string, bar *widget.ProgressBar) (end func(err error)) {
	var shown fyne.CanvasObject = widget.NewProgressBarInfinite()
	if bar != nil {
		shown = bar
	}
	notice := c.newModal(title, container.NewVBox(widget.NewLabel(text), shown))
	notice.Show()
	ended := c.startWork(title)
	return func(err error) {
		notice.Hide() // first: hiding a dialog hides those shown after it
		ended(err)
	}
}

// afterWork runs then at once when no work runs on the open store, and
// otherwise once it has all ended, with a notice meanwhile that says what
// it waits for and can call then off. It reports whether then ran at once.
// Only one thing waits: asking again replaces it.
func (c *controller) afterWork(then func()) bool { return c.waitForWork(then, false) }

// quitAfterWork closes Atelier once the work running has ended, so that
// Quit never cuts short the certificates being printed or a workbook
// being written; the notice can call the quitting off.
func (c *controller) quitAfterWork() {
	c.waitForWork(func() {
		c.shutdown()
		c.app.Quit()
	}, true)
}

func (c *controller) waitForWork(then func(), quitting bool) bool {
	w := &c.work
	if len(w.running) == 0 {
		then()
		return true
	}
	w.waiting, w.quitting = then, quitting
	if w.notice == nil {
		w.text = widget.NewLabel("")
		w.text.Wrapping = fyne.TextWrapWord
		cancel := cancelButton(func() {
			w.waiting, w.quitting = nil, false
			w.notice.Hide()
		})
		w.notice = c.newModal(lang.X("work.title", "Still at work on this file"),
			container.NewVBox(w.text, widget.NewProgressBarInfinite()), cancel)
	}
	w.text.SetText(c.waitingText())
	fitDialog(w.notice, 520)
	w.notice.Show()
	c.opened(w.notice)
	return false
}

func (c *controller) waitingText() string {
	if c.work.quitting {
		return lang.XN("work.waiting_quit", "“{{.Work}}” is not finished yet. Atelier closes as soon as it is.",
			len(c.work.running), map[string]any{"Work": strings.Join(c.work.running, ", ")})
	}
	return lang.XN("work.waiting", "“{{.Work}}” is not finished yet. Atelier goes on as soon as it is; until then this file stays open.",
		len(c.work.running), map[string]any{"Work": strings.Join(c.work.running, ", ")})
}
