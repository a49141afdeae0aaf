package app

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// problemsLabelled is problemsByField for any form: label names a field as
// that form shows it.
func problemsLabelled(err error, label func(string) string) map[string]string {
	out := map[string]string{}
	v, ok := data.AsValidation(err)
	if !ok {
		return out
	}
	for _, fe := range v.Fields {
		msg := fieldMessage(fe, label(fe.Field))
		if prev, ok := out[fe.Field]; ok {
			msg = prev + "\n" + msg
		}
		out[fe.Field] = msg
	}
	return out
}

// formField is one input of a form, by data's name for its field.
type formField struct {
	name  string
	input fyne.CanvasObject
}

// fieldForm lays out fields, each in a row that can say what is wrong with
// it, kept in rows by field; label names a field as the form shows it.
func fieldForm(rows map[string]*fieldRow, label func(string) string, fields ...formField) *widget.Form {
	form := widget.NewForm()
	for _, f := range fields {
		row := newFieldRow(label(f.name), f.input)
		rows[f.name] = row
		form.AppendItem(row.item())
	}
	return form
}

// fieldRow is an input with the line under it that says what is wrong.
type fieldRow struct {
	label   string
	input   fyne.CanvasObject
	problem *widget.Label
	box     *fyne.Container
	wheel   *wheelPass // hands the wheel to the form's scroll (wheel.go)
}

// showProblems puts each message beside its field, and the messages for
// fields the form does not show in general, under the form; it reports
// whether there was any.
func showProblems(problems map[string]string, rows map[string]*fieldRow, general *widget.Label) bool {
	var elsewhere []string
	for field, msg := range problems {
		if _, ok := rows[field]; !ok {
			elsewhere = append(elsewhere, msg)
		}
	}
	for field, row := range rows {
		row.setProblem(problems[field])
	}
	slices.Sort(elsewhere)
	general.SetText(strings.Join(elsewhere, "\n"))
	general.Hidden = len(elsewhere) == 0
	general.Refresh()
	return len(problems) > 0
}

func newFieldRow(label string, input fyne.CanvasObject) *fieldRow {
	p := widget.NewLabel("")
	p.Importance = widget.DangerImportance
	p.Wrapping = fyne.TextWrapWord
	p.Hide()
	wheel := newWheelPass()
	// No padding between the input and its message: the message belongs to
	// the field above it, not to the next row.
	return &fieldRow{label: label, input: input, problem: p, wheel: wheel,
		box: container.New(layout.NewCustomPaddedVBoxLayout(0), container.NewStack(input, wheel), p)}
}

func (r *fieldRow) item() *widget.FormItem { return widget.NewFormItem(r.label, r.box) }

func (r *fieldRow) setProblem(msg string) {
	if msg == r.problem.Text && (msg != "") == r.problem.Visible() {
		return
	}
	r.problem.SetText(msg)
	if msg == "" {
		r.problem.Hide()
	} else {
		r.problem.Show()
	}
	r.box.Refresh()
}

// leaveEntry is an entry that says when the user leaves it, so that what was
// typed last is saved then rather than after the pause.
type leaveEntry struct {
	widget.Entry
	onLeave func()
}

func newLeaveEntry() *leaveEntry {
	e := &leaveEntry{}
	e.ExtendBaseWidget(e)
	return e
}

func (e *leaveEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onLeave != nil {
		e.onLeave()
	}
}

// leaveDateEntry is Fyne's date entry that says when the user leaves it.
type leaveDateEntry struct {
	widget.DateEntry
	onLeave func()
}

func newLeaveDateEntry() *leaveDateEntry {
	e := &leaveDateEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip) // as widget.NewDateEntry sets it
	pickFromItsDate(&e.DateEntry, e)
	return e
}

// pickFromItsDate gives a date entry a calendar that opens on the month of
// the date in the field, or on this month when it has none. Fyne's own
// opens on the month it was first drawn in, whatever the field holds: a
// 2022 workshop's dates were picked from today's month, years away. self
// is the widget the window holds, e itself or the widget it is part of.
func pickFromItsDate(e *widget.DateEntry, self fyne.Widget) {
	var pop *widget.PopUp
	b := widget.NewButtonWithIcon("", theme.CalendarIcon(), func() {
		on := time.Now()
		if e.Date != nil {
			on = *e.Date
		}
		cal := widget.NewCalendar(on, func(t time.Time) {
			pop.Hide()
			e.SetDate(&t)
		})
		d := fyne.CurrentApp().Driver()
		pop = widget.NewPopUp(cal, d.CanvasForObject(self))
		// Where Fyne puts its own: under the field, as wide as it.
		at := d.AbsolutePositionForObject(self).AddXY(0, self.Size().Height-theme.InputBorderSize())
		pop.ShowAtPosition(at)
		pop.Resize(fyne.NewSize(self.Size().Width, pop.MinSize().Height))
	})
	b.Importance = widget.LowImportance
	e.ActionItem = b
}

func (e *leaveDateEntry) FocusLost() {
	e.DateEntry.FocusLost()
	if e.onLeave != nil {
		e.onLeave()
	}
}

// wrapped is a label whose text wraps between words, so that it is read
// whole however narrow the dialog or list it is in.
func wrapped(text string, bold bool) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.TextStyle.Bold = bold
	return l
}

// tightLines stacks lines of text closer than labels stand by themselves,
// so that they read as one item: a name and what is known of them.
func tightLines(lines ...fyne.CanvasObject) *fyne.Container {
	return container.New(tightLinesLayout(), lines...)
}

func tightLinesLayout() fyne.Layout { return layout.NewCustomPaddedVBoxLayout(-theme.Padding() * 2) }

// atRight puts a button at the right of its line, such as the delete
// button at the foot of a page.
func atRight(o fyne.CanvasObject) *fyne.Container { return container.NewHBox(layout.NewSpacer(), o) }

// twoLineList lists items as a bold line with a small one under it: a
// workshop's title and where and when, a trainer's name and affiliation.
func twoLineList(length func() int, lines func(i int) (title, sub string)) *widget.List {
	return widget.NewList(length,
		func() fyne.CanvasObject {
			title := widget.NewLabel("")
			title.TextStyle.Bold = true
			title.Truncation = fyne.TextTruncateEllipsis
			sub := widget.NewLabel("")
			sub.Truncation = fyne.TextTruncateEllipsis
			sub.SizeName = theme.SizeNameCaptionText
			return tightLines(title, sub)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < 0 || i >= length() {
				return
			}
			title, sub := lines(i)
			labels := o.(*fyne.Container).Objects
			labels[0].(*widget.Label).SetText(title)
			labels[1].(*widget.Label).SetText(sub)
		})
}
