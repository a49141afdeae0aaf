package demo

import (
	"time"

	"github.com/atelier-workshops/atelier/data"
)

// dakar is a workshop still being planned: a draft programme for the first
// days only, applicants under selection, and no attendance.
func dakar() workshopSpec {
	return workshopSpec{
		workshop: data.Workshop{
			Title: "Musées et communautés : la médiation culturelle au cœur du projet muséal",
			Theme: "Concevoir avec les publics, et non pour eux : enquêter, collecter et raconter ensemble, " +
				"du quartier à la région ; « le musée, c’est aussi nous »",
			City: "Dakar", Country: "SN", Region: "Afrique francophone",
			Venue:     "Musée des Civilisations noires, Dakar",
			StartDate: data.NewDate(2027, time.March, 15), EndDate: data.NewDate(2027, time.March, 19),
			Language: data.French, GrantTarget: 25, Rule: data.DefaultCertificateRule,
		},
		orgs: []orgRole{
			{icom, data.RoleOrganiser},
			{mcn, data.RoleHost},
			{icomSenegal, data.RolePartner},
			{ministry, data.RoleSupporter},
		},
		trainers: dakarTrainers,
		sessions: dakarSessions,
		people:   dakarPeople,
	}
}

var dakarTrainers = []trainerSpec{
	{"ndeye", data.Trainer{Name: "Ndèye Coumba Faye", Title: "Responsable de la médiation",
		Affiliation: "Musée des Civilisations noires, Dakar", Country: "SN",
		Email: "ndeye.faye@example.org", Languages: "français, wolof, anglais",
		Bio: "Conçoit depuis dix ans des visites et des ateliers avec les écoles et les associations " +
			"de quartier de Dakar."}},
	{"ousmane", data.Trainer{Name: "Ousmane Sawadogo", Title: "Muséologue",
		Affiliation: "Musée national du Burkina Faso, Ouagadougou", Country: "BF",
		Email: "ousmane.sawadogo@example.org", Languages: "français, mooré",
		Bio: "Spécialiste de la collecte participative ; a accompagné plusieurs musées communautaires " +
			"du Sahel."}},
	{"rachida", data.Trainer{Name: "Rachida Benjelloun", Title: "Consultante en médiation culturelle",
		Affiliation: "Indépendante, Casablanca", Country: "MA",
		Email: "rachida.benjelloun@example.org", Languages: "arabe, français, anglais",
		Bio: "Forme des équipes de musées à l’accueil des publics ; auteure d’un guide pratique " +
			"« Raconter l’objet »."}},
	{"etienne", data.Trainer{Name: "Étienne Lavoie-Ngom", Title: "Évaluateur de programmes publics",
		Affiliation: "Indépendant, Montréal", Country: "CA",
		Email: "etienne.lavoie@example.org", Languages: "français, anglais",
		Bio: "Accompagne les musées dans l’étude de leurs publics et l’évaluation de leurs programmes."}},
}

var dakarSessions = []sessionSpec{
	{key: "ouverture", day: 0, from: 900, to: 1000, kind: data.KindCeremony,
		title: "Cérémonie d’ouverture", room: "Auditorium"},
	{key: "j1-pause", day: 0, from: 1000, to: 1030, kind: data.KindBreak, title: "Pause-café", room: "Hall"},
	{key: "j1-conf", day: 0, from: 1030, to: 1230, kind: data.KindLecture,
		title: "La médiation culturelle, de quoi parle-t-on ?", room: "Auditorium",
		desc: "Panorama des pratiques, du guide-conférencier au projet co-construit.", trainers: []string{"ndeye", "etienne"}},
	{key: "j1-dejeuner", day: 0, from: 1230, to: 1400, kind: data.KindBreak, title: "Déjeuner", room: "Restaurant"},
	{key: "j1-atelier", day: 0, from: 1400, to: 1700, kind: data.KindHandsOn,
		title: "Connaître ses publics : préparer une enquête de terrain", room: "Salle de séminaire A",
		desc: "Questionnaires, entretiens et observation : chaque équipe prépare une courte enquête.", trainers: []string{"etienne"}},
	{key: "j2-visite", day: 1, from: 830, to: 1230, kind: data.KindFieldVisit, mandatory: true,
		title: "Visite de terrain : île de Gorée", room: "Embarcadère de Dakar",
		desc: "À confirmer avec la chaloupe : départ 08 h 30.", trainers: []string{"ndeye", "ousmane"}},
	{key: "j2-dejeuner", day: 1, from: 1230, to: 1400, kind: data.KindBreak, title: "Déjeuner", room: "Gorée"},
	{key: "j2-table-ronde", day: 1, from: 1430, to: 1700, kind: data.KindPanel,
		title: "Table ronde : musées, écoles et associations de quartier", room: "Auditorium",
		trainers: []string{"rachida", "ousmane"}},
	{key: "j3-atelier", day: 2, from: 900, to: 1230, kind: data.KindHandsOn,
		title: "Concevoir une visite en wolof, en pulaar et en français", room: "Salle de séminaire A",
		trainers: []string{"ndeye", "rachida"}},
}

