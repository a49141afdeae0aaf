package app

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// workshopFieldLabel names a workshop field, by data's name for it, as the
// forms label it.
func workshopFieldLabel(field string) string { return fieldLabel("field.", field) }

// copyWorkshopField sets one field of dst to its value in src. The form
// uses it to leave a field it cannot save at its last saved value while the
// other edits go through.
func copyWorkshopField(field string, dst, src *data.Workshop) {
	switch field {
	case "title":
		dst.Title = src.Title
	case "theme":
		dst.Theme = src.Theme
	case "city":
		dst.City = src.City
	case "country":
		dst.Country = src.Country
	case "region":
		dst.Region = src.Region
	case "venue":
		dst.Venue = src.Venue
	case "start_date":
		dst.StartDate = src.StartDate
	case "end_date":
		dst.EndDate = src.EndDate
	case "language":
		dst.Language = src.Language
	case "grant_target":
		dst.GrantTarget = src.GrantTarget
	}
}

// problemsByField words data's validation problems next to the fields that
// have them. Several problems with one field are shown together.
func problemsByField(err error) map[string]string { return problemsLabelled(err, workshopFieldLabel) }

func dateFormatProblem(field string) string {
	return lang.X("error.date_format", "{{.Field}}: enter a date as {{.Format}}.",
		map[string]any{"Field": workshopFieldLabel(field), "Format": datePlaceholder()})
}

func timeOf(d data.Date) *time.Time {
	if d.IsZero() {
		return nil
	}
	t := d.Time()
	return &t
}

// workshopForm is the Details tab: the selected workshop's fields, saved
// as they are typed (liveForm), what it holds, and its organisations.
type workshopForm struct {
	s    *workshopsScreen
	live *liveForm[data.Workshop]
	rows map[string]*fieldRow

	countries *countryList

	heading, subheading, status *widget.Label

	title, theme, city, region, venue, grant *leaveEntry
	start, end                               *leaveDateEntry
	country, language                        *widget.Select

	counts        map[string]*widget.Label
	organisations *organisationsPanel
	content       fyne.CanvasObject
}

