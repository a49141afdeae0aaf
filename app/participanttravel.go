package app

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
)

// The participant sheet's travel and stay (passport, arrival, departure,
// hotel, needs) and letters. The fields edit the sheet's own draft, so
// they save with it as it saves as you type, and a field data refuses
// keeps its saved value meanwhile; the passport's expiry warns, without
// stopping the save, when it falls less than six months after the
// workshop. Each kind of letter can be printed for this participant,
// which enters it in the register.

// travelLabel names a travel field in the interface language.
func travelLabel(field string) string {
	if !slices.Contains(data.TravelFields, field) {
		return ""
	}
	return named("travel.field.", field, "")
}

// travelFieldLabel is travelLabel for the sheet's messages: ok is false
// for a field that is not a travel field.
func travelFieldLabel(field string) (string, bool) {
	l := travelLabel(field)
	return l, l != ""
}

// travelSection is the sheet's travel fields, the passport warning and
// the letters.
type travelSection struct {
	f       *participantForm
	warning *widget.Label
	letters *widget.Label
	entries map[string]*leaveEntry
	dates   map[string]*leaveDateEntry
	nation  *widget.Select
}

// travelSection builds the section for the participant the sheet shows.
func (f *participantForm) travelSection() fyne.CanvasObject {
	s := &travelSection{f: f, entries: map[string]*leaveEntry{}, dates: map[string]*leaveDateEntry{}}
	t := f.sheet.saved.Travel
	text := func(field, value string, set func(*data.Travel, string)) *leaveEntry {
		e := newLeaveEntry()
		e.SetText(value)
		e.OnChanged = func(v string) {
			f.sheet.edit(func(p *data.Participant) { set(&p.Travel, v) })
			s.showWarning()
		}
		e.OnSubmitted = func(string) { f.sheet.leave(field) }
		e.onLeave = func() { f.sheet.leave(field) }
		s.entries[field] = e
		return e
	}
	date := func(field string, value data.Date, set func(*data.Travel, data.Date)) *leaveDateEntry {
		e := newLeaveDateEntry()
		e.SetPlaceHolder(datePlaceholder())
		e.SetDate(timeOf(value))
		e.OnChanged = func(t *time.Time) {
			var d data.Date
			if t != nil {
				d = data.DateOf(*t)
			}
			f.sheet.readable(field)
			f.sheet.edit(func(p *data.Participant) { set(&p.Travel, d) })
			s.showWarning()
		}
		e.SetOnValidationChanged(func(err error) {
			if f.sheet.ignoring() {
				return
			}
			if err != nil && strings.TrimSpace(e.Text) != "" {
				f.sheet.cannotRead(field, lang.X("error.date_format", "{{.Field}}: enter a date as {{.Format}}.",
					map[string]any{"Field": travelLabel(field), "Format": datePlaceholder()}))
			} else {
				f.sheet.readable(field)
				f.sheet.check()
			}
		})
		e.OnSubmitted = func(string) { f.sheet.leave(field) }
		e.onLeave = func() { f.sheet.leave(field) }
		s.dates[field] = e
		return e
	}
	s.nation = widget.NewSelect(f.countries.names, func(name string) {
		f.sheet.choose(func(p *data.Participant) { p.Travel.Nationality = f.countries.byName[name] })
	})
	s.nation.PlaceHolder = lang.X("country.choose", "Choose a country")
	if name, ok := f.countries.byCode[t.Nationality]; ok {
		s.nation.SetSelected(name)
	}
	passport := text(data.FieldPassportNumber, t.PassportNumber, func(t *data.Travel, v string) {
		t.PassportNumber = data.NormalisePassport(v) // as data stores it, so that "a 123" is not refused while typed
	})
	passport.SetPlaceHolder(lang.X("travel.passport_hint", "As in the passport, e.g. A01234567"))
	arrivalTime := text(data.FieldArrivalTime, t.Arrival.Time, func(t *data.Travel, v string) { t.Arrival.Time = v })
	departureTime := text(data.FieldDepartureTime, t.Departure.Time, func(t *data.Travel, v string) { t.Departure.Time = v })
	for _, e := range []*leaveEntry{arrivalTime, departureTime} {
		e.SetPlaceHolder("14:35")
	}
	arrivalFlight := text(data.FieldArrivalFlight, t.Arrival.Flight, func(t *data.Travel, v string) { t.Arrival.Flight = strings.ToUpper(v) })
	departureFlight := text(data.FieldDepartureFlight, t.Departure.Flight, func(t *data.Travel, v string) { t.Departure.Flight = strings.ToUpper(v) })
	for _, e := range []*leaveEntry{arrivalFlight, departureFlight} {
		e.SetPlaceHolder(lang.X("travel.flight_hint", "Flight, e.g. ET 901"))
	}

	// A row holds several fields side by side, each with its message under
	// it, each its share of the width: in equal thirds a date was cut to
	// "20/11/202", its calendar and check taking half its cell, and a
	// hotel's name to its first words beside a room number.
	shares := map[string]sharedColumns{
		data.FieldArrivalDate: {9, 4, 7}, data.FieldDepartureDate: {9, 4, 7}, data.FieldHotel: {3, 1},
	}
	row := func(fields []string, inputs ...fyne.CanvasObject) *widget.FormItem {
		cells := make([]fyne.CanvasObject, len(inputs))
		for i, in := range inputs {
			r := newFieldRow(travelLabel(fields[i]), in)
			f.rows[fields[i]] = r
			cells[i] = r.box
		}
		if share, ok := shares[fields[0]]; ok {
			return widget.NewFormItem(travelLabel(fields[0]), container.New(share, cells...))
		}
		return widget.NewFormItem(travelLabel(fields[0]), container.NewGridWithColumns(len(cells), cells...))
	}
	s.warning = widget.NewLabel("")
	s.warning.Wrapping = fyne.TextWrapWord
	s.warning.Importance = widget.WarningImportance
	// The warning sits under the expiry it is about, and takes no room
	// when there is none.
	expiry := row([]string{data.FieldPassportExpiry},
		date(data.FieldPassportExpiry, t.PassportExpiry, func(t *data.Travel, d data.Date) { t.PassportExpiry = d }))
	expiry.Widget = container.NewVBox(expiry.Widget, s.warning)
	// Dates each have their own labelled row: a bare date beside a
	// nationality or a passport number would not say what it is. Times,
	// flights and rooms read as what they are beside their date or hotel.
	form := widget.NewForm(
		row([]string{data.FieldNationality}, s.nation),
		row([]string{data.FieldBirthDate},
			date(data.FieldBirthDate, t.BirthDate, func(t *data.Travel, d data.Date) { t.BirthDate = d })),
		row([]string{data.FieldPassportNumber}, passport),
		expiry,
		row([]string{data.FieldArrivalDate, data.FieldArrivalTime, data.FieldArrivalFlight},
			date(data.FieldArrivalDate, t.Arrival.Date, func(t *data.Travel, d data.Date) { t.Arrival.Date = d }),
			arrivalTime, arrivalFlight),
		row([]string{data.FieldDepartureDate, data.FieldDepartureTime, data.FieldDepartureFlight},
			date(data.FieldDepartureDate, t.Departure.Date, func(t *data.Travel, d data.Date) { t.Departure.Date = d }),
			departureTime, departureFlight),
		row([]string{data.FieldHotel, data.FieldRoom},
			text(data.FieldHotel, t.Hotel, func(t *data.Travel, v string) { t.Hotel = v }),
			text(data.FieldRoom, t.Room, func(t *data.Travel, v string) { t.Room = v })),
		row([]string{data.FieldDietary}, text(data.FieldDietary, t.Dietary, func(t *data.Travel, v string) { t.Dietary = v })),
		row([]string{data.FieldAccess}, text(data.FieldAccess, t.Access, func(t *data.Travel, v string) { t.Access = v })),
	)
	s.showWarning()

	s.letters = widget.NewLabel("")
	s.letters.Wrapping = fyne.TextWrapWord
	buttons := container.NewHBox()
	for _, k := range data.LetterKinds {
		buttons.Add(widget.NewButtonWithIcon(letterKindName(k)+"…", theme.DocumentPrintIcon(), func() { s.printLetter(k) }))
	}
	s.showLetters()
	heading := func(text string) *widget.Label {
		l := widget.NewLabel(text)
		l.TextStyle.Bold = true
		return l
	}
	return container.NewVBox(widget.NewSeparator(), heading(lang.X("travel.heading", "Travel and stay")), form,
		widget.NewSeparator(), heading(lang.X("letters.heading", "Letters")), buttons, s.letters)
}

