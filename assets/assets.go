// Package assets embeds what the program ships with: translations, fonts,
// the icon and default images.
package assets

import "embed"

// Translations holds the interface's messages for Fyne's lang package: the
// core files en.json, fr.json and es.json, and one set per screen named
// SCREEN.en.json and so on, so that each screen's strings sit together.
//
//go:embed translations/*.json
var Translations embed.FS

// FyneTranslations holds words of Fyne's own widgets that Fyne's
// translations lack in a language Atelier speaks, one file per language
// (fr.json…) in Fyne's keys: in Fyne 2.7, the French weekdays that head
// the columns of its date picker.
//
//go:embed fyne/*.json
var FyneTranslations embed.FS
