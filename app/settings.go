package app

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/assets"
)

// languagePreference keeps the interface language chosen in Settings: "en",
// "fr" or "es", or "" to follow the system.
const languagePreference = "interface.language"

// interfaceLanguages are the choices of the Settings dialog after System,
// each named in its own language so that anyone can find theirs.
var interfaceLanguages = []struct{ code, name, locale string }{
	{"en", "English", "en_GB.UTF-8"},
	{"fr", "Français", "fr_FR.UTF-8"},
	{"es", "Español", "es_ES.UTF-8"},
}

// systemMessagesEnv is the environment Fyne's locale lookup read at start,
// so that choosing System again goes back to it.
var systemMessagesEnv = map[string]string{"LANGUAGE": os.Getenv("LANGUAGE"), "LC_MESSAGES": os.Getenv("LC_MESSAGES")}

// applyLanguage points Fyne's locale lookup at code ("" for the system's
// language) and reloads the translations, which makes Fyne choose again.
// Fyne has no call to set the language, but it reads LANGUAGE and
// LC_MESSAGES, which concern messages only. LC_ALL, when a user sets it,
// overrides everything, as it does for every program.
func applyLanguage(code string) {
	env := systemMessagesEnv
	for _, l := range interfaceLanguages {
		if l.code == code {
			env = map[string]string{"LANGUAGE": l.code, "LC_MESSAGES": l.locale}
		}
	}
	for name, value := range env {
		if value == "" {
			os.Unsetenv(name)
		} else {
			os.Setenv(name, value)
		}
	}
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		fyne.LogError("Loading Atelier's translations", err)
	}
}

// showSettings shows the settings, one section each: the interface
// language and what follows it, then the mail account. A section is built
// by a method of its own and listed here.
func (c *controller) showSettings() *modal {
	var d *modal
	sections := container.NewVBox(c.languageSettings(func() { d.Hide() }), c.mailSettings())
	// In French and Spanish the settings are taller than a 1024×600
	// window: they scroll there, and Close stays below them rather than
	// over the last section. The wrapped text is measured at the width
	// the dialog gives it.
	const width, content = 560, 520
	sections.Resize(fyne.NewSize(content, sections.MinSize().Height))
	body := container.NewVScroll(sections)
	body.SetMinSize(fyne.NewSize(content, min(sections.MinSize().Height, c.win.Canvas().Size().Height-160)))
	d = c.showClosable(lang.X("settings.title", "Settings"), body, width)
	return d
}

// languageSettings lets the organiser choose the interface language. The
// choice is kept in the app's preferences and applies at once; close
// closes the settings before the window is rebuilt in the new language.
func (c *controller) languageSettings(close func()) fyne.CanvasObject {
	names := []string{lang.X("settings.language.system", "System language")}
	for _, l := range interfaceLanguages {
		names = append(names, l.name)
	}
	current := c.app.Preferences().String(languagePreference)
	choice := widget.NewSelect(names, nil)
	choice.SetSelectedIndex(0)
	for i, l := range interfaceLanguages {
		if l.code == current {
			choice.SetSelectedIndex(i + 1)
		}
	}
	choice.OnChanged = func(string) {
		code := ""
		if i := choice.SelectedIndex(); i > 0 {
			code = interfaceLanguages[i-1].code
		}
		c.app.Preferences().SetString(languagePreference, code)
		close()
		c.relabel(code)
	}
	form := widget.NewForm(widget.NewFormItem(lang.X("settings.language", "Interface language"), choice))
	// What this says is what reports and data do: the programme, sign-in
	// sheets, badges, logistics sheets and workbook take the workshop's
	// language (reports/programme.go, signin.go, badges.go, logistics.go,
	// workbook.go), a certificate or a letter its holder's or else the
	// workshop's (data/certificate_issue.go, letter_issue.go), the overview
	// of several files the language it is made in.
	hint := widget.NewRichTextFromMarkdown(lang.X("settings.language.hint", "The interface language changes the words of this window only. Documents do not follow it:\n\n* the programme, the sign-in sheets, the badges and table cards, the logistics sheets and the workbook for the secretariat are written in each workshop's working language (on its Details tab), and so are their file names;\n* a participant's certificate and letters are written in the language chosen on their sheet, or in the workshop's when none is; trainers' certificates in the workshop's;\n* the overview of several files is written in the interface language."))
	hint.Wrapping = fyne.TextWrapWord
	return widget.NewCard(lang.X("settings.language.title", "Language"), "", container.NewVBox(form, hint))
}

// relabel rebuilds the window in the newly chosen language, keeping the
// workshop that was open and the tab it was on.
func (c *controller) relabel(code string) {
	c.screen.form.flush()
	open := c.screen.form.id()
	tab := c.screen.tabs.SelectedIndex()
	applyLanguage(code)
	c.screen = newWorkshopsScreen(c)
	c.screen.buildTabs()
	c.win.SetContent(c.frame())
	c.win.SetMainMenu(c.mainMenu())
	c.showTitle()
	c.screen.reload()
	if open != 0 {
		c.screen.selectID(open)
		if tab > 0 {
			c.screen.tabs.SelectIndex(tab)
		}
	}
}
