package app

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/say"
)

// openOptions are how every file is opened: with a backup first, when the
// app's data folder is known.
func (c *controller) openOptions(path string) []data.Option {
	if c.dataDir == "" {
		return nil
	}
	return []data.Option{data.WithBackups(c.backupFolder(path))}
}

func (c *controller) backupFolder(path string) string { return data.BackupFolder(c.dataDir, path) }

// sayFileState tells the organiser, once, what they need to know about the
// file just opened: that it is read-only, or that no backup could be taken.
// The backup is taken while the window draws (see data.Store.Backup), so
// its failure is said when it is known, if the file is still the one open.
func (c *controller) sayFileState() {
	st := c.st
	file := map[string]any{"File": filepath.Base(st.Path())}
	if st.ReadOnly() {
		c.showMessage(lang.X("backup.readonly.title", "Read-only"), []string{
			lang.X("backup.readonly", "“{{.File}}” is open read-only: the file or its folder cannot be written to. You can look at everything; changes will not be saved. To work on it, save a copy (File › Save a copy…) and open that.", file)},
			st.Path())
		return
	}
	go func() {
		if _, problem := st.Backup(); problem != nil {
			c.do(func() {
				if c.st == st {
					c.showFailure(lang.X("backup.failed.title", "No backup"),
						lang.X("backup.failed", "Atelier could not back up “{{.File}}” before opening it. Your work is saved as usual, but there is no backup of today’s starting point. Check the free space on the disk.", file),
						problem, say.Writing, "")
				}
			})
		}
	}()
}

// showSaveCopy asks where to put a copy of the open file and writes it off
// the UI goroutine.
func (c *controller) showSaveCopy() *newDatabaseDialog {
	base := strings.TrimSuffix(filepath.Base(c.st.Path()), filepath.Ext(c.st.Path()))
	name := fmt.Sprintf("%s-%s.db", base, time.Now().Format("2006-01-02"))
	n := c.showFileNameDialog(lang.X("copy.title", "Save a copy"),
		lang.X("copy.intro", "Writes a copy of everything in this file, as it is now, to a new file. Atelier goes on working on the file open now."),
		lang.X("copy.save", "Save copy"), name, newDatabaseFile, c.saveCopy)
	return n
}

func (c *controller) saveCopy(path string) {
	c.screen.form.flush()
	st := c.st
	end := c.startWork(lang.X("copy.title", "Save a copy"))
	go func() {
		err := st.SaveCopy(path)
		c.do(func() {
			end(err)
			if err != nil {
				c.showFailure(lang.X("copy.title", "Save a copy"),
					lang.X("copy.failed", "The copy could not be written; nothing was left half-written."), err, say.Writing, path)
				return
			}
			c.showMessage(lang.X("copy.title", "Save a copy"),
				[]string{lang.X("copy.done", "The copy is saved.")}, path)
		})
	}()
}

// showRestore lists the backups of the open file, newest first, each with
// its date and workshops, and restores the one chosen.
func (c *controller) showRestore() *modal {
	backups, err := data.Backups(c.backupFolder(c.st.Path()))
	if err != nil {
		c.readFailed(err)
		return nil
	}
	title := lang.X("restore.title", "Restore from backup")
	if c.dataDir == "" || len(backups) == 0 {
		return c.showMessage(title, []string{lang.X("restore.none", "There is no backup of this file yet. Atelier takes one each time it opens the file.")})
	}
	var d *modal
	rows := container.NewVBox()
	for _, b := range backups {
		when := formatDate(data.DateOf(b.Taken)) + " " + b.Taken.Format("15:04")
		what := lang.XN("restore.workshops", "{{.Count}} workshop: {{.Titles}}", len(b.Workshops),
			map[string]any{"Count": len(b.Workshops), "Titles": strings.Join(b.Workshops, " · ")})
		label := widget.NewLabel(when + "\n" + what)
		label.Wrapping = fyne.TextWrapWord
		restore := widget.NewButtonWithIcon(lang.X("restore.button", "Restore"), theme.HistoryIcon(), func() {
			c.confirmRestore(b, when, func() { d.Hide() })
		})
		rows.Add(container.NewBorder(nil, nil, nil, restore, label))
	}
	intro := widget.NewLabel(lang.X("restore.intro", "Choose the moment to go back to. The file as it is now is backed up first, so a restore can itself be undone."))
	intro.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(rows)
	scroll.SetMinSize(fyne.NewSize(560, 320))
	d = c.showClosable(title, container.NewBorder(intro, nil, nil, nil, scroll), 640)
	return d
}

func (c *controller) confirmRestore(b data.Backup, when string, done func()) {
	c.ask(lang.X("restore.title", "Restore from backup"), lang.X("restore.confirm", "Replace everything in “{{.File}}” with the backup of {{.When}}?",
		map[string]any{"File": filepath.Base(c.st.Path()), "When": when}), lang.X("restore.button", "Restore"), 520, func() {
		done()
		c.restore(b.Path)
	})
}

