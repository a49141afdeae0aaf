package app

import (
	"errors"
	"path/filepath"
	"sync/atomic"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/mail"
	"github.com/atelier-workshops/atelier/reports"
	"github.com/atelier-workshops/atelier/say"
)

// Letters from the window: File › Letters… writes a kind of letter to
// everyone it is for, and the participant sheet one participant's. Both
// enter the letters in the register and print them together
// (reports.IssueAndPrintLetters), off the UI goroutine, with progress and
// Cancel, which leaves the register and the file as they were.

// letterKindName names a kind of letter in the interface language.
func letterKindName(k data.LetterKind) string { return named("letters.kind.", k, "") }

// letterSkipText words why a participant gets no letter.
func letterSkipText(s data.LetterSkip) string { return words(say.LetterSkip(s)) }

// lettersDialog is File › Letters…: which kind, then where.
type lettersDialog struct {
	c    *controller
	w    data.Workshop
	d    *modal
	kind *widget.RadioGroup
}

func (c *controller) askLetters() {
	w, ok := c.selectedWorkshop()
	if !ok {
		return
	}
	ld := &lettersDialog{c: c, w: w}
	names := make([]string, len(data.LetterKinds))
	for i, k := range data.LetterKinds {
		names[i] = letterKindName(k)
	}
	ld.kind = requiredChoice(names...)
	intro := wrapped(lang.X("letters.intro", "Each participant the letter is for gets one, in their language, with a serial number and a verification code. Printing again keeps both unless what a letter says has changed."), false)
	wording := widget.NewButtonWithIcon(lang.X("letters.wording_button", "Wording and letterhead…"), theme.DocumentCreateIcon(),
		func() { c.showLetterWording(w, ld.chosen()) })
	// Send… mails each participant the letter chosen, issued as printing
	// issues it, through the outbox.
	send := widget.NewButtonWithIcon(lang.X("send.button", "Send…"), theme.MailSendIcon(), func() {
		ld.d.Hide()
		c.showSend(mail.Request{Kind: data.MessageKind(ld.chosen()), WorkshopID: w.ID})
	})
	ld.d = c.newModal(lang.X("letters.title", "Letters"), container.NewVBox(intro, ld.kind, atRight(container.NewHBox(wording, send))),
		cancelButton(func() { ld.d.Hide() }), mainButton(lang.X("letters.print", "Issue and print…"), ld.next))
	fitDialog(ld.d, 560)
	ld.d.Show()
	c.opened(ld)
}

func (ld *lettersDialog) chosen() data.LetterKind {
	for i, k := range data.LetterKinds {
		if letterKindName(k) == ld.kind.Selected {
			return data.LetterKinds[i]
		}
	}
	return data.LetterVisa
}

func (ld *lettersDialog) next() {
	kind := ld.chosen()
	ld.d.Hide()
	name := reports.FileName(reports.LettersDocument(kind), ld.w)
	ld.c.askPDFPath(name, func(path string) {
		ld.c.issueLetters(ld.w.ID, data.LetterOptions{Kind: kind}, path, nil)
	})
}

// lettersIssued is what the window tells its test when a run of letters
// ends.
type lettersIssued struct {
	run data.LetterRun
	err error
}

// issueLetters enters the letters opts asks for and prints them into
// path off the UI goroutine, with a progress bar and Cancel, then says
// what was done: how many letters, who was left out and why, which
// passports expire too soon. done, when given, runs afterwards on the UI
// goroutine.
func (c *controller) issueLetters(workshopID int64, opts data.LetterOptions, path string, done func()) {
	title := letterKindName(opts.Kind)
	bar := widget.NewProgressBar()
	var cancelled atomic.Bool
	ctx, stop := c.waiting()
	cancel := cancelButton(func() {
		cancelled.Store(true)
		stop()
	})
	notice := c.newModal(title, container.NewVBox(widget.NewLabel(lang.X("exports.writing", "Writing {{.File}}…",
		map[string]any{"File": filepath.Base(path)})), bar, container.NewCenter(cancel)))
	fitDialog(notice, 460)
	notice.Show()
	end := c.startWork(title)
	st := c.st
	go func() {
		defer stop()
		run, err := reports.IssueAndPrintLetters(ctx, st, workshopID, opts, path, func(n, total int) bool {
			c.do(func() { bar.SetValue(float64(n) / float64(total)) })
			return !cancelled.Load()
		})
		c.do(func() {
			notice.Hide()
			end(err)
			c.lettersDone(title, path, run, err)
			c.opened(lettersIssued{run, err})
			if done != nil {
				done()
			}
		})
	}()
}

// lettersDone says what a run of letters did.
func (c *controller) lettersDone(title, path string, run data.LetterRun, err error) {
	var notes []string
	for _, s := range run.LeftOut {
		notes = append(notes, letterSkipText(s))
	}
	for _, w := range run.Warnings {
		notes = append(notes, w.Name+": "+passportWarningText(w.Warning))
	}
	var published *data.PublishError
	switch {
	case err != nil && (errors.Is(err, reports.ErrCancelled) || errors.Is(err, data.ErrBusy)):
		c.showMessage(title, []string{lang.X("letters.cancelled", "Printing was cancelled: no file was written, and nothing was entered in the register.")})
	case errors.Is(err, reports.ErrNoLetters):
		c.showMessage(title, append([]string{lang.X("letters.nobody", "Nobody gets this letter yet.")}, notes...))
	case errors.As(err, &published):
		c.showFailure(title, lang.X("letters.publish_failed", "The letters are in the register, but their file could not be put in place. Print them again: their serial numbers and codes stay."),
			published.Err, say.Writing, path)
	case err != nil:
		if _, ok := say.Cause(err, say.Writing); ok {
			c.showFailure(title, lang.X("letters.not_written", "No letter was written, and nothing was entered in the register."), err, say.Writing, path)
			return
		}
		c.showWriteFailure(title, path, err)
	default:
		c.openFile(path)
		c.showMessage(title, append([]string{lang.XN("letters.done", "{{.Count}} letters saved in “{{.File}}”.", len(run.Letters),
			map[string]any{"Count": len(run.Letters), "File": filepath.Base(path)})}, notes...), path)
	}
}
