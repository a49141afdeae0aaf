package mail

import (
	"html"
	"strings"

	"github.com/atelier-workshops/atelier/data"
)

// The messages follow their recipient's language, as the documents they
// carry do, whatever language the window speaks: so their default words
// live here, beside the documents' own (reports/words.go), and not in the
// interface's translations. A workshop rewords them per kind and language
// (data.MailTemplate); a field left empty takes the default.

// DefaultTemplate is the message a kind sends in lang when the workshop
// has no words of its own.
func DefaultTemplate(kind data.MessageKind, lang data.Language) data.MailTemplate {
	byLang, ok := defaults[kind]
	if !ok {
		byLang = defaults[data.MessageText]
	}
	if t, ok := byLang[lang]; ok {
		return t
	}
	return byLang[data.English]
}

// TemplateFor is the template a message of kind in lang is written from:
// the workshop's own words over the defaults.
func TemplateFor(d data.MailingData, kind data.MessageKind, lang data.Language) data.MailTemplate {
	t := DefaultTemplate(kind, lang)
	own := d.Templates[kind][lang]
	if own.Subject != "" {
		t.Subject = own.Subject
	}
	if own.Body != "" {
		t.Body = own.Body
	}
	return t
}

// Fill puts the values in place of the placeholders of text; a
// placeholder without a value is left out.
func Fill(text string, values map[string]string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(text, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(text[open:], '}')
		if end < 0 {
			break
		}
		name := text[open+1 : open+end]
		if strings.ContainsAny(name, "{ \t\n") {
			b.WriteString(text[:open+1])
			text = text[open+1:]
			continue
		}
		b.WriteString(text[:open])
		b.WriteString(values[name])
		text = text[open+end+1:]
	}
	b.WriteString(text)
	return b.String()
}

// notYetGiven stands in a preview for what the register gives a document
// when it is issued: its serial number and code.
var notYetGiven = map[data.Language]string{
	data.English: "given when sent",
	data.French:  "attribué à l’envoi",
	data.Spanish: "asignado al enviar",
}

