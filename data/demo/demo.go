// Package demo fills an Atelier file with two realistic workshops, so that
// every screen, PDF and workbook has something true-to-life to show: a
// finished English-language regional training in Lagos with its attendance,
// and a French-language workshop in Dakar that is still being planned.
//
// The people, bios and contact details are invented; the institutions and
// places are real ones of the region, so that organisers recognise them.
package demo

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"
	"time"

	"github.com/atelier-workshops/atelier/data"
	"golang.org/x/text/unicode/norm"
)

// Result tells what Write added.
type Result struct{ Lagos, Planned int64 } // the two workshop IDs

// Write adds the two demo workshops to an open store. Workshops already in
// the file are left alone; organisations already in the file are reused by
// name, because they are shared rows that other workshops may point to.
// When anything fails, what Write had added so far is taken out again.
func Write(st *data.Store) (res Result, err error) {
	w := &writer{st: st, orgs: map[string]int64{}}
	defer func() {
		if err != nil {
			err = errors.Join(err, w.undo())
		}
	}()
	existing, err := st.Organisations()
	if err != nil {
		return Result{}, err
	}
	for _, o := range existing {
		if _, dup := w.orgs[orgKey(o.Name)]; !dup {
			w.orgs[orgKey(o.Name)] = o.ID
		}
	}
	if res.Lagos, err = w.workshop(lagos()); err != nil {
		return Result{}, fmt.Errorf("demo workshop in Lagos: %w", err)
	}
	// The people who sign the Lagos certificates (fictional, like everyone
	// in the demo).
	if err = st.SetSignatories(res.Lagos, []data.Signatory{
		{Name: "Margaux Delacroix-Bensaïd", Title: "Head of Training, ICOM Secretariat"},
		{Name: "Dr Ọlábísí Adérìnọ̀kun", Title: "Director, Yemisi Shyllon Museum of Art"},
		{Name: "Chinedu Okonkwo-Eze", Title: "President, ICOM Nigeria"},
	}); err != nil {
		return Result{}, fmt.Errorf("demo signatories: %w", err)
	}
	if err = lagosInOtherLanguages(st, res.Lagos); err != nil {
		return Result{}, fmt.Errorf("demo titles in other languages: %w", err)
	}
	if err = lagosLogistics(st, res.Lagos); err != nil {
		return Result{}, fmt.Errorf("demo per diem and letterhead: %w", err)
	}
	if res.Planned, err = w.workshop(dakar()); err != nil {
		return Result{}, fmt.Errorf("demo workshop in Dakar: %w", err)
	}
	return res, nil
}

// orgKey is how names are compared when looking for an organisation to
// reuse: the store keeps names in NFC, but a name typed by hand may differ
// from ours in case or surrounding spaces.
func orgKey(name string) string { return strings.ToLower(norm.NFC.String(strings.TrimSpace(name))) }

type writer struct {
	st          *data.Store
	orgs        map[string]int64 // by orgKey
	newOrgs     []int64
	newWorkshop []int64
}

// undo removes what this Write added; organisations that were already in
// the file are never deleted, since other workshops may rely on them.
func (w *writer) undo() error {
	var errs []error
	for _, id := range w.newWorkshop {
		errs = append(errs, w.st.DeleteWorkshop(id))
	}
	for _, id := range w.newOrgs {
		errs = append(errs, w.st.DeleteOrganisation(id))
	}
	return errors.Join(errs...)
}

// The specs below are plain tables; writer.workshop turns one into rows.

type workshopSpec struct {
	workshop   data.Workshop
	orgs       []orgRole
	trainers   []trainerSpec
	sessions   []sessionSpec
	people     []person
	attendance bool // mark the confirmed participants for every session held
}

type orgRole struct {
	org  orgSpec
	role data.Role
}

type orgSpec struct {
	name, short, country, website string
	emblem                        emblem
}

type trainerSpec struct {
	key string // how sessions refer to the trainer
	data.Trainer
}

type sessionSpec struct {
	key       string // how attendance exceptions refer to the session
	day       int    // 0 is the workshop's first day
	from, to  int    // hhmm, local wall-clock time
	kind      data.SessionKind
	title     string
	room      string
	desc      string
	trainers  []string
	mandatory bool
}

// person is a participant as the demo describes them; away lists how they
// differ from "present at everything" when attendance is taken.
type person struct {
	given, family, printed string
	gender                 data.Gender
	country                string
	institution, position  string
	email, phone           string
	lang                   data.Language
	status                 data.Status
	grant                  data.Grant
	consent                bool
	notes                  string
	away                   []away
}

type away struct {
	session string
	mark    data.Mark
	note    string
}

