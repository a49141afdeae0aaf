// Package demo fills an Atelier file with two realistic workshops, so that
// every screen, PDF and workbook has something true-to-life to show: a
// finished English-language regional training in Lagos with its attendance,
// and a French-language workshop in Dakar that is still being planned.
//
// The people, bios and contact details are invented; the institutions and
// places are real ones of the region, so that organisers recognise them.
package demo

import (
	"errors"
	"fmt"
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
