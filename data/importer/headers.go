package importer

import (
	"strings"
	"unicode"

	"github.com/atelier-workshops/atelier/data"
)

// Field is what a column holds, in data's field names; "" ignores it.
type Field string

const (
	Ignore      Field = ""
	FamilyName  Field = "family_name"
	GivenName   Field = "given_name"
	FullName    Field = "full_name" // split into given and family names
	PrintedName Field = "printed_name"
	Email       Field = "email"
	Country     Field = "country"
	Institution Field = "institution"
	Position    Field = "position"
	Gender      Field = "gender"
	Language    Field = "language"
	Grant       Field = "grant"
	Phone       Field = "phone"
	Status      Field = "status"
	Consent     Field = "directory_consent"
	Notes       Field = "notes"

	// A participant's travel and stay, by data's field names (travel.go
	// reads their values).
	Nationality     Field = data.FieldNationality
	BirthDate       Field = data.FieldBirthDate
	PassportNumber  Field = data.FieldPassportNumber
	PassportExpiry  Field = data.FieldPassportExpiry
	ArrivalDate     Field = data.FieldArrivalDate
	ArrivalTime     Field = data.FieldArrivalTime
	ArrivalFlight   Field = data.FieldArrivalFlight
	DepartureDate   Field = data.FieldDepartureDate
	DepartureTime   Field = data.FieldDepartureTime
	DepartureFlight Field = data.FieldDepartureFlight
	Hotel           Field = data.FieldHotel
	Room            Field = data.FieldRoom
	Dietary         Field = data.FieldDietary
	Access          Field = data.FieldAccess
)

// Fields lists what a column can be mapped to, in the order a picker shows.
var Fields = []Field{FamilyName, GivenName, FullName, PrintedName, Gender, Country, Institution, Position,
	Email, Phone, Language, Status, Grant, Consent, Notes, Nationality, BirthDate, PassportNumber, PassportExpiry,
	ArrivalDate, ArrivalTime, ArrivalFlight, DepartureDate, DepartureTime, DepartureFlight, Hotel, Room, Dietary, Access}

// headerNames are the column titles of each field in English, French and
// Spanish, with the variants registration forms use, in folded form (see
// headerKey). Longer titles win over shorter ones they contain.
var headerNames = map[Field][]string{
	FamilyName: {"surname", "family name", "last name", "lastname", "surnames", "family names", "name family",
		"nom", "nom de famille", "noms", "nom famille", "apellido", "apellidos", "primer apellido"},
	GivenName: {"first name", "firstname", "given name", "given names", "first names", "forename", "forenames",
		"prenom", "prenoms", "nombre", "nombres", "nombre de pila"},
	FullName: {"name", "full name", "fullname", "names", "participant", "participant name", "name of participant",
		"nom complet", "nom et prenom", "nom et prenoms", "prenom et nom", "nom prenom", "nom prenoms", "participant e",
		"nombre completo", "nombre y apellido", "nombre y apellidos", "apellidos y nombre", "nombre apellido", "participante"},
	PrintedName: {"name on certificate", "name on the certificate", "certificate name", "printed name",
		"nom sur le certificat", "nom sur l attestation", "nom pour le certificat",
		"nombre en el certificado", "nombre para el certificado"},
	Email: {"email", "e mail", "email address", "e mail address", "mail", "courriel", "adresse electronique",
		"adresse courriel", "adresse e mail", "adresse email", "mel", "correo", "correo electronico", "e correo"},
	Country: {"country", "country of residence", "pays", "pays de residence", "pais", "pais de residencia"},
	Institution: {"institution", "organisation", "organization", "museum", "employer", "affiliation",
		"musee", "musee institution", "organisme", "etablissement", "structure",
		"institucion", "museo", "organizacion", "entidad"},
	Position: {"position", "job title", "job", "role", "function", "fonction", "poste", "titre du poste",
		"cargo", "puesto", "funcion"},
	Gender: {"gender", "sex", "sexe", "genre", "genero", "sexo"},
	Language: {"language", "preferred language", "working language", "langue", "langue preferee", "langue de travail",
		"idioma", "lengua", "idioma preferido"},
	Grant: {"grant", "grant awarded", "bursary", "scholarship", "bourse", "bourse accordee", "beca", "beca otorgada"},
	Phone: {"phone", "telephone", "phone number", "telephone number", "mobile", "cell", "tel",
		"numero de telephone", "portable", "telefono", "movil", "celular", "numero de telefono"},
	Status: {"status", "statut", "etat", "estado", "situacion"},
	Consent: {"directory consent", "directory", "consent", "annuaire", "consentement", "consentement annuaire",
		"directorio", "consentimiento"},
	Notes: {"notes", "note", "comments", "comment", "remarks", "remarques", "commentaires", "observations",
		"notas", "comentarios", "observaciones"},
	Nationality: {"nationality", "citizenship", "nationalite", "citoyennete", "nacionalidad", "ciudadania"},
	BirthDate: {"date of birth", "birth date", "birthdate", "dob", "born", "date de naissance", "ne le", "ne e le",
		"fecha de nacimiento", "nacimiento"},
	PassportNumber: {"passport", "passport number", "passport no", "passport n", "passeport", "numero de passeport",
		"n de passeport", "no de passeport", "pasaporte", "numero de pasaporte", "n de pasaporte"},
	PassportExpiry: {"passport expiry", "passport expiry date", "passport expiration", "passport expiration date",
		"passport valid until", "passport expires", "expiration du passeport", "date d expiration du passeport",
		"passeport valide jusqu au", "validite du passeport", "caducidad del pasaporte", "vencimiento del pasaporte",
		"fecha de caducidad del pasaporte", "pasaporte valido hasta"},
	ArrivalDate: {"arrival", "arrival date", "date of arrival", "arrivee", "date d arrivee", "date arrivee",
		"llegada", "fecha de llegada"},
	ArrivalTime: {"arrival time", "time of arrival", "heure d arrivee", "heure arrivee", "hora de llegada"},
	ArrivalFlight: {"arrival flight", "inbound flight", "flight in", "vol d arrivee", "vol aller", "vuelo de llegada",
		"vuelo de ida"},
	DepartureDate: {"departure", "departure date", "date of departure", "depart", "date de depart", "salida",
		"fecha de salida", "fecha de regreso"},
	DepartureTime: {"departure time", "time of departure", "heure de depart", "hora de salida"},
	DepartureFlight: {"departure flight", "return flight", "flight out", "vol de depart", "vol retour",
		"vuelo de salida", "vuelo de regreso", "vuelo de vuelta"},
	Hotel: {"hotel", "hotel name", "nom de l hotel", "nombre del hotel"},
	Room:  {"room", "room number", "chambre", "numero de chambre", "habitacion", "numero de habitacion"},
	Dietary: {"dietary needs", "dietary requirements", "dietary restrictions", "diet", "allergies", "food allergies",
		"regime alimentaire", "regime", "restrictions alimentaires", "besoins alimentaires", "dieta",
		"necesidades alimentarias", "restricciones alimentarias", "alergias"},
	Access: {"access needs", "accessibility", "accessibility needs", "disability", "mobility", "accessibilite",
		"besoins d accessibilite", "handicap", "accesibilidad", "necesidades de accesibilidad", "discapacidad"},
}

