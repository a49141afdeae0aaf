package reports

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/atelier-workshops/atelier/data"
)

// letterWords are the fixed words of letters in one language: the labels
// of the table of particulars, the date line and the verification note.
// The subject and the text are the workshop's wording, or the defaults
// below (LetterWords).
type letterWords struct {
	DateLine     string // "%s, %s": city, date
	Reference    string // "Ref.: %s"
	Particulars  map[string]string
	StayDates    string // "%s to %s"
	VerifyNote   string // the QR code and what it holds; %s is the issuer key
	VerifyOnline string // %s is the verifier page's address
	Grants       map[data.LetterKind]string
}

var letterLabels = map[data.Language]letterWords{
	data.English: {
		DateLine: "%s, %s", Reference: "Ref.: %s", StayDates: "%s to %s",
		VerifyNote:   "The QR code holds what this letter states, signed with the issuer’s key %s: anyone can check it with the issuer’s published key.",
		VerifyOnline: "To check this letter, scan its QR code or open %s and enter the verification code.",
		Particulars: map[string]string{
			"name": "Full name", "nationality": "Nationality", "birth": "Date of birth", "passport": "Passport number",
			"expiry": "Passport valid until", "stay": "Dates of stay", "hotel": "Accommodation",
			"arrival": "Arrival", "institution": "Institution", "amount": "Grant", "covers": "The grant covers",
			"sessions": "Sessions attended", "hours": "Hours attended", "dates": "Dates of the workshop",
		},
	},
	data.French: {
		DateLine: "%s, le %s", Reference: "Réf.\u00a0: %s", StayDates: "du %s au %s",
		VerifyNote:   "Le code QR contient ce qu’atteste cette lettre, signé avec la clé de l’émetteur %s\u00a0: chacun peut le vérifier avec la clé publiée de l’émetteur.",
		VerifyOnline: "Pour vérifier cette lettre, scannez son code QR ou ouvrez %s et saisissez le code de vérification.",
		Particulars: map[string]string{
			"name": "Nom complet", "nationality": "Nationalité", "birth": "Date de naissance",
			"passport": "Numéro de passeport", "expiry": "Passeport valide jusqu’au", "stay": "Dates du séjour",
			"hotel": "Hébergement", "arrival": "Arrivée", "institution": "Institution", "amount": "Bourse",
			"covers": "La bourse couvre", "sessions": "Séances suivies", "hours": "Heures de présence",
			"dates": "Dates de l’atelier",
		},
	},
	data.Spanish: {
		DateLine: "%s, %s", Reference: "Ref.: %s", StayDates: "del %s al %s",
		VerifyNote:   "El código QR contiene lo que esta carta declara, firmado con la clave del emisor %s: cualquiera puede comprobarlo con la clave publicada del emisor.",
		VerifyOnline: "Para verificar esta carta, escanee su código QR o abra %s e introduzca el código de verificación.",
		Particulars: map[string]string{
			"name": "Nombre completo", "nationality": "Nacionalidad", "birth": "Fecha de nacimiento",
			"passport": "Número de pasaporte", "expiry": "Pasaporte válido hasta", "stay": "Fechas de estancia",
			"hotel": "Alojamiento", "arrival": "Llegada", "institution": "Institución", "amount": "Beca",
			"covers": "La beca cubre", "sessions": "Sesiones asistidas", "hours": "Horas de asistencia",
			"dates": "Fechas del taller",
		},
	},
}

func letterWordsFor(lang data.Language) letterWords { return letterLabels[known(lang)] }

