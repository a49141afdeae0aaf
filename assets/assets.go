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
