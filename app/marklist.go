package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// The session's list of participants on the Attendance tab, marked from the
// keyboard, with the search and note fields beside it.

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
	names := tightLines(r.name, r.detail)
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
			v.mark(id, m)
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

// FocusGained keeps the List's own focus ring off (see markList).
func (l *markList) FocusGained() { l.focused = true }

func (l *markList) FocusLost() { l.focused = false }

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
		l.v.mark(l.v.cur, m)
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

// keysHint says which keys mark, in the interface language's letters, at
// the size of the text around it.
func keysHint() *widget.RichText {
	var segs []widget.RichTextSegment
	text := func(s string, bold bool) {
		segs = append(segs, &widget.TextSegment{Text: s, Style: widget.RichTextStyle{Inline: true,
			TextStyle: fyne.TextStyle{Bold: bold}, ColorName: theme.ColorNameForeground}})
	}
	text(lang.X("attendance.keys_intro", "Keys:")+" ", false)
	for _, m := range data.Marks {
		text(markLetter(m), true)
		text(" "+markName(m)+" · ", false)
	}
	text(lang.X("attendance.keys_more", "Delete clears · ↑ ↓ move · Enter note · Ctrl+F find"), false)
	hint := widget.NewRichText(segs...)
	hint.Truncation = fyne.TextTruncateEllipsis
	return hint
}
