package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
)

// wordingDialog edits a workshop's own certificate wording, language by
// language, and its signatories; every change is saved at once. An empty
// wording field shows the default wording as its placeholder and prints it.
type wordingDialog struct {
	v                    *certificatesView
	d                    *modal
	langs                []data.Language
	language             *widget.Select
	current              data.Language
	title, body, trainer *widget.Entry
	names, roles         [data.MaxSignatories]*widget.Entry
	images               [data.MaxSignatories][]byte // signature images, nil for none
	thumbs               [data.MaxSignatories]*fyne.Container
	status               *widget.Label
	loading              bool
}

func (v *certificatesView) showWording() {
	if v.w.ID == 0 {
		return
	}
	g := &wordingDialog{v: v, langs: data.Languages, status: widget.NewLabel("")}
	g.status.Wrapping = fyne.TextWrapWord
	var names []string
	for _, l := range g.langs {
		names = append(names, languageName(l))
	}
	g.language = widget.NewSelect(names, func(string) { g.loadWording() })
	g.title, g.body, g.trainer = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	for _, e := range []*widget.Entry{g.title, g.body, g.trainer} {
		e.OnChanged = func(string) { g.saveWording() }
	}
	form := widget.NewForm(
		widget.NewFormItem(lang.X("certificates.wording.language", "Language"), g.language),
		widget.NewFormItem(lang.X("certificates.wording.title", "Title"), g.title),
		widget.NewFormItem(lang.X("certificates.wording.body", "Above the workshop"), g.body),
		widget.NewFormItem(lang.X("certificates.wording.trainer", "For trainers"), g.trainer),
	)
	signers := widget.NewForm()
	list, err := v.c.st.Signatories(v.w.ID)
	if err != nil {
		v.c.readFailed(err)
		return
	}
	g.loading = true
	for i := range data.MaxSignatories {
		g.names[i], g.roles[i] = widget.NewEntry(), widget.NewEntry()
		g.names[i].SetPlaceHolder(lang.X("certificates.signatory.name", "Name"))
		g.roles[i].SetPlaceHolder(lang.X("certificates.signatory.title", "Title or position"))
		if i < len(list) {
			g.names[i].SetText(list[i].Name)
			g.roles[i].SetText(list[i].Title)
			g.images[i] = list[i].Signature
		}
		g.names[i].OnChanged = func(string) { g.saveSignatories() }
		g.roles[i].OnChanged = func(string) { g.saveSignatories() }
		g.thumbs[i] = container.NewStack()
		g.showSignature(i)
		choose := widget.NewButtonWithIcon(lang.X("certificates.signature", "Signature…"), theme.FileImageIcon(), func() {
			chooseImage(v.c.win, g.problem, func(path string) { g.useSignatureFile(i, path) })
		})
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			g.images[i] = nil
			g.showSignature(i)
			g.saveSignatories()
		})
		signers.Append(lang.X("certificates.signatory", "Signatory {{.N}}", map[string]any{"N": i + 1}),
			container.NewBorder(nil, nil, nil, container.NewHBox(g.thumbs[i], choose, remove),
				container.NewGridWithColumns(2, g.names[i], g.roles[i])))
	}
	g.loading = false
	intro := widget.NewLabel(lang.X("certificates.wording.intro", "The certificates of this workshop say this in each language. An empty field prints the default wording shown in grey. Changes are saved at once."))
	intro.Wrapping = fyne.TextWrapWord
	heading := widget.NewLabel(lang.X("certificates.signatories", "Signatories (up to three, printed at the foot)"))
	heading.TextStyle.Bold = true
	g.d = v.c.newModal(lang.X("certificates.wording", "Wording and signatories"),
		container.NewVBox(intro, form, heading, signers, g.status), closeButton(func() { g.d.Hide() }))
	g.language.SetSelectedIndex(max(0, slices.Index(g.langs, v.w.Language)))
	fitDialog(g.d, 720)
	g.d.Show()
	v.c.opened(g)
}

// loadWording shows the wording of the language chosen.
func (g *wordingDialog) loadWording() {
	g.current = g.langs[g.language.SelectedIndex()]
	own, err := g.v.c.st.CertificateWording(g.v.w.ID, g.current)
	if err != nil {
		g.v.c.readFailed(err)
		return
	}
	defaults := reports.CertificateWords(g.current, data.CertificateWording{})
	g.loading = true
	defer func() { g.loading = false }()
	for _, f := range []struct {
		e        *widget.Entry
		own, def string
	}{{g.title, own.Title, defaults.Title}, {g.body, own.Body, defaults.Body}, {g.trainer, own.TrainerBody, defaults.TrainerBody}} {
		f.e.SetPlaceHolder(f.def)
		f.e.SetText(f.own)
	}
}

func (g *wordingDialog) saveWording() {
	if g.loading || g.current == "" {
		return
	}
	err := g.v.c.st.SetCertificateWording(g.v.w.ID, g.current,
		data.CertificateWording{Title: g.title.Text, Body: g.body.Text, TrainerBody: g.trainer.Text})
	g.show(err)
}

// saveSignatories saves the rows with a name, in order, each with its
// signature image.
func (g *wordingDialog) saveSignatories() {
	if g.loading {
		return
	}
	var list []data.Signatory
	for i := range data.MaxSignatories {
		if g.names[i].Text != "" {
			list = append(list, data.Signatory{Name: g.names[i].Text, Title: g.roles[i].Text, Signature: g.images[i]})
		}
	}
	g.show(g.v.c.st.SetSignatories(g.v.w.ID, list))
}

func (g *wordingDialog) showSignature(i int) {
	g.thumbs[i].Objects = []fyne.CanvasObject{logoImage(g.images[i], 72, 32)}
	g.thumbs[i].Refresh()
}

// useSignatureFile takes the image at path as signatory i's signature, or
// says why it cannot, keeping the one there was.
func (g *wordingDialog) useSignatureFile(i int, path string) {
	b, problem := readImage(path, lang.X("certificates.signature_label", "Signature"))
	if problem != "" {
		g.problem(problem)
		return
	}
	g.images[i] = b
	g.showSignature(i)
	g.saveSignatories()
}

func (g *wordingDialog) problem(msg string) {
	g.status.Importance = widget.DangerImportance
	g.status.SetText(msg)
}

// show says whether the last change was saved.
func (g *wordingDialog) show(err error) {
	if err != nil {
		if ve, ok := data.AsValidation(err); ok && len(ve.Fields) > 0 {
			g.problem(fieldMessage(ve.Fields[0], lang.X("certificates.signatory.name", "Name")))
			return
		}
		g.problem(saveProblem(err))
		return
	}
	g.status.Importance = widget.MediumImportance
	g.status.SetText(lang.X("certificates.wording.saved", "Saved."))
}