func (w *writer) workshop(spec workshopSpec) (int64, error) {
	text := func(s string) string { return s }
	if spec.workshop.Language == data.French {
		text = fr
	}
	ws := spec.workshop
	ws.Title, ws.Theme = text(ws.Title), text(ws.Theme)
	if err := w.st.SaveWorkshop(&ws); err != nil {
		return 0, err
	}
	w.newWorkshop = append(w.newWorkshop, ws.ID)

	for _, or := range spec.orgs {
		id, err := w.organisation(or.org)
		if err != nil {
			return 0, err
		}
		if err := w.st.AddOrganisationRole(ws.ID, id, or.role); err != nil {
			return 0, fmt.Errorf("%s as %s: %w", or.org.name, or.role, err)
		}
	}

	trainerIDs := map[string]int64{}
	for _, ts := range spec.trainers {
		t := ts.Trainer
		t.WorkshopID, t.Title, t.Bio = ws.ID, text(t.Title), text(t.Bio)
		if err := w.st.SaveTrainer(&t); err != nil {
			return 0, err
		}
		trainerIDs[ts.key] = t.ID
	}

	sessions := make([]data.Session, len(spec.sessions))
	sessionIndex := map[string]int{}
	for i, ss := range spec.sessions {
		day := ws.StartDate.AddDays(ss.day)
		s := data.Session{
			WorkshopID: ws.ID, Title: text(ss.title), Kind: ss.kind, Room: ss.room, Description: text(ss.desc),
			Start: day.At(ss.from/100, ss.from%100), End: day.At(ss.to/100, ss.to%100),
			// Breaks and ceremonies are in the programme but teach nothing,
			// so they never weigh on who gets a certificate.
			CountsForCertificate: ss.kind != data.KindBreak && ss.kind != data.KindCeremony,
			Mandatory:            ss.mandatory,
		}
		for _, key := range ss.trainers {
			id, ok := trainerIDs[key]
			if !ok {
				return 0, fmt.Errorf("session %q: no trainer %q", ss.key, key)
			}
			s.TrainerIDs = append(s.TrainerIDs, id)
		}
		if err := w.st.SaveSession(&s); err != nil {
			return 0, fmt.Errorf("session %q: %w", ss.key, err)
		}
		sessions[i] = s
		sessionIndex[ss.key] = i
	}

	participants := make([]*data.Participant, len(spec.people))
	for i, pp := range spec.people {
		participants[i] = &data.Participant{
			WorkshopID: ws.ID, GivenName: pp.given, FamilyName: pp.family, PrintedName: pp.printed,
			Gender: pp.gender, Country: pp.country, Institution: pp.institution, Position: pp.position,
			Email: pp.email, Phone: pp.phone, Language: pp.lang, Status: pp.status, Grant: pp.grant,
			DirectoryConsent: pp.consent, Notes: text(pp.notes), Travel: lagosTravel[pp.email],
		}
	}
	if err := w.st.SaveParticipants(participants); err != nil {
		return 0, err
	}

	if spec.attendance {
		marks, err := attendance(spec.people, participants, spec.sessions, sessions, sessionIndex)
		if err != nil {
			return 0, err
		}
		if err := w.st.SetMarks(marks); err != nil {
			return 0, err
		}
	}
	return ws.ID, nil
}

func (w *writer) organisation(o orgSpec) (int64, error) {
	if id, ok := w.orgs[orgKey(o.name)]; ok {
		return id, nil
	}
	logo, err := o.emblem.png()
	if err != nil {
		return 0, fmt.Errorf("logo of %s: %w", o.name, err)
	}
	row := data.Organisation{Name: o.name, ShortName: o.short, Country: o.country, Website: o.website, Logo: logo}
	if err := w.st.SaveOrganisation(&row); err != nil {
		return 0, err
	}
	w.orgs[orgKey(o.name)] = row.ID
	w.newOrgs = append(w.newOrgs, row.ID)
	return row.ID, nil
}

// lagosUTCOffset is West Africa Time, which keeps no summer time. Session
// times are the venue's clock; a mark's time is a real instant in UTC, as
// SetMark stamps it when an organiser marks live.
const lagosUTCOffset = time.Hour

// attendance marks every confirmed participant for every session that is
// not a break: present unless their away list says otherwise. MarkedAt is
// a few minutes into the session, as when an organiser walks the room, and
// is derived from the positions so that every run writes the same file.
func attendance(people []person, ps []*data.Participant, specs []sessionSpec, sessions []data.Session,
	index map[string]int) ([]data.Attendance, error) {
	var marks []data.Attendance
	for i, pp := range people {
		exceptions := map[int]away{}
		for _, a := range pp.away {
			j, ok := index[a.session]
			if !ok {
				return nil, fmt.Errorf("%s %s: no session %q", pp.given, pp.family, a.session)
			}
			exceptions[j] = a
		}
		if pp.status != data.StatusConfirmed {
			if len(exceptions) > 0 {
				return nil, fmt.Errorf("%s %s is not confirmed but has attendance", pp.given, pp.family)
			}
			continue
		}
		for j, s := range sessions {
			if specs[j].kind == data.KindBreak {
				continue
			}
			a := data.Attendance{ParticipantID: ps[i].ID, SessionID: s.ID, Mark: data.Present}
			after := 2 + (i+j)%6
			if e, ok := exceptions[j]; ok {
				a.Mark, a.Note = e.mark, e.note
				if e.mark == data.Late {
					after = 15 + 5*((i+j)%4)
				}
			}
			a.MarkedAt = s.Start.Add(time.Duration(after)*time.Minute - lagosUTCOffset)
			marks = append(marks, a)
		}
	}
	return marks, nil
}

// What a grant covers, combined with |.
type covers int

const (
	travel covers = 1 << iota
	accommodation
	perDiem
	everything = travel | accommodation | perDiem
)

// grant builds an awarded grant; amount is in minor units (85000 USD is
// 850.00 dollars, 7500000 NGN is 75,000.00 naira).
func grant(amount int64, currency string, c covers, paid bool) data.Grant {
	return data.Grant{Awarded: true, Travel: c&travel != 0, Accommodation: c&accommodation != 0,
		PerDiem: c&perDiem != 0, AmountMinor: amount, Currency: currency, Paid: paid}
}

// French typography puts a no-break space before : ; ! ? and inside « ».
// The tables use plain spaces so that the source stays readable; the texts
// of a French workshop are converted on the way in, so that the data holds
// what a French word processor would have typed.
var frenchSpaces = strings.NewReplacer(" :", "\u00a0:", " ;", "\u00a0;", " ?", "\u00a0?", " !", "\u00a0!",
	"« ", "«\u00a0", " »", "\u00a0»")

