package app

import (
	"errors"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// Changing many participants at once on the Participants tab (the ticks and
// what can be done to them), and deleting one. Only rows that are shown
// can be ticked: the ticks of a row that leaves the view (a search, a
// filter, a change that no longer matches them) are cleared and the bar
// says so, so that a change of many never reaches someone out of sight.

// newBulkBar is the bar of changes of many, below the table and always
// there: its choices are greyed while nothing is ticked. Above the table,
// appearing with the first tick, it pushed the rows down under the
// pointer, and a quick second click ticked another row, or all of them.
func (v *participantsView) newBulkBar() fyne.CanvasObject {
	v.bulkLabel = widget.NewLabel("")
	v.bulkNote = widget.NewLabel("")
	v.bulkNote.Wrapping = fyne.TextWrapWord
	v.bulkNote.Hide()
	statuses := make([]string, len(data.Statuses))
	for i, s := range data.Statuses {
		statuses[i] = statusName(s)
	}
	v.bulkStatus = widget.NewSelect(statuses, func(string) {
		if i := v.bulkStatus.SelectedIndex(); i >= 0 {
			v.changeChecked(func(ids []int64) error { return v.c.st.SetStatus(ids, data.Statuses[i]) })
			v.bulkStatus.ClearSelected()
		}
	})
	v.bulkStatus.PlaceHolder = lang.X("participants.bulk.status", "Set status…")
	award := widget.NewButton(lang.X("participants.bulk.award", "Award grant"), func() {
		v.changeChecked(func(ids []int64) error { return v.c.st.SetGrantAwarded(ids, true) })
	})
	paid := widget.NewButton(lang.X("participants.bulk.paid", "Mark grant paid"), func() {
		v.changeChecked(func(ids []int64) error { return v.c.st.SetGrantPaid(ids, true) })
	})
	unpaid := widget.NewButton(lang.X("participants.bulk.unpaid", "Mark grant unpaid"), func() {
		v.changeChecked(func(ids []int64) error { return v.c.st.SetGrantPaid(ids, false) })
	})
	clearTicks := widget.NewButtonWithIcon(lang.X("participants.bulk.clear", "Clear ticks"), theme.ContentClearIcon(), func() {
		clear(v.checked)
		v.bulkNote.Hide()
		v.showChecked()
	})
	v.bulkActions = []fyne.Disableable{v.bulkStatus, award, paid, unpaid, clearTicks}
	// The bar wraps onto a second line where the tab is narrow (1024×600,
	// French and Spanish): in one line it was wider than the tab, and the
	// window's content with it.
	v.bulkRoom = canvas.NewRectangle(color.Transparent)
	v.bulk = container.New(&flowLayout{}, container.NewStack(v.bulkRoom, v.bulkLabel),
		v.bulkStatus, award, paid, unpaid, clearTicks)
	v.roomForBarLabel()
	v.updateBar()
	return container.NewPadded(container.NewVBox(v.bulkNote, v.bulk))
}

func (v *participantsView) setChecked(id int64, on bool) {
	if on {
		v.checked[id] = true
	} else {
		delete(v.checked, id)
	}
	v.bulkNote.Hide()
	v.showChecked()
}

// toggleAllShown ticks every row the filters show, or clears them when
// they all are ticked already.
func (v *participantsView) toggleAllShown() {
	all := len(v.shown) > 0
	for _, i := range v.shown {
		all = all && v.checked[v.index.People[i].ID]
	}
	for _, i := range v.shown {
		v.setCheckedQuiet(v.index.People[i].ID, !all)
	}
	v.bulkNote.Hide()
	v.showChecked()
}

func (v *participantsView) setCheckedQuiet(id int64, on bool) {
	if on {
		v.checked[id] = true
	} else {
		delete(v.checked, id)
	}
}

// showChecked shows the ticks: the boxes, the box over them and the bar.
func (v *participantsView) showChecked() {
	v.updateBar()
	v.table.Refresh()
}

// updateBar says how many rows are ticked, or how to tick them, and
// offers the changes of many only when some are.
func (v *participantsView) updateBar() {
	n := len(v.checked)
	text := barHint()
	if n > 0 {
		text = barCount(n)
	}
	if v.bulkLabel.Text != text {
		v.bulkLabel.TextStyle.Bold = n > 0
		v.bulkLabel.SetText(text)
	}
	for _, a := range v.bulkActions {
		if n > 0 && a.Disabled() {
			a.Enable()
		} else if n == 0 && !a.Disabled() {
			a.Disable()
		}
	}
}

// roomForBarLabel keeps the bar's words as wide whether they say how to
// tick or how many are ticked, so that the bar wraps the same way and its
// height stays put as the first tick is made or the last cleared.
func (v *participantsView) roomForBarLabel() {
	n := max(len(v.index.People), 2)
	size := theme.TextSize()
	hint := fyne.MeasureText(barHint(), size, fyne.TextStyle{})
	count := fyne.MeasureText(barCount(n), size, fyne.TextStyle{Bold: true})
	v.bulkRoom.SetMinSize(fyne.NewSize(max(hint.Width, count.Width)+2*theme.InnerPadding(), 0))
}

func barHint() string {
	return lang.X("participants.bulk.hint", "Tick rows to change several at once:")
}

func barCount(n int) string {
	return lang.XN("participants.bulk.count", "{{.Count}} ticked row, all shown:", n, map[string]any{"Count": n})
}

// showTickAll shows the box above the ticks as the rows shown are: ticked
// when every one is, partly when some are, empty when none is.
func (v *participantsView) showTickAll(all *widget.Check) {
	ticked := 0
	if len(v.checked) > 0 {
		for _, i := range v.shown {
			if v.checked[v.index.People[i].ID] {
				ticked++
			}
		}
	}
	checked := ticked > 0 && ticked == len(v.shown)
	partial := ticked > 0 && !checked
	all.OnChanged = nil
	if all.Checked != checked || all.Partial != partial {
		all.Checked, all.Partial = checked, partial
		all.Refresh()
	}
	if len(v.shown) == 0 {
		all.Disable()
	} else {
		all.Enable()
	}
	all.OnChanged = func(bool) { v.toggleAllShown() }
	all.Show()
}

// forgetHiddenTicks clears the ticks of the rows the table no longer
// shows, and says how many went, with what the last change of many did.
func (v *participantsView) forgetHiddenTicks() {
	if len(v.checked) == 0 && v.changedMany == 0 {
		v.updateBar() // the ticks went with another workshop
		return
	}
	shown := make(map[int64]bool, len(v.shown))
	for _, i := range v.shown {
		shown[v.index.People[i].ID] = true
	}
	cleared := 0
	for id := range v.checked {
		if !shown[id] {
			delete(v.checked, id)
			cleared++
		}
	}
	if cleared == 0 && v.changedMany == 0 {
		return
	}
	// Typing a search clears ticks a letter at a time: the note adds them
	// up until the next tick.
	if v.bulkNote.Visible() {
		cleared += v.clearedTicks
	}
	v.clearedTicks = cleared
	var said []string
	if n := v.changedMany; n > 0 {
		said = append(said, lang.XN("participants.bulk.done", "{{.Count}} participant changed.", n, map[string]any{"Count": n}))
		v.changedMany = 0
	}
	if cleared > 0 {
		said = append(said, lang.XN("participants.bulk.cleared",
			"{{.Count}} tick was cleared: its row is no longer shown, so no change of many reaches it.", cleared,
			map[string]any{"Count": cleared}))
	}
	v.bulkNote.SetText(strings.Join(said, " "))
	v.bulkNote.Show()
	v.updateBar() // the table is refreshed by refilter
}

// tickedShown are the ticked participants the table shows, in its order:
// what a change of many changes.
func (v *participantsView) tickedShown() []int64 {
	var ids []int64
	for _, i := range v.shown {
		if id := v.index.People[i].ID; v.checked[id] {
			ids = append(ids, id)
		}
	}
	return ids
}

// changeChecked changes every ticked participant the table shows, in one
// transaction, and says how many it changed.
func (v *participantsView) changeChecked(change func(ids []int64) error) {
	ids := v.tickedShown()
	if len(ids) == 0 {
		return
	}
	if err := change(ids); err != nil {
		if ve, ok := data.AsValidation(err); ok {
			v.c.showMessage(lang.X("participants.bulk.refused_title", "Nothing was changed"),
				[]string{lang.X("participants.bulk.refused", "The change does not suit everyone ticked, so no one was changed:")},
				bulkProblem(ve))
			return
		}
		v.c.saveFailed(err)
		return
	}
	v.changedMany = len(ids)
	v.peopleChanged()
}

// bulkProblem names the participant a change was refused for and why.
func bulkProblem(ve *data.ValidationError) string {
	msgs := make([]string, len(ve.Fields))
	for i, fe := range ve.Fields {
		msgs[i] = fieldMessage(fe, participantFieldLabel(fe.Field))
	}
	name := strings.TrimPrefix(ve.Record, "participant ")
	return name + " — " + strings.Join(msgs, " ")
}

// showCounts sums up the rows shown: how many of the workshop's, by
// status, their grants, countries and genders; with no search or filter,
// the grants against the workshop's target.
func (v *participantsView) showCounts() {
	byStatus := map[data.Status]int{}
	var women, men, awarded int
	countries := map[string]bool{}
	for _, i := range v.shown {
		p := v.index.People[i]
		byStatus[p.Status]++
		if p.Country != "" {
			countries[p.Country] = true
		}
		switch p.Gender {
		case data.GenderFemale:
			women++
		case data.GenderMale:
			men++
		}
		if p.Grant.Awarded {
			awarded++
		}
	}
	all, shown := len(v.index.People), len(v.shown)
	head := lang.XN("participants.counts.all", "{{.Count}} participant", all, map[string]any{"Count": all})
	if shown != all {
		head = lang.XN("participants.counts.shown", "{{.Shown}} of {{.Count}} participants shown", all,
			map[string]any{"Shown": shown, "Count": all})
	}
	var statuses []string
	for _, s := range data.Statuses {
		if n := byStatus[s]; n > 0 {
			statuses = append(statuses, lang.X("participants.counts.status", "{{.Status}}: {{.Count}}",
				map[string]any{"Status": statusName(s), "Count": n}))
		}
	}
	grants := lang.X("participants.counts.grants", "grants awarded: {{.Awarded}}", map[string]any{"Awarded": awarded})
	if shown == all {
		grants = lang.X("participants.counts.grants_target", "grants awarded: {{.Awarded}} of a target of {{.Target}}",
			map[string]any{"Awarded": awarded, "Target": v.w.GrantTarget})
	}
	tail := lang.X("participants.counts.people", "countries: {{.Countries}} · women: {{.Women}} · men: {{.Men}}",
		map[string]any{"Countries": len(countries), "Women": women, "Men": men})
	parts := []string{head}
	if len(statuses) > 0 {
		parts = append(parts, strings.Join(statuses, " · "))
	}
	v.counts.SetText(strings.Join(append(parts, grants+" · "+tail), " — "))
}

// askDelete deletes a participant, asking first; a participant with
// attendance marks is deleted with them only after a second question that
// says how many.
func (v *participantsView) askDelete(p data.Participant, done func()) {
	title := lang.X("participants.delete.title", "Delete participant")
	v.c.confirm(title, lang.X("participants.delete.ask", "Delete {{.Name}} from this workshop?", map[string]any{"Name": p.FullName()}), "",
		func() {
			err := v.c.st.DeleteParticipant(p.ID)
			var inUse *data.InUseError
			if errors.As(err, &inUse) && inUse.What == "attendance marks" {
				v.c.confirm(title, lang.XN("participants.delete.marks", "{{.Name}} has {{.Count}} attendance mark. Delete them together?",
					inUse.Count, map[string]any{"Name": p.FullName(), "Count": inUse.Count}), "",
					func() { v.deleted(v.c.st.DeleteParticipantWithAttendance(p.ID), done) })
				return
			}
			v.deleted(err, done)
		})
}

func (v *participantsView) deleted(err error, done func()) {
	var inUse *data.InUseError
	switch {
	case errors.As(err, &inUse):
		v.c.showMessage(lang.X("participants.delete.title", "Delete participant"),
			[]string{lang.XN("participants.delete.certificates", "{{.Name}} has {{.Count}} certificate in the register, which keeps every certificate issued: this participant cannot be deleted.",
				inUse.Count, map[string]any{"Name": inUse.Name, "Count": inUse.Count})})
		return
	case err != nil:
		v.c.saveFailed(err)
		return
	}
	done()
	v.peopleChanged()
}
