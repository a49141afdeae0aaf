package app

import (
	"context"
	"errors"
	"image/color"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/say"
)

// Check-in by scanning a badge, on the Attendance tab: a USB barcode
// scanner reads a badge's QR code (the sign-in code) and types it with
// Enter into the check-in field, which marks that participant in the
// session being taken: present up to the grace period the organiser sets
// after its start, late after it. Each scan flashes the line under the
// field, green, amber or red, with the name and the mark. Fyne plays no
// sounds, so the flash is all there is; the field keeps the keyboard, so
// the next badge can be scanned at once.

// checkIn is the check-in field, its grace period and the flash.
type checkIn struct {
	v       *attendanceView
	code    *checkInEntry
	grace   *widget.Button
	result  *widget.Label
	flash   *canvas.Rectangle
	content fyne.CanvasObject
	minutes int // the grace period shown, read when the field takes the keyboard
}

// Flash colours: what a scan did, at a glance from across a doorway.
var (
	flashPresent = color.NRGBA{R: 46, G: 160, B: 67, A: 110}
	flashLate    = color.NRGBA{R: 230, G: 150, B: 0, A: 120}
	flashRefused = color.NRGBA{R: 210, G: 45, B: 45, A: 120}
)

func newCheckIn(v *attendanceView) *checkIn {
	k := &checkIn{v: v, minutes: int(data.DefaultGrace.Minutes())}
	k.code = newCheckInEntry(k)
	k.code.SetPlaceHolder(lang.X("checkin.hint", "Scan a badge here (or type its code and Enter)"))
	k.grace = widget.NewButtonWithIcon("", theme.HistoryIcon(), k.askGrace)
	k.showGrace()
	k.result = widget.NewLabel("")
	k.result.TextStyle.Bold = true
	k.result.Truncation = fyne.TextTruncateEllipsis
	k.flash = canvas.NewRectangle(color.Transparent)
	k.flash.CornerRadius = theme.InputRadiusSize()
	k.content = container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel(lang.X("checkin.label", "Check-in")), k.grace, k.code),
		container.NewStack(k.flash, k.result),
	)
	return k
}

func (k *checkIn) showGrace() {
	k.grace.SetText(lang.XN("checkin.grace", "Late after {{.Count}} min…", k.minutes, map[string]any{"Count": k.minutes}))
}

// readGrace shows the workshop's grace period, as the file has it now.
func (k *checkIn) readGrace() {
	if k.v.w.ID == 0 {
		return
	}
	g, err := k.v.c.st.CheckInGrace(k.v.w.ID)
	if err != nil {
		k.v.c.readFailed(err)
		return
	}
	k.minutes = int(g.Minutes())
	k.showGrace()
}

// askGrace asks how long after a session starts a scan still counts as
// present.
func (k *checkIn) askGrace() {
	if k.v.w.ID == 0 {
		return
	}
	k.readGrace()
	entry := widget.NewEntry()
	entry.SetText(strconv.Itoa(k.minutes))
	row := newFieldRow(lang.X("checkin.grace_field", "Minutes after the start"), entry)
	note := widget.NewLabel(lang.X("checkin.grace_note", "A badge scanned up to this many minutes after the session starts marks its holder present; later, late."))
	note.Wrapping = fyne.TextWrapWord
	var d *modal
	save := func() {
		minutes, err := strconv.Atoi(strings.TrimSpace(entry.Text))
		if err == nil {
			err = k.v.c.st.SetCheckInGrace(k.v.w.ID, time.Duration(minutes)*time.Minute)
		} else {
			row.setProblem(lang.X("error.whole_number", "{{.Field}} must be a whole number.",
				map[string]any{"Field": lang.X("checkin.grace_field", "Minutes after the start")}))
			return
		}
		if ve, ok := data.AsValidation(err); ok && len(ve.Fields) > 0 {
			row.setProblem(fieldMessage(ve.Fields[0], lang.X("checkin.grace_field", "Minutes after the start")))
			return
		}
		if err != nil {
			k.v.c.saveFailed(err)
			return
		}
		d.Hide()
		k.minutes = minutes
		k.showGrace()
	}
	entry.OnSubmitted = func(string) { save() }
	d = k.v.c.newModal(lang.X("checkin.grace_title", "Late after"), container.NewVBox(widget.NewForm(row.item()), note),
		cancelButton(func() { d.Hide() }), mainButton(lang.X("checkin.grace_save", "Save"), save))
	fitDialog(d, 460)
	d.Show()
	k.v.c.opened(d)
}

// venueNow is the venue's wall clock as session times carry it (see
// defaultSession): the laptop is at the venue.
func venueNow() time.Time {
	now := time.Now()
	return time.Date(now.Year(), now.Month(), now.Day(), now.Hour(), now.Minute(), now.Second(), 0, time.UTC)
}

// scan marks the participant whose code was scanned (or typed) in the
// session being taken.
func (k *checkIn) scan(code string) {
	v := k.v
	code = strings.TrimSpace(code)
	k.code.SetText("")
	if code == "" {
		return
	}
	if v.sid == 0 {
		k.show(flashRefused, lang.X("checkin.no_session", "Choose the session first, then scan."))
		return
	}
	sid, grace := v.sid, time.Duration(k.minutes)*time.Minute
	var in data.CheckIn
	v.c.save(func(ctx context.Context) (err error) {
		in, err = v.c.st.CheckInBadge(ctx, sid, code, grace, venueNow())
		return err
	}, func(err error) {
		switch {
		case errors.Is(err, data.ErrBusy):
			k.show(flashRefused, words(say.Of(err, say.Saving)))
		case err != nil:
			if w, ok := say.Cause(err, say.Saving); ok {
				k.show(flashRefused, words(w))
				return
			}
			k.show(flashRefused, saveProblem(err))
		default:
			args := map[string]any{"Name": in.Participant.FullName(), "Mark": markName(in.Mark)}
			text := lang.X("checkin.marked", "✓ {{.Name}}: {{.Mark}}", args)
			if in.Already {
				text = lang.X("checkin.already", "{{.Name}} was already marked {{.Mark}}", args)
			}
			colour := flashPresent
			if in.Mark == data.Late {
				colour = flashLate
			}
			k.show(colour, text)
			v.marked(in.Participant.ID, sid, in.Mark)
		}
	})
}

// show flashes the line under the field and says what the scan did.
func (k *checkIn) show(flash color.NRGBA, text string) {
	k.result.SetText(text)
	k.flash.FillColor = flash
	k.flash.Refresh()
	faded := flash
	faded.A = 0
	canvas.NewColorRGBAAnimation(flash, faded, 2*time.Second, func(c color.Color) {
		k.flash.FillColor = c
		k.flash.Refresh()
	}).Start()
	k.v.c.opened(checkedIn{text})
}

// checkedIn is what the window tells its test a scan showed.
type checkedIn struct{ text string }

// checkInEntry is the field the scanner types into; it reads the grace
// period anew when it takes the keyboard, since another window may have
// changed it.
type checkInEntry struct {
	widget.Entry
	k *checkIn
}

func newCheckInEntry(k *checkIn) *checkInEntry {
	e := &checkInEntry{k: k}
	e.ExtendBaseWidget(e)
	e.OnSubmitted = k.scan
	return e
}

func (e *checkInEntry) FocusGained() {
	e.Entry.FocusGained()
	e.k.readGrace()
}
