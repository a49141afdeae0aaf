package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// verificationWords words what checking a code or a QR code's text with
// the file found, for the Certificates screen's Verify field. It repeats
// only what the code or signature covers (data.Verification.Says).
func verificationWords(v data.Verification, err error) (string, widget.Importance) {
	if errors.Is(err, data.ErrUnknownCode) {
		return lang.X("certificates.unknown", "Not genuine: no certificate or letter in this file has this code."), widget.DangerImportance
	}
	says := v.Says
	title := says.Field(data.LabelAttended)
	if title == "" {
		title = says.Field(data.LabelLed)
	}
	dates := says.Field(data.LabelDates)
	if start, end, ok := data.ParseDatesText(dates); ok {
		dates = formatDateRange(start, end)
	}
	args := map[string]any{"Serial": says.Serial, "Name": says.Field(data.LabelName), "Title": title,
		"Place": says.Field(data.LabelPlace), "Dates": dates, "Key": v.Issuer}
	if kind, ok := data.LetterKindOf(says); ok && v.Verdict == data.Genuine {
		return letterVerified(kind, v, args)
	}
	switch v.Verdict {
	case data.Genuine:
		if v.Issuer == "" { // issued before signatures: its code did not cover the place
			return lang.X("certificates.genuine", "Genuine: {{.Serial}}, {{.Name}}, “{{.Title}}”, {{.Dates}}.", args),
				widget.SuccessImportance
		}
		text := lang.X("verify.genuine", "Genuine: {{.Serial}}, {{.Name}}, “{{.Title}}”, {{.Place}}, {{.Dates}}. Signed with the issuer key {{.Key}}.", args)
		if !v.InRegister {
			text += " " + lang.X("verify.elsewhere", "It is not in this file’s register: it was issued from another file of the same issuer.")
		}
		return text, widget.SuccessImportance
	case data.Revoked:
		args["Date"] = formatDate(data.DateOf(v.Revocation.RevokedAt))
		args["Reason"] = v.Revocation.Reason
		return lang.X("verify.revoked", "Revoked on {{.Date}}: {{.Reason}} ({{.Serial}}, {{.Name}}).", args), widget.WarningImportance
	case data.Changed:
		var now []string
		for _, c := range v.Changes {
			value := c.Now
			if start, end, ok := data.ParseDatesText(value); ok {
				value = formatDateRange(start, end)
			}
			now = append(now, "“"+value+"”")
		}
		args["Now"] = strings.Join(now, ", ")
		return lang.X("verify.changed", "Changed since it was issued: {{.Serial}} ({{.Name}}) is genuine as printed, but its workshop now says {{.Now}}. Print the certificates again to issue it anew.", args),
			widget.WarningImportance
	}
	switch v.Why {
	case data.ReasonAltered:
		return lang.X("certificates.tampered", "Not genuine: the register entry {{.Serial}} ({{.Name}}) was changed after it was issued.",
			alteredArgs(v)), widget.DangerImportance
	case data.ReasonBadSignature:
		return lang.X("verify.bad_signature", "Not genuine: the text is not what the issuer key {{.Key}} signed; it was changed after signing.", args),
			widget.DangerImportance
	case data.ReasonUnknownIssuer:
		return lang.X("verify.unknown_issuer", "Not genuine for this file: it says it was signed with the key {{.Key}}, which is not one of this file’s issuer keys.", args),
			widget.DangerImportance
	}
	return lang.X("verify.malformed", "Not genuine: this is neither a verification code nor the text of a certificate’s QR code."),
		widget.DangerImportance
}

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
