package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// LetterOptions says which letters IssueLettersPrinting writes.
type LetterOptions struct {
	Kind          LetterKind
	ParticipantID int64 // one participant; 0 for everyone the kind is for
	IssuedOn      Date  // the date of a letter written anew; today when zero
	// CannotDraw, when set, returns the letters of a name the printer's
	// font cannot draw: such a participant is left out (SkipUndrawable)
	// rather than sent a letter with their name cut short.
	CannotDraw func(name string) string
}

// Why a participant gets no letter of a kind.
const (
	SkipNoPassport   = "no_passport"   // a visa invitation needs the passport number
	SkipWithdrawn    = "withdrawn"     // a participant who withdrew gets no letter
	SkipNotInvited   = "not_invited"   // the visa letters for everyone go to those selected or confirmed
	SkipNoVisaNeeded = "no_visa"       // a citizen of the host country
	SkipNoGrant      = "no_grant"      // a grant award letter needs a grant awarded
	SkipNoAttendance = "no_attendance" // an attendance letter needs a session attended
	SkipUndrawable   = "undrawable"    // the PDF's font lacks letters of the name (Adlam in DejaVu)
)

// LetterSkip is a participant left out of a run of letters, and why.
type LetterSkip struct {
	ParticipantID int64
	Name          string
	Reason        string // one of the Skip constants
	Missing       string // for SkipUndrawable: the letters the font lacks
}

// LetterRefusedError says why the one letter asked for cannot be written.
type LetterRefusedError struct {
	Kind LetterKind
	Skip LetterSkip
}

func (e *LetterRefusedError) Error() string {
	why := map[string]string{
		SkipNoPassport:   "no passport number is known, which a visa invitation states",
		SkipWithdrawn:    "they have withdrawn from the workshop",
		SkipNotInvited:   "they are neither selected nor confirmed",
		SkipNoVisaNeeded: "they are a citizen of the host country",
		SkipNoGrant:      "no grant was awarded to them",
		SkipNoAttendance: "they have attended no session that counts yet",
		SkipUndrawable:   fmt.Sprintf("the PDF font cannot draw the letters %q of the name", e.Skip.Missing),
	}[e.Skip.Reason]
	return fmt.Sprintf("no %s letter for %s: %s", e.Kind, e.Skip.Name, why)
}

// LetterRun is what a run of letters did: the letters entered in the
// register and printed, those left out and why, and the passports that
// expire too soon after the workshop (which do not stop a letter).
type LetterRun struct {
	Letters  []Letter
	LeftOut  []LetterSkip
	Warnings []PassportNote
}

// PassportNote is a participant whose passport expires too soon.
type PassportNote struct {
	Name    string
	Warning FieldError
}

// LetterData is what letters are printed from: the workshop, its
// letterhead, signatories and wording, and each letter with its
// participant and what it says. Issuing reads it in the transaction that
// enters the letters, so that what is signed and printed is one moment of
// the file.
type LetterData struct {
	Workshop        Workshop
	Organisations   []WorkshopOrganisation
	Signatories     []Signatory
	Settings        LetterSettings
	Wording         map[LetterKind]map[Language]LetterWording // the workshop's own
	VerifierAddress string
	Letters         []PrintedLetter
}

// PrintedLetter is one letter to print.
type PrintedLetter struct {
	Letter
	Participant Participant
	Facts       LetterFacts
}

// LetterPrinter prints the letters IssueLettersPrinting enters, in two
// steps around the commit, as CertificatePrinter does. Stage may print
// into memory and return an empty plan: nothing is published then.
type LetterPrinter interface {
	Stage(d LetterData) (plan string, err error)
	Publish(plan string) error
	Discard(plan string)
}

// IssueLettersPrinting enters in the register the letters opts asks for
// and prints them, in the way IssueCertificatesPrinting does: who gets a
// letter, and what it says, is decided inside the write transaction that
// enters them, and printer.Stage prints them there; the register and what
// is printed change together or not at all. A participant who already has
// a letter of the kind keeps its serial number, and its date, signature
// and code when nothing it says changed. With opts.ParticipantID set, a
// participant the kind is not for is refused with a *LetterRefusedError;
// otherwise they are left out and named in the run.
func (s *Store) IssueLettersPrinting(ctx context.Context, workshopID int64, opts LetterOptions,
	printer LetterPrinter) (LetterRun, error) {
	opts, err := opts.checked()
	if err != nil {
		return LetterRun{}, err
	}
	var run LetterRun
	err = s.enterAndPrint(ctx, printer, func(tx *sql.Tx) (string, error) {
		d, issued, err := issueLettersIn(tx, workshopID, opts)
		run = issued
		if err != nil || len(d.Letters) == 0 || printer == nil {
			return "", err
		}
		return printer.Stage(d)
	})
	var published *PublishError
	if err != nil && !errors.As(err, &published) {
		return LetterRun{}, err
	}
	return run, err
}