// HTMLOf is the HTML part of a message whose plain text is text: the same
// words, paragraph for paragraph, escaped, in the recipient's language.
func HTMLOf(text string, lang data.Language) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="` + string(lang) + `"><head><meta charset="utf-8"></head>` +
		`<body style="font-family:sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">`)
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if strings.TrimSpace(para) == "" {
			continue
		}
		lines := strings.Split(strings.Trim(para, "\n"), "\n")
		for i := range lines {
			lines[i] = html.EscapeString(lines[i])
		}
		b.WriteString("<p>" + strings.Join(lines, "<br>") + "</p>")
	}
	b.WriteString("</body></html>")
	return b.String()
}

type byLanguage = map[data.Language]data.MailTemplate

// defaults are the default messages.
var defaults = map[data.MessageKind]byLanguage{
	data.MessageCertificate: {
		data.English: {Subject: "Your certificate of attendance: {workshop}",
			Body: "Dear {name},\n\nThank you for taking part in “{workshop}”, held in {place}, {dates}.\n\n" +
				"Your certificate of attendance is attached to this message (serial number {serial}). " +
				"Anyone can check that it is genuine with its QR code or its verification code, {code}.\n\n" +
				"With our best wishes,\n{sender}\n{organiser}"},
		data.French: {Subject: "Votre attestation de participation\u00a0: {workshop}",
			Body: "Bonjour {name},\n\nMerci d’avoir pris part à l’atelier «\u00a0{workshop}\u00a0», à {place}, {dates}.\n\n" +
				"Vous trouverez votre attestation de participation en pièce jointe (numéro {serial}). " +
				"Chacun peut vérifier qu’elle est authentique grâce à son code QR ou à son code de vérification, {code}.\n\n" +
				"Bien cordialement,\n{sender}\n{organiser}"},
		data.Spanish: {Subject: "Su certificado de asistencia: {workshop}",
			Body: "Estimado/a {name}:\n\nGracias por participar en «{workshop}», en {place}, {dates}.\n\n" +
				"Adjuntamos su certificado de asistencia (número de serie {serial}). " +
				"Cualquiera puede comprobar que es auténtico con su código QR o su código de verificación, {code}.\n\n" +
				"Con nuestros mejores deseos,\n{sender}\n{organiser}"},
	},
	data.MessageVisa: {
		data.English: {Subject: "Your invitation letter for the visa: {workshop}",
			Body: "Dear {name},\n\nPlease find attached your letter of invitation to “{workshop}”, held in {place}, {dates}, " +
				"to present with your visa application (reference {serial}, verification code {code}).\n\n" +
				"With our best wishes,\n{sender}\n{organiser}"},
		data.French: {Subject: "Votre lettre d’invitation pour le visa\u00a0: {workshop}",
			Body: "Bonjour {name},\n\nVous trouverez ci-joint votre lettre d’invitation à l’atelier «\u00a0{workshop}\u00a0», " +
				"à {place}, {dates}, à joindre à votre demande de visa (référence {serial}, code de vérification {code}).\n\n" +
				"Bien cordialement,\n{sender}\n{organiser}"},
		data.Spanish: {Subject: "Su carta de invitación para el visado: {workshop}",
			Body: "Estimado/a {name}:\n\nAdjuntamos su carta de invitación a «{workshop}», en {place}, {dates}, " +
				"para presentar con su solicitud de visado (referencia {serial}, código de verificación {code}).\n\n" +
				"Con nuestros mejores deseos,\n{sender}\n{organiser}"},
	},
	data.MessageAward: {
		data.English: {Subject: "Your grant for {workshop}",
			Body: "Dear {name},\n\nWe are glad to confirm your grant to take part in “{workshop}”, held in {place}, {dates}. " +
				"The letter attached says what it covers (reference {serial}, verification code {code}).\n\n" +
				"With our best wishes,\n{sender}\n{organiser}"},
		data.French: {Subject: "Votre bourse pour l’atelier «\u00a0{workshop}\u00a0»",
			Body: "Bonjour {name},\n\nNous avons le plaisir de vous confirmer votre bourse pour l’atelier «\u00a0{workshop}\u00a0», " +
				"à {place}, {dates}. La lettre ci-jointe en précise la couverture (référence {serial}, code de vérification {code}).\n\n" +
				"Bien cordialement,\n{sender}\n{organiser}"},
		data.Spanish: {Subject: "Su beca para «{workshop}»",
			Body: "Estimado/a {name}:\n\nNos complace confirmarle su beca para participar en «{workshop}», en {place}, {dates}. " +
				"La carta adjunta indica lo que cubre (referencia {serial}, código de verificación {code}).\n\n" +
				"Con nuestros mejores deseos,\n{sender}\n{organiser}"},
	},
	data.MessageAttendance: {
		data.English: {Subject: "Your attendance letter: {workshop}",
			Body: "Dear {name},\n\nPlease find attached the letter attesting your attendance at “{workshop}”, held in {place}, {dates} " +
				"(reference {serial}, verification code {code}).\n\nWith our best wishes,\n{sender}\n{organiser}"},
		data.French: {Subject: "Votre lettre de présence\u00a0: {workshop}",
			Body: "Bonjour {name},\n\nVous trouverez ci-joint la lettre attestant votre présence à l’atelier «\u00a0{workshop}\u00a0», " +
				"à {place}, {dates} (référence {serial}, code de vérification {code}).\n\nBien cordialement,\n{sender}\n{organiser}"},
		data.Spanish: {Subject: "Su carta de asistencia: {workshop}",
			Body: "Estimado/a {name}:\n\nAdjuntamos la carta que acredita su asistencia a «{workshop}», en {place}, {dates} " +
				"(referencia {serial}, código de verificación {code}).\n\nCon nuestros mejores deseos,\n{sender}\n{organiser}"},
	},
	data.MessageWorkbook: {
		data.English: {Subject: "Workbook of {workshop}",
			Body: "Dear colleagues,\n\nPlease find attached the workbook of “{workshop}”, held in {place}, {dates}: " +
				"participants, attendance, programme, trainers, grants and certificates, as they stand today.\n\n" +
				"With our best wishes,\n{sender}\n{organiser}"},
		data.French: {Subject: "Classeur de l’atelier «\u00a0{workshop}\u00a0»",
			Body: "Chers collègues,\n\nVous trouverez ci-joint le classeur de l’atelier «\u00a0{workshop}\u00a0», à {place}, {dates}\u00a0: " +
				"participants, présences, programme, formateurs, bourses et attestations, tels qu’ils sont aujourd’hui.\n\n" +
				"Bien cordialement,\n{sender}\n{organiser}"},
		data.Spanish: {Subject: "Libro de «{workshop}»",
			Body: "Estimados colegas:\n\nAdjuntamos el libro de «{workshop}», en {place}, {dates}: " +
				"participantes, asistencia, programa, formadores, becas y certificados, tal como están hoy.\n\n" +
				"Con nuestros mejores deseos,\n{sender}\n{organiser}"},
	},
	data.MessageText: {
		data.English: {Subject: "{workshop}", Body: "Dear {name},\n\n\n\nWith our best wishes,\n{sender}\n{organiser}"},
		data.French:  {Subject: "{workshop}", Body: "Bonjour {name},\n\n\n\nBien cordialement,\n{sender}\n{organiser}"},
		data.Spanish: {Subject: "{workshop}", Body: "Estimado/a {name}:\n\n\n\nCon nuestros mejores deseos,\n{sender}\n{organiser}"},
	},
}
