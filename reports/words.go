package reports

import "github.com/atelier-workshops/atelier/data"

// words are the fixed labels of the documents in one language. Documents
// follow the workshop's working language, not the interface's, so these
// live here and not in the interface translations.
type words struct {
	Programme, Day, Trainers, TrainersHeading string
	OrganisedBy, HostedBy, InPartnershipWith  string
	WithTheSupportOf, Venue, Room, InRoom     string // InRoom: "Room: %s"
	Page                                      string // "Page %d of %s"
	SignInSheet, Signature, Name, Institution string
	Country, Code, Number, Session, Time      string
	Date, Participants, SignInNote, Mandatory string
	LedBy                                     string // "Trainers: %s"
	Kinds                                     map[data.SessionKind]string

	// Certificates. The workshop may reword the first three (see
	// CertificateWords); the others are fixed.
	CertificateTitle, AttendedWorkshop, LedWorkshop string
	CertifyThat                                     string
	HeldIn                                          string // city, country, dates
	// SessionsAttended (attended, counted, hours) and SessionsLed (led,
	// hours) have the forms of one and of more (see plural): French's
	// noun follows the number before it ("1 séance sur 2"), English's and
	// Spanish's the total after "of" ("1 of 2 sessions").
	SessionsAttended, SessionsLed            [2]string
	SerialNumber, VerificationCode, IssuedOn string // each with one %s
	IssuerKey                                string // the key's fingerprint
}

var documentWords = map[data.Language]words{
	data.English: {
		Programme: "Programme", Day: "Day %d", Trainers: "Trainers", TrainersHeading: "The trainers",
		OrganisedBy: "Organised by", HostedBy: "Hosted by", InPartnershipWith: "In partnership with",
		WithTheSupportOf: "With the support of", Venue: "Venue", Room: "Room", InRoom: "Room: %s",
		Page: "Page %d of %s", SignInSheet: "Sign-in sheet", Signature: "Signature", Name: "Name",
		Institution: "Institution", Country: "Country", Code: "Code", Number: "No.", Session: "Session",
		Time: "Time", Date: "Date", LedBy: "Trainers: %s", Participants: "%d participants",
		SignInNote:       "Please sign in the box beside your name. The code helps the organisers record attendance.",
		Mandatory:        "mandatory",
		CertificateTitle: "Certificate of attendance", CertifyThat: "This is to certify that",
		AttendedWorkshop: "has attended the training workshop", LedWorkshop: "has led sessions of the training workshop",
		HeldIn: "held in %s, %s, %s", SessionsAttended: [2]string{"attending %d of %d session (%s)", "attending %d of %d sessions (%s)"},
		SessionsLed: [2]string{"%d session led (%s)", "%d sessions led (%s)"}, SerialNumber: "Serial number: %s",
		VerificationCode: "Verification code: %s", IssuedOn: "Issued on %s", IssuerKey: "Issuer key %s",
		Kinds: map[data.SessionKind]string{
			data.KindLecture: "Lecture", data.KindSeminar: "Seminar", data.KindHandsOn: "Hands-on workshop",
			data.KindFieldVisit: "Field visit", data.KindPanel: "Panel", data.KindCeremony: "Ceremony",
			data.KindBreak: "Break",
		},
	},
	data.French: {
		Programme: "Programme", Day: "Jour %d", Trainers: "Formateurs", TrainersHeading: "Les formateurs",
		OrganisedBy: "Organisé par", HostedBy: "Accueilli par", InPartnershipWith: "En partenariat avec",
		WithTheSupportOf: "Avec le soutien de", Venue: "Lieu", Room: "Salle", InRoom: "Salle\u00a0: %s",
		Page: "Page %d sur %s", SignInSheet: "Feuille d’émargement", Signature: "Signature", Name: "Nom",
		Institution: "Institution", Country: "Pays", Code: "Code", Number: "N°", Session: "Séance",
		Time: "Horaire", Date: "Date", LedBy: "Formateurs\u00a0: %s", Participants: "%d participants",
		SignInNote:       "Merci de signer dans la case en face de votre nom. Le code aide les organisateurs à saisir les présences.",
		Mandatory:        "obligatoire",
		CertificateTitle: "Attestation de participation", CertifyThat: "Nous certifions que",
		AttendedWorkshop: "a participé à l’atelier de formation", LedWorkshop: "a animé des séances de l’atelier de formation",
		HeldIn: "tenu à %s (%s) %s", SessionsAttended: [2]string{"soit %d séance sur %d (%s)", "soit %d séances sur %d (%s)"},
		SessionsLed: [2]string{"soit %d séance animée (%s)", "soit %d séances animées (%s)"}, SerialNumber: "Numéro\u00a0: %s",
		VerificationCode: "Code de vérification\u00a0: %s", IssuedOn: "Délivrée le %s", IssuerKey: "Clé de l’émetteur %s",
		Kinds: map[data.SessionKind]string{
			data.KindLecture: "Conférence", data.KindSeminar: "Séminaire", data.KindHandsOn: "Atelier pratique",
			data.KindFieldVisit: "Visite de terrain", data.KindPanel: "Table ronde", data.KindCeremony: "Cérémonie",
			data.KindBreak: "Pause",
		},
	},
	data.Spanish: {
		Programme: "Programa", Day: "Día %d", Trainers: "Formadores", TrainersHeading: "Los formadores",
		OrganisedBy: "Organizado por", HostedBy: "Con la acogida de", InPartnershipWith: "En colaboración con",
		WithTheSupportOf: "Con el apoyo de", Venue: "Sede", Room: "Sala", InRoom: "Sala: %s",
		Page: "Página %d de %s", SignInSheet: "Hoja de firmas", Signature: "Firma", Name: "Nombre",
		Institution: "Institución", Country: "País", Code: "Código", Number: "N.º", Session: "Sesión",
		Time: "Horario", Date: "Fecha", LedBy: "Formadores: %s", Participants: "%d participantes",
		SignInNote:       "Por favor, firme en la casilla junto a su nombre. El código ayuda a los organizadores a registrar la asistencia.",
		Mandatory:        "obligatoria",
		CertificateTitle: "Certificado de asistencia", CertifyThat: "Se certifica que",
		AttendedWorkshop: "ha asistido al taller de formación", LedWorkshop: "ha impartido sesiones del taller de formación",
		HeldIn: "celebrado en %s (%s) %s", SessionsAttended: [2]string{"con asistencia a %d de %d sesión (%s)", "con asistencia a %d de %d sesiones (%s)"},
		SessionsLed: [2]string{"con %d sesión impartida (%s)", "con %d sesiones impartidas (%s)"}, SerialNumber: "Número de serie: %s",
		VerificationCode: "Código de verificación: %s", IssuedOn: "Expedido el %s", IssuerKey: "Clave del emisor %s",
		Kinds: map[data.SessionKind]string{
			data.KindLecture: "Conferencia", data.KindSeminar: "Seminario", data.KindHandsOn: "Taller práctico",
			data.KindFieldVisit: "Visita de campo", data.KindPanel: "Mesa redonda", data.KindCeremony: "Ceremonia",
			data.KindBreak: "Pausa",
		},
	},
}

// plural is the form of a [2]string of words for n in lang: 0 for one, 1
// for more, as CLDR has it (French takes 0 and 1 as one, English and
// Spanish 1 alone).
func plural(lang data.Language, n int) int {
	if n == 1 || (n == 0 && known(lang) == data.French) {
		return 0
	}
	return 1
}

// wordsFor gives the labels of a language, English when it is unknown.
func wordsFor(lang data.Language) words { return documentWords[known(lang)] }
