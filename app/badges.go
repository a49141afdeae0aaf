package app

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
	"github.com/atelier-workshops/atelier/say"
)

// The File menu's documents for before the workshop: letters, badges and
// table cards, and the logistics sheets (rooming, airport runs, per diem).

func (c *controller) travelMenuItems() []*fyne.MenuItem {
	return []*fyne.MenuItem{
		fyne.NewMenuItem(lang.X("letters.menu", "Letters…"), c.askLetters),
		fyne.NewMenuItem(lang.X("badges.menu", "Badges and table cards…"), c.askBadges),
		fyne.NewMenuItem(lang.X("logistics.menu", "Logistics sheets…"), c.askLogistics),
	}
}

// badgesChoice is what the badges dialog asks: a layout, or table cards.
type badgesChoice struct {
	layout reports.BadgeLayout
	tents  bool
}

func (c *controller) askBadges() {
	w, ok := c.selectedWorkshop()
	if !ok {
		return
	}
	choices := []badgesChoice{{reports.BadgesA4x8, false}, {reports.BadgesA6x4, false}, {reports.BadgesA4x8, true}}
	labels := []string{
		lang.X("badges.a4_8", "Badges, 8 to an A4 sheet (90 × 65 mm)"),
		lang.X("badges.a6_4", "Badges, 4 to an A4 sheet (A6 holders, 100 × 140 mm)"),
		lang.X("badges.tents", "Table cards, one A4 sheet folded in two each"),
	}
	pick := requiredChoice(labels...)
	intro := widget.NewLabel(lang.X("badges.intro", "For the confirmed participants, the trainers and the signatories. A participant’s badge has a QR code with their sign-in code: scanned at the door on the Attendance tab, it marks them present."))
	intro.Wrapping = fyne.TextWrapWord
	var d *modal
	d = c.newModal(lang.X("badges.title", "Badges and table cards"), container.NewVBox(intro, pick),
		cancelButton(func() { d.Hide() }), mainButton(lang.X("exports.continue", "Save as PDF…"), func() {
			d.Hide()
			ch := choices[max(0, slices.Index(labels, pick.Selected))]
			kind := reports.BadgesDocument
			if ch.tents {
				kind = reports.TableCardsDocument
			}
			c.askPDFPath(reports.FileName(kind, w), func(path string) { c.exportBadges(w.ID, ch, path, nil) })
		}))
	fitDialog(d, 560)
	d.Show()
	c.opened(d)
}

// exportBadges writes the badges off the UI goroutine, then says whose
// names the PDF's font could not draw: their badges have a line to write
// the name by hand.
func (c *controller) exportBadges(workshopID int64, ch badgesChoice, path string, done func(error)) {
	st := c.st
	var unprintable []reports.Unprintable
	title := lang.X("badges.title", "Badges and table cards")
	c.export(title, path, func(w io.Writer) error {
		d, err := st.BadgeData(workshopID)
		if err != nil {
			return err
		}
		unprintable, err = reports.WriteBadges(d, ch.layout, ch.tents, w)
		return err
	}, func(err error) {
		if err == nil && len(unprintable) > 0 {
			var names []string
			for _, u := range unprintable {
				// The window's font may lack the letters too: the script's
				// name says which they are.
				names = append(names, u.Badge.Name+" ("+say.ScriptNames(u.Missing)+")")
			}
			c.showMessage(title, []string{lang.XN("badges.unprintable",
				"The PDF’s font cannot draw the letters of {{.Count}} name, so its badge has a line to write it by hand: {{.Names}}",
				len(names), map[string]any{"Count": len(names), "Names": strings.Join(names, ", ")})})
		}
		if done != nil {
			done(err)
		}
	})
}