// showWarning says beside the passport when it expires too soon after
// the workshop; saving goes on.
func (s *travelSection) showWarning() {
	w, ok := data.PassportWarning(s.f.sheet.draft.Travel, s.f.v.w)
	if !ok {
		s.warning.SetText("")
		s.warning.Hide()
		return
	}
	s.warning.SetText(passportWarningText(w))
	s.warning.Show()
}

// passportWarningText words data's warning that a passport expires less
// than six months after the workshop.
func passportWarningText(w data.FieldError) string {
	day, _ := data.ParseDate(fmt.Sprint(w.Args["Day"]))
	end, _ := data.ParseDate(fmt.Sprint(w.Args["End"]))
	return lang.X("warning.passport_expiry", "{{.Field}} ({{.Day}}) is less than {{.Months}} months after the workshop: most embassies want the passport valid until {{.End}}.",
		map[string]any{"Field": travelLabel(data.FieldPassportExpiry), "Day": formatDate(day), "End": formatDate(end),
			"Months": w.Args["Months"]})
}

// showLetters lists the letters of the register issued to the participant.
func (s *travelSection) showLetters() {
	list, err := s.f.v.c.st.ParticipantLetters(s.f.sheet.saved.ID)
	if err != nil {
		s.letters.SetText(readProblem(err))
		return
	}
	if len(list) == 0 {
		s.letters.SetText(lang.X("letters.none_yet", "No letter issued yet."))
		return
	}
	lines := make([]string, len(list))
	for i, l := range list {
		lines[i] = lang.X("letters.issued_line", "{{.Kind}}: {{.Serial}}, code {{.Code}}, dated {{.Date}}",
			map[string]any{"Kind": letterKindName(l.Kind), "Serial": l.Serial, "Code": l.Code, "Date": formatDate(l.IssuedOn)})
	}
	s.letters.SetText(strings.Join(lines, "\n"))
}

