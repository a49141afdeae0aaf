package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/say"
)

const addDialogWidth = 560

// addWorkshopDialog asks for what a workshop cannot be saved without.
type addWorkshopDialog struct {
	s          *workshopsScreen
	d          *dialog.CustomDialog
	title      *widget.Entry
	city       *widget.Entry
	country    *widget.Select
	start, end *widget.DateEntry
	add        *widget.Button
	rows       map[string]*fieldRow
	general    *widget.Label
	countries  *countryList
}

func (s *workshopsScreen) showAddDialog() *addWorkshopDialog {
	s.form.flush()
	a := &addWorkshopDialog{s: s, rows: map[string]*fieldRow{}, countries: countriesIn(uiLanguage())}
	a.title = widget.NewEntry()
	a.title.SetText(lang.X("workshop.new_title", "New workshop"))
	a.city = widget.NewEntry()
	a.country = widget.NewSelect(a.countries.names, nil)
	a.country.PlaceHolder = lang.X("country.choose", "Choose a country")
	today := data.DateOf(time.Now())
	a.start = widget.NewDateEntry()
	a.start.SetPlaceHolder(datePlaceholder())
	a.start.SetDate(timeOf(today))
	a.end = widget.NewDateEntry()
	a.end.SetPlaceHolder(datePlaceholder())
	a.end.SetDate(timeOf(today.AddDays(4)))
	for _, e := range []*widget.Entry{a.title, a.city, &a.start.Entry, &a.end.Entry} {
		e.OnSubmitted = func(string) { a.submit() }
	}

	form := widget.NewForm()
	for _, field := range []struct {
		name  string
		input fyne.CanvasObject
	}{{"title", a.title}, {"city", a.city}, {"country", a.country}, {"start_date", a.start}, {"end_date", a.end}} {
		row := newFieldRow(workshopFieldLabel(field.name), field.input)
		a.rows[field.name] = row
		form.AppendItem(row.item())
	}
	a.general = widget.NewLabel("")
	a.general.Importance = widget.DangerImportance
	a.general.Wrapping = fyne.TextWrapWord
	a.general.Hide()
	intro := widget.NewLabel(lang.X("workshop.new_intro", "Everything else can be filled in afterwards."))
	intro.Wrapping = fyne.TextWrapWord

	cancel := widget.NewButtonWithIcon(lang.X("dialog.cancel", "Cancel"), theme.CancelIcon(), func() { a.d.Hide() })
	a.add = widget.NewButtonWithIcon(lang.X("workshop.add_button", "Add workshop"), theme.ConfirmIcon(), a.submit)
	a.add.Importance = widget.HighImportance
	a.d = dialog.NewCustomWithoutButtons(lang.X("workshop.new_dialog_title", "New workshop"),
		container.NewVBox(intro, form, a.general), s.c.win)
	a.d.SetButtons([]fyne.CanvasObject{cancel, a.add})
	fitDialog(a.d, addDialogWidth)
	a.d.Show()
	// The proposed title is selected, so that typing replaces it.
	s.c.win.Canvas().Focus(a.title)
	a.title.TypedShortcut(&fyne.ShortcutSelectAll{})
	s.c.opened(a)
	return a
}

func (a *addWorkshopDialog) submit() {
	w := data.Workshop{
		Title:    a.title.Text,
		City:     a.city.Text,
		Country:  a.countries.byName[a.country.Selected],
		Language: uiLanguage(),
		Rule:     data.DefaultCertificateRule,
	}
	unread := map[string]string{}
	for field, e := range map[string]*widget.DateEntry{"start_date": a.start, "end_date": a.end} {
		var d data.Date
		switch {
		case strings.TrimSpace(e.Text) == "":
		case e.Date == nil || e.Validate() != nil:
			unread[field] = dateFormatProblem(field)
		default:
			d = data.DateOf(*e.Date)
		}
		if field == "start_date" {
			w.StartDate = d
		} else {
			w.EndDate = d
		}
	}

	problems := problemsByField(w.Validate())
	for field, msg := range unread {
		problems[field] = msg
	}
	if len(problems) == 0 {
		if err := a.s.c.st.SaveWorkshop(&w); err != nil {
			if _, ok := data.AsValidation(err); !ok {
				problems[""] = explain(err, say.Saving)
			}
			for field, msg := range problemsByField(err) {
				problems[field] = msg
			}
		}
	}
	if showProblems(problems, a.rows, a.general) {
		fitDialog(a.d, addDialogWidth) // messages make the form taller
		return
	}
	a.d.Hide()
	a.s.reload()
	a.s.selectID(w.ID)
}