func newWorkshopForm(s *workshopsScreen) *workshopForm {
	f := &workshopForm{s: s}
	f.live = newLiveForm(s.c, formSpec[data.Workshop]{
		label:    workshopFieldLabel,
		validate: func(w data.Workshop) error { return w.Validate() },
		keep:     copyWorkshopField,
		save:     func(w *data.Workshop) error { return s.c.st.SaveWorkshop(w) },
		saved:    f.afterSave,
	})
	f.rows = f.live.rows
	f.status = f.live.status
	f.status.TextStyle.Italic = true
	f.countries = countriesIn(uiLanguage())

	text := func(field string, set func(*data.Workshop, string)) *leaveEntry { return f.live.entry(field, set) }
	f.title = text("title", func(w *data.Workshop, v string) { w.Title = v })
	f.theme = text("theme", func(w *data.Workshop, v string) { w.Theme = v })
	// A theme is a sentence or two; data allows line breaks in it.
	f.theme.MultiLine = true
	f.theme.Wrapping = fyne.TextWrapWord
	f.theme.SetMinRowsVisible(2)
	f.city = text("city", func(w *data.Workshop, v string) { w.City = v })
	f.region = text("region", func(w *data.Workshop, v string) { w.Region = v })
	f.venue = text("venue", func(w *data.Workshop, v string) { w.Venue = v })

	f.country = widget.NewSelect(f.countries.names, func(name string) {
		f.live.choose(func(w *data.Workshop) { w.Country = f.countries.byName[name] })
	})
	f.country.PlaceHolder = lang.X("country.choose", "Choose a country")

	f.start = f.dateEntry("start_date", func(w *data.Workshop, d data.Date) { w.StartDate = d })
	f.end = f.dateEntry("end_date", func(w *data.Workshop, d data.Date) { w.EndDate = d })

	langNames := make([]string, len(data.Languages))
	for i, l := range data.Languages {
		langNames[i] = languageName(l)
	}
	f.language = widget.NewSelect(langNames, func(string) {
		f.live.choose(func(w *data.Workshop) {
			if i := f.language.SelectedIndex(); i >= 0 {
				w.Language = data.Languages[i]
			}
		})
	})

	f.grant = text("grant_target", nil)
	f.grant.OnChanged = func(v string) {
		v = strings.TrimSpace(v)
		n, err := strconv.Atoi(v)
		if v == "" {
			n, err = 0, nil
		}
		if err != nil {
			f.live.cannotRead("grant_target", lang.X("error.whole_number", "{{.Field}} must be a whole number.",
				map[string]any{"Field": workshopFieldLabel("grant_target")}))
			return
		}
		f.live.readable("grant_target")
		f.live.edit(func(w *data.Workshop) { w.GrantTarget = n })
	}

	form := f.live.form(formField{"title", f.title}, formField{"theme", f.theme}, formField{"city", f.city},
		formField{"country", f.country}, formField{"region", f.region}, formField{"venue", f.venue},
		formField{"start_date", f.start}, formField{"end_date", f.end}, formField{"language", f.language},
		formField{"grant_target", f.grant})

	f.heading = widget.NewLabel("")
	f.heading.SizeName = theme.SizeNameHeadingText
	f.heading.TextStyle.Bold = true
	f.heading.Wrapping = fyne.TextWrapWord
	f.subheading = widget.NewLabel("")

	f.counts = map[string]*widget.Label{}
	countsForm := widget.NewForm()
	for _, c := range []struct{ key, label string }{
		{"sessions", lang.X("count.sessions", "Sessions")},
		{"trainers", lang.X("count.trainers", "Trainers")},
		{"participants", lang.X("count.participants", "Participants")},
		{"confirmed", lang.X("count.confirmed", "Confirmed participants")},
		{"marks", lang.X("count.marks", "Attendance marks")},
		{"certificates", lang.X("count.certificates", "Certificates issued")},
	} {
		f.counts[c.key] = widget.NewLabel("")
		countsForm.Append(c.label, f.counts[c.key])
	}
	f.organisations = newOrganisationsPanel(s.c)

	f.content = formScroll(container.NewPadded(container.NewVBox(
		f.heading,
		f.subheading,
		widget.NewCard("", lang.X("section.details", "Details"), container.NewVBox(form, f.status)),
		widget.NewCard("", lang.X("section.figures", "In this workshop"), countsForm),
		widget.NewCard("", lang.X("section.organisations", "Organisations"), f.organisations.box),
		atRight(widget.NewButtonWithIcon(lang.X("workshop.delete", "Delete this workshop…"),
			theme.DeleteIcon(), func() { f.askDelete() })),
	)), f.rows)
	return f
}

// askDelete deletes the workshop after a confirmation that says what goes
// with it; the notice that follows, and Edit › Undo, bring it all back.
func (f *workshopForm) askDelete() {
	f.flush()
	w := f.live.saved
	n, err := f.s.c.st.CountsOf(w.ID)
	if err != nil {
		f.s.c.readFailed(err)
		return
	}
	f.s.c.ask(lang.X("workshop.delete_title", "Delete workshop"), lang.X("workshop.delete_ask",
		"Delete “{{.Title}}” with its {{.Sessions}} sessions, {{.Trainers}} trainers, {{.Participants}} participants, {{.Marks}} attendance marks and {{.Certificates}} certificates? Edit › Undo brings it back while Atelier stays open.",
		map[string]any{"Title": w.Title, "Sessions": n.Sessions, "Trainers": n.Trainers, "Participants": n.Participants,
			"Marks": n.Marks, "Certificates": n.Certificates}),
		lang.X("workshop.delete_confirm", "Delete"), 520, func() {
			if err := f.s.c.st.DeleteWorkshop(w.ID); err != nil {
				f.s.c.saveFailed(err)
				return
			}
			f.s.reset()
		})
}

