package app

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// letterVerified words a genuine letter for the Verify field: which kind,
// to whom, for which workshop, and the key that signed it.
func letterVerified(kind data.LetterKind, v data.Verification, args map[string]any) (string, widget.Importance) {
	args["Kind"] = letterKindName(kind)
	args["Title"] = v.Says.Field(data.LabelWorkshop)
	text := lang.X("letters.genuine", "Genuine letter ({{.Kind}}): {{.Serial}}, {{.Name}}, “{{.Title}}”, {{.Place}}, {{.Dates}}. Signed with the issuer key {{.Key}}.", args)
	if !v.InRegister {
		text += " " + lang.X("verify.elsewhere", "It is not in this file’s register: it was issued from another file of the same issuer.")
	}
	return text, widget.SuccessImportance
}

// alteredArgs names the register entry, certificate or letter, that was
// changed after issue.
func alteredArgs(v data.Verification) map[string]any {
	if v.Letter != nil {
		return map[string]any{"Serial": v.Letter.Serial, "Name": v.Letter.HolderName}
	}
	return map[string]any{"Serial": v.Certificate.Serial, "Name": v.Certificate.HolderName}
}