// issueLettersIn decides, in the write transaction tx, who gets a letter
// of opts.Kind and what it says, and enters the letters in the register:
// what IssueLettersPrinting prints and QueueLetters attaches. opts must
// have its kind checked and its date set.
func issueLettersIn(tx *sql.Tx, workshopID int64, opts LetterOptions) (LetterData, LetterRun, error) {
	d, err := letterDataIn(tx, workshopID)
	if err != nil {
		return d, LetterRun{}, err
	}
	plans, err := planLettersIn(tx, d.Workshop, d.Organisations, opts)
	if err != nil {
		return d, LetterRun{}, err
	}
	run := LetterRun{LeftOut: plans.leftOut, Warnings: plans.warnings}
	if d.Letters, err = enterLettersIn(tx, d.Workshop, opts.Kind, plans.letters); err != nil {
		return d, LetterRun{}, err
	}
	for _, l := range d.Letters {
		run.Letters = append(run.Letters, l.Letter)
	}
	return d, run, nil
}

// checked refuses a kind that is not a letter's and dates a letter
// written anew today unless a date is given.
func (opts LetterOptions) checked() (LetterOptions, error) {
	if !ValidLetterKind(opts.Kind) {
		return opts, fmt.Errorf("%q is not a kind of letter (visa, award or attendance)", opts.Kind)
	}
	if opts.IssuedOn.IsZero() {
		opts.IssuedOn = DateOf(time.Now())
	}
	return opts, nil
}

// IssueLetters enters letters in the register without printing them.
func (s *Store) IssueLetters(workshopID int64, opts LetterOptions) (LetterRun, error) {
	return s.IssueLettersPrinting(context.Background(), workshopID, opts, nil)
}

// letterDataIn reads what every letter of a workshop shares.
func letterDataIn(q querier, workshopID int64) (d LetterData, err error) {
	if d.Workshop, err = workshopIn(q, workshopID); err != nil {
		return d, err
	}
	if d.Organisations, err = workshopOrganisationsIn(q, workshopID); err != nil {
		return d, err
	}
	if d.Signatories, err = signatoriesIn(q, workshopID); err != nil {
		return d, err
	}
	if d.Settings, err = letterSettingsIn(q, workshopID); err != nil {
		return d, err
	}
	d.Wording = map[LetterKind]map[Language]LetterWording{}
	for _, k := range LetterKinds {
		d.Wording[k] = map[Language]LetterWording{}
		for _, lang := range Languages {
			if d.Wording[k][lang], err = letterWordingIn(q, workshopID, k, lang); err != nil {
				return d, err
			}
		}
	}
	d.VerifierAddress, err = verifierAddress(q, workshopID)
	return d, err
}

// letterPlans is who gets a letter and what it says, before the register.
type letterPlans struct {
	letters  []PrintedLetter // without serial, code or signature
	leftOut  []LetterSkip
	warnings []PassportNote
}

