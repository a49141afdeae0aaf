package app

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// participantFieldLabel names a participant field, by data's name for it.
func participantFieldLabel(field string) string {
	if l, ok := travelFieldLabel(field); ok { // participanttravel.go
		return l
	}
	switch field { // two messages of their own: the boxes' own words take the fields' names
	case "grant_awarded":
		field = "grant"
	case "directory_consent":
		field = "directory"
	}
	return fieldLabel("participants.field.", field)
}

// participantForm adds or edits one participant in a dialog. A new
// participant is written on Save, and not at all while data refuses a
// field. An existing one is edited as the workshop's Details are: each
// change is checked at once and saved after a pause in typing, on Enter,
// on leaving the field, or at once for choices; a field data refuses shows
// why beside it and keeps its last saved value in the file meanwhile.
type participantForm struct {
	v     *participantsView
	sheet *liveForm[data.Participant] // saves as typed once the participant exists
	d     *modal
	rows  map[string]*fieldRow
	live  bool // editing an existing participant: changes save themselves

	given, family, printed, institution, position, email, phone *leaveEntry
	amount, currency, notes                                     *leaveEntry
	gender, country, lang, status                               *widget.Select
	standingBox                                                 *fyne.Container // status and attendance, above the fields
	awarded, travel, accommodation, perDiem, paid, consent      *widget.Check
	general                                                     *widget.Label
	save                                                        *widget.Button // creating only
	close                                                       *widget.Button // editing only
	countries                                                   *countryList
}

const participantFormWidth = 640

