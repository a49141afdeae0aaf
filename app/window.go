package app

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/demo"
	"github.com/atelier-workshops/atelier/say"
)

// Start builds the main window on st and shows it; the caller runs a.Run().
// The window takes st over: File > Open may replace it, and whichever store
// is open when the window closes (or File > Quit is chosen) is closed by
// the window, so the caller must not close st itself. When the file has no
// workshops, the window offers to load the demo ones.
func Start(a fyne.App, st *data.Store, options ...Option) fyne.Window {
	c := newWindow(a, st, fyne.Do)
	keepCompiledPDFium()
	for _, o := range options {
		o(c)
	}
	c.win.Resize(c.openingSize()) // the options may tell the screen's size
	// On Linux the window's class, which ties it to its launcher and
	// icon, is taken from the title it has when first shown: the app's
	// name, before the file name joins it.
	c.win.SetTitle(lang.X("app.name", "Atelier"))
	c.win.Show()
	// Show has drawn the first frame (the workshop list); the tabs are
	// made and the workshop edited last opens in the next.
	c.screen.openRecent()
	c.showTitle()
	c.sayFileState()
	return c.win
}

// Option configures the window Start builds.
type Option func(*controller)

// WithDataFolder names the app's data folder, where the backups of every
// file Atelier opens are kept.
func WithDataFolder(dir string) Option { return func(c *controller) { c.dataDir = dir } }

// controller owns the open store and the main window, so that the store can
// be switched under the screens.
type controller struct {
	app    fyne.App
	win    fyne.Window
	st     *data.Store
	screen *workshopsScreen
	closed bool
	notice *undoNotice
	tip    *hoverTip // the whole text of what the pointer rests on (hover.go)
	work   backgroundWork
	// verdicts are who qualifies for a certificate in the selected
	// workshop, for every screen that shows it.
	verdicts verdicts
	// dataDir is the app's data folder; backups go there. Empty in tests
	// that do not look at backups.
	dataDir string

	// do runs fn on the UI goroutine. It is fyne.Do, except in tests: Fyne's
	// test driver runs fyne.Do at once on the calling goroutine, which
	// would touch widgets from a timer's or a loader's goroutine.
	do func(fn func())

	// tell, when set, hears of every dialog and form the window opens and
	// of each piece of background work that ends: the one way tests reach
	// what the window shows beyond its widgets. Nil outside tests.
	tell func(any)

	// workArea, when set, is the free area of the screen (windowsize.go).
	workArea func() (fyne.Size, bool)

	saves saveQueue // saves waiting for another process (waiting.go)
	mail  mailer    // sends the outbox (mailer.go)
	share sharing   // the venue page, while shared (share.go)
}

// opened tells the test watching, if any, of x: a dialog or form just
// shown, or background work just ended.
func (c *controller) opened(x any) {
	if c.tell != nil {
		c.tell(x)
	}
}

// newController is the window, not yet shown, on the workshop edited
// last.
func newController(a fyne.App, st *data.Store, do func(func())) *controller {
	c := newWindow(a, st, do)
	c.screen.openRecent()
	return c
}

// newWindow is the window with its list of workshops, none open yet, and
// no tabs made yet (buildTabs).
func newWindow(a fyne.App, st *data.Store, do func(func())) *controller {
	if code := a.Preferences().String(languagePreference); code != "" {
		applyLanguage(code)
	}
	loadTranslations()
	c := &controller{app: a, st: st, do: do}
	c.verdicts.c, c.mail.c = c, c
	c.tip = newHoverTip(c)
	c.win = a.NewWindow("Atelier")
	c.win.SetMaster()
	c.screen = newWorkshopsScreen(c)
	c.watchDeletes()
	c.win.SetContent(c.frame())
	c.win.SetMainMenu(c.mainMenu())
	c.win.SetOnClosed(c.shutdown)
	c.win.SetCloseIntercept(c.quitAfterWork)
	c.win.Resize(c.openingSize())
	c.showTitle()
	c.screen.opening = true
	c.screen.reload()
	return c
}