func fr(s string) string { return frenchSpaces.Replace(s) }

const (
	female = data.GenderFemale
	male   = data.GenderMale
	nobody = data.GenderUnspecified

	confirmed  = data.StatusConfirmed
	applicant  = data.StatusApplicant
	selected   = data.StatusSelected
	waitlisted = data.StatusWaitlisted
	withdrawn  = data.StatusWithdrawn

	late    = data.Late
	excused = data.Excused
	absent  = data.Absent
)

// Organisations. ICOM appears in both workshops and is written once.
var (
	icom = orgSpec{name: "International Council of Museums", short: "ICOM", country: "FR",
		website: "https://icom.museum", emblem: emblemTemple}
	ysma = orgSpec{name: "Yemisi Shyllon Museum of Art", short: "YSMA", country: "NG",
		emblem: emblemSun}
	pau = orgSpec{name: "Pan-Atlantic University", short: "PAU", country: "NG",
		website: "https://pau.edu.ng", emblem: emblemDiamond}
	icomNigeria = orgSpec{name: "ICOM Nigeria", short: "ICOM NG", country: "NG",
		emblem: emblemBands(rgb(0x00, 0x87, 0x51), rgb(0xff, 0xff, 0xff), rgb(0x00, 0x87, 0x51), false)}
	nmaahc = orgSpec{name: "National Museum of African American History & Culture, Smithsonian Institution",
		short: "NMAAHC", country: "US", website: "https://nmaahc.si.edu", emblem: emblemCorona}
	mcn = orgSpec{name: "Musée des Civilisations noires", short: "MCN", country: "SN",
		emblem: emblemRound}
	icomSenegal = orgSpec{name: "ICOM Sénégal", short: "ICOM SN", country: "SN",
		emblem: emblemBands(rgb(0x00, 0x85, 0x3f), rgb(0xfd, 0xef, 0x42), rgb(0xe3, 0x1b, 0x23), true)}
	ministry = orgSpec{name: "Ministère de la Culture et du Patrimoine historique du Sénégal", short: "MCPH",
		country: "SN", emblem: emblemBaobab}
)

// lagos is a five-day regional training that has taken place: programme,
// grantees and every mark taken in the room.
//
// The attendance is built so that 21 of the 24 confirmed participants
// qualify under the default rule (80 % of the 16 counting sessions, late
// counts, excused leaves the count) and three do not, each for a different
// reason: Aïchatou Hamani arrived a day and a half late (11/16, 68.75 %),
// Ṣadé Akínlàdé was excused from the mandatory field visit (100 % but a
// mandatory session missed), and Bọ́lá Ajíbádé falls just short (11/14,
// 78.6 %). Ngọzi Ùchẹ́ sits exactly on the line (12/15, 80 %) and qualifies.
func lagos() workshopSpec {
	return workshopSpec{
		workshop: data.Workshop{
			Title: "The whole museum: functions, communities and participatory heritage",
			Theme: "How every part of a museum works together, and how Nigerian museums can protect and " +
				"share heritage with the communities it belongs to",
			City: "Lagos", Country: "NG", Region: "English-speaking Africa",
			Venue:     "Yemisi Shyllon Museum of Art, Pan-Atlantic University, Lagos",
			StartDate: data.NewDate(2022, time.November, 21), EndDate: data.NewDate(2022, time.November, 25),
			Language: data.English, GrantTarget: 28, Rule: data.DefaultCertificateRule,
		},
		orgs: []orgRole{
			{icom, data.RoleOrganiser},
			{ysma, data.RoleHost},
			{pau, data.RolePartner},
			{icomNigeria, data.RolePartner},
			{nmaahc, data.RoleSupporter},
		},
		trainers:   lagosTrainers,
		sessions:   lagosSessions,
		people:     lagosPeople,
		attendance: true,
	}
}

var lagosTrainers = []trainerSpec{
	{"adewale", data.Trainer{Name: "Adéwálé Ògúnṣọlá", Title: "Curator of education",
		Affiliation: "Yemisi Shyllon Museum of Art, Pan-Atlantic University", Country: "NG",
		Email: "adewale.ogunsola@example.org", Languages: "English, Yoruba",
		Bio: "Curator of modern Nigerian art who built the museum’s school programme with teachers from " +
			"Ibeju-Lekki; interested in how university museums can serve their neighbours."}},
	{"thandeka", data.Trainer{Name: "Thandeka Mokoena", Title: "Head of public engagement",
		Affiliation: "Iziko Museums of South Africa, Cape Town", Country: "ZA",
		Email: "thandeka.mokoena@example.org", Languages: "English, isiZulu, Afrikaans",
		Bio: "Designs programmes with community groups and schools around Cape Town, and has trained " +
			"museum educators across southern and eastern Africa."}},
	{"claire", data.Trainer{Name: "Claire Dumoulin-Bérard", Title: "Preventive conservator",
		Affiliation: "Institut national du patrimoine, Paris", Country: "FR",
		Email: "claire.dumoulin@example.org", Languages: "French, English",
		Bio: "Teaches preventive conservation and collection surveys; has led condition-survey missions " +
			"in Senegal, Benin and Madagascar."}},
	{"catalina", data.Trainer{Name: "Catalina Restrepo Giraldo", Title: "Museum educator and researcher",
		Affiliation: "Museo La Tertulia, Cali", Country: "CO",
		Email: "catalina.restrepo@example.org", Languages: "Spanish, English",
		Bio: "Works on memory and reconciliation with victims’ associations and has co-curated community " +
			"exhibitions in south-western Colombia."}},
	{"marcus", data.Trainer{Name: "Marcus J. Whitfield", Title: "Collections information consultant",
		Affiliation: "Independent, Washington, DC", Country: "US",
		Email: "marcus.whitfield@example.com", Languages: "English",
		Bio: "Twenty years of documentation and digitisation projects; helps small museums choose tools " +
			"their own staff can keep running."}},
	{"wanjiru", data.Trainer{Name: "Wanjiru Kamau-Otieno", Title: "Risk management specialist",
		Affiliation: "National Museums of Kenya, Nairobi", Country: "KE",
		Email: "wanjiru.kamau@example.org", Languages: "English, Kiswahili",
		Bio: "Coordinates emergency preparedness for regional museums in Kenya and teaches first aid to " +
			"cultural heritage in times of crisis."}},
	{"youssef", data.Trainer{Name: "Youssef El Amrani", Title: "Partnerships and development manager",
		Affiliation: "Fondation nationale des musées, Rabat", Country: "MA",
		Email: "youssef.elamrani@example.org", Languages: "Arabic, French, English",
		Bio: "Has raised funds for new galleries and learning spaces, and coaches museum teams in " +
			"marketing and building alliances."}},
}

