package app

import (
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// participantFieldLabel names a participant field, by data's name for it.
func participantFieldLabel(field string) string {
	switch field {
	case "given_name":
		return lang.X("participants.field.given_name", "Given name")
	case "family_name":
		return lang.X("participants.field.family_name", "Family name")
	case "printed_name":
		return lang.X("participants.field.printed_name", "Name on certificate")
	case "gender":
		return lang.X("participants.field.gender", "Gender")
	case "country":
		return lang.X("participants.field.country", "Country")
	case "institution":
		return lang.X("participants.field.institution", "Institution")
	case "position":
		return lang.X("participants.field.position", "Position")
	case "email":
		return lang.X("participants.field.email", "Email")
	case "phone":
		return lang.X("participants.field.phone", "Phone")
	case "language":
		return lang.X("participants.field.language", "Preferred language")
	case "status":
		return lang.X("participants.field.status", "Status")
	case "grant_awarded":
		return lang.X("participants.field.grant", "Grant")
	case "grant_amount":
		return lang.X("participants.field.grant_amount", "Amount")
	case "grant_currency":
		return lang.X("participants.field.grant_currency", "Currency")
	case "directory_consent":
		return lang.X("participants.field.directory", "Directory")
	case "notes":
		return lang.X("participants.field.notes", "Notes")
	}
	return field
}

// participantForm adds or edits one participant in a dialog. Nothing is
// written until Save, and nothing at all when data refuses a field: the
// problem is shown under it.
type participantForm struct {
	v    *participantsView
	p    data.Participant
	d    *dialog.CustomDialog
	rows map[string]*fieldRow

	given, family, printed, institution, position, email, phone *widget.Entry
	amount, currency, notes                                     *widget.Entry
	gender, country, lang, status                               *widget.Select
	awarded, travel, accommodation, perDiem, paid, consent      *widget.Check
	general                                                     *widget.Label
	save                                                        *widget.Button
	countries                                                   *countryList
}

const participantFormWidth = 640

func (v *participantsView) showForm(p data.Participant) *participantForm {
	f := &participantForm{v: v, p: p, rows: map[string]*fieldRow{}, countries: countriesIn(uiLanguage())}
	entry := func(text string) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(text)
		e.OnSubmitted = func(string) { f.submit() }
		return e
	}
	f.given, f.family, f.printed = entry(p.GivenName), entry(p.FamilyName), entry(p.PrintedName)
	f.printed.SetPlaceHolder(lang.X("participants.field.printed_hint", "Leave empty to print the given and family names"))
	f.institution, f.position = entry(p.Institution), entry(p.Position)
	f.email, f.phone = entry(p.Email), entry(p.Phone)
	f.amount, f.currency = entry(formatAmount(p.Grant.AmountMinor)), entry(p.Grant.Currency)
	f.currency.SetPlaceHolder("USD")
	f.notes = widget.NewMultiLineEntry()
	f.notes.SetText(p.Notes)
	f.notes.Wrapping = fyne.TextWrapWord
	f.notes.SetMinRowsVisible(2)

	genders := make([]string, len(data.Genders))
	for i, g := range data.Genders {
		genders[i] = genderName(g)
	}
	f.gender = widget.NewSelect(genders, nil)
	f.gender.SetSelectedIndex(max(0, slices.Index(data.Genders, p.Gender)))
	f.country = widget.NewSelect(f.countries.names, nil)
	f.country.PlaceHolder = lang.X("country.choose", "Choose a country")
	if name, ok := f.countries.byCode[p.Country]; ok {
		f.country.SetSelected(name)
	}
	langs := []string{lang.X("participants.field.language_workshop", "The workshop's language")}
	for _, l := range data.Languages {
		langs = append(langs, languageName(l))
	}
	f.lang = widget.NewSelect(langs, nil)
	f.lang.SetSelectedIndex(slices.Index(data.Languages, p.Language) + 1)
	statuses := make([]string, len(data.Statuses))
	for i, s := range data.Statuses {
		statuses[i] = statusName(s)
	}
	f.status = widget.NewSelect(statuses, nil)
	f.status.SetSelectedIndex(max(0, slices.Index(data.Statuses, p.Status)))

	check := func(label string, on bool) *widget.Check {
		c := widget.NewCheck(label, nil)
		c.SetChecked(on)
		return c
	}
	g := p.Grant
	f.awarded = check(lang.X("participants.field.grant_awarded", "Awarded"), g.Awarded)
	f.travel = check(lang.X("participants.field.grant_travel", "Travel"), g.Travel)
	f.accommodation = check(lang.X("participants.field.grant_accommodation", "Accommodation"), g.Accommodation)
	f.perDiem = check(lang.X("participants.field.grant_per_diem", "Per diem"), g.PerDiem)
	f.paid = check(lang.X("participants.field.grant_paid", "Paid"), g.Paid)
	f.consent = check(lang.X("participants.field.directory_consent", "May appear in the participants’ directory"), p.DirectoryConsent)

	covers := container.NewHBox(widget.NewLabel(lang.X("participants.field.grant_covers", "Covers:")), f.travel, f.accommodation, f.perDiem)
	grant := container.NewVBox(container.NewHBox(f.awarded, f.paid), covers)
	money := container.NewGridWithColumns(2, f.amount, f.currency)

	form := widget.NewForm()
	for _, field := range []struct {
		name  string
		input fyne.CanvasObject
	}{
		{"family_name", f.family}, {"given_name", f.given}, {"printed_name", f.printed}, {"gender", f.gender},
		{"country", f.country}, {"institution", f.institution}, {"position", f.position}, {"email", f.email},
		{"phone", f.phone}, {"language", f.lang}, {"status", f.status}, {"grant_awarded", grant},
		{"grant_amount", money}, {"directory_consent", f.consent}, {"notes", f.notes},
	} {
		label := participantFieldLabel(field.name)
		if field.name == "grant_amount" {
			label = lang.X("participants.field.grant_amount_currency", "Amount and currency")
		}
		row := newFieldRow(label, field.input)
		f.rows[field.name] = row
		form.AppendItem(row.item())
	}
	f.general = widget.NewLabel("")
	f.general.Importance = widget.DangerImportance
	f.general.Wrapping = fyne.TextWrapWord
	f.general.Hide()

	title := lang.X("participants.field.new_title", "New participant")
	buttons := []fyne.CanvasObject{}
	if p.ID != 0 {
		title = p.FullName()
		del := widget.NewButtonWithIcon(lang.X("participants.field.delete", "Delete…"), theme.DeleteIcon(),
			func() { v.askDelete(f.p, func() { f.d.Hide() }) })
		del.Importance = widget.DangerImportance
		buttons = append(buttons, del)
	}
	cancel := widget.NewButtonWithIcon(lang.X("dialog.cancel", "Cancel"), theme.CancelIcon(), func() { f.d.Hide() })
	f.save = widget.NewButtonWithIcon(lang.X("participants.field.save", "Save"), theme.ConfirmIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	buttons = append(buttons, cancel, f.save)

	body := container.NewVBox(form, f.general)
	if p.ID != 0 {
		body.Objects = append([]fyne.CanvasObject{f.attendance()}, body.Objects...)
	}
	f.d = dialog.NewCustomWithoutButtons(title, container.NewVScroll(body), v.c.win)
	f.d.SetButtons(buttons)
	f.d.Resize(fyne.NewSize(participantFormWidth, min(v.c.win.Canvas().Size().Height-40, 760)))
	f.d.Show()
	v.c.win.Canvas().Focus(f.family)
	v.lastForm = f
	return f
}

// attendance sums up the participant's marks by the workshop's
// certificate rule, so that the form is the participant's whole sheet.
func (f *participantForm) attendance() fyne.CanvasObject {
	sum, err := f.v.c.st.ParticipantSummary(f.p.ID)
	text := ""
	switch {
	case err != nil:
		text = lang.X("status.save_failed", "Could not save: {{.Error}}", map[string]any{"Error": err.Error()})
	case sum.Counted == 0:
		text = lang.X("participants.sheet.no_sessions", "Attendance: no session counts towards the certificate yet.")
	default:
		text = lang.X("participants.sheet.attendance",
			"Attendance: {{.Attended}} of {{.Counted}} sessions that count ({{.Percent}} %) · present {{.Present}}, late {{.Late}}, excused {{.Excused}}, absent {{.Absent}}, not marked {{.Unmarked}}.",
			map[string]any{"Attended": sum.Attended, "Counted": sum.Counted, "Percent": strconv.Itoa(int(sum.Percent + 0.5)),
				"Present": sum.ByMark[data.Present], "Late": sum.ByMark[data.Late], "Excused": sum.ByMark[data.Excused],
				"Absent": sum.ByMark[data.Absent], "Unmarked": sum.ByMark[data.Unmarked]})
		if sum.MeetsRequirement {
			text += " " + lang.X("participants.sheet.qualifies", "Qualifies for a certificate.")
		} else {
			text += " " + lang.X("participants.sheet.not_qualified", "Does not qualify for a certificate yet.")
		}
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return widget.NewCard("", "", l)
}

// read puts what the form shows into a participant; amount is false when
// the amount is not a number.
func (f *participantForm) read() (data.Participant, bool) {
	p := f.p
	p.GivenName, p.FamilyName, p.PrintedName = f.given.Text, f.family.Text, f.printed.Text
	if i := f.gender.SelectedIndex(); i >= 0 {
		p.Gender = data.Genders[i]
	}
	p.Country = f.countries.byName[f.country.Selected]
	p.Institution, p.Position, p.Email, p.Phone = f.institution.Text, f.position.Text, f.email.Text, f.phone.Text
	p.Language = ""
	if i := f.lang.SelectedIndex(); i > 0 {
		p.Language = data.Languages[i-1]
	}
	if i := f.status.SelectedIndex(); i >= 0 {
		p.Status = data.Statuses[i]
	}
	amount, ok := parseAmount(f.amount.Text)
	p.Grant = data.Grant{Awarded: f.awarded.Checked, Travel: f.travel.Checked, Accommodation: f.accommodation.Checked,
		PerDiem: f.perDiem.Checked, AmountMinor: amount, Currency: f.currency.Text, Paid: f.paid.Checked}
	p.DirectoryConsent, p.Notes = f.consent.Checked, f.notes.Text
	return p, ok
}

func (f *participantForm) submit() {
	p, amountOK := f.read()
	problems := map[string]string{}
	if !amountOK {
		problems["grant_amount"] = lang.X("participants.field.amount_format", "{{.Field}} must be a number, like 850 or 850.50.",
			map[string]any{"Field": participantFieldLabel("grant_amount")})
	}
	// Saving validates what the user typed once trimmed, as it will be
	// stored; an unreadable amount keeps everything unsaved, with data's
	// view of the other fields beside them.
	var err error
	if amountOK {
		err = f.v.c.st.SaveParticipant(&p)
	} else {
		err = p.Validate()
	}
	if v, ok := data.AsValidation(err); ok {
		for _, fe := range v.Fields {
			field := fe.Field
			if field == "grant_currency" {
				field = "grant_amount" // one row holds both
			}
			msg := fieldMessage(fe, participantFieldLabel(fe.Field))
			if prev, ok := problems[field]; ok {
				msg = prev + "\n" + msg
			}
			problems[field] = msg
		}
	} else if err != nil && amountOK {
		problems[""] = lang.X("status.save_failed", "Could not save: {{.Error}}", map[string]any{"Error": err.Error()})
	}
	for field, row := range f.rows {
		row.setProblem(problems[field])
	}
	f.general.SetText(problems[""])
	f.general.Hidden = problems[""] == ""
	f.general.Refresh()
	if len(problems) > 0 {
		return
	}
	f.p = p
	f.d.Hide()
	f.v.reload()
}