func (c *controller) showTitle() {
	c.win.SetTitle(lang.X("window.title", "{{.File}} — Atelier", map[string]any{"File": filepath.Base(c.st.Path())}))
}

func (c *controller) mainMenu() *fyne.MainMenu {
	newDB := fyne.NewMenuItem(lang.X("menu.new_database", "New database…"), func() { c.showNewDatabase() })
	open := fyne.NewMenuItem(lang.X("menu.open", "Open…"), c.showOpenDialog)
	open.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	c.win.Canvas().AddShortcut(open.Shortcut, func(fyne.Shortcut) { c.showOpenDialog() })
	// Marked IsQuit, Fyne keeps this item (and on macOS moves it to the
	// application menu) instead of adding a second Quit that would skip
	// closing the store.
	quit := fyne.NewMenuItem(lang.X("menu.quit", "Quit"), c.quitAfterWork)
	quit.IsQuit = true
	saveCopy := fyne.NewMenuItem(lang.X("menu.save_copy", "Save a copy…"), func() { c.showSaveCopy() })
	restore := fyne.NewMenuItem(lang.X("menu.restore", "Restore from backup…"), func() { c.showRestore() })
	settings := fyne.NewMenuItem(lang.X("menu.settings", "Settings…"), func() { c.showSettings() })
	overview := fyne.NewMenuItem(lang.X("overview.menu", "Overview of several files…"), func() { c.showOverview() })
	demoItem := fyne.NewMenuItem(lang.X("menu.demo", "Add demo workshops…"), c.askDemo)
	start := fyne.NewMenuItem(lang.X("menu.getting_started", "Getting started"), func() { c.showGettingStarted() })
	undo := fyne.NewMenuItem(lang.X("menu.undo", "Undo last delete or import"), c.undoLast)
	about := fyne.NewMenuItem(lang.X("menu.about", "About Atelier"), c.showAbout)
	return fyne.NewMainMenu(
		// The File menu must fit the window's height on a 1024×600 screen:
		// taller, Fyne scrolls it and its scroll bar covers the ends of the
		// longest items. Settings is in Edit and the demo beside Getting
		// started, as many programs place them.
		fyne.NewMenu(lang.X("menu.file", "File"), append(append([]*fyne.MenuItem{newDB, open, fyne.NewMenuItemSeparator()},
			c.exportMenuItems()...), overview, fyne.NewMenuItemSeparator(), saveCopy, restore,
			fyne.NewMenuItemSeparator(), quit)...),
		fyne.NewMenu(lang.X("menu.edit", "Edit"), undo, fyne.NewMenuItemSeparator(), settings),
		fyne.NewMenu(lang.X("menu.attendance", "Attendance"), c.shareMenuItem()),
		fyne.NewMenu(lang.X("menu.mail", "Mail"), c.mailMenuItems()...),
		fyne.NewMenu(lang.X("menu.help", "Help"), start, demoItem, fyne.NewMenuItemSeparator(), about),
	)
}

// shutdown saves what is pending and closes the store; it runs once, on
// Quit or when the window closes, whichever comes first.
func (c *controller) shutdown() {
	if c.closed {
		return
	}
	c.closed = true
	c.keepSize()
	c.mail.stop()
	c.stopSharing()
	if c.screen.form != nil { // nil when closed before its first frame
		c.screen.form.flush()
	}
	if err := c.st.Close(); err != nil {
		fyne.LogError("Closing "+c.st.Path(), err)
	}
}

// openPath makes the file at path the open store, once the work running on
// the open one has ended (see afterWork); it reports whether it did so at
// once. When data refuses the file, the file that was open stays open and
// a dialog says why.
func (c *controller) openPath(path string, mode data.OpenMode) bool {
	opened := false
	c.afterWork(func() { opened = c.openNow(path, mode) })
	return opened
}