var lagosSessions = []sessionSpec{
	// Monday
	{key: "open", day: 0, from: 900, to: 1030, kind: data.KindCeremony, title: "Opening ceremony",
		room: "Auditorium", desc: "Welcome by the organisers and partners, followed by refreshments."},
	{key: "d1-lecture", day: 0, from: 1030, to: 1230, kind: data.KindLecture,
		title: "What museums are for: functions, missions and the new museum definition", room: "Auditorium",
		desc:     "A tour of everything a museum does, from acquisition to audiences, and how the parts depend on each other.",
		trainers: []string{"adewale", "thandeka"}},
	{key: "d1-lunch", day: 0, from: 1230, to: 1330, kind: data.KindBreak, title: "Lunch", room: "Dining hall"},
	{key: "d1-seminar", day: 0, from: 1330, to: 1530, kind: data.KindSeminar,
		title: "Who are our communities? Mapping publics and stakeholders", room: "Seminar room 1",
		desc:     "Each participant maps the people their museum serves, and those it does not reach yet.",
		trainers: []string{"thandeka"}},
	{key: "d1-gallery", day: 0, from: 1545, to: 1730, kind: data.KindSeminar,
		title: "Gallery walk: reading a collection with fresh eyes", room: "Main galleries",
		desc: "Small groups study one gallery of the host museum and report what it says, and to whom.", trainers: []string{"adewale"}},
	// Tuesday
	{key: "d2-lecture", day: 1, from: 900, to: 1030, kind: data.KindLecture,
		title: "Collections care is everybody’s job", room: "Auditorium",
		desc: "Agents of deterioration and the daily habits that keep objects safe.", trainers: []string{"claire"}},
	{key: "d2-coffee", day: 1, from: 1030, to: 1100, kind: data.KindBreak, title: "Coffee break", room: "Foyer"},
	{key: "d2-handling", day: 1, from: 1100, to: 1300, kind: data.KindHandsOn,
		title: "Handling objects and writing condition reports", room: "Conservation studio",
		desc: "Practice on study objects: gloves or not, supports, photographs and a shared report form.", trainers: []string{"claire", "adewale"}},
	{key: "d2-lunch", day: 1, from: 1300, to: 1400, kind: data.KindBreak, title: "Lunch", room: "Dining hall"},
	{key: "d2-docs", day: 1, from: 1400, to: 1530, kind: data.KindHandsOn,
		title: "Documenting a collection with a phone and a spreadsheet", room: "Seminar room 2",
		desc: "Numbering, photographing and recording objects with tools every museum already has.", trainers: []string{"marcus"}},
	{key: "d2-memory", day: 1, from: 1545, to: 1730, kind: data.KindSeminar,
		title: "Memory, conflict and the museum: lessons from Colombia", room: "Seminar room 1",
		desc: "How museums can hold difficult memories with the people who lived them.", trainers: []string{"catalina"}},
	// Wednesday
	{key: "d3-visit", day: 2, from: 830, to: 1230, kind: data.KindFieldVisit, mandatory: true,
		title: "Risk management field visit: National Museum, Onikan", room: "National Museum, Onikan",
		desc:     "Walk-through of storerooms and galleries to identify risks, with the museum’s staff. Bus leaves the main gate at 07:45.",
		trainers: []string{"wanjiru", "adewale"}},
	{key: "d3-lunch", day: 2, from: 1230, to: 1330, kind: data.KindBreak, title: "Lunch", room: "National Museum, Onikan"},
	{key: "d3-first-aid", day: 2, from: 1400, to: 1530, kind: data.KindHandsOn,
		title: "First aid for cultural heritage: stabilise, document, pack", room: "Conservation studio",
		desc: "A flooded-store scenario worked through in teams.", trainers: []string{"wanjiru", "claire"}},
	{key: "d3-risk", day: 2, from: 1545, to: 1730, kind: data.KindSeminar,
		title: "Writing a risk register for your museum", room: "Seminar room 1",
		desc: "From the morning’s observations to a ranked list of risks and first actions.", trainers: []string{"wanjiru"}},
	// Thursday
	{key: "d4-lecture", day: 3, from: 900, to: 1030, kind: data.KindLecture,
		title: "Participatory heritage: co-curating with communities", room: "Auditorium",
		desc: "Examples from Cali and Cape Town, what worked and what did not.", trainers: []string{"catalina", "thandeka"}},
	{key: "d4-coffee", day: 3, from: 1030, to: 1100, kind: data.KindBreak, title: "Coffee break", room: "Foyer"},
	{key: "d4-design", day: 3, from: 1100, to: 1300, kind: data.KindHandsOn,
		title: "Designing a participatory project, step by step", room: "Seminar rooms 1 and 2",
		desc: "Teams draft a project for one participant’s museum: partners, calendar, budget and evaluation.", trainers: []string{"catalina", "thandeka"}},
	{key: "d4-lunch", day: 3, from: 1300, to: 1400, kind: data.KindBreak, title: "Lunch", room: "Dining hall"},
	{key: "d4-marketing", day: 3, from: 1400, to: 1530, kind: data.KindLecture,
		title: "Telling your museum’s story: communication, marketing and fundraising", room: "Auditorium",
		desc: "Audiences, messages and the first steps towards sponsors and grants.", trainers: []string{"youssef"}},
	{key: "d4-panel", day: 3, from: 1545, to: 1730, kind: data.KindPanel,
		title: "Partnerships that last: museums, universities, diaspora and funders", room: "Auditorium",
		desc: "An open discussion with the trainers and the host university.", trainers: []string{"marcus", "youssef"}},
	// Friday
	{key: "d5-pitch", day: 4, from: 900, to: 1100, kind: data.KindHandsOn, mandatory: true,
		title: "Project presentations", room: "Auditorium",
		desc: "Each team presents its participatory project and receives feedback from the trainers.", trainers: []string{"youssef", "catalina"}},
	{key: "d5-coffee", day: 4, from: 1100, to: 1130, kind: data.KindBreak, title: "Coffee break", room: "Foyer"},
	{key: "d5-network", day: 4, from: 1130, to: 1300, kind: data.KindSeminar,
		title: "Building a regional network: next steps", room: "Seminar room 1",
		desc: "How the group will keep exchanging, and which projects to take further together.", trainers: []string{"thandeka", "marcus"}},
	{key: "d5-lunch", day: 4, from: 1300, to: 1400, kind: data.KindBreak, title: "Lunch", room: "Dining hall"},
	{key: "close", day: 4, from: 1430, to: 1600, kind: data.KindCeremony,
		title: "Closing ceremony and presentation of certificates", room: "Auditorium"},
}

