// Package app is Atelier's desktop interface, built with Fyne. It holds no
// SQL and no report code: it reads and writes through package data.
package app

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/atelier-workshops/atelier/assets"
	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/say"
)

// Every call in this package is lang.X(key, English) rather than lang.L(key):
// for a system language Atelier has no file for but Fyne does (German,
// Polish…), Fyne returns the fallback text, so those users read English
// instead of bare keys. A test checks each fallback against en.json.

var translationsOnce sync.Once

// loadTranslations registers the en, fr and es files with Fyne's lang
// package, which then picks the closest one to the system's language, and
// the words Fyne's own translations lack for its widgets.
func loadTranslations() {
	translationsOnce.Do(func() {
		if err := lang.AddTranslationsFS(assets.FyneTranslations, "fyne"); err != nil {
			fyne.LogError("Loading the words Fyne lacks", err)
		}
		if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
			fyne.LogError("Loading Atelier's translations", err)
		}
	})
}

// uiLanguage is the language the interface is shown in. It is read from the
// translation files themselves, so that it always matches the words on
// screen, including when the system language falls back to English.
func uiLanguage() data.Language {
	switch l := data.Language(lang.X("meta.language", "en")); l {
	case data.French, data.Spanish:
		return l
	}
	return data.English
}

// languageName names a working language in the interface language.
func languageName(l data.Language) string { return named("language.", l, "") }

// roleName names an organisation's role on a workshop.
func roleName(r data.Role) string { return named("role.", r, "") }

// dateArgs are the message arguments that data fills with ISO dates; they
// are shown the way the rest of the interface writes dates.
var dateArgs = map[string]bool{"Start": true, "End": true, "Day": true}

// fieldMessage words a validation problem in the interface language. label
// is the field's name as the form shows it: data's Args["Field"] is English.
func fieldMessage(fe data.FieldError, label string) string {
	if fe.Key == "" {
		return fe.Message
	}
	args := make(map[string]any, len(fe.Args)+1)
	for k, v := range fe.Args {
		if s, ok := v.(string); ok && dateArgs[k] {
			if d, err := data.ParseDate(s); err == nil {
				v = formatDate(d)
			}
		}
		args[k] = v
	}
	args["Field"] = label
	return lang.X(fe.Key, fe.Message, say.NumbersIn(args, uiLanguage()))
}

// named is the word for one value of one of data's lists (a status, a mark,
// a kind of session, a month…): the message prefix+value of the translation
// files ("participants.status." and "confirmed"), or prefix+empty for the
// empty value; a value with no message reads as itself. The test of the
// translations checks that every value of data's lists has its message.
func named[V ~string](prefix string, v V, empty string) string {
	value := string(v)
	if value == "" {
		if empty == "" {
			return ""
		}
		value = empty
	}
	english := say.Template(prefix + value)
	if english == "" {
		return string(v)
	}
	return lang.X(prefix+value, english)
}

// fieldLabel names a field of a form, by data's name for it: the message
// prefix+field of the translation files, or else field.+field, the names
// the forms share (Title, Country…). The test of the translations checks
// that every field of every form has its name.
func fieldLabel(prefix, field string) string {
	if say.Template(prefix+field) == "" {
		prefix = "field."
	}
	return named(prefix, field, "")
}
