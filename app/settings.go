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

// showSettings lets the organiser choose the interface language. The choice
// is kept in the app's preferences and applies at once.
func (c *controller) showSettings() *modal {
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
	var d *modal
	choice.OnChanged = func(string) {
		code := ""
		if i := choice.SelectedIndex(); i > 0 {
			code = interfaceLanguages[i-1].code
		}
		c.app.Preferences().SetString(languagePreference, code)
		d.Hide()
		c.relabel(code)
	}
	form := widget.NewForm(widget.NewFormItem(lang.X("settings.language", "Interface language"), choice))
	hint := widget.NewLabel(lang.X("settings.language.hint",
		"Documents (programme, sign-in sheets, certificates, workbook) follow each workshop's working language."))
	hint.Wrapping = fyne.TextWrapWord
	d = c.showClosable(lang.X("settings.title", "Settings"), container.NewVBox(form, hint, c.mailSettings()), 480)
	return d
}

// relabel rebuilds the window in the newly chosen language, keeping the
// workshop that was open.
func (c *controller) relabel(code string) {
	c.screen.form.flush()
	open := c.screen.form.id()
	applyLanguage(code)
	c.screen = newWorkshopsScreen(c)
	c.win.SetContent(c.frame())
	c.win.SetMainMenu(c.mainMenu())
	c.showTitle()
	c.screen.reload()
	if open != 0 {
		c.screen.selectID(open)
	}
}