var dakarPeople = []person{
	{given: "Aïssatou", family: "Diallo", gender: female, country: "GN", institution: "Musée national de Guinée, Conakry",
		position: "Attachée de conservation", email: "aissatou.diallo@example.org", phone: "+224 622 41 87 03"},
	{given: "Mamadou", family: "Ndiaye", gender: male, country: "SN", institution: "Musée Théodore Monod d’art africain, Dakar",
		position: "Médiateur culturel", email: "mamadou.ndiaye@example.org", phone: "+221 77 514 20 36",
		status: selected, grant: grant(60000, "EUR", accommodation|perDiem, false), consent: true},
	{given: "Fatoumata", family: "Koné", gender: female, country: "ML", institution: "Musée national du Mali, Bamako",
		position: "Responsable des publics", email: "fatoumata.kone@example.org", phone: "+223 76 32 18 40",
		status: selected, grant: grant(110000, "EUR", everything, false), consent: true},
	{given: "Sékou", family: "Traoré", gender: male, country: "BF", institution: "Musée de la musique, Ouagadougou",
		position: "Documentaliste", email: "sekou.traore@example.org", phone: "+226 70 25 61 14"},
	{given: "Aminata", family: "Sy", gender: female, country: "SN", institution: "Musée de la Femme Henriette-Bathily, Dakar",
		position: "Chargée de projets", email: "aminata.sy@example.org", phone: "+221 76 302 88 17"},
	{given: "Hélène", family: "Zongo", gender: female, country: "BF", institution: "Musée national du Burkina Faso, Ouagadougou",
		position: "Guide-conférencière", email: "helene.zongo@example.org", phone: "+226 76 48 09 52"},
	{given: "Noël", family: "Ahoussou", gender: male, country: "CI", institution: "Musée national du Costume, Grand-Bassam",
		position: "Conservateur adjoint", email: "noel.ahoussou@example.org", phone: "+225 05 66 14 28 90",
		status: waitlisted},
	{given: "Yasmine", family: "Ben Salah", gender: female, country: "TN", institution: "Musée national du Bardo, Tunis",
		position: "Chargée de l’action éducative", email: "yasmine.bensalah@example.org", phone: "+216 98 412 305"},
	{given: "Khadija", family: "Benkirane", gender: female, country: "MA", institution: "Musée de la Kasbah, Tanger",
		position: "Médiatrice", email: "khadija.benkirane@example.org", phone: "+212 661 20 47 83"},
	{given: "Djénéba", family: "Diarra", gender: female, country: "ML", institution: "Musée du District de Bamako",
		position: "Animatrice", email: "djeneba.diarra@example.org", phone: "+223 66 81 27 09"},
	{given: "Ibrahima", family: "Baldé", gender: male, country: "GN", institution: "Musée préfectoral de Boké",
		position: "Directeur", email: "ibrahima.balde@example.org", phone: "+224 664 03 92 51",
		status: selected, grant: grant(110000, "EUR", everything, false),
		notes: "Demande une attestation pour son employeur ; passeport en cours de renouvellement."},
	{given: "Mariam", family: "Coulibaly", gender: nobody, country: "CI", institution: "Musée des civilisations de Côte d’Ivoire, Abidjan",
		position: "Stagiaire", email: "mariam.coulibaly@example.org", phone: "+225 07 09 55 31 46"},
	{given: "Kossi", family: "Amégée", gender: male, country: "TG", institution: "Musée national du Togo, Lomé",
		position: "Technicien des collections", email: "kossi.amegee@example.org", phone: "+228 91 37 20 64",
		status: waitlisted},
	{given: "Fiacre", family: "Gbèdo", gender: male, country: "BJ", institution: "Musée da Silva, Porto-Novo",
		position: "Chargé de communication", email: "fiacre.gbedo@example.org", phone: "+229 01 95 12 73 40"},
	{given: "Joséphine", family: "Ngo Nlend", gender: female, country: "CM", institution: "Musée de la Blackitude, Yaoundé",
		position: "Conservatrice", email: "josephine.ngonlend@example.org", phone: "+237 6 99 52 18 07"},
}

func init() {
	// Applicants of the planned workshop all prefer French, and an unset
	// status is an applicant; setting both here keeps the table short.
	for i := range dakarPeople {
		dakarPeople[i].lang = data.French
		if dakarPeople[i].status == "" {
			dakarPeople[i].status = applicant
		}
	}
}