const lagosAmountLocal, lagosAmountNigeria = 7500000, 32000000 // NGN: per diem in Lagos; travel, hotel and per diem from other states

var lagosPeople = []person{
	{given: "Ọláńrewájú", family: "Adébáyọ̀", gender: male, country: "NG",
		institution: "National Museum, Onikan, Lagos", position: "Assistant chief curator",
		email: "olanrewaju.adebayo@example.org", phone: "+234 803 410 2231", status: confirmed,
		grant: grant(lagosAmountLocal, "NGN", perDiem, true), consent: true,
		away: []away{{"d1-lecture", late, "Traffic on the Lekki–Epe expressway"}}},
	// The family name is written fully decomposed, as some keyboards and
	// pasted documents produce it: the store must bring it to NFC, where
	// the capital Ọ keeps a combining grave that has no precomposed form.
	{given: "Ẹniọlá", family: "O\u0323\u0300s\u0323u\u0301nto\u0301ki\u0301", gender: female, country: "NG",
		institution: "Osun State Council for Arts and Culture, Òṣogbo", position: "Heritage education officer",
		email: "eniola.osuntoki@example.org", phone: "+234 806 221 7745", status: confirmed,
		grant: grant(lagosAmountNigeria, "NGN", everything, true), consent: true},
	{given: "Ìfẹ́olúwa", family: "Àdìgún", gender: female, country: "NG",
		institution: "Institute of African Studies Museum, University of Ibadan", position: "Museum assistant",
		email: "ifeoluwa.adigun@example.org", phone: "+234 805 118 9032", status: confirmed,
		grant: grant(lagosAmountNigeria, "NGN", everything, true),
		away:  []away{{"d4-panel", absent, ""}}},
	{given: "Ọmọ́wùmí", family: "Fáṣínà", gender: female, country: "NG",
		institution: "Centre for Contemporary Art, Lagos", position: "Programmes coordinator",
		email: "omowumi.fasina@example.org", phone: "+234 809 774 1200", status: confirmed,
		grant: grant(lagosAmountLocal, "NGN", perDiem, true), consent: true,
		away: []away{{"d2-lecture", late, ""}, {"d4-lecture", late, ""}}},
	{given: "Ṣadé", family: "Akínlàdé", gender: female, country: "NG",
		institution: "Didi Museum, Victoria Island, Lagos", position: "Collections officer",
		email: "sade.akinlade@example.org", phone: "+234 802 665 4410", status: confirmed,
		grant: grant(lagosAmountLocal, "NGN", perDiem, true), consent: true,
		away: []away{{"d3-visit", excused, "Hospital appointment; medical note received"}}},
	{given: "Chukwuemeka", family: "Ọkafọ̀", printed: "Dr Chukwuemeka Ikenna Ọkafọ̀", gender: male, country: "NG",
		institution: "National War Museum, Umuahia", position: "Principal curator",
		email: "chukwuemeka.okafo@example.org", phone: "+234 803 902 5518", status: confirmed,
		grant: grant(lagosAmountNigeria, "NGN", everything, true), consent: true,
		notes: "Asked for his full name and title on the certificate.",
		away:  []away{{"d1-seminar", late, ""}, {"d5-pitch", late, "Bus from the hotel broke down"}}},
	{given: "Ngọzi", family: "Ùchẹ́", gender: female, country: "NG",
		institution: "Odinani Museum, Nri", position: "Documentation officer",
		email: "ngozi.uche@example.org", phone: "+234 807 340 6627", status: confirmed,
		grant: grant(lagosAmountNigeria, "NGN", everything, false),
		notes: "Per diem to be paid by bank transfer after the workshop.",
		away: []away{
			{"d1-seminar", absent, ""}, {"d2-lecture", late, ""}, {"d3-visit", late, ""},
			{"d3-risk", absent, ""}, {"d4-lecture", excused, "Visa appointment"}, {"d5-network", absent, ""},
		}},
	{given: "Obiọma", family: "Nwankwọ", gender: nobody, country: "NG",
		institution: "Enugu State Museum and Archives", position: "Exhibitions assistant",
		email: "obioma.nwankwo@example.org", phone: "+234 813 550 2904", status: confirmed,
		grant: grant(lagosAmountNigeria, "NGN", everything, true),
		away:  []away{{"d2-docs", absent, ""}, {"d2-memory", absent, ""}}},
	{given: "Nneka", family: "Ọnwụ", gender: female, country: "NG",
		institution: "Centre for Memories, Enugu", position: "Oral history researcher",
		email: "nneka.onwu@example.org", phone: "+234 816 203 7781", status: confirmed,
		grant: grant(lagosAmountNigeria, "NGN", everything, true), consent: true,
		away: []away{{"d4-marketing", excused, "Called back for a recording session with elders"}}},
	{given: "Ɗanjuma", family: "Abubakar", gender: male, country: "NG",
		institution: "Gidan Makama Museum, Kano", position: "Senior museum education officer",
		email: "danjuma.abubakar@example.org", phone: "+234 803 617 0093", status: confirmed,
		grant: grant(lagosAmountNigeria, "NGN", everything, true), consent: true,
		away: []away{{"d1-gallery", absent, ""}}},
	{given: "Ƙabiru", family: "Ɓello", gender: male, country: "NG",
		institution: "Arewa House, Kaduna", position: "Archivist",
		email: "kabiru.bello@example.org", phone: "+234 806 944 3120", status: confirmed,
		grant: grant(lagosAmountNigeria, "NGN", everything, true),
		away:  []away{{"d3-risk", late, ""}}},
	{given: "Hauwa’u", family: "Ɗahiru", gender: female, country: "NG",
		institution: "National Museum, Kaduna", position: "Conservation assistant",
		email: "hauwau.dahiru@example.org", phone: "+234 818 402 5567", status: confirmed,
		grant: grant(lagosAmountNigeria, "NGN", everything, true), consent: true,
		away: []away{{"d4-panel", late, ""}, {"d5-network", absent, ""}}},
	{given: "Zainab", family: "Ƙaura", gender: female, country: "NG",
		institution: "Waziri Junaidu History and Culture Bureau, Sokoto", position: "Research officer",
		email: "zainab.kaura@example.org", phone: "+234 805 330 1846", status: waitlisted,
		notes: "First on the waiting list for a Nigerian place."},
	{given: "João Adéṣínà", family: "Gonçalves", gender: male, country: "NG",
		institution: "Lagos State Records and Archives Bureau", position: "Archivist",
		email: "joao.goncalves@example.org", phone: "+234 802 118 4439", status: confirmed,
		grant: grant(lagosAmountLocal, "NGN", perDiem, true), consent: true,
		notes: "Researches the Afro-Brazilian houses of Lagos Island."},
	{given: "Tèmítọ́pẹ́", family: "Ọlátúnjí", gender: nobody, country: "NG",
		institution: "Esie Museum, Kwara State", position: "Curator",
		email: "temitope.olatunji@example.org", phone: "+234 810 775 6612", status: confirmed,
		grant: grant(lagosAmountNigeria, "NGN", everything, true),
		away:  []away{{"d1-lecture", late, ""}, {"d2-lecture", late, ""}, {"d3-first-aid", late, ""}}},
	{given: "Bọ́lá", family: "Ajíbádé", gender: male, country: "NG",
		institution: "National Museum, Ilé-Ifẹ̀", position: "Museum educator",
		email: "bola.ajibade@example.org", phone: "+234 803 552 0917", status: confirmed,
		grant: grant(lagosAmountNigeria, "NGN", everything, true), consent: true,
		away: []away{
			{"d1-gallery", absent, ""}, {"d2-docs", excused, "Child unwell; informed the organisers"},
			{"d2-memory", excused, "Child unwell; informed the organisers"},
			{"d4-marketing", absent, ""}, {"d4-panel", absent, ""},
		}},
	{given: "Fúnmiláyọ̀", family: "Ògúndélé", gender: female, country: "NG",
		institution: "Owo Museum of Antiquities, Ondo State", position: "Assistant curator",
		email: "funmilayo.ogundele@example.org", phone: "+234 806 309 8854", status: confirmed,
		grant: grant(lagosAmountNigeria, "NGN", everything, true), consent: true,
		away: []away{{"d1-gallery", absent, ""}, {"d4-marketing", absent, ""}, {"d4-panel", absent, ""}}},
	{given: "Osaretin", family: "Igbinedion", gender: male, country: "NG",
		institution: "National Museum, Benin City", position: "Education officer",
		email: "osaretin.igbinedion@example.org", phone: "+234 805 761 2290", status: withdrawn,
		notes: "Withdrew on 10 November for family reasons; grant released to the waiting list."},
	{given: "Efe", family: "Okorodudu", gender: female, country: "NG",
		institution: "Nike Art Gallery, Lekki", position: "Gallery educator",
		email: "efe.okorodudu@example.org", phone: "+234 809 118 3306", status: selected,
		notes: "Selected; has not replied to the confirmation emails of 1 and 8 November."},
	{given: "Ɛfua", family: "Boakye", gender: female, country: "GH",
		institution: "National Museum of Ghana, Accra", position: "Education officer",
		email: "efua.boakye@example.org", phone: "+233 24 455 9012", status: confirmed,
		grant: grant(85000, "USD", everything, true), consent: true,
		away: []away{{"open", late, "Flight from Accra landed at 08:40"}}},
	{given: "Kwame", family: "Gyamfi", gender: male, country: "GH",
		institution: "Manhyia Palace Museum, Kumasi", position: "Guide and researcher",
		email: "kwame.gyamfi@example.org", phone: "+233 20 871 4426", status: waitlisted},
	{given: "Françoise", family: "Houénou", gender: female, country: "BJ", lang: data.French,
		institution: "Musée Honmè, Porto-Novo", position: "Conservatrice",
		email: "francoise.houenou@example.org", phone: "+229 01 97 44 21 06", status: confirmed,
		grant: grant(85000, "USD", everything, true), consent: true,
		away: []away{{"d1-lecture", late, ""}}},
	{given: "Sèdjro", family: "Hounkpatin", gender: male, country: "BJ", lang: data.French,
		institution: "Musée historique d’Abomey", position: "Guide-conférencier",
		email: "sedjro.hounkpatin@example.org", phone: "+229 01 66 38 50 12", status: confirmed,
		grant: grant(85000, "USD", everything, true),
		away:  []away{{"d2-docs", absent, ""}}},
	{given: "Hélène", family: "Agbéko", gender: female, country: "TG", lang: data.French,
		institution: "Musée national du Togo, Lomé", position: "Chargée des collections",
		email: "helene.agbeko@example.org", phone: "+228 90 12 47 83", status: confirmed,
		grant: grant(85000, "USD", everything, true), consent: true,
		away: []away{{"d5-network", excused, "Early flight back to Lomé, agreed with the organisers"}}},
	{given: "Jean-Noël", family: "Ékambi", gender: male, country: "CM", lang: data.French,
		institution: "Musée national du Cameroun, Yaoundé", position: "Chef du service de la documentation",
		email: "jeannoel.ekambi@example.org", phone: "+237 6 77 41 20 95", status: confirmed,
		grant: grant(120000, "USD", everything, true),
		away:  []away{{"d2-memory", excused, "Visa appointment"}}},
	{given: "Aïchatou", family: "Hamani", gender: female, country: "NE", lang: data.French,
		institution: "Musée national Boubou Hama, Niamey", position: "Animatrice culturelle",
		email: "aichatou.hamani@example.org", phone: "+227 96 48 13 70", status: confirmed,
		grant: grant(120000, "USD", everything, false), consent: true,
		notes: "Flight from Niamey cancelled; arrived on Tuesday at noon. Per diem to be paid on departure.",
		away: []away{
			{"open", absent, "Flight cancelled"}, {"d1-lecture", absent, "Flight cancelled"},
			{"d1-seminar", absent, "Flight cancelled"}, {"d1-gallery", absent, "Flight cancelled"},
			{"d2-lecture", absent, "In transit"}, {"d2-handling", absent, "In transit"},
		}},
	{given: "Yao", family: "N’Guessan", gender: male, country: "CI", lang: data.French,
		institution: "Musée des civilisations de Côte d’Ivoire, Abidjan", position: "Attaché de conservation",
		email: "yao.nguessan@example.org", phone: "+225 07 48 22 61 35", status: confirmed,
		grant: grant(120000, "USD", everything, true), consent: true},
	{given: "María", family: "Ñúñez Obiang", gender: female, country: "GQ", lang: data.Spanish,
		institution: "Centro Cultural Ecuatoguineano, Malabo", position: "Responsable de colecciones",
		email: "maria.nunez@example.org", phone: "+240 222 41 78 30", status: confirmed,
		grant: grant(120000, "USD", everything, false),
		notes: "Travel grant paid; accommodation invoice still with the hotel.",
		away:  []away{{"d3-risk", absent, "Unwell, rested at the hotel"}}},
}

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

