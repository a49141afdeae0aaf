// Package assets embeds what the program ships with: translations, fonts,
// the icon and default images.
package assets

import "embed"

// Translations holds en.json, fr.json and es.json for Fyne's lang package.
//
//go:embed translations/*.json
var Translations embed.FS
