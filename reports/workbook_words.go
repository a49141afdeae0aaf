package reports

import "github.com/atelier-workshops/atelier/data"

// bookWords are the sheet names, headers and labels of the secretariat's
// workbook in one language. Sheet names stay within Excel's 31 characters
// and avoid the characters it forbids in them.
type bookWords struct {
	// sheets
	Summary, Participants, Attendance, Schedule, Trainers, Grants, Certificates string
	MarkHistory                                                                 string
	// summary
	Workshop, Title, Theme, City, Country, Region, Venue, Start, End, Language string
	Rule, RuleText, KeyFigures, ParticipantsTotal, Countries, Women, Men       string // RuleText: "%s of the sessions that count", %s a data.PercentText
	GenderOther, GenderUnknown, GrantsAwarded, GrantsTotal                     string // GrantsTotal: "Grants total (%s)"
	AttendanceRate, CertificatesIssued, ByCountry, Code, ChartSessions         string
	ChartCountries                                                             string
	// lists
	Number, GivenName, FamilyName, PrintedName, Gender, Institution, Position, Email, Phone string
	Status, GrantAwarded, Travel, Accommodation, PerDiem, Amount, Currency, Paid, Consent   string
	Notes, Name, Day, Kind, Room, CountsForCertificate, Mandatory, Attended, Counted        string
	Rate, Eligible, Affiliation, Languages, Bio, Sessions, Covers, Serial, IssuedOn         string
	Yes, No, Legend, Workshops, Confirmed, Total, Represented, Files                        string // Files: the files a workshop was found in
	MarkedAt, MarkedTime, Device, Replaced, ThisComputer, Cleared                           string // the marks by device
	Roles                                                                                   map[data.Role]string
	Statuses                                                                                map[data.Status]string
	Genders                                                                                 map[data.Gender]string
	LanguageNames                                                                           map[data.Language]string
	Marks                                                                                   map[data.Mark]string // one letter each
	MarkNames                                                                               map[data.Mark]string
}

