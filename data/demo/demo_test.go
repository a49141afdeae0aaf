package demo

import (
	"bytes"
	"database/sql"
	"image/png"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/atelier-workshops/atelier/data"
	"golang.org/x/text/unicode/norm"
	_ "modernc.org/sqlite"
)

// The figures the demo is built for; the comment on lagos() in demo.go says
// who fails and why.
const (
	lagosParticipants = 28
	lagosConfirmed    = 24
	lagosQualify      = 21
	lagosTrainerCount = 7
	lagosSessionCount = 26
	lagosCounting     = 16
	plannedApplicants = 15
)

func newFile(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "demo.db")
}

func open(t *testing.T, path string, mode data.OpenMode) *data.Store {
	t.Helper()
	st, err := data.Open(path, mode)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	return st
}

// written opens a new file, writes the demo into it and closes it at the end
// of the test.
func written(t *testing.T) (*data.Store, Result, string) {
	t.Helper()
	path := newFile(t)
	st := open(t, path, data.OpenOrCreate)
	t.Cleanup(func() { st.Close() })
	res, err := Write(st)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	return st, res, path
}

// must unwraps a store call's result. Go cannot pass a call's two results
// after another argument, so there is no t here: a failing read panics,
// which fails the test with the error and where it happened.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func byEmail(ps []data.Participant) map[string]data.Participant {
	out := map[string]data.Participant{}
	for _, p := range ps {
		out[p.Email] = p
	}
	return out
}

func TestWriteOnANewFile(t *testing.T) {
	t.Parallel()
	st, res, _ := written(t)
	if res.Lagos == 0 || res.Planned == 0 || res.Lagos == res.Planned {
		t.Fatalf("Result = %+v, want two different workshop IDs", res)
	}
	if ws := must(st.Workshops()); len(ws) != 2 {
		t.Fatalf("%d workshops in the file, want 2", len(ws))
	}
	l := must(st.Workshop(res.Lagos))
	if l.City != "Lagos" || l.Country != "NG" || l.Language != data.English || l.GrantTarget != 28 ||
		l.StartDate != data.NewDate(2022, time.November, 21) || l.EndDate != data.NewDate(2022, time.November, 25) ||
		!strings.Contains(l.Venue, "Yemisi Shyllon Museum of Art") || !strings.Contains(l.Region, "Africa") ||
		l.Rule != data.DefaultCertificateRule {
		t.Errorf("Lagos workshop = %+v", l)
	}
	p := must(st.Workshop(res.Planned))
	if p.Language != data.French || p.Country != "SN" || p.StartDate.Year != 2027 || p.City != "Dakar" {
		t.Errorf("planned workshop = %+v", p)
	}
	// The French title carries French typography, as a French word
	// processor would have typed it.
	if !strings.Contains(p.Title, "\u00a0:") || !strings.Contains(p.Theme, "«\u00a0") {
		t.Errorf("planned title %q / theme %q lack French no-break spaces", p.Title, p.Theme)
	}
}