// Logos are drawn here rather than shipped as files, so that the package
// stays self-contained: flat shapes on a transparent 200×200 canvas, which
// compress to a few kilobytes and print cleanly on a certificate.

const logoSize = 200

type shape func(x, y float64) bool // x, y in [0,1], y pointing down

type layer struct {
	c  color.NRGBA
	in shape
}

// emblem is drawn bottom layer first; a later layer covers earlier ones.
type emblem []layer

func rgb(r, g, b uint8) color.NRGBA { return color.NRGBA{r, g, b, 0xff} }

func disc(cx, cy, r float64) shape {
	return func(x, y float64) bool { return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r }
}

func ring(cx, cy, r0, r1 float64) shape {
	return func(x, y float64) bool {
		d := (x-cx)*(x-cx) + (y-cy)*(y-cy)
		return d >= r0*r0 && d <= r1*r1
	}
}

func rect(x0, y0, x1, y1 float64) shape {
	return func(x, y float64) bool { return x >= x0 && x <= x1 && y >= y0 && y <= y1 }
}

// poly fills a polygon by the even-odd rule, which also handles stars.
func poly(pts ...[2]float64) shape {
	return func(x, y float64) bool {
		in := false
		for i, j := 0, len(pts)-1; i < len(pts); j, i = i, i+1 {
			a, b := pts[i], pts[j]
			if (a[1] > y) != (b[1] > y) && x < (b[0]-a[0])*(y-a[1])/(b[1]-a[1])+a[0] {
				in = !in
			}
		}
		return in
	}
}