// printLetter saves what is typed, asks where, and issues and prints this
// participant's letter of kind.
func (s *travelSection) printLetter(kind data.LetterKind) {
	f := s.f
	f.sheet.flush()
	p := f.sheet.saved
	// Named in the language the letter is written in, as data chooses it.
	name := reports.LetterFileName(kind, cmp.Or(p.Language, f.v.w.Language), p.FullName())
	f.v.c.askPDFPath(name, func(path string) {
		f.v.c.issueLetters(f.v.w.ID, data.LetterOptions{Kind: kind, ParticipantID: p.ID}, path, s.showLetters)
	})
}

// sharedColumns lays its objects side by side, each taking its share of
// the width, all as high as the highest.
type sharedColumns []float32

func (c sharedColumns) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var size fyne.Size
	for _, o := range objects {
		m := o.MinSize()
		size.Width += m.Width
		size.Height = max(size.Height, m.Height)
	}
	size.Width += theme.Padding() * float32(max(0, len(objects)-1))
	return size
}

func (c sharedColumns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	var total float32
	for i := range objects {
		total += c[i]
	}
	free := size.Width - theme.Padding()*float32(max(0, len(objects)-1))
	x := float32(0)
	for i, o := range objects {
		w := free * c[i] / total
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + theme.Padding()
	}
}