func TestLagosOrganisations(t *testing.T) {
	t.Parallel()
	st, res, _ := written(t)
	orgs := must(st.WorkshopOrganisations(res.Lagos))
	got := map[data.Role][]string{}
	for _, o := range orgs {
		got[o.Role] = append(got[o.Role], o.ShortName)
	}
	want := map[data.Role][]string{
		data.RoleOrganiser: {"ICOM"}, data.RoleHost: {"YSMA"},
		data.RolePartner: {"PAU", "ICOM NG"}, data.RoleSupporter: {"NMAAHC"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Lagos organisations by role = %v, want %v", got, want)
	}
}

func TestLagosProgramme(t *testing.T) {
	t.Parallel()
	st, res, _ := written(t)
	c := must(st.CountsOf(res.Lagos))
	if c.Participants != lagosParticipants || c.Confirmed != lagosConfirmed || c.Trainers != lagosTrainerCount ||
		c.Sessions != lagosSessionCount {
		t.Errorf("counts = %+v", c)
	}
	if c.Trainers < 6 || c.Trainers > 8 || c.Sessions < 22 || c.Sessions > 28 {
		t.Errorf("counts %+v are outside the brief (6–8 trainers, about 25 sessions)", c)
	}

	days := must(st.SessionsByDay(res.Lagos))
	if len(days) != 5 {
		t.Fatalf("%d programme days, want 5", len(days))
	}
	for _, d := range days {
		if len(d.Sessions) == 0 {
			t.Errorf("%s has no session", d.Date)
		}
	}
	first, last := days[0].Sessions, days[4].Sessions
	if first[0].Kind != data.KindCeremony || last[len(last)-1].Kind != data.KindCeremony {
		t.Errorf("programme should open and close with a ceremony: %q … %q", first[0].Title, last[len(last)-1].Title)
	}

	sessions := must(st.Sessions(res.Lagos))
	kinds := map[data.SessionKind]int{}
	var counting, mandatory int
	var fieldVisitMandatory bool
	for _, s := range sessions {
		kinds[s.Kind]++
		teaches := s.Kind != data.KindBreak && s.Kind != data.KindCeremony
		if s.CountsForCertificate != teaches {
			t.Errorf("%q (%s): counts for certificate = %v", s.Title, s.Kind, s.CountsForCertificate)
		}
		if s.CountsForCertificate {
			counting++
		}
		if teaches && (len(s.TrainerIDs) < 1 || len(s.TrainerIDs) > 2) {
			t.Errorf("%q has %d trainers, want 1 or 2", s.Title, len(s.TrainerIDs))
		}
		if s.Mandatory {
			mandatory++
			fieldVisitMandatory = fieldVisitMandatory || s.Kind == data.KindFieldVisit
		}
		if s.Start.Location() != time.UTC || s.Start.Hour() < 8 || s.End.Hour()*60+s.End.Minute() > 17*60+30 {
			t.Errorf("%q runs %s–%s, outside an 08:30–17:30 day", s.Title, s.Start, s.End)
		}
	}
	if counting != lagosCounting {
		t.Errorf("%d sessions count for the certificate, want %d", counting, lagosCounting)
	}
	for _, k := range data.SessionKinds {
		if kinds[k] == 0 {
			t.Errorf("no session of kind %s", k)
		}
	}
	if mandatory < 1 || mandatory > 2 || !fieldVisitMandatory {
		t.Errorf("%d mandatory sessions (field visit among them: %v), want 1–2 including the field visit",
			mandatory, fieldVisitMandatory)
	}
}

func TestEveryTrainerLeadsASession(t *testing.T) {
	t.Parallel()
	st, res, _ := written(t)
	for _, id := range []int64{res.Lagos, res.Planned} {
		trainers := must(st.Trainers(id))
		if len(trainers) == 0 {
			t.Fatalf("workshop %d has no trainers", id)
		}
		for _, tr := range trainers {
			if len(must(st.TrainerSessions(tr.ID))) == 0 {
				t.Errorf("%s leads no session", tr.Name)
			}
			if tr.Country == "" || tr.Email == "" || tr.Bio == "" || tr.Affiliation == "" {
				t.Errorf("trainer %+v is missing details", tr)
			}
		}
	}
	countries := map[string]bool{}
	for _, tr := range must(st.Trainers(res.Lagos)) {
		countries[tr.Country] = true
	}
	if len(countries) < 5 {
		t.Errorf("Lagos trainers come from %d countries, want several", len(countries))
	}
}

func TestLagosParticipants(t *testing.T) {
	t.Parallel()
	st, res, _ := written(t)
	ps := must(st.Participants(res.Lagos, data.ParticipantFilter{}))
	if len(ps) != lagosParticipants {
		t.Fatalf("%d participants, want %d", len(ps), lagosParticipants)
	}
	statuses := map[data.Status]int{}
	countries := map[string]int{}
	genders := map[data.Gender]int{}
	langs := map[data.Language]int{}
	var paid, unpaid, printed int
	for _, p := range ps {
		statuses[p.Status]++
		countries[p.Country]++
		genders[p.Gender]++
		langs[p.Language]++
		if p.Status == data.StatusConfirmed {
			if !p.Grant.Awarded || p.Grant.AmountMinor <= 0 || (p.Grant.Currency != "USD" && p.Grant.Currency != "NGN") ||
				!(p.Grant.Travel || p.Grant.Accommodation || p.Grant.PerDiem) {
				t.Errorf("confirmed %s has grant %+v", p.FullName(), p.Grant)
			}
			if p.Grant.Paid {
				paid++
			} else {
				unpaid++
			}
		}
		if p.PrintedName != "" && p.PrintedName != p.FullName() {
			printed++
		}
	}
	wantStatuses := map[data.Status]int{data.StatusConfirmed: 24, data.StatusWaitlisted: 2, data.StatusWithdrawn: 1,
		data.StatusSelected: 1}
	if !reflect.DeepEqual(statuses, wantStatuses) {
		t.Errorf("statuses = %v, want %v", statuses, wantStatuses)
	}
	if countries["NG"] <= len(ps)/2 {
		t.Errorf("%d of %d participants from Nigeria, want a majority", countries["NG"], len(ps))
	}
	for _, c := range []string{"GH", "BJ", "CM", "NE", "TG"} {
		if countries[c] == 0 {
			t.Errorf("no participant from %s", c)
		}
	}
	if genders[data.GenderFemale] == 0 || genders[data.GenderMale] == 0 || genders[data.GenderUnspecified] == 0 {
		t.Errorf("genders = %v, want a mix with some unspecified", genders)
	}
	if langs[data.French] == 0 || langs[""]+langs[data.English] <= langs[data.French] {
		t.Errorf("preferred languages = %v, want mostly English with some French", langs)
	}
	if paid == 0 || unpaid == 0 {
		t.Errorf("%d grants paid, %d unpaid; want both", paid, unpaid)
	}
	if printed != 1 {
		t.Errorf("%d participants have a printed name of their own, want 1", printed)
	}
}

// TestLagosAttendance checks the certificate outcome the demo is built for:
// most confirmed participants qualify, and each of the others fails for
// the reason the demo gives them.
func TestLagosAttendance(t *testing.T) {
	t.Parallel()
	st, res, _ := written(t)
	m := must(st.Verdicts(res.Lagos)).Matrix
	if len(m.Participants) != lagosConfirmed {
		t.Fatalf("matrix has %d rows, want the %d confirmed participants only", len(m.Participants), lagosConfirmed)
	}

	seen := map[data.Mark]int{}
	for i := range m.Participants {
		for j, s := range m.Sessions {
			mark := m.At(i, j)
			seen[mark]++
			if (s.Kind == data.KindBreak) != (mark == data.Unmarked) {
				t.Errorf("%s, %q (%s): mark %q", m.Participants[i].FullName(), s.Title, s.Kind, mark)
			}
		}
	}
	for _, mark := range data.Marks {
		if seen[mark] == 0 {
			t.Errorf("no %s mark anywhere", mark)
		}
	}

	qualify := 0
	outcome := map[string]data.AttendanceSummary{}
	for i, p := range m.Participants {
		sum := m.Summary(i)
		outcome[p.Email] = sum
		if sum.MeetsRequirement {
			qualify++
		}
	}
	if qualify != lagosQualify || qualify == 0 || qualify == len(m.Participants) {
		t.Errorf("%d of %d qualify, want %d", qualify, len(m.Participants), lagosQualify)
	}

	late := outcome["aichatou.hamani@example.org"]
	if late.MeetsRequirement || late.MeetsMinimum || len(late.MissedMandatory) != 0 || late.Counted != lagosCounting ||
		late.Attended != 11 {
		t.Errorf("Aïchatou Hamani should fail on percentage alone (11/16): %+v", late)
	}
	visit := outcome["sade.akinlade@example.org"]
	if visit.MeetsRequirement || !visit.MeetsMinimum || len(visit.MissedMandatory) != 1 ||
		visit.MissedMandatory[0].Kind != data.KindFieldVisit {
		t.Errorf("Ṣadé Akínlàdé should fail on the mandatory field visit alone: %+v", visit)
	}
	short := outcome["bola.ajibade@example.org"]
	if short.MeetsRequirement || short.Percent >= 80 || short.Percent < 75 || len(short.MissedMandatory) != 0 {
		t.Errorf("Bọ́lá Ajíbádé should fall just short of 80 %%: %+v", short)
	}
	edge := outcome["ngozi.uche@example.org"]
	if !edge.MeetsRequirement || edge.Counted != 15 || edge.Attended != 12 {
		t.Errorf("Ngọzi Ùchẹ́ should qualify at exactly 80 %% (12/15): %+v", edge)
	}
	for email, sum := range outcome {
		switch email {
		case "aichatou.hamani@example.org", "sade.akinlade@example.org", "bola.ajibade@example.org":
		default:
			if !sum.MeetsRequirement {
				t.Errorf("%s does not qualify: %+v", email, sum)
			}
		}
	}
}

func TestMarksAreTakenAtTheSession(t *testing.T) {
	t.Parallel()
	st, res, _ := written(t)
	sessions := must(st.Sessions(res.Lagos))
	var notes []string
	for _, s := range sessions {
		marks := must(st.SessionMarks(s.ID))
		for _, a := range marks {
			venueClock := a.MarkedAt.Add(lagosUTCOffset)
			if a.MarkedAt.Location() != time.UTC || venueClock.Before(s.Start) || venueClock.After(s.Start.Add(30*time.Minute)) {
				t.Errorf("%q marked at %s, want within 30 minutes of its start %s", s.Title, a.MarkedAt, s.Start)
			}
			if a.Mark == data.Excused {
				notes = append(notes, a.Note)
			}
		}
	}
	if !slices.Contains(notes, "Visa appointment") {
		t.Errorf("excused notes %q lack the visa appointment", notes)
	}
	for _, p := range must(st.Participants(res.Lagos, data.ParticipantFilter{})) {
		marks := must(st.ParticipantMarks(p.ID))
		if (p.Status == data.StatusConfirmed) != (len(marks) > 0) {
			t.Errorf("%s (%s) has %d marks", p.FullName(), p.Status, len(marks))
		}
	}
}

func TestMarksAreTheSameOnEveryRun(t *testing.T) {
	t.Parallel()
	grid := func() []string {
		st, res, _ := written(t)
		m := must(st.Verdicts(res.Lagos)).Matrix
		var out []string
		for _, s := range m.Sessions {
			for _, a := range must(st.SessionMarks(s.ID)) {
				i, _ := m.RowOf(a.ParticipantID)
				out = append(out, m.Participants[i].Email+" "+s.Title+" "+string(a.Mark)+" "+a.MarkedAt.String()+" "+a.Note)
			}
		}
		slices.Sort(out)
		return out
	}
	a, b := grid(), grid()
	if len(a) == 0 || !slices.Equal(a, b) {
		t.Errorf("two runs wrote different marks (%d and %d)", len(a), len(b))
	}
}

func TestPlannedWorkshop(t *testing.T) {
	t.Parallel()
	st, res, _ := written(t)
	c := must(st.CountsOf(res.Planned))
	if c.Marks != 0 || c.Certificates != 0 || c.Confirmed != 0 {
		t.Errorf("planned workshop counts = %+v, want no marks, certificates or confirmed participants", c)
	}
	if c.Trainers < 3 || c.Trainers > 4 || c.Sessions < 8 || c.Sessions > 10 {
		t.Errorf("planned workshop counts = %+v, want 3–4 trainers and 8–10 sessions", c)
	}
	days := must(st.SessionsByDay(res.Planned))
	var empty int
	for i, d := range days {
		if len(d.Sessions) == 0 {
			empty++
		} else if empty > 0 {
			t.Errorf("day %d (%s) has sessions after an empty day; the draft should fill the first days", i+1, d.Date)
		}
	}
	if len(days) != 5 || empty == 0 || empty == 5 {
		t.Errorf("%d days, %d of them empty; want 5 with the last ones still empty", len(days), empty)
	}

	ps := must(st.Participants(res.Planned, data.ParticipantFilter{}))
	if len(ps) != plannedApplicants {
		t.Fatalf("%d applicants, want %d", len(ps), plannedApplicants)
	}
	statuses := map[data.Status]int{}
	for _, p := range ps {
		statuses[p.Status]++
		if p.Language != data.French {
			t.Errorf("%s prefers %q, want fr", p.FullName(), p.Language)
		}
	}
	if statuses[data.StatusApplicant] <= len(ps)/2 || statuses[data.StatusSelected] == 0 ||
		statuses[data.StatusWaitlisted] == 0 || statuses[data.StatusConfirmed] != 0 {
		t.Errorf("statuses = %v, want mostly applicants, some selected and waitlisted", statuses)
	}
	m := must(st.Verdicts(res.Planned)).Matrix
	if len(m.Participants) != 0 {
		t.Errorf("planned workshop's matrix has %d rows, want none", len(m.Participants))
	}
	orgs := must(st.WorkshopOrganisations(res.Planned))
	roles := map[data.Role]int{}
	for _, o := range orgs {
		roles[o.Role]++
	}
	for _, r := range data.Roles {
		if roles[r] == 0 {
			t.Errorf("planned workshop has no %s", r)
		}
	}
}

// TestNamesReadBackAsNFC compares every name with the NFC form of what the
// tables hold: Yoruba tone marks on capitals, Hausa hooked letters, French,
// Spanish and Portuguese letters must come back exactly.
func TestNamesReadBackAsNFC(t *testing.T) {
	t.Parallel()
	st, res, _ := written(t)
	var decomposed, capitalWithMark bool
	check := func(what, got, wrote string) {
		t.Helper()
		want := norm.NFC.String(wrote)
		if got != want {
			t.Errorf("%s: read back %q (%+q), want %q (%+q)", what, got, got, want, want)
		}
		decomposed = decomposed || wrote != want
		prev := rune(0)
		for _, r := range want {
			if unicode.Is(unicode.Mn, r) && unicode.IsUpper(prev) {
				capitalWithMark = true
			}
			prev = r
		}
	}
	for _, w := range []struct {
		id     int64
		people []person
		tr     []trainerSpec
	}{{res.Lagos, lagosPeople, lagosTrainers}, {res.Planned, dakarPeople, dakarTrainers}} {
		stored := byEmail(must(st.Participants(w.id, data.ParticipantFilter{})))
		if len(stored) != len(w.people) {
			t.Fatalf("%d participants stored, %d written", len(stored), len(w.people))
		}
		for _, pp := range w.people {
			p, ok := stored[pp.email]
			if !ok {
				t.Errorf("%s not found", pp.email)
				continue
			}
			check(pp.email+" given name", p.GivenName, pp.given)
			check(pp.email+" family name", p.FamilyName, pp.family)
			check(pp.email+" printed name", p.PrintedName, pp.printed)
			check(pp.email+" institution", p.Institution, pp.institution)
		}
		trainers := map[string]string{}
		for _, tr := range must(st.Trainers(w.id)) {
			trainers[tr.Email] = tr.Name
		}
		for _, ts := range w.tr {
			check(ts.Email+" trainer name", trainers[ts.Email], ts.Name)
		}
	}
	if !decomposed {
		t.Error("no name is written in a decomposed form, so normalisation is not exercised")
	}
	if !capitalWithMark {
		t.Error("no name has a capital with a combining mark that survives NFC (like Ọ̀)")
	}
	// Search folds these names to plain letters: a user typing on an
	// English keyboard must find them.
	for _, q := range []string{"osuntoki", "danjuma", "kabiru bello", "nunez", "goncalves", "olanrewaju adebayo"} {
		if got := must(st.Participants(res.Lagos, data.ParticipantFilter{Text: q})); len(got) != 1 {
			t.Errorf("search %q found %d participants, want 1", q, len(got))
		}
	}
}

func TestLogos(t *testing.T) {
	t.Parallel()
	st, res, _ := written(t)
	seen := map[string]string{}
	for _, id := range []int64{res.Lagos, res.Planned} {
		for _, o := range must(st.WorkshopOrganisations(id)) {
			if o.LogoType != "image/png" || len(o.Logo) == 0 || len(o.Logo) >= 20<<10 {
				t.Errorf("%s: logo %s of %d bytes, want a PNG under 20 KB", o.Name, o.LogoType, len(o.Logo))
				continue
			}
			img, err := png.Decode(bytes.NewReader(o.Logo))
			if err != nil {
				t.Errorf("%s: %v", o.Name, err)
				continue
			}
			if b := img.Bounds(); b.Dx() != 200 || b.Dy() != 200 {
				t.Errorf("%s: logo is %v, want 200×200", o.Name, b)
			}
			opaque := 0
			for y := range 200 {
				for x := range 200 {
					if _, _, _, a := img.At(x, y).RGBA(); a == 0xffff {
						opaque++
					}
				}
			}
			if opaque < 200*200/10 {
				t.Errorf("%s: only %d opaque pixels; the logo would print as almost nothing", o.Name, opaque)
			}
			if other, dup := seen[string(o.Logo)]; dup && other != o.Name {
				t.Errorf("%s and %s have the same logo", o.Name, other)
			}
			seen[string(o.Logo)] = o.Name
		}
	}
}

func TestWritingTwiceSharesOrganisations(t *testing.T) {
	t.Parallel()
	st, first, _ := written(t)
	before := must(st.Organisations())
	second, err := Write(st)
	if err != nil {
		t.Fatalf("second Write: %v", err)
	}
	after := must(st.Organisations())
	if len(before) != 8 || len(after) != len(before) {
		t.Errorf("%d organisations after one Write, %d after two; want 8 both times", len(before), len(after))
	}
	if ws := must(st.Workshops()); len(ws) != 4 {
		t.Errorf("%d workshops after two writes, want 4", len(ws))
	}
	ids := func(w int64) []int64 {
		var out []int64
		for _, o := range must(st.WorkshopOrganisations(w)) {
			out = append(out, o.ID)
		}
		return out
	}
	if a, b := ids(first.Lagos), ids(second.Lagos); len(a) != 5 || !slices.Equal(a, b) {
		t.Errorf("organisations of the two Lagos workshops: %v and %v", a, b)
	}
	icom := 0
	for _, id := range append(ids(second.Lagos), ids(second.Planned)...) {
		if id == ids(first.Lagos)[0] {
			icom++
		}
	}
	if icom != 2 {
		t.Errorf("ICOM is linked %d times to the second pair of workshops, want 2", icom)
	}
}

func TestWriteLeavesWhatIsAlreadyThereAlone(t *testing.T) {
	t.Parallel()
	path := newFile(t)
	st := open(t, path, data.OpenOrCreate)
	defer st.Close()

	// An earlier workshop typed by hand, with its own spelling of ICOM.
	mine := data.Organisation{Name: "international council of museums ", ShortName: "ICOM Paris", Country: "FR"}
	check(t, st.SaveOrganisation(&mine))
	w := data.Workshop{Title: "Museum futures today", City: "Cape Town", Country: "ZA",
		StartDate: data.NewDate(2019, time.November, 4), EndDate: data.NewDate(2019, time.November, 8), Language: data.English}
	check(t, st.SaveWorkshop(&w))
	check(t, st.AddOrganisationRole(w.ID, mine.ID, data.RoleOrganiser))
	s := data.Session{WorkshopID: w.ID, Title: "Stakeholder mapping", Kind: data.KindSeminar,
		Start: w.StartDate.At(9, 0), End: w.StartDate.At(11, 0), CountsForCertificate: true}
	check(t, st.SaveSession(&s))
	p := data.Participant{WorkshopID: w.ID, GivenName: "Thabo", FamilyName: "Nkosi", Status: data.StatusConfirmed}
	check(t, st.SaveParticipant(&p))
	check(t, st.SetMark(&data.Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: data.Late,
		MarkedAt: s.Start.Add(20 * time.Minute)}))

	snapshot := func() []any {
		return []any{must(st.Workshop(w.ID)), must(st.Sessions(w.ID)),
			must(st.Participants(w.ID, data.ParticipantFilter{})), must(st.ParticipantMarks(p.ID)),
			must(st.WorkshopOrganisations(w.ID)), must(st.Organisation(mine.ID))}
	}
	before := snapshot()
	res, err := Write(st)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	if after := snapshot(); !reflect.DeepEqual(before, after) {
		t.Errorf("the earlier workshop changed:\nbefore %+v\nafter  %+v", before, after)
	}
	orgs := must(st.WorkshopOrganisations(res.Lagos))
	if orgs[0].Role != data.RoleOrganiser || orgs[0].ID != mine.ID {
		t.Errorf("Lagos organiser is %d (%s), want the existing ICOM row %d", orgs[0].ID, orgs[0].Name, mine.ID)
	}
	if n := len(must(st.Organisations())); n != 8 {
		t.Errorf("%d organisations, want 8 (ICOM reused)", n)
	}
}