func union(shapes ...shape) shape {
	return func(x, y float64) bool {
		for _, s := range shapes {
			if s(x, y) {
				return true
			}
		}
		return false
	}
}

func and(a, b shape) shape   { return func(x, y float64) bool { return a(x, y) && b(x, y) } }
func minus(a, b shape) shape { return func(x, y float64) bool { return a(x, y) && !b(x, y) } }

func star(cx, cy, r float64) shape {
	var pts [][2]float64
	for i := range 10 {
		rr := r
		if i%2 == 1 {
			rr = r * 0.4
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		pts = append(pts, [2]float64{cx + rr*math.Cos(a), cy + rr*math.Sin(a)})
	}
	return poly(pts...)
}

var (
	// A classical museum front: pediment, three columns, a base.
	emblemTemple = emblem{
		{rgb(0xe6, 0xec, 0xf7), disc(.5, .5, .48)},
		{rgb(0x1f, 0x3a, 0x93), union(
			poly([2]float64{.14, .38}, [2]float64{.5, .14}, [2]float64{.86, .38}),
			rect(.22, .43, .31, .77), rect(.455, .43, .545, .77), rect(.69, .43, .78, .77),
			rect(.14, .81, .86, .88))},
	}
	// A sun with eight rays, for a museum of art.
	emblemSun = func() emblem {
		rays := make([]shape, 8)
		for i := range rays {
			a := float64(i) * math.Pi / 4
			rays[i] = disc(.5+.38*math.Cos(a), .5+.38*math.Sin(a), .065)
		}
		return emblem{
			{rgb(0xe8, 0xa3, 0x3d), union(rays...)},
			{rgb(0xc2, 0x57, 0x1a), ring(.5, .5, .2, .28)},
			{rgb(0xe8, 0xa3, 0x3d), disc(.5, .5, .13)},
		}
	}()
	// Nested diamonds in navy and gold.
	emblemDiamond = func() emblem {
		d := func(r float64) shape {
			return func(x, y float64) bool { return math.Abs(x-.5)+math.Abs(y-.5) <= r }
		}
		return emblem{
			{rgb(0x14, 0x28, 0x4b), minus(d(.47), d(.37))},
			{rgb(0xc9, 0xa2, 0x27), d(.25)},
		}
	}()
	// Three stacked tiers widening upwards, like a corona.
	emblemCorona = func() emblem {
		tier := func(top, w float64) shape {
			return poly([2]float64{.5 - w, top}, [2]float64{.5 + w, top},
				[2]float64{.5 + w - .07, top + .16}, [2]float64{.5 - w + .07, top + .16})
		}
		return emblem{
			{rgb(0xf3, 0xe9, 0xdc), disc(.5, .5, .48)},
			{rgb(0x8c, 0x62, 0x39), union(tier(.2, .36), tier(.41, .3), tier(.62, .24))},
		}
	}()
	// A round building seen from above: a ring with four entrances.
	emblemRound = emblem{
		{rgb(0xb5, 0x65, 0x1d), minus(ring(.5, .5, .3, .45), union(rect(.46, 0, .54, 1), rect(0, .46, 1, .54)))},
		{rgb(0x3b, 0x2a, 0x1a), disc(.5, .5, .17)},
	}
	// A baobab: a thick trunk under a wide crown.
	emblemBaobab = emblem{
		{rgb(0x6b, 0x45, 0x23), poly([2]float64{.35, .88}, [2]float64{.65, .88}, [2]float64{.58, .45}, [2]float64{.42, .45})},
		{rgb(0x2e, 0x7d, 0x32), union(disc(.3, .35, .16), disc(.5, .27, .19), disc(.7, .35, .16), rect(.25, .3, .75, .45))},
	}
)

// emblemBands is a disc in three vertical bands, optionally with a star,
// in the colours of a national committee's country.
func emblemBands(left, middle, right color.NRGBA, withStar bool) emblem {
	d := disc(.5, .5, .46)
	e := emblem{
		{left, and(d, rect(0, 0, .36, 1))},
		{middle, and(d, rect(.36, 0, .64, 1))},
		{right, and(d, rect(.64, 0, 1, 1))},
		{left, ring(.5, .5, .43, .48)},
	}
	if withStar {
		e = append(e, layer{left, star(.5, .5, .12)})
	}
	return e
}

// png renders the emblem with 4×4 supersampling, so that edges are smooth
// when a certificate scales the logo.
func (e emblem) png() ([]byte, error) {
	const ss = 4
	img := image.NewNRGBA(image.Rect(0, 0, logoSize, logoSize))
	for py := range logoSize {
		for px := range logoSize {
			var r, g, b, a int
			for sy := range ss {
				for sx := range ss {
					x := (float64(px) + (float64(sx)+.5)/ss) / logoSize
					y := (float64(py) + (float64(sy)+.5)/ss) / logoSize
					for k := len(e) - 1; k >= 0; k-- {
						if e[k].in(x, y) {
							c := e[k].c
							r, g, b, a = r+int(c.R), g+int(c.G), b+int(c.B), a+1
							break
						}
					}
				}
			}
			if a > 0 {
				img.SetNRGBA(px, py, color.NRGBA{uint8(r / a), uint8(g / a), uint8(b / a), uint8(a * 255 / (ss * ss))})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