// defaultLetters are the default subject and text of each kind of letter
// in each language; a workshop may reword them (data.LetterWording).
var defaultLetters = map[data.LetterKind]map[data.Language]data.LetterWording{
	data.LetterVisa: {
		data.English: {Subject: "Invitation letter for a visa application", Body: `Dear {name},

On behalf of the organisers, we are pleased to invite you to take part in the training workshop “{workshop}”, to be held on {dates} at {place}.

This letter is issued in support of your application for a visa to enter {country}. Your particulars, as you gave them to us, are set out below: you are expected to arrive on {arrival} and to leave on {departure}.

The costs of your participation are covered as stated in your grant letter. Should the embassy or consulate need any further information, we will gladly provide it at the address above.

Yours sincerely,`},
		data.French: {Subject: "Lettre d’invitation pour une demande de visa", Body: `Madame, Monsieur,

Au nom des organisateurs, nous avons le plaisir de vous inviter à participer à l’atelier de formation « {workshop} », qui aura lieu {dates} ({place}).

Cette lettre est délivrée à l’appui de votre demande de visa d’entrée dans le pays hôte, {country}. Vos renseignements, tels que vous nous les avez communiqués, figurent ci-dessous : votre arrivée est prévue le {arrival} et votre départ le {departure}.

Les frais de votre participation sont pris en charge comme l’indique votre lettre d’attribution de bourse. L’ambassade ou le consulat peut nous demander tout renseignement complémentaire à l’adresse ci-dessus.

Veuillez agréer l’expression de nos salutations distinguées.`},
		data.Spanish: {Subject: "Carta de invitación para la solicitud de visado", Body: `Estimado/a {name}:

En nombre de los organizadores, tenemos el placer de invitarle a participar en el taller de formación «{workshop}», que tendrá lugar {dates} ({place}).

Esta carta se expide en apoyo de su solicitud de visado para entrar en {country}. Sus datos, tal como nos los comunicó, figuran a continuación: su llegada está prevista el {arrival} y su salida el {departure}.

Los gastos de su participación están cubiertos según se indica en su carta de concesión de beca. La embajada o el consulado pueden solicitarnos cualquier información adicional en la dirección indicada arriba.

Atentamente,`},
	},
	data.LetterAward: {
		data.English: {Subject: "Award of a grant", Body: `Dear {name},

We are pleased to inform you that you have been awarded a grant to take part in the training workshop “{workshop}”, to be held on {dates} at {place}.

The grant covers {covers}, as set out below. Travel and accommodation are arranged by the organisers; the per diem is paid at the venue for each day attended, against your signature.

The grant is given on condition that you attend the whole programme. Please confirm your participation by replying to this letter.

Yours sincerely,`},
		data.French: {Subject: "Attribution d’une bourse", Body: `Madame, Monsieur,

Nous avons le plaisir de vous informer qu’une bourse vous est attribuée pour participer à l’atelier de formation « {workshop} », qui aura lieu {dates} ({place}).

La bourse couvre : {covers}, comme indiqué ci-dessous. Le voyage et l’hébergement sont organisés par les organisateurs ; les indemnités journalières sont versées sur place pour chaque jour de présence, contre votre signature.

La bourse est attribuée à condition que vous suiviez l’ensemble du programme. Merci de confirmer votre participation en répondant à cette lettre.

Veuillez agréer l’expression de nos salutations distinguées.`},
		data.Spanish: {Subject: "Concesión de una beca", Body: `Estimado/a {name}:

Tenemos el placer de comunicarle que se le ha concedido una beca para participar en el taller de formación «{workshop}», que tendrá lugar {dates} ({place}).

La beca cubre: {covers}, según se detalla a continuación. El viaje y el alojamiento los organizan los organizadores; los viáticos se pagan en la sede por cada día de asistencia, contra su firma.

La beca se concede a condición de que asista a todo el programa. Le rogamos que confirme su participación respondiendo a esta carta.

Atentamente,`},
	},
	data.LetterAttendance: {
		data.English: {Subject: "Letter of attendance", Body: `To whom it may concern,

We hereby confirm that {name} took part in the training workshop “{workshop}”, organised by {organiser} and held on {dates} at {place}.

{name} attended {sessions} of the {counted} sessions of the programme, {hours} in all.

Yours faithfully,`},
		data.French: {Subject: "Attestation de présence", Body: `À qui de droit,

Nous confirmons que {name} a participé à l’atelier de formation « {workshop} », qui s’est tenu {dates} ({place}).

{name} a suivi {sessions} des {counted} séances du programme, soit {hours} au total.

Veuillez agréer l’expression de nos salutations distinguées.`},
		data.Spanish: {Subject: "Carta de asistencia", Body: `A quien corresponda:

Confirmamos que {name} participó en el taller de formación «{workshop}», celebrado {dates} ({place}).

{name} asistió a {sessions} de las {counted} sesiones del programa, {hours} en total.

Atentamente,`},
	},
}