func TestReopenKeepsEverything(t *testing.T) {
	t.Parallel()
	path := newFile(t)
	st := open(t, path, data.OpenOrCreate)
	res, err := Write(st)
	if err != nil {
		t.Fatal(err)
	}
	type snap struct {
		Counts   []data.WorkshopCounts
		Orgs     []data.Organisation
		Qualify  int
		Sessions []data.Session
		People   []data.Participant
	}
	take := func(st *data.Store) snap {
		var s snap
		for _, id := range []int64{res.Lagos, res.Planned} {
			s.Counts = append(s.Counts, must(st.CountsOf(id)))
			s.Sessions = append(s.Sessions, must(st.Sessions(id))...)
			s.People = append(s.People, must(st.Participants(id, data.ParticipantFilter{}))...)
		}
		s.Orgs = must(st.Organisations())
		m := must(st.Verdicts(res.Lagos)).Matrix
		for i := range m.Participants {
			if m.Summary(i).MeetsRequirement {
				s.Qualify++
			}
		}
		return s
	}
	before := take(st)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st = open(t, path, data.OpenExisting)
	defer st.Close()
	after := take(st)
	if !reflect.DeepEqual(before, after) {
		t.Errorf("reopened file differs:\nbefore %+v\nafter  %+v", before.Counts, after.Counts)
	}
	if after.Qualify != lagosQualify || after.Counts[0].Participants != lagosParticipants ||
		after.Counts[0].Marks == 0 || len(after.Orgs) != 8 {
		t.Errorf("reopened file: %d qualify, counts %+v, %d organisations", after.Qualify, after.Counts, len(after.Orgs))
	}
}