func (c *controller) askLogistics() {
	w, ok := c.selectedWorkshop()
	if !ok {
		return
	}
	labels := []string{
		lang.X("logistics.rooming", "Rooming list, by hotel and night"),
		lang.X("logistics.pickups", "Airport pick-ups and drop-offs, by time"),
		lang.X("logistics.perdiem", "Per-diem sheet, with a box to sign"),
	}
	pick := requiredChoice(labels...)
	rates, err := c.st.PerDiemRates(w.ID)
	if err != nil {
		c.readFailed(err)
		return
	}
	rateEntry := widget.NewEntry()
	rateEntry.SetText(ratesText(rates))
	rateEntry.SetPlaceHolder(lang.X("logistics.rates_hint", "e.g. USD 40, NGN 15000"))
	rateRow := newFieldRow(lang.X("logistics.rates", "Per diem, per day"), rateEntry)
	note := widget.NewLabel(lang.X("logistics.rates_note", "One daily amount per currency: each grantee is paid in their grant’s currency, or the first one. A day counts once attendance is taken on it, for those who came; until then it counts as planned."))
	note.Wrapping = fyne.TextWrapWord
	note.SizeName = "captionText"
	var d *modal
	d = c.newModal(lang.X("logistics.title", "Logistics sheets"),
		container.NewVBox(pick, widget.NewForm(rateRow.item()), note),
		cancelButton(func() { d.Hide() }), mainButton(lang.X("exports.continue", "Save as PDF…"), func() {
			parsed, ok := parseRates(rateEntry.Text)
			if !ok {
				rateRow.setProblem(lang.X("logistics.rates_format", "Write a currency code and an amount, such as USD 40, NGN 15000."))
				return
			}
			if err := c.st.SetPerDiemRates(w.ID, parsed); err != nil {
				if ve, ok := data.AsValidation(err); ok && len(ve.Fields) > 0 {
					rateRow.setProblem(fieldMessage(ve.Fields[0], lang.X("logistics.rates", "Per diem, per day")))
					return
				}
				c.saveFailed(err)
				return
			}
			d.Hide()
			kind := reports.LogisticsKinds[max(0, slices.Index(labels, pick.Selected))]
			c.askPDFPath(reports.TitledFileName(reports.LogisticsTitle(kind, w.Language), w, ".pdf"), func(path string) {
				c.exportLogistics(w.ID, kind, path, nil)
			})
		}))
	fitDialog(d, 600)
	d.Show()
	c.opened(d)
}

// exportLogistics writes one of the logistics sheets off the UI goroutine.
func (c *controller) exportLogistics(workshopID int64, kind reports.LogisticsKind, path string, done func(error)) {
	st := c.st
	c.export(lang.X("logistics.title", "Logistics sheets"), path, func(w io.Writer) error {
		d, err := st.LogisticsData(workshopID)
		if err != nil {
			return err
		}
		return reports.WriteLogistics(d, kind, w)
	}, done)
}

// ratesText writes daily rates as the rates entry reads them.
func ratesText(rates []data.PerDiemRate) string {
	parts := make([]string, len(rates))
	for i, r := range rates {
		amount := strconv.FormatFloat(float64(r.AmountMinor)/100, 'f', -1, 64)
		parts[i] = fmt.Sprintf("%s %s", r.Currency, amount)
	}
	return strings.Join(parts, ", ")
}

// parseRates reads "USD 40, NGN 15000" (or "40 USD"); ok is false for
// text that is not currencies and amounts.
func parseRates(text string) ([]data.PerDiemRate, bool) {
	var out []data.PerDiemRate
	for _, part := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		fields := strings.Fields(part)
		if len(fields) != 2 {
			return nil, false
		}
		currency, amount := fields[0], fields[1]
		if _, err := strconv.ParseFloat(strings.ReplaceAll(currency, ",", "."), 64); err == nil {
			currency, amount = amount, currency
		}
		minor, ok := parseAmount(amount)
		if !ok {
			return nil, false
		}
		out = append(out, data.PerDiemRate{Currency: strings.ToUpper(currency), AmountMinor: minor})
	}
	return out, true
}