func (v *participantsView) showForm(p data.Participant) *participantForm {
	f := &participantForm{v: v, countries: countriesIn(uiLanguage())}
	f.sheet = newLiveForm(v.c, formSpec[data.Participant]{
		label:    participantFieldLabel,
		validate: func(p data.Participant) error { return p.Validate() },
		keep:     copyParticipantField,
		save:     func(p *data.Participant) error { return v.c.st.SaveParticipant(p) },
		saved: func(before, after data.Participant) {
			v.peopleChanged()
			if before.Status != after.Status || before.Gender != after.Gender {
				f.showStanding()
			}
		},
		rowOf: map[string]string{"grant_currency": "grant_amount"}, // the amount and its currency share a row
	})
	f.sheet.saved, f.sheet.draft = p, p
	f.rows, f.general = f.sheet.rows, f.sheet.status
	entry := func(field, text string) *leaveEntry {
		e := newLeaveEntry()
		e.SetText(text)
		e.OnChanged = func(string) { f.changed() }
		e.OnSubmitted = func(string) { f.leave(field) }
		e.onLeave = func() {
			if f.live {
				f.leave(field)
			}
		}
		return e
	}
	f.given, f.family, f.printed = entry("given_name", p.GivenName), entry("family_name", p.FamilyName), entry("printed_name", p.PrintedName)
	f.printed.SetPlaceHolder(lang.X("participants.field.printed_hint", "Leave empty to print the given and family names"))
	f.institution, f.position = entry("institution", p.Institution), entry("position", p.Position)
	f.email, f.phone = entry("email", p.Email), entry("phone", p.Phone)
	f.amount, f.currency = entry("grant_amount", formatAmount(p.Grant.AmountMinor)), entry("grant_currency", p.Grant.Currency)
	f.currency.SetPlaceHolder("USD")
	f.notes = entry("notes", p.Notes)
	f.notes.MultiLine = true
	f.notes.OnSubmitted = nil // Enter is a new line in the notes
	f.notes.Wrapping = fyne.TextWrapWord
	f.notes.SetMinRowsVisible(2)

	chosen := func(string) {
		f.changed()
		f.sheet.flush()
	}
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
	f.status = widget.NewSelect(statusChoices(p.Gender), nil)
	f.status.SetSelectedIndex(max(0, slices.Index(data.Statuses, p.Status)))
	for _, s := range []*widget.Select{f.gender, f.country, f.lang, f.status} {
		s.OnChanged = chosen
	}
	f.gender.OnChanged = func(string) {
		// The statuses are offered as said of this person.
		if i := f.gender.SelectedIndex(); i >= 0 {
			f.status.OnChanged = nil
			at := f.status.SelectedIndex()
			f.status.SetOptions(statusChoices(data.Genders[i]))
			f.status.SetSelectedIndex(at)
			f.status.OnChanged = chosen
		}
		chosen("")
	}

	check := func(label string, on bool) *widget.Check {
		c := widget.NewCheck(label, nil)
		c.SetChecked(on)
		c.OnChanged = func(bool) { chosen("") }
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

	form := fieldForm(f.rows, func(field string) string {
		if field == "grant_amount" {
			return lang.X("participants.field.grant_amount_currency", "Amount and currency")
		}
		return participantFieldLabel(field)
	}, formField{"family_name", f.family}, formField{"given_name", f.given}, formField{"printed_name", f.printed},
		formField{"gender", f.gender}, formField{"country", f.country}, formField{"institution", f.institution},
		formField{"position", f.position}, formField{"email", f.email}, formField{"phone", f.phone},
		formField{"language", f.lang}, formField{"status", f.status}, formField{"grant_awarded", grant},
		formField{"grant_amount", money}, formField{"directory_consent", f.consent}, formField{"notes", f.notes})
	f.general.Hide()

	title := lang.X("participants.field.new_title", "New participant")
	var buttons []fyne.CanvasObject
	body := container.NewVBox(form, f.general)
	if p.ID != 0 {
		title = p.FullName()
		del := widget.NewButtonWithIcon(lang.X("participants.field.delete", "Delete…"), theme.DeleteIcon(),
			func() {
				f.sheet.flush()
				v.askDelete(f.sheet.saved, func() {
					f.sheet.clear()
					f.d.Hide()
				})
			})
		del.Importance = widget.DangerImportance
		f.close = mainButton(lang.X("dialog.close", "Close"), func() {
			f.sheet.flush()
			f.d.Hide()
		})
		buttons = []fyne.CanvasObject{del, f.close}
		// Where the participant stands goes above the form, where it is
		// seen without scrolling; the sheet's further sections after it.
		body.Objects = append([]fyne.CanvasObject{f.standing(), f.general, form}, f.moreSections()...)
		f.live = true
		f.sheet.load(p, func() {})
		f.general.Show()
	} else {
		cancel := cancelButton(func() { f.d.Hide() })
		f.save = mainButton(lang.X("participants.field.save", "Save"), f.submit)
		buttons = []fyne.CanvasObject{cancel, f.save}
	}

	f.d = v.c.newModal(title, formScroll(body, f.rows), buttons...)
	f.d.Resize(fyne.NewSize(participantFormWidth, min(v.c.win.Canvas().Size().Height-40, 760)))
	f.d.Show()
	v.c.win.Canvas().Focus(f.family)
	v.c.opened(f)
	return f
}

// read puts what the form shows into a participant; amount is false when
// the amount is not a number, and the participant then keeps the draft's.
func (f *participantForm) read() (data.Participant, bool) {
	p := f.sheet.saved
	p.Travel = f.sheet.draft.Travel // the travel section edits the draft itself
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
	if !ok {
		amount = f.sheet.draft.Grant.AmountMinor
	}
	// Upper case as data stores it, so that "usd" is not refused while typed.
	p.Grant = data.Grant{Awarded: f.awarded.Checked, Travel: f.travel.Checked, Accommodation: f.accommodation.Checked,
		PerDiem: f.perDiem.Checked, AmountMinor: amount, Currency: strings.ToUpper(strings.TrimSpace(f.currency.Text)),
		Paid: f.paid.Checked}
	p.DirectoryConsent, p.Notes = f.consent.Checked, f.notes.Text
	return p, ok
}

func amountProblem() string {
	return lang.X("participants.field.amount_format", "{{.Field}} must be a number, like 850 or 850.50.",
		map[string]any{"Field": participantFieldLabel("grant_amount")})
}

// submit saves a new participant, or says beside each field what stops it.
func (f *participantForm) submit() {
	p, amountOK := f.read()
	// Saving validates what the user typed once trimmed, as it will be
	// stored; an unreadable amount keeps everything unsaved, with data's
	// view of the other fields beside them.
	var err error
	if amountOK {
		err = f.v.c.st.SaveParticipant(&p)
	} else {
		err = p.Validate()
	}
	problems := problemsLabelled(err, participantFieldLabel)
	if !amountOK {
		problems["grant_amount"] = amountProblem()
	}
	if _, ok := data.AsValidation(err); !ok && err != nil {
		problems[""] = saveProblem(err)
	}
	f.general.Importance = widget.DangerImportance
	if showProblems(byRow(problems, f.sheet.spec.rowOf), f.rows, f.general) {
		return
	}
	f.d.Hide()
	f.v.peopleChanged()
}

// changed follows an edit of an existing participant: check it at once
// and save after a pause.
func (f *participantForm) changed() {
	if !f.live {
		return
	}
	p, amountOK := f.read()
	if amountOK {
		f.sheet.readable("grant_amount")
	} else {
		f.sheet.unread["grant_amount"] = amountProblem()
	}
	f.sheet.edit(func(d *data.Participant) { *d = p })
}

// leave is Enter in a field or leaving it: a new participant is saved on
// Enter; an existing one says now what could not be read in the field
// (not while "85x" may still be on its way to a number) and saves.
func (f *participantForm) leave(field string) {
	if !f.live {
		f.submit()
		return
	}
	f.sheet.leave(field)
}

// copyParticipantField sets one field of dst to its value in src, so that a
// field data refuses keeps its saved value while the others are saved.
func copyParticipantField(field string, dst, src *data.Participant) {
	switch field {
	case "given_name":
		dst.GivenName = src.GivenName
	case "family_name":
		dst.FamilyName = src.FamilyName
	case "printed_name":
		dst.PrintedName = src.PrintedName
	case "gender":
		dst.Gender = src.Gender
	case "country":
		dst.Country = src.Country
	case "institution":
		dst.Institution = src.Institution
	case "position":
		dst.Position = src.Position
	case "email":
		dst.Email = src.Email
	case "phone":
		dst.Phone = src.Phone
	case "language":
		dst.Language = src.Language
	case "status":
		dst.Status = src.Status
	case "grant_awarded":
		dst.Grant.Awarded = src.Grant.Awarded
	case "grant_amount":
		dst.Grant.AmountMinor = src.Grant.AmountMinor
	case "grant_currency":
		dst.Grant.Currency = src.Grant.Currency
	case "notes":
		dst.Notes = src.Notes
	default:
		data.CopyTravelField(field, &dst.Travel, &src.Travel)
	}
}
