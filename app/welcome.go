package app

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// First steps: what a file without workshops shows in place of the tabs
// (add a workshop, import a list, or add the demo), Help › Add demo
// workshops, and Help › Getting started.

// welcome is what an empty file shows: what to do first, each a button
// with a line of what it does.
func (s *workshopsScreen) welcome() fyne.CanvasObject {
	title := widget.NewLabel(lang.X("welcome.title", "This file has no workshops yet"))
	title.SizeName = theme.SizeNameSubHeadingText
	title.TextStyle.Bold = true
	intro := wrapped(lang.X("welcome.intro", "Atelier keeps each workshop in this file: its programme, participants, attendance and certificates. Start with one of these:"), false)
	step := func(icon fyne.Resource, text, what string, tapped func()) fyne.CanvasObject {
		b := widget.NewButtonWithIcon(text, icon, tapped)
		b.Alignment = widget.ButtonAlignLeading
		// In the normal colour: Fyne's low importance is the disabled
		// grey, too faint to read on the dark theme.
		return container.NewVBox(b, wrapped(what, false))
	}
	add := step(theme.ContentAddIcon(), lang.X("welcome.add", "Add a workshop"),
		lang.X("welcome.add_what", "Its title, place and dates; everything else can be filled in afterwards."),
		func() { s.showAddDialog() })
	importList := step(theme.UploadIcon(), lang.X("welcome.import", "Import a list of applicants…"),
		lang.X("welcome.import_what", "First the workshop they applied to, then the spreadsheet (.xlsx or .csv): Atelier shows every row before it imports anything."),
		s.addThenImport)
	demo := step(theme.MediaPlayIcon(), lang.X("welcome.demo", "Add the demo workshops"),
		lang.X("welcome.demo_what", "A five-day training in Lagos, with its participants and attendance, and a French-language workshop being planned, to try everything out. They can be deleted afterwards."),
		s.c.loadDemo)
	help := wrapped(lang.X("welcome.help", "Help › Getting started says what comes next."), false)
	box := container.NewVBox(title, intro, widget.NewSeparator(), add, importList, demo, widget.NewSeparator(), help)
	return container.NewCenter(container.New(&widthLayout{width: 520}, box))
}

// widthLayout gives its content a set width, the height it needs at it.
type widthLayout struct{ width float32 }

func (l *widthLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects {
		o.Resize(fyne.NewSize(l.width, o.MinSize().Height))
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.width, h)
}

func (l *widthLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Resize(size)
	}
}

// showEmptyOrHint shows what stands in for the tabs while no workshop is
// open: what to do first when the file has none, else a line to select one.
func (s *workshopsScreen) showEmptyOrHint() {
	if (s.tabs != nil && s.tabs.Visible()) || (s.opening && len(s.items) > 0) {
		s.welcomeBox.Hide()
		s.hint.Hide()
		return
	}
	if len(s.items) == 0 {
		s.hint.Hide()
		s.welcomeBox.Show()
	} else {
		s.welcomeBox.Hide()
		s.hint.Show()
	}
}

// addThenImport adds a workshop, then opens the import of its applicants.
func (s *workshopsScreen) addThenImport() {
	a := s.showAddDialog()
	a.then = func(w data.Workshop) {
		v := tabOfType[*participantsView](s)
		if v == nil {
			return
		}
		s.tabs.Select(v.tab())
		v.chooseImportFile()
	}
}

// tabOfType is the tab of the selected workshop of type T.
func tabOfType[T workshopView](s *workshopsScreen) T {
	var zero T
	for _, v := range s.views {
		if x, ok := v.(T); ok {
			return x
		}
	}
	return zero
}

// askDemo adds the demo workshops to the open file, asking first.
func (c *controller) askDemo() {
	c.ask(lang.X("demo.title", "Demo workshops"),
		lang.X("demo.ask", "Add the two demo workshops to “{{.File}}”? They sit beside your own workshops, and can be deleted like any other.",
			map[string]any{"File": filepath.Base(c.st.Path())}),
		lang.X("demo.add", "Add demo"), 520, c.loadDemo)
}

// showGettingStarted shows a short guide to Atelier in the interface
// language, inside the window.
func (c *controller) showGettingStarted() *modal {
	guide := widget.NewRichTextFromMarkdown(lang.X("help.guide", "Atelier keeps everything about your workshops in one file on this computer. Every change is saved as you make it: there is no Save button. To try it out first, *Help › Add demo workshops…* adds two sample workshops, which can be deleted afterwards.\n\n**1. Add the workshop.** *Add workshop*, on the left: its title, city, country and dates. On its **Details** tab, set its working language (its documents are written in it), the grant target and the organisations.\n\n**2. Build the programme.** On **Schedule**, add each day's sessions with their rooms and trainers; clashes show on the blocks. *File › Export programme…* prints it.\n\n**3. Select the participants.** On **Participants**, *Import from a spreadsheet…* the applications: Atelier shows every row it will add, every row that updates someone already there and what changes, and every row it refuses, which you can correct. Tick rows to change their status or grants together.\n\n**4. Take attendance.** On **Attendance**, mark each session from the keyboard (P, L, E, A), or print sign-in sheets with *File › Print sign-in sheets…* and key them in afterwards.\n\n**5. Issue the certificates.** On **Certificates**, everyone the rule, or your decision, makes eligible gets a certificate with a code anyone can check.\n\n**6. Report.** *File › Export workbook for the secretariat…* writes one workbook per workshop; *File › Overview of several files…* puts the workshops of many files into one.\n\n**Nothing is lost.** *Edit › Undo last delete or import* takes back the last delete or import. A backup is taken each time the file is opened: *File › Restore from backup…* brings one back."))
	guide.Segments = plainAfterHeadings(guide.Segments)
	guide.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(guide)
	scroll.SetMinSize(fyne.NewSize(600, min(c.win.Canvas().Size().Height-160, 480)))
	d := c.showClosable(lang.X("help.title", "Getting started"), scroll, 660)
	c.opened(d)
	return d
}

// plainAfterHeadings keeps the bold heading that starts a paragraph of
// rich text and joins the rest of the paragraph into one run of plain
// text. Fyne 2.7.1 lays out a run that starts in the last pixels of a
// line one character a line down the page (fyne-io/fyne#6200, fixed
// after 2.7.1): the guide's italic menu paths and bold tab names were
// such runs at some widths of the window, in each language. A heading
// starts at the beginning of its line, and is short.
func plainAfterHeadings(segs []widget.RichTextSegment) []widget.RichTextSegment {
	var out []widget.RichTextSegment
	var run *widget.TextSegment
	lineStart := true
	for _, seg := range segs {
		t, ok := seg.(*widget.TextSegment)
		switch {
		case !ok || !t.Style.Inline:
			out = append(out, seg)
			run, lineStart = nil, true
		case lineStart && t.Style.TextStyle.Bold:
			out = append(out, t)
			lineStart = false
		default:
			if run == nil {
				run = &widget.TextSegment{Style: widget.RichTextStyleInline}
				out = append(out, run)
			}
			run.Text += t.Text
			lineStart = false
		}
	}
	return out
}