func TestFileIntegrity(t *testing.T) {
	t.Parallel()
	path := newFile(t)
	st := open(t, path, data.OpenOrCreate)
	if _, err := Write(st); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var integrity string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&integrity); err != nil || integrity != "ok" {
		t.Errorf("integrity_check = %q, %v", integrity, err)
	}
	rows, err := db.Query(`PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, parent string
		var rowid, fk sql.NullInt64
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			t.Fatal(err)
		}
		t.Errorf("foreign key violation: %s row %v → %s", table, rowid, parent)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var marks int
	if err := db.QueryRow(`SELECT count(*) FROM attendance`).Scan(&marks); err != nil || marks == 0 {
		t.Errorf("the closed file holds %d marks (%v); the WAL was not checkpointed into it", marks, err)
	}
}

// TestFailureTakesBackWhatWasWritten drives the writer with a broken spec:
// nothing of it may stay in the file, and organisations that were already
// there must survive the clean-up.
func TestFailureTakesBackWhatWasWritten(t *testing.T) {
	t.Parallel()
	path := newFile(t)
	st := open(t, path, data.OpenOrCreate)
	defer st.Close()
	theirs := data.Organisation{Name: "Pan-Atlantic University"}
	check(t, st.SaveOrganisation(&theirs))

	spec := lagos()
	spec.sessions = append(slices.Clone(spec.sessions), sessionSpec{key: "ghost", day: 0, from: 900, to: 1000,
		kind: data.KindLecture, title: "Led by nobody", trainers: []string{"no-such-trainer"}})
	w := &writer{st: st, orgs: map[string]int64{orgKey(theirs.Name): theirs.ID}}
	if _, err := w.workshop(spec); err == nil || !strings.Contains(err.Error(), "no-such-trainer") {
		t.Fatalf("workshop with an unknown trainer: err = %v", err)
	}
	if len(w.newWorkshop) != 1 || len(w.newOrgs) != 4 {
		t.Fatalf("writer recorded %d workshops and %d organisations, want 1 and 4", len(w.newWorkshop), len(w.newOrgs))
	}
	if err := w.undo(); err != nil {
		t.Fatal(err)
	}
	if ws := must(st.Workshops()); len(ws) != 0 {
		t.Errorf("%d workshops left after undo", len(ws))
	}
	orgs := must(st.Organisations())
	if len(orgs) != 1 || orgs[0].ID != theirs.ID {
		t.Errorf("organisations after undo = %+v, want only the one that was there", orgs)
	}
}
