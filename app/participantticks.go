package app

import (
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/atelier-workshops/atelier/data"
)

// Changing many participants at once on the Participants tab (the ticks and
// what can be done to them), and deleting one.

func (v *participantsView) setChecked(id int64, on bool) {
	if on {
		v.checked[id] = true
	} else {
		delete(v.checked, id)
	}
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
	v.showChecked()
}

func (v *participantsView) setCheckedQuiet(id int64, on bool) {
	if on {
		v.checked[id] = true
	} else {
		delete(v.checked, id)
	}
}

func (v *participantsView) showChecked() {
	n := len(v.checked)
	if n == 0 {
		v.bulk.Hide()
	} else {
		v.bulkLabel.SetText(lang.XN("participants.bulk.count", "{{.Count}} ticked:", n, map[string]any{"Count": n}))
		v.bulk.Show()
	}
	v.table.Refresh()
}

// changeChecked changes every ticked participant in one transaction.
func (v *participantsView) changeChecked(change func(ids []int64) error) {
	ids := make([]int64, 0, len(v.checked))
	for id := range v.checked {
		ids = append(ids, id)
	}
	slices.Sort(ids)
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

// showCounts sums up selection against the grant target.
func (v *participantsView) showCounts() {
	var selected, confirmed, women, men, awarded int
	countries := map[string]bool{}
	for _, p := range v.index.People {
		switch p.Status {
		case data.StatusSelected:
			selected++
		case data.StatusConfirmed:
			confirmed++
		default:
			continue
		}
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
	v.counts.SetText(lang.X("participants.counts",
		"{{.All}} participants · selected: {{.Selected}} · confirmed: {{.Confirmed}} · grants awarded: {{.Awarded}} of {{.Target}} · countries: {{.Countries}} · women: {{.Women}} · men: {{.Men}}",
		map[string]any{"All": len(v.index.People), "Selected": selected, "Confirmed": confirmed, "Awarded": awarded,
			"Target": v.w.GrantTarget, "Countries": len(countries), "Women": women, "Men": men}))
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