// restore swaps the open file for a backup: the current state is backed up,
// the store closed, the backup copied into place and the file opened again.
// When anything fails, the file as it was is opened again.
func (c *controller) restore(backupPath string) {
	c.afterWork(func() { c.restoreNow(backupPath) })
}

func (c *controller) restoreNow(backupPath string) {
	c.screen.form.flush()
	path := c.st.Path()
	if _, err := c.st.RotateBackup(c.backupFolder(path), time.Now()); err != nil {
		c.showFailure(lang.X("restore.title", "Restore from backup"),
			lang.X("restore.no_safety", "The file as it is now could not be backed up, so nothing was restored."), err, say.Writing, "")
		return
	}
	if err := c.st.Close(); err != nil {
		fyne.LogError("Closing "+path, err)
	}
	restoreErr := data.Restore(backupPath, path)
	st, err := data.Open(path, data.OpenExisting)
	if err != nil {
		c.showOpenError(path, err)
		return
	}
	c.useStore(st)
	if restoreErr != nil {
		c.showFailure(lang.X("restore.title", "Restore from backup"),
			lang.X("restore.failed", "The backup could not be restored; the file is as it was."), restoreErr, say.Writing, "")
	}
}

// noticeTime is how long the notice that follows a delete or an import
// stays; Edit › Undo works for the rest of the session.
const noticeTime = 15 * time.Second

// undoNotice is the line at the foot of the window after a delete or an
// import: what was done, and a button that takes it back.
type undoNotice struct {
	bar  *fyne.Container
	text *widget.Label
	hide saveTimer
	undo func() // what Undo takes back: the last delete, or a change that offered it
}

// frame is the window's content: the screens, and under them the notice
// that follows a delete or an import.
func (c *controller) frame() fyne.CanvasObject {
	if c.notice == nil {
		n := &undoNotice{text: widget.NewLabel("")}
		n.text.Truncation = fyne.TextTruncateEllipsis
		undo := widget.NewButtonWithIcon(lang.X("undo.button", "Undo"), theme.ContentUndoIcon(), func() {
			if n.undo != nil {
				n.undo()
			}
		})
		n.bar = container.NewBorder(widget.NewSeparator(), nil, nil, undo, n.text)
		n.bar.Hide()
		c.notice = n
	}
	return container.NewBorder(nil, c.notice.bar, nil, nil, c.tip.over(c.screen.content))
}

// watchDeletes makes every delete in the open file show the notice.
func (c *controller) watchDeletes() {
	c.st.OnDelete = func(d *data.Undoable) {
		c.do(func() {
			c.showUndoNotice(lang.X("undo.deleted", "Deleted “{{.Name}}”.", map[string]any{"Name": clip(d.Name, 80)}))
		})
	}
}

// showUndoNotice shows what was just done at the foot of the window, with
// Undo beside it, for a while.
func (c *controller) showUndoNotice(text string) {
	if c.notice == nil {
		return
	}
	c.notice.undo = c.undoLast
	c.notice.text.SetText(text)
	c.notice.bar.Show()
	c.notice.hide.after(noticeTime, c.do, c.notice.bar.Hide)
}

// offerUndo says in the notice what a change did, with Undo taking it
// back: a change made with one tap, easily made by mistake.
func (c *controller) offerUndo(text string, undo func()) {
	if c.notice == nil {
		return
	}
	c.notice.undo = func() {
		c.notice.bar.Hide()
		c.notice.undo = nil
		undo()
	}
	c.notice.text.SetText(text)
	c.notice.bar.Show()
	c.notice.hide.after(noticeTime, c.do, c.notice.bar.Hide)
}

// undoLast takes back the last delete or import of this session: a
// workshop, session, trainer or participant with everything that went with
// it, or everyone an import added and every change it made, and shows the
// workshop again.
func (c *controller) undoLast() {
	title := lang.X("undo.title", "Undo")
	failed := lang.X("undo.failed", "The delete could not be undone; nothing was changed.")
	if last := c.st.LastUndoable(); last != nil && last.Record == "import" {
		failed = lang.X("undo.import_failed", "The import could not be undone; nothing was changed.")
	}
	d, err := c.st.Undo()
	if errors.Is(err, data.ErrNothingToUndo) {
		c.showMessage(title, []string{lang.X("undo.nothing", "There is nothing to undo: no delete or import since Atelier opened this file.")})
		return
	}
	if err != nil {
		c.showFailure(title, failed, err, say.Saving, "")
		return
	}
	if c.notice != nil {
		c.notice.bar.Hide()
	}
	c.verdicts.forget()
	open := c.screen.form.id()
	if d.Record == "workshop" || d.Record == "import" {
		open = d.ID
	}
	c.screen.form.clear() // so that selecting it again reloads it and its tabs
	c.screen.list.UnselectAll()
	c.screen.reload()
	c.screen.selectID(open)
}
