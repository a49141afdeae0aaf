package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// A participant's sheet (the dialog of an existing participant), top to
// bottom: where they stand (their status since when, their attendance and
// whether it earns a certificate, in sentences), then the fields of the
// form, then the sheet's further sections, each a card of its own.

// moreSections are the sections of the sheet after the form's fields.
// A further one (travel and visa, letters) is a widget.Card built in a
// file of its own and listed here, in the order the sheet shows them.
func (f *participantForm) moreSections() []fyne.CanvasObject {
	return []fyne.CanvasObject{f.travelSection()}
}

// standing is the card that says where the participant stands.
func (f *participantForm) standing() fyne.CanvasObject {
	f.standingBox = container.NewVBox()
	f.showStanding()
	return widget.NewCard("", "", f.standingBox)
}

// showStanding reads the participant's status history and verdict again
// and says them.
func (f *participantForm) showStanding() {
	if f.standingBox == nil {
		return
	}
	p := f.sheet.saved
	status, earlier := f.statusText(p)
	lines := []fyne.CanvasObject{wrapped(status, true)}
	if earlier != "" {
		l := wrapped(earlier, false)
		l.Importance = widget.LowImportance
		lines = append(lines, l)
	}
	text := ""
	if e, err := f.v.c.verdicts.participant(p.ID); err != nil {
		text = readProblem(err)
	} else {
		text = sheetText(e)
	}
	lines = append(lines, wrapped(text, false))
	f.standingBox.Objects = lines
	f.standingBox.Refresh()
}

// statusText says the participant's status since it was set, "Confirmed
// since 2 Dec 2026." (as said of them: "Confirmée" in French), and the
// statuses before it, oldest first.
func (f *participantForm) statusText(p data.Participant) (now, earlier string) {
	changes, err := f.v.c.st.StatusHistory(p.ID)
	if err != nil || len(changes) == 0 || changes[len(changes)-1].Status != p.Status {
		changes = []data.StatusChange{{Status: p.Status}}
	}
	last := changes[len(changes)-1]
	now = lang.X("participants.sheet.status_now", "{{.Status}}.", map[string]any{"Status": personStatus(p.Status, p.Gender)})
	if !last.At.IsZero() {
		now = lang.X("participants.sheet.status_since", "{{.Status}} since {{.Date}}.", map[string]any{
			"Status": personStatus(p.Status, p.Gender), "Date": formatDate(data.DateOf(last.At.Local()))})
	}
	var steps []string
	for _, ch := range changes[:len(changes)-1] {
		step := personStatus(ch.Status, p.Gender)
		if !ch.At.IsZero() {
			step = lang.X("participants.sheet.status_step", "{{.Status}} on {{.Date}}",
				map[string]any{"Status": step, "Date": formatDate(data.DateOf(ch.At.Local()))})
		}
		steps = append(steps, step)
	}
	if len(steps) > 0 {
		earlier = lang.X("participants.sheet.status_before", "Before: {{.Steps}}.", map[string]any{"Steps": strings.Join(steps, " → ")})
	}
	return now, earlier
}

// statusChoices are the statuses offered on the sheet of a person of
// gender g, as said of them.
func statusChoices(g data.Gender) []string {
	out := make([]string, len(data.Statuses))
	for i, s := range data.Statuses {
		out[i] = personStatus(s, g)
	}
	return out
}