// planLettersIn works out, through q, who gets a letter of opts.Kind and
// what it says.
func planLettersIn(q querier, w Workshop, orgs []WorkshopOrganisation, opts LetterOptions) (letterPlans, error) {
	var out letterPlans
	texts, err := workshopTexts(q, w.ID)
	if err != nil {
		return out, err
	}
	var people []Participant
	var verdicts *Verdicts
	if opts.Kind == LetterAttendance {
		if verdicts, people, err = verdictsIn(q, w.ID, 0); err != nil {
			return out, err
		}
	} else if people, err = participantsIn(q, w.ID, ParticipantFilter{}); err != nil {
		return out, err
	}
	organiser := ""
	for _, o := range orgs {
		if o.Role == RoleOrganiser && organiser == "" {
			organiser = o.Name
		}
	}
	found := false
	for _, p := range people {
		if opts.ParticipantID != 0 && p.ID != opts.ParticipantID {
			continue
		}
		found = true
		f := letterFacts(p, w, texts, organiser, opts)
		reason, listed := letterSkip(p, &f, verdicts, opts.Kind, opts.ParticipantID == 0, w.Country)
		var missing string
		if reason == "" && opts.CannotDraw != nil {
			if missing = opts.CannotDraw(f.Name); missing != "" {
				reason, listed = SkipUndrawable, true
			}
		}
		if reason != "" {
			skip := LetterSkip{ParticipantID: p.ID, Name: f.Name, Reason: reason, Missing: missing}
			if opts.ParticipantID != 0 {
				return out, &LetterRefusedError{Kind: opts.Kind, Skip: skip}
			}
			if listed {
				out.leftOut = append(out.leftOut, skip)
			}
			continue
		}
		if opts.Kind == LetterVisa {
			if warn, ok := PassportWarning(p.Travel, w); ok {
				out.warnings = append(out.warnings, PassportNote{Name: f.Name, Warning: warn})
			}
		}
		out.letters = append(out.letters, PrintedLetter{Letter: Letter{WorkshopID: w.ID, ParticipantID: p.ID,
			Kind: opts.Kind, Language: f.Language, HolderName: f.Name}, Participant: p, Facts: f})
	}
	if opts.ParticipantID != 0 && !found {
		return out, &NotFoundError{"participant", opts.ParticipantID}
	}
	return out, nil
}

// letterFacts works out what a letter to p says.
func letterFacts(p Participant, w Workshop, texts WorkshopTexts, organiser string, opts LetterOptions) LetterFacts {
	lang := p.Language
	if lang == "" {
		lang = w.Language
	}
	t := p.Travel
	f := LetterFacts{Kind: opts.Kind, Language: lang, Name: normalise(p.NameOnCertificate()),
		Workshop: normalise(texts.Title(w, lang)), Theme: normalise(texts.Theme(w, lang)), City: w.City,
		Country: w.Country, Venue: w.Venue, Start: w.StartDate, End: w.EndDate, IssuedOn: opts.IssuedOn,
		Organiser: organiser, Nationality: t.Nationality, BirthDate: t.BirthDate, Passport: t.PassportNumber,
		PassportExpiry: t.PassportExpiry, Arrival: t.Arrival.Date, Depart: t.Departure.Date, Grant: p.Grant}
	if f.Nationality == "" {
		f.Nationality = p.Country
	}
	if f.Arrival.IsZero() {
		f.Arrival = w.StartDate
	}
	if f.Depart.IsZero() {
		f.Depart = w.EndDate
	}
	return f
}

// letterSkip says why p gets no letter of kind, or "" when they get one,
// filling in the attendance figures of an attendance letter. listed says
// whether a run for everyone (bulk) names them: a grantee without a
// passport number is news, an applicant left out of the visa letters is
// not, nor is a citizen of the host country (host), who needs no visa. A letter asked for by name goes to anyone who has not withdrawn and
// has what the letter states.
func letterSkip(p Participant, f *LetterFacts, v *Verdicts, kind LetterKind, bulk bool, host string) (reason string, listed bool) {
	if p.Status == StatusWithdrawn {
		return SkipWithdrawn, false
	}
	switch kind {
	case LetterVisa:
		invited := p.Status == StatusSelected || p.Status == StatusConfirmed
		switch {
		case bulk && !invited:
			return SkipNotInvited, false
		case bulk && f.Nationality == host:
			return SkipNoVisaNeeded, false
		case p.Travel.PassportNumber == "":
			return SkipNoPassport, true
		}
	case LetterAward:
		if !p.Grant.Awarded {
			return SkipNoGrant, false
		}
	case LetterAttendance:
		e, ok := v.Of(p.ID)
		if !ok || e.Summary.Attended == 0 {
			return SkipNoAttendance, p.Status == StatusConfirmed
		}
		f.Attended, f.Counted, f.Minutes = e.Summary.Attended, e.Summary.Counted, e.Summary.MinutesAttended
	}
	return "", false
}