// dateEntry is a date entry that edits the draft through set. Fyne reports
// text it cannot read as a date only through validation; an empty entry is
// data's "required", not a format problem.
func (f *workshopForm) dateEntry(field string, set func(*data.Workshop, data.Date)) *leaveDateEntry {
	e := newLeaveDateEntry()
	e.SetPlaceHolder(datePlaceholder())
	e.OnChanged = func(t *time.Time) {
		var d data.Date
		if t != nil {
			d = data.DateOf(*t)
		}
		f.live.readable(field)
		f.live.edit(func(w *data.Workshop) { set(w, d) })
	}
	e.SetOnValidationChanged(func(err error) {
		if f.live.ignoring() {
			return
		}
		if err != nil && strings.TrimSpace(e.Text) != "" {
			f.live.cannotRead(field, dateFormatProblem(field))
		} else {
			f.live.readable(field)
			f.live.check()
		}
	})
	e.OnSubmitted = func(string) { f.live.leave(field) }
	e.onLeave = func() { f.live.leave(field) }
	return e
}

func (f *workshopForm) id() int64 { return f.live.saved.ID }

// workshop is the workshop shown, as saved.
func (f *workshopForm) workshop() data.Workshop { return f.live.saved }

// flush saves what was typed and not saved yet.
func (f *workshopForm) flush() { f.live.flush() }

// load shows a workshop, dropping whatever the form held.
func (f *workshopForm) load(w data.Workshop) {
	f.live.load(w, func() {
		f.title.SetText(w.Title)
		f.theme.SetText(w.Theme)
		f.city.SetText(w.City)
		f.countries.show(f.country, w.Country)
		f.region.SetText(w.Region)
		f.venue.SetText(w.Venue)
		f.start.SetDate(timeOf(w.StartDate))
		f.end.SetDate(timeOf(w.EndDate))
		if i := slices.Index(data.Languages, w.Language); i >= 0 {
			f.language.SetSelectedIndex(i)
		} else {
			f.language.ClearSelected()
		}
		f.grant.SetText(strconv.Itoa(w.GrantTarget))
	})
	f.showHeading()
	f.loadSummary()
}

// clear empties the form when no workshop is selected.
func (f *workshopForm) clear() {
	f.live.clear()
	// Another file's organisations may have the same ids.
	clear(f.organisations.rows)
}

// reloadRule takes the rule saved from the Attendance tab: the form saves
// whole workshops, rule included, and must not put the old one back.
func (f *workshopForm) reloadRule() {
	w, err := f.s.c.st.Workshop(f.id())
	if err != nil {
		fyne.LogError("Reading the rule again", err)
		return
	}
	f.live.saved.Rule, f.live.draft.Rule = w.Rule, w.Rule
}

func (f *workshopForm) showHeading() {
	w := f.live.saved
	f.heading.SetText(w.Title)
	f.subheading.SetText(lang.X("workshop.where_when", "{{.City}}, {{.Country}} · {{.Dates}}", map[string]any{
		"City": w.City, "Country": countryName(w.Country), "Dates": formatDateRange(w.StartDate, w.EndDate),
	}))
}

// loadSummary shows what the workshop holds and its organisations.
func (f *workshopForm) loadSummary() {
	counts, err := f.s.c.st.CountsOf(f.id())
	if err != nil {
		f.s.c.readFailed(err)
	}
	for key, n := range map[string]int{
		"sessions": counts.Sessions, "trainers": counts.Trainers, "participants": counts.Participants,
		"confirmed": counts.Confirmed, "marks": counts.Marks, "certificates": counts.Certificates,
	} {
		f.counts[key].SetText(strconv.Itoa(n))
	}
	f.organisations.show(f.id())
}

// afterSave follows each save: the heading, and, when what the list shows
// changed, the list and the tabs (the schedule shows the days).
func (f *workshopForm) afterSave(before, after data.Workshop) {
	f.showHeading()
	if after.Title != before.Title || after.City != before.City ||
		after.StartDate != before.StartDate || after.EndDate != before.EndDate {
		f.s.reload()
		f.s.changed(detailsChanged, nil)
	}
}
