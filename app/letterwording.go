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
	"github.com/atelier-workshops/atelier/reports"
)

// letterWordingDialog edits a workshop's wording of one kind of letter,
// language by language, and what its letters share: the address under
// the letterhead and who signs. Every change is saved at once; an empty
// field shows the default wording in grey and prints it.
type letterWordingDialog struct {
	c             *controller
	w             data.Workshop
	d             *modal
	kind          *widget.Select
	language      *widget.Select
	subject, body *widget.Entry
	address       *widget.Entry
	signatory     *widget.Select
	placeholders  *widget.Label
	status        *widget.Label
	loading       bool
}

func (c *controller) showLetterWording(w data.Workshop, kind data.LetterKind) *letterWordingDialog {
	// Nothing is saved while the dialog fills its fields.
	g := &letterWordingDialog{c: c, w: w, status: widget.NewLabel(""), loading: true}
	g.status.Wrapping = fyne.TextWrapWord
	var kinds, langs []string
	for _, k := range data.LetterKinds {
		kinds = append(kinds, letterKindName(k))
	}
	for _, l := range data.Languages {
		langs = append(langs, languageName(l))
	}
	g.kind = widget.NewSelect(kinds, func(string) { g.load() })
	g.language = widget.NewSelect(langs, func(string) { g.load() })
	g.subject = widget.NewEntry()
	g.body = widget.NewMultiLineEntry()
	g.body.Wrapping = fyne.TextWrapWord
	g.body.SetMinRowsVisible(9)
	g.subject.OnChanged = func(string) { g.saveWording() }
	g.body.OnChanged = func(string) { g.saveWording() }
	g.placeholders = widget.NewLabel("")
	g.placeholders.Wrapping = fyne.TextWrapWord
	g.placeholders.SizeName = theme.SizeNameCaptionText

	settings, err := c.st.LetterSettings(w.ID)
	if err != nil {
		c.readFailed(err)
		return nil
	}
	signatories, err := c.st.Signatories(w.ID)
	if err != nil {
		c.readFailed(err)
		return nil
	}
	g.address = widget.NewMultiLineEntry()
	g.address.SetMinRowsVisible(3)
	g.address.SetPlaceHolder(strings.Join(nonEmptyLines(w.Venue, w.City), "\n"))
	g.address.SetText(settings.Address)
	var names []string
	for _, s := range signatories {
		names = append(names, s.Name)
	}
	g.signatory = widget.NewSelect(names, func(string) { g.saveSettings() })
	g.signatory.PlaceHolder = lang.X("letters.no_signatory", "Add signatories in the Certificates tab")
	if len(names) > 0 {
		i := slices.IndexFunc(signatories, func(s data.Signatory) bool { return s.Position == settings.Signatory })
		g.signatory.SetSelectedIndex(max(0, i))
	}
	g.address.OnChanged = func(string) { g.saveSettings() }

	form := widget.NewForm(
		widget.NewFormItem(lang.X("letters.wording.kind", "Letter"), g.kind),
		widget.NewFormItem(lang.X("certificates.wording.language", "Language"), g.language),
		widget.NewFormItem(lang.X("letters.wording.subject", "Subject"), g.subject),
		widget.NewFormItem(lang.X("letters.wording.body", "Text"), g.body),
		widget.NewFormItem("", g.placeholders),
		widget.NewFormItem(lang.X("letters.wording.address", "Address under the logos"), g.address),
		widget.NewFormItem(lang.X("letters.wording.signatory", "Signed by"), g.signatory),
	)
	intro := widget.NewLabel(lang.X("letters.wording.intro", "The letters of this workshop say this, in each participant’s language. Words in braces, such as {name}, are filled in for each participant. An empty field prints the default wording shown in grey. Changes are saved at once."))
	intro.Wrapping = fyne.TextWrapWord
	g.d = c.newModal(lang.X("letters.wording", "Wording and letterhead"),
		container.NewVScroll(container.NewVBox(intro, form, g.status)), closeButton(func() { g.d.Hide() }))
	g.kind.SetSelectedIndex(max(0, slices.Index(data.LetterKinds, kind)))
	g.loading = false
	g.language.SetSelectedIndex(max(0, slices.Index(data.Languages, w.Language)))
	g.d.Resize(fyne.NewSize(760, min(c.win.Canvas().Size().Height-40, 700)))
	g.d.Show()
	c.opened(g)
	return g
}

func nonEmptyLines(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

func (g *letterWordingDialog) current() (data.LetterKind, data.Language, bool) {
	k, l := g.kind.SelectedIndex(), g.language.SelectedIndex()
	if k < 0 || l < 0 {
		return "", "", false
	}
	return data.LetterKinds[k], data.Languages[l], true
}

// load shows the wording of the kind and language chosen.
func (g *letterWordingDialog) load() {
	kind, language, ok := g.current()
	if !ok || g.loading {
		return
	}
	own, err := g.c.st.LetterWording(g.w.ID, kind, language)
	if err != nil {
		g.c.readFailed(err)
		return
	}
	defaults := reports.LetterWords(kind, language, data.LetterWording{})
	g.loading = true
	defer func() { g.loading = false }()
	g.subject.SetPlaceHolder(defaults.Subject)
	g.body.SetPlaceHolder(defaults.Body)
	g.subject.SetText(own.Subject)
	g.body.SetText(own.Body)
	var names []string
	for _, p := range data.LetterPlaceholders(kind) {
		names = append(names, "{"+p+"}")
	}
	g.placeholders.SetText(lang.X("letters.wording.placeholders", "Can be filled in: {{.List}}",
		map[string]any{"List": strings.Join(names, " ")}))
}

func (g *letterWordingDialog) saveWording() {
	kind, language, ok := g.current()
	if g.loading || !ok {
		return
	}
	g.show(g.c.st.SetLetterWording(g.w.ID, kind, language, data.LetterWording{Subject: g.subject.Text, Body: g.body.Text}))
}

func (g *letterWordingDialog) saveSettings() {
	if g.loading {
		return
	}
	s := data.LetterSettings{Address: g.address.Text}
	if i := g.signatory.SelectedIndex(); i >= 0 {
		s.Signatory = i + 1
	}
	g.show(g.c.st.SetLetterSettings(g.w.ID, s))
}

// show says whether the last change was saved, or what stops it.
func (g *letterWordingDialog) show(err error) {
	switch ve, ok := data.AsValidation(err); {
	case ok && len(ve.Fields) > 0:
		label := lang.X("letters.wording.body", "Text")
		if ve.Fields[0].Field == "subject" {
			label = lang.X("letters.wording.subject", "Subject")
		}
		g.status.Importance = widget.DangerImportance
		g.status.SetText(fieldMessage(ve.Fields[0], label))
	case err != nil:
		g.status.Importance = widget.DangerImportance
		g.status.SetText(saveProblem(err))
	default:
		g.status.Importance = widget.MediumImportance
		g.status.SetText(lang.X("certificates.wording.saved", "Saved."))
	}
}