// enterLettersIn writes the planned letters of one kind into the register,
// giving new ones a serial number, and signs what each says; a letter
// already in the register keeps its serial number, and its date,
// signature and code when what it says is unchanged.
func enterLettersIn(tx *sql.Tx, w Workshop, kind LetterKind, plans []PrintedLetter) ([]PrintedLetter, error) {
	if len(plans) == 0 {
		return nil, nil
	}
	key, err := signingKeyIn(tx)
	if err != nil {
		return nil, err
	}
	existing, fingerprints, err := letterRegisterIn(tx, w.ID, kind)
	if err != nil {
		return nil, err
	}
	prefix := letterSerialPrefix(w, kind)
	last, err := lastLetterSerial(tx, w.ID, prefix)
	if err != nil {
		return nil, err
	}
	update, err := tx.Prepare(`UPDATE letters SET code = ?, language = ?, issued_on = ?, updated_at = ?,
		holder_name = ?, signed_text = ?, signature = ?, issuer_key_id = ? WHERE id = ?`)
	if err != nil {
		return nil, err
	}
	defer update.Close()
	insert, err := tx.Prepare(`INSERT INTO letters(workshop_id, participant_id, kind, serial, code, language,
		issued_on, updated_at, holder_name, signed_text, signature, issuer_key_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, err
	}
	defer insert.Close()
	now := nowStamp()
	out := make([]PrintedLetter, 0, len(plans))
	for _, pl := range plans {
		l := pl.Letter
		before, reissue := existing[l.ParticipantID]
		if reissue {
			l.ID, l.Serial = before.ID, before.Serial
		} else {
			last++
			l.Serial = fmt.Sprintf("%s%03d", prefix, last)
		}
		if reissue && unchangedLetter(before, pl.Facts, fingerprints) {
			pl.Facts.IssuedOn = before.IssuedOn
			l.IssuedOn, l.SignedText, l.Signature, l.IssuerKeyID, l.Code =
				before.IssuedOn, before.SignedText, before.Signature, before.IssuerKeyID, before.Code
		} else {
			signed, err := SignDocument(key, LetterDocument(l.Serial, pl.Facts))
			if err != nil {
				return nil, err
			}
			l.IssuedOn, l.SignedText, l.Signature, l.IssuerKeyID = pl.Facts.IssuedOn, signed.Message, signed.Signature, key.ID
			l.Code = signatureCode(signed.Signature)
		}
		args := []any{l.Code, l.Language, l.IssuedOn.String(), now, l.HolderName, l.SignedText, l.Signature, l.IssuerKeyID}
		if reissue {
			if _, err := update.Exec(append(args, l.ID)...); err != nil {
				return nil, err
			}
		} else {
			res, err := insert.Exec(append([]any{l.WorkshopID, l.ParticipantID, l.Kind, l.Serial}, args...)...)
			if err != nil {
				return nil, err
			}
			if l.ID, err = res.LastInsertId(); err != nil {
				return nil, err
			}
		}
		l.UpdatedAt, _ = time.Parse(time.RFC3339, now)
		pl.Letter = l
		out = append(out, pl)
	}
	return out, nil
}

// letterRegisterIn reads the letters of a kind already in the register,
// by participant, and the fingerprints of the keys that may have signed
// them.
func letterRegisterIn(q querier, workshopID int64, kind LetterKind) (map[int64]Letter, map[int64]string, error) {
	old, err := queryAll(q, scanLetter, `SELECT `+letterColumns+` FROM letters WHERE workshop_id = ? AND kind = ?`,
		workshopID, kind)
	if err != nil {
		return nil, nil, err
	}
	existing := map[int64]Letter{}
	for _, l := range old {
		existing[l.ParticipantID] = l
	}
	keys, err := issuerKeys(q)
	if err != nil {
		return nil, nil, err
	}
	fingerprints := map[int64]string{}
	for _, k := range keys {
		fingerprints[k.ID] = k.Fingerprint()
	}
	return existing, fingerprints, nil
}

// unchangedLetter tells whether old's signature still covers what the
// letter says, dated as it was: the same text, signed by a key the file
// still holds.
func unchangedLetter(old Letter, f LetterFacts, fingerprints map[int64]string) bool {
	fp, ok := fingerprints[old.IssuerKeyID]
	if !ok {
		return false
	}
	f.IssuedOn = old.IssuedOn
	msg, err := LetterDocument(old.Serial, f).message(fp)
	return err == nil && msg == old.SignedText
}
