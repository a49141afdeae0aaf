package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// titlesDialog edits a workshop's title and theme, and its signatories'
// roles, in the languages other than its working one: a certificate in a
// participant's language prints them. An empty field shows, in grey, the
// workshop's own wording, which prints in its place. Every change is saved
// at once.
type titlesDialog struct {
	v       *certificatesView
	d       *modal
	langs   []data.Language // the languages other than the workshop's
	titles  map[data.Language]*widget.Entry
	themes  map[data.Language]*widget.Entry
	roles   map[data.Language][]*widget.Entry // by signatory, in order
	signers []data.Signatory
	status  *widget.Label
	loading bool
}

func (v *certificatesView) showTitles() *titlesDialog {
	if v.w.ID == 0 {
		return nil
	}
	texts, err := v.c.st.WorkshopTexts(v.w.ID)
	if err != nil {
		v.c.readFailed(err)
		return nil
	}
	signers, err := v.c.st.Signatories(v.w.ID)
	if err != nil {
		v.c.readFailed(err)
		return nil
	}
	g := &titlesDialog{v: v, signers: signers, status: widget.NewLabel(""), titles: map[data.Language]*widget.Entry{},
		themes: map[data.Language]*widget.Entry{}, roles: map[data.Language][]*widget.Entry{}}
	g.status.Wrapping = fyne.TextWrapWord
	g.loading = true
	body := container.NewVBox()
	for _, l := range data.Languages {
		if l == v.w.Language {
			continue
		}
		g.langs = append(g.langs, l)
		heading := widget.NewLabel(languageName(l))
		heading.TextStyle.Bold = true
		title, themeEntry := widget.NewEntry(), widget.NewEntry()
		title.SetPlaceHolder(v.w.Title)
		themeEntry.SetPlaceHolder(v.w.Theme)
		title.SetText(texts[l].Title)
		themeEntry.SetText(texts[l].Theme)
		g.titles[l], g.themes[l] = title, themeEntry
		form := widget.NewForm(
			widget.NewFormItem(lang.X("titles.title", "Title"), title),
			widget.NewFormItem(lang.X("titles.theme", "Theme"), themeEntry))
		for _, s := range signers {
			role := widget.NewEntry()
			role.SetPlaceHolder(s.Title)
			role.SetText(s.Titles[l])
			g.roles[l] = append(g.roles[l], role)
			form.Append(lang.X("titles.role", "Role of {{.Name}}", map[string]any{"Name": s.Name}), role)
		}
		title.OnChanged = func(string) { g.saveText(l) }
		themeEntry.OnChanged = func(string) { g.saveText(l) }
		for i, role := range g.roles[l] {
			role.OnChanged = func(string) { g.saveRole(l, i) }
		}
		body.Add(heading)
		body.Add(form)
	}
	g.loading = false
	intro := widget.NewLabel(lang.X("titles.intro", "A certificate is printed in its holder’s language, or in the workshop’s when none is given. Give the title, the theme and the signatories’ roles in the other languages here; an empty field prints the workshop’s own, shown in grey. Changes are saved at once."))
	intro.Wrapping = fyne.TextWrapWord
	// Two languages of title, theme and up to three roles: taller than a
	// small screen, so they scroll.
	scroll := container.NewVScroll(body)
	scroll.SetMinSize(fyne.NewSize(0, 360))
	g.d = v.c.newModal(lang.X("titles.dialog", "Titles in other languages"),
		container.NewBorder(intro, g.status, nil, nil, scroll), closeButton(func() { g.d.Hide() }))
	fitDialog(g.d, 760)
	g.d.Show()
	return g
}

func (g *titlesDialog) saveText(l data.Language) {
	if g.loading {
		return
	}
	g.show(g.v.c.st.SetWorkshopText(g.v.w.ID, l, data.WorkshopText{Title: g.titles[l].Text, Theme: g.themes[l].Text}),
		lang.X("titles.title", "Title"))
}

func (g *titlesDialog) saveRole(l data.Language, i int) {
	if g.loading {
		return
	}
	s := g.signers[i]
	g.show(g.v.c.st.SetSignatoryTitle(g.v.w.ID, s.Position, l, g.roles[l][i].Text),
		lang.X("titles.role", "Role of {{.Name}}", map[string]any{"Name": s.Name}))
}

// show says whether the last change was saved, or what is wrong with it.
func (g *titlesDialog) show(err error, label string) { showSaved(g.status, err, label) }