func (c *controller) openNow(path string, mode data.OpenMode) bool {
	if abs, err := filepath.Abs(path); err == nil && abs == c.st.Path() {
		return true
	}
	c.screen.form.flush()
	st, err := data.Open(path, mode, c.openOptions(path)...)
	if err != nil {
		c.showOpenError(path, err)
		return false
	}
	old := c.st
	c.stopSharing() // it marks into the old file
	if err := old.Close(); err != nil {
		fyne.LogError("Closing "+old.Path(), err)
	}
	c.useStore(st)
	return true
}

// useStore makes st the open store, the previous one being closed already.
func (c *controller) useStore(st *data.Store) {
	c.st = st
	c.verdicts.forget()
	c.watchDeletes()
	c.showTitle()
	c.screen.reset()
	c.sayFileState()
}

func (c *controller) showOpenError(path string, err error) *modal {
	why := logged(say.Of(err, say.Opening).With("File", filepath.Base(path)).With("Folder", c.backupFolder(path)), err)
	kept := lang.X("open.kept", "“{{.File}}” stays open.", map[string]any{"File": filepath.Base(c.st.Path())})
	return c.showMessage(lang.X("open.title", "Cannot open this file"), []string{why, kept}, path)
}

func (c *controller) showOpenDialog() {
	chooseFile(c.win, lang.X("open.dialog_title", "Open an Atelier file"), lang.X("open.dialog_open", "Open"),
		filepath.Dir(c.st.Path()), nil, c.readFailed, func(path string) { c.openPath(path, data.OpenExisting) })
}

// newDatabaseDialog asks for a folder and the name of a file that does not
// exist yet, for a new database or a copy. Fyne's file save dialog is not
// used: it empties an existing file as soon as the user agrees to
// overwrite it, before Atelier can refuse, and that file may be the very
// database that is open.
type newDatabaseDialog struct {
	c       *controller
	d       *modal
	name    *widget.Entry
	nameRow *fieldRow
	folder  string
	where   *widget.Label
	kind    fileKind
	done    func(path string)
}

// fileKind is what a file-name dialog asks for: a new database (or a copy
// of one), which must not exist yet, or a document, which may replace an
// older one but always ends in its own extension, so that no typing slip
// can land on the database.
type fileKind struct {
	ext      string
	mayExist bool
}

var (
	newDatabaseFile = fileKind{ext: ".db"}
	pdfFile         = fileKind{ext: ".pdf", mayExist: true}
	xlsxFile        = fileKind{ext: ".xlsx", mayExist: true}
)

func (c *controller) showNewDatabase() *newDatabaseDialog {
	return c.showFileNameDialog(lang.X("newdb.title", "New database"),
		lang.X("newdb.intro", "Creates an empty Atelier database and opens it. The file open now is closed; nothing in it changes."),
		lang.X("newdb.create", "Create"), "atelier.db", newDatabaseFile, func(path string) { c.openPath(path, data.OpenOrCreate) })
}

func (c *controller) showFileNameDialog(title, introText, action, defaultName string, kind fileKind, done func(path string)) *newDatabaseDialog {
	n := &newDatabaseDialog{c: c, folder: filepath.Dir(c.st.Path()), kind: kind, done: done}
	n.name = widget.NewEntry()
	n.name.SetText(defaultName)
	n.name.OnSubmitted = func(string) { n.create() }
	n.name.OnChanged = func(string) { n.nameRow.setProblem("") }
	n.nameRow = newFieldRow(lang.X("newdb.name", "File name"), n.name)
	n.where = widget.NewLabel(n.folder)
	n.where.Wrapping = fyne.TextWrapBreak
	choose := widget.NewButtonWithIcon(lang.X("newdb.choose", "Choose…"), theme.FolderOpenIcon(), n.chooseFolder)
	form := widget.NewForm(n.nameRow.item(),
		widget.NewFormItem(lang.X("newdb.folder", "Folder"), container.NewBorder(nil, nil, nil, choose, n.where)))
	intro := widget.NewLabel(introText)
	intro.Wrapping = fyne.TextWrapWord

	cancel := cancelButton(func() { n.d.Hide() })
	create := mainButton(action, n.create)
	n.d = c.newModal(title, container.NewVBox(intro, form), cancel, create)
	fitDialog(n.d, 600)
	n.d.Show()
	c.win.Canvas().Focus(n.name)
	c.opened(n)
	return n
}