var workbookWords = map[data.Language]bookWords{
	data.English: {
		Summary: "Summary", Participants: "Participants", Attendance: "Attendance", Schedule: "Schedule",
		Trainers: "Trainers", Grants: "Grants", Certificates: "Certificates", MarkHistory: "Marks by device",
		MarkedAt: "Marked on", MarkedTime: "At", Device: "Device", Replaced: "Replaced by a later mark", ThisComputer: "this computer",
		Cleared:  "cleared",
		Workshop: "Workshop", Title: "Title", Theme: "Theme", City: "City", Country: "Country", Region: "Region",
		Venue: "Venue", Start: "Start", End: "End", Language: "Language", Rule: "Certificate rule",
		RuleText: "%s of the sessions that count", KeyFigures: "Key figures", ParticipantsTotal: "Participants",
		Countries: "Countries", Women: "Women", Men: "Men", GenderOther: "Other", GenderUnknown: "Not stated",
		GrantsAwarded: "Grants awarded", GrantsTotal: "Grants total (%s)", AttendanceRate: "Overall attendance rate",
		CertificatesIssued: "Certificates issued", ByCountry: "Participants by country", Code: "Code",
		ChartSessions: "Attendance per session", ChartCountries: "Participants per country",
		Number: "No.", GivenName: "Given name", FamilyName: "Family name", PrintedName: "Name on certificate",
		Gender: "Gender", Institution: "Institution", Position: "Position", Email: "Email", Phone: "Phone",
		Status: "Status", GrantAwarded: "Grant", Travel: "Travel", Accommodation: "Accommodation",
		PerDiem: "Per diem", Amount: "Amount", Currency: "Currency", Paid: "Paid", Consent: "In directory",
		Notes: "Notes", Name: "Name", Day: "Day", Kind: "Kind", Room: "Room",
		CountsForCertificate: "Counts for certificate", Mandatory: "Mandatory", Attended: "Attended",
		Counted: "Counted", Rate: "Rate", Eligible: "Eligible", Affiliation: "Affiliation",
		Languages: "Languages", Bio: "Biography", Sessions: "Sessions", Covers: "Covers", Serial: "Serial",
		IssuedOn: "Issued on", Yes: "yes", No: "no", Legend: "Legend",
		Workshops: "Workshops", Confirmed: "Confirmed", Total: "Total", Represented: "Countries represented",
		Files: "Files",
		Roles: map[data.Role]string{data.RoleOrganiser: "Organised by", data.RoleHost: "Hosted by",
			data.RolePartner: "In partnership with", data.RoleSupporter: "With the support of"},
		Statuses: map[data.Status]string{data.StatusApplicant: "applicant", data.StatusSelected: "selected",
			data.StatusWaitlisted: "waitlisted", data.StatusConfirmed: "confirmed", data.StatusWithdrawn: "withdrawn"},
		Genders:       map[data.Gender]string{data.GenderFemale: "female", data.GenderMale: "male", data.GenderOther: "other"},
		LanguageNames: map[data.Language]string{data.English: "English", data.French: "French", data.Spanish: "Spanish"},
		Marks:         map[data.Mark]string{data.Present: "P", data.Late: "L", data.Excused: "E", data.Absent: "A"},
		MarkNames: map[data.Mark]string{data.Present: "present", data.Late: "late", data.Excused: "excused",
			data.Absent: "absent"},
	},
	data.French: {
		Summary: "Synthèse", Participants: "Participants", Attendance: "Présences", Schedule: "Programme",
		Trainers: "Formateurs", Grants: "Bourses", Certificates: "Attestations", MarkHistory: "Marques par appareil",
		MarkedAt: "Marqué le", MarkedTime: "À", Device: "Appareil", Replaced: "Remplacée par une marque ultérieure", ThisComputer: "cet ordinateur",
		Cleared:  "effacée",
		Workshop: "Atelier", Title: "Titre", Theme: "Thème", City: "Ville", Country: "Pays", Region: "Région",
		Venue: "Lieu", Start: "Début", End: "Fin", Language: "Langue", Rule: "Règle d’attestation",
		RuleText: "%s des séances qui comptent", KeyFigures: "Chiffres clés", ParticipantsTotal: "Participants",
		Countries: "Pays", Women: "Femmes", Men: "Hommes", GenderOther: "Autre", GenderUnknown: "Non précisé",
		GrantsAwarded: "Bourses accordées", GrantsTotal: "Total des bourses (%s)",
		AttendanceRate: "Taux de présence global", CertificatesIssued: "Attestations délivrées",
		ByCountry: "Participants par pays", Code: "Code", ChartSessions: "Présences par séance",
		ChartCountries: "Participants par pays",
		Number:         "N°", GivenName: "Prénom", FamilyName: "Nom", PrintedName: "Nom sur l’attestation",
		Gender: "Genre", Institution: "Institution", Position: "Fonction", Email: "Courriel", Phone: "Téléphone",
		Status: "Statut", GrantAwarded: "Bourse", Travel: "Voyage", Accommodation: "Hébergement",
		PerDiem: "Per diem", Amount: "Montant", Currency: "Devise", Paid: "Payée", Consent: "Dans l’annuaire",
		Notes: "Notes", Name: "Nom", Day: "Jour", Kind: "Type", Room: "Salle",
		CountsForCertificate: "Compte pour l’attestation", Mandatory: "Obligatoire", Attended: "Présents",
		Counted: "Comptées", Rate: "Taux", Eligible: "Attestation", Affiliation: "Institution",
		Languages: "Langues", Bio: "Biographie", Sessions: "Séances", Covers: "Couvre", Serial: "Numéro",
		IssuedOn: "Délivrée le", Yes: "oui", No: "non", Legend: "Légende",
		Workshops: "Ateliers", Confirmed: "Participations confirmées", Total: "Total", Represented: "Pays représentés",
		Files: "Fichiers",
		Roles: map[data.Role]string{data.RoleOrganiser: "Organisé par", data.RoleHost: "Accueilli par",
			data.RolePartner: "En partenariat avec", data.RoleSupporter: "Avec le soutien de"},
		// Worded to need no agreement with the person (as the interface's
		// statuses for anyone whose gender is not given).
		Statuses: map[data.Status]string{data.StatusApplicant: "candidature", data.StatusSelected: "candidature retenue",
			data.StatusWaitlisted: "liste d’attente", data.StatusConfirmed: "participation confirmée", data.StatusWithdrawn: "désistement"},
		Genders:       map[data.Gender]string{data.GenderFemale: "femme", data.GenderMale: "homme", data.GenderOther: "autre"},
		LanguageNames: map[data.Language]string{data.English: "anglais", data.French: "français", data.Spanish: "espagnol"},
		Marks:         map[data.Mark]string{data.Present: "P", data.Late: "R", data.Excused: "E", data.Absent: "A"},
		MarkNames: map[data.Mark]string{data.Present: "présent", data.Late: "en retard", data.Excused: "excusé",
			data.Absent: "absent"},
	},
	data.Spanish: {
		Summary: "Resumen", Participants: "Participantes", Attendance: "Asistencia", Schedule: "Programa",
		Trainers: "Formadores", Grants: "Becas", Certificates: "Certificados", MarkHistory: "Marcas por dispositivo",
		MarkedAt: "Marcado el", MarkedTime: "A las", Device: "Dispositivo", Replaced: "Sustituida por una marca posterior", ThisComputer: "este ordenador",
		Cleared:  "borrada",
		Workshop: "Taller", Title: "Título", Theme: "Tema", City: "Ciudad", Country: "País", Region: "Región",
		Venue: "Sede", Start: "Inicio", End: "Fin", Language: "Idioma", Rule: "Regla del certificado",
		RuleText: "%s de las sesiones que cuentan", KeyFigures: "Cifras clave",
		ParticipantsTotal: "Participantes", Countries: "Países", Women: "Mujeres", Men: "Hombres",
		GenderOther: "Otro", GenderUnknown: "No indicado", GrantsAwarded: "Becas concedidas",
		GrantsTotal: "Total de becas (%s)", AttendanceRate: "Tasa de asistencia global",
		CertificatesIssued: "Certificados emitidos", ByCountry: "Participantes por país", Code: "Código",
		ChartSessions: "Asistencia por sesión", ChartCountries: "Participantes por país",
		Number: "N.º", GivenName: "Nombre", FamilyName: "Apellidos", PrintedName: "Nombre en el certificado",
		Gender: "Género", Institution: "Institución", Position: "Cargo", Email: "Correo", Phone: "Teléfono",
		Status: "Estado", GrantAwarded: "Beca", Travel: "Viaje", Accommodation: "Alojamiento",
		PerDiem: "Viáticos", Amount: "Importe", Currency: "Moneda", Paid: "Pagada", Consent: "En el directorio",
		Notes: "Notas", Name: "Nombre", Day: "Día", Kind: "Tipo", Room: "Sala",
		CountsForCertificate: "Cuenta para el certificado", Mandatory: "Obligatoria", Attended: "Asistentes",
		Counted: "Contadas", Rate: "Tasa", Eligible: "Certificado", Affiliation: "Institución",
		Languages: "Idiomas", Bio: "Biografía", Sessions: "Sesiones", Covers: "Cubre", Serial: "Número",
		IssuedOn: "Emitido el", Yes: "sí", No: "no", Legend: "Leyenda",
		Workshops: "Talleres", Confirmed: "Participaciones confirmadas", Total: "Total", Represented: "Países representados",
		Files: "Archivos",
		Roles: map[data.Role]string{data.RoleOrganiser: "Organizado por", data.RoleHost: "Con la acogida de",
			data.RolePartner: "En colaboración con", data.RoleSupporter: "Con el apoyo de"},
		Statuses: map[data.Status]string{data.StatusApplicant: "candidatura", data.StatusSelected: "candidatura seleccionada",
			data.StatusWaitlisted: "lista de espera", data.StatusConfirmed: "participación confirmada", data.StatusWithdrawn: "renuncia"},
		Genders:       map[data.Gender]string{data.GenderFemale: "mujer", data.GenderMale: "hombre", data.GenderOther: "otro"},
		LanguageNames: map[data.Language]string{data.English: "inglés", data.French: "francés", data.Spanish: "español"},
		Marks:         map[data.Mark]string{data.Present: "P", data.Late: "T", data.Excused: "J", data.Absent: "A"},
		MarkNames: map[data.Mark]string{data.Present: "presente", data.Late: "tarde", data.Excused: "justificada",
			data.Absent: "ausente"},
	},
}

// bookWordsFor gives the workbook's labels in a language, English when it
// is unknown.
func bookWordsFor(lang data.Language) bookWords { return workbookWords[known(lang)] }

// yesNo words a flag.
func (w bookWords) yesNo(b bool) string {
	if b {
		return w.Yes
	}
	return w.No
}
