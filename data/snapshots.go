package data

import "context"

// A document is read with one call, in one read transaction, so that all
// its parts are of one moment of the file: another process importing or
// marking meanwhile changes none of them, and a person never appears on
// one sheet and not on the next. Rendering then does no I/O.

// WorkbookData is everything the secretariat's workbook of a workshop
// shows.
type WorkbookData struct {
	Workshop      Workshop
	Organisations []WorkshopOrganisation
	Sessions      []Session
	Trainers      []Trainer
	Participants  []Participant // every participant, whatever their status
	Verdicts      *Verdicts     // the attendance and who qualifies, and why
	Certificates  []Certificate // the register, by serial number
	Logistics     LogisticsData // rooming, airport runs, per diem
	// MarkHistory is the marks helpers' devices made and the marks later
	// ones replaced, in the order saved (see MarkHistory).
	MarkHistory []MarkLogEntry
}

// WorkbookData reads what the workbook of a workshop shows.
func (s *Store) WorkbookData(workshopID int64) (WorkbookData, error) {
	return readOne(s, func(q querier) (WorkbookData, error) { return workbookIn(q, workshopID) })
}

// OverviewData reads the workbook data of every workshop of the file, the
// latest first, at one moment.
func (s *Store) OverviewData() ([]WorkbookData, error) {
	return readOne(s, func(q querier) ([]WorkbookData, error) {
		workshops, err := workshopsIn(q)
		if err != nil {
			return nil, err
		}
		all := make([]WorkbookData, 0, len(workshops))
		for _, w := range workshops {
			d, err := workbookIn(q, w.ID)
			if err != nil {
				return nil, err
			}
			all = append(all, d)
		}
		return all, nil
	})
}

func workbookIn(q querier, workshopID int64) (d WorkbookData, err error) {
	// The verdicts read the workshop and every participant anyway.
	if d.Verdicts, d.Participants, err = verdictsIn(q, workshopID, 0); err != nil {
		return d, err
	}
	d.Workshop, d.Sessions = d.Verdicts.Matrix.Workshop, d.Verdicts.Matrix.Sessions
	if d.Organisations, err = workshopOrganisationsIn(q, workshopID); err != nil {
		return d, err
	}
	if d.Trainers, err = trainersIn(q, workshopID); err != nil {
		return d, err
	}
	if d.Certificates, err = certificatesIn(q, workshopID); err != nil {
		return d, err
	}
	rates, err := perDiemRatesIn(q, workshopID)
	if err != nil {
		return d, err
	}
	d.Logistics = logisticsOf(d.Verdicts.Matrix, d.Participants, rates)
	d.MarkHistory, err = markHistoryIn(q, workshopID)
	return d, err
}

// ProgrammeData is what the printed programme of a workshop shows.
type ProgrammeData struct {
	Workshop      Workshop
	Organisations []WorkshopOrganisation
	Days          []ProgrammeDay
	Trainers      []Trainer
}

// ProgrammeData reads a workshop's programme.
func (s *Store) ProgrammeData(workshopID int64) (ProgrammeData, error) {
	return readOne(s, func(q querier) (p ProgrammeData, err error) {
		if p.Workshop, err = workshopIn(q, workshopID); err != nil {
			return p, err
		}
		if p.Organisations, err = workshopOrganisationsIn(q, workshopID); err != nil {
			return p, err
		}
		sessions, err := sessionsIn(q, workshopID)
		if err != nil {
			return p, err
		}
		p.Days = groupByDay(Days(p.Workshop.StartDate, p.Workshop.EndDate), sessions)
		p.Trainers, err = trainersIn(q, workshopID)
		return p, err
	})
}

// SignInData is what a workshop's sign-in sheets are drawn from.
type SignInData struct {
	Workshop     Workshop
	Sessions     []Session     // in programme order
	Participants []Participant // every participant, whatever their status, by family name
	Trainers     []Trainer
}

// SignInData reads what the sign-in sheets of a workshop are drawn from.
func (s *Store) SignInData(workshopID int64) (SignInData, error) {
	return readOne(s, func(q querier) (d SignInData, err error) {
		if d.Workshop, err = workshopIn(q, workshopID); err != nil {
			return d, err
		}
		if d.Sessions, err = sessionsIn(q, workshopID); err != nil {
			return d, err
		}
		if d.Participants, err = participantsIn(q, workshopID, ParticipantFilter{}); err != nil {
			return d, err
		}
		d.Trainers, err = trainersIn(q, workshopID)
		return d, err
	})
}

// CertificateData is what a workshop's certificates show beside each
// certificate's own content: the workshop, its organisations' logos, the
// signatories and the workshop's own wording.
type CertificateData struct {
	Workshop      Workshop
	Organisations []WorkshopOrganisation
	Signatories   []Signatory
	Wording       map[Language]CertificateWording // the workshop's own, by language
	Certificates  []Certificate
	// VerifierAddress is where the workshop publishes its verifier page;
	// the QR codes then hold it before their text.
	VerifierAddress string
}

// CertificateData reads what the certificates certs of a workshop need to
// be printed.
func (s *Store) CertificateData(workshopID int64, certs []Certificate) (CertificateData, error) {
	return readOne(s, func(q querier) (CertificateData, error) { return certificateDataIn(q, workshopID, certs) })
}

// certificateDataIn is CertificateData through q, so that issuing can read
// it in the transaction that writes the register.
func certificateDataIn(q querier, workshopID int64, certs []Certificate) (d CertificateData, err error) {
	d = CertificateData{Certificates: certs, Wording: map[Language]CertificateWording{}}
	if d.Workshop, err = workshopIn(q, workshopID); err != nil {
		return d, err
	}
	if d.Organisations, err = workshopOrganisationsIn(q, workshopID); err != nil {
		return d, err
	}
	if d.Signatories, err = signatoriesIn(q, workshopID); err != nil {
		return d, err
	}
	for _, lang := range Languages {
		if d.Wording[lang], err = certificateWordingIn(q, workshopID, lang); err != nil {
			return d, err
		}
	}
	d.VerifierAddress, err = verifierAddress(q, workshopID)
	return d, err
}

// readOne runs load in one read transaction and returns what it read.
func readOne[T any](s *Store, load func(q querier) (T, error)) (v T, err error) {
	err = s.readPaired(context.Background(), func(q querier) error {
		v, err = load(q)
		return err
	})
	return v, err
}