func (n *newDatabaseDialog) chooseFolder() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		n.folder = u.Path()
		n.where.SetText(n.folder)
		n.nameRow.setProblem("")
	}, n.c.win)
	startIn(d, n.folder)
	showFileDialog(n.c.win, d, lang.X("newdb.folder_title", "Choose a folder"), lang.X("newdb.folder_choose", "Choose"))
}

func (n *newDatabaseDialog) create() {
	path, problem := filePath(n.folder, n.name.Text, n.kind)
	if problem != "" {
		n.nameRow.setProblem(problem)
		return
	}
	n.d.Hide()
	n.done(path)
}

// filePath joins folder and name into the path of a file of the kind asked
// for, or says what is wrong with the name. A name without the kind's
// extension gets it.
func filePath(folder, name string, kind fileKind) (path, problem string) {
	label := lang.X("newdb.name", "File name")
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", lang.X("error.required", "{{.Field}} is required.", map[string]any{"Field": label})
	case strings.ContainsAny(name, `/\`) || name == "." || name == "..":
		return "", lang.X("error.file_name", "{{.Field}} cannot contain “/” or “\\”: choose the folder with the button below.",
			map[string]any{"Field": label})
	}
	if kind.mayExist && !strings.EqualFold(filepath.Ext(name), kind.ext) || filepath.Ext(name) == "" {
		name += kind.ext
	}
	path = filepath.Join(folder, name)
	if _, err := os.Lstat(path); err == nil && !kind.mayExist {
		return "", lang.X("error.file_exists", "“{{.Name}}” already exists in this folder. Choose another name, or open that file with File › Open…",
			map[string]any{"Name": name})
	}
	return path, ""
}

func (c *controller) showAbout() {
	name := widget.NewLabel(lang.X("app.name", "Atelier"))
	name.SizeName = theme.SizeNameHeadingText
	name.TextStyle.Bold = true
	version := lang.X("about.version_unknown", "Development version")
	if v := c.app.Metadata().Version; v != "" {
		version = lang.X("about.version", "Version {{.Version}}", map[string]any{"Version": v})
	}
	desc := widget.NewLabel(lang.X("about.description", "Plans, runs and reports on international training workshops for museum professionals."))
	desc.Wrapping = fyne.TextWrapWord
	text := container.NewVBox(name, widget.NewLabel(version), desc)
	content := fyne.CanvasObject(text)
	if icon := c.app.Icon(); icon != nil {
		img := canvas.NewImageFromResource(icon)
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSize(72, 72))
		content = container.NewBorder(nil, nil, container.NewVBox(img), nil, text)
	}
	c.showClosable(lang.X("menu.about", "About Atelier"), content, 480)
}

// loadDemo writes the demo off the UI goroutine: it is thousands of rows,
// each committed to disk.
func (c *controller) loadDemo() {
	st := c.st
	title := lang.X("demo.title", "Demo workshops")
	end := c.workNotice(title, lang.X("demo.loading", "Loading the demo workshops…"), nil)
	go func() {
		res, err := demo.Write(st)
		c.do(func() {
			end(err)
			if st != c.st {
				return // another file was opened meanwhile
			}
			if err != nil {
				c.showFailure(lang.X("demo.title", "Demo workshops"),
					lang.X("demo.failed", "The demo workshops could not be loaded. The file is as it was."), err, say.Saving, "")
				return
			}
			c.screen.reload()
			c.screen.selectID(res.Lagos)
		})
	}()
}