// LetterWords is the wording of a kind of letter in lang with the
// workshop's own laid over the defaults: the interface shows the defaults
// as the placeholder text of its wording fields.
func LetterWords(kind data.LetterKind, lang data.Language, own data.LetterWording) data.LetterWording {
	out := defaultLetters[kind][known(lang)]
	if own.Subject != "" {
		out.Subject = own.Subject
	}
	if own.Body != "" {
		out.Body = own.Body
	}
	return out
}

var placeholder = regexp.MustCompile(`\{([a-z_]+)\}`)

// placeholderValues are a letter's facts by placeholder name.
type placeholderValues map[string]string

// letterValues words a letter's facts once for all the wording it fills.
func letterValues(l data.PrintedLetter) placeholderValues {
	f, p, lang := l.Facts, l.Participant, known(l.Facts.Language)
	return placeholderValues{
		"name": f.Name, "given_name": p.GivenName, "family_name": p.FamilyName, "institution": p.Institution,
		"position": p.Position, "country": countryName(lang, f.Country), "workshop": f.Workshop, "theme": f.Theme,
		"city": f.City, "venue": cmpOr(f.Venue, f.City), "dates": FormatDateRange(lang, f.Start, f.End),
		"place":       placeOf(f, lang),
		"organiser":   f.Organiser,
		"nationality": countryName(lang, f.Nationality), "birth_date": FormatDate(lang, f.BirthDate),
		"passport": f.Passport, "passport_expiry": FormatDate(lang, f.PassportExpiry),
		"arrival": FormatDate(lang, f.Arrival), "departure": FormatDate(lang, f.Depart),
		"amount":   moneyIn(lang, f.Grant.AmountMinor, f.Grant.Currency),
		"covers":   strings.Join(data.GrantCovers(f.Grant, lang), ", "),
		"sessions": strconv.Itoa(f.Attended), "counted": strconv.Itoa(f.Counted), "hours": durationText(lang, f.Minutes),
		"percent": strconv.Itoa(data.WholePercent(percentOf(f.Attended, f.Counted))),
	}
}

// fill puts the values in place of text's placeholders; one the kind
// does not know (data refuses them) is left as typed.
func (values placeholderValues) fill(text string) string {
	return placeholder.ReplaceAllStringFunc(text, func(m string) string {
		if v, ok := values[m[1:len(m)-1]]; ok {
			return v
		}
		return m
	})
}

func percentOf(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) * 100 / float64(b)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// moneyIn writes an amount as the language writes it: "USD 850.00" in
// English, "850,00 USD" in French and Spanish, thousands apart.
func moneyIn(lang data.Language, minor int64, currency string) string {
	if minor == 0 {
		return ""
	}
	text := data.MoneyText(minor, currency) // "USD 1,234.00"
	if known(lang) == data.English {
		return text
	}
	number := strings.TrimSpace(strings.TrimPrefix(text, currency))
	sep := "\u202f" // French groups thousands with a narrow no-break space
	if known(lang) == data.Spanish {
		sep = "."
	}
	number = strings.NewReplacer(",", "\x00", ".", ",").Replace(number)
	number = strings.ReplaceAll(number, "\x00", sep)
	return number + "\u00a0" + currency
}

// placeOf is where the workshop is held, in one phrase: the venue, then
// the city unless the venue names it, then the country.
func placeOf(f data.LetterFacts, lang data.Language) string {
	parts := nonEmpty(f.Venue)
	if !strings.Contains(data.Fold(f.Venue), data.Fold(f.City)) || f.Venue == "" {
		parts = append(parts, f.City)
	}
	return strings.Join(nonEmpty(append(parts, countryName(lang, f.Country))...), ", ")
}