// headerIndex maps a folded title to its field.
var headerIndex = func() map[string]Field {
	m := map[string]Field{}
	for f, names := range headerNames {
		for _, n := range names {
			m[n] = f
		}
	}
	return m
}()

// headerKey folds a column title for matching: no case, accents or
// punctuation, single spaces, without marks such as "*" or "(s)".
func headerKey(s string) string {
	s = data.Fold(s)
	s = strings.ReplaceAll(s, "(s)", "")
	s = strings.ReplaceAll(s, "(e)", "")
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// FieldOf guesses what a column holds from its title, or returns Ignore:
// an exact title first, then the longest known title it contains as whole
// words ("E-mail address (work)" is an email).
func FieldOf(title string) Field {
	k := headerKey(title)
	if k == "" {
		return Ignore
	}
	if f, ok := headerIndex[k]; ok {
		return f
	}
	best, bestLen := Ignore, 0
	padded := " " + k + " "
	for name, f := range headerIndex {
		if len(name) > bestLen && strings.Contains(name, " ") && strings.Contains(padded, " "+name+" ") {
			best, bestLen = f, len(name)
		}
	}
	if best != Ignore {
		return best
	}
	// Known words that all point one way ("Institution / Organisation",
	// "Email (work)"); words that disagree ("Nom de l'institution") leave
	// the column for the user to map.
	for _, w := range strings.Fields(k) {
		if f, ok := headerIndex[w]; ok {
			if best != Ignore && best != f {
				return Ignore
			}
			best = f
		}
	}
	return best
}

// MapHeaders guesses the field of each column. A field goes to its first
// column only, so that a second "Name" column is not read twice.
func MapHeaders(headers []string) []Field {
	out := make([]Field, len(headers))
	taken := map[Field]bool{}
	for i, h := range headers {
		f := FieldOf(h)
		if f != Ignore && !taken[f] {
			out[i], taken[f] = f, true
		}
	}
	// Separate name columns are better than one to split.
	if taken[FullName] && (taken[FamilyName] || taken[GivenName]) {
		for i, f := range out {
			if f == FullName {
				out[i] = Ignore
			}
		}
	}
	return out
}

// headerSearchRows is how far down a header row is looked for: title rows,
// a date and a few blank lines fit in it.
const headerSearchRows = 30

// FindHeader returns the index of the row that names the columns: the
// first of the rows that name the most known fields, with at least one
// name column among them. -1 when there is none.
func FindHeader(rows [][]string) int {
	best, bestScore := -1, 0
	for i := 0; i < len(rows) && i < headerSearchRows; i++ {
		fields := MapHeaders(rows[i])
		score, named := 0, false
		for _, f := range fields {
			if f != Ignore {
				score++
			}
			named = named || f == FamilyName || f == GivenName || f == FullName
		}
		if named && score > bestScore {
			best, bestScore = i, score
		}
	}
	return best
}
