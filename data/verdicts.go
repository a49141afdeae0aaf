package data

import (
	"context"
)

// Verdicts is who qualifies for a certificate in one workshop, and why: the
// rule, the organisers' overrides, the attendance and every participant's
// verdict, all read at one moment of the file. It is the one answer every
// screen, document and command shows; none of them works out a verdict.
type Verdicts struct {
	// Matrix is the attendance weighed: Matrix.Workshop.Rule is the rule,
	// Matrix.Participants the participants weighed (every confirmed one and
	// anyone with a mark), in the order of the verdicts.
	Matrix    *AttendanceMatrix
	Overrides map[int64]EligibilityOverride // by participant
	rows      []Eligibility                 // row i of the matrix
}

// Verdicts reads and weighs a workshop's attendance at one moment of the
// file.
func (s *Store) Verdicts(workshopID int64) (*Verdicts, error) {
	var v *Verdicts
	err := s.readPaired(context.Background(), func(q querier) (err error) {
		v, _, err = verdictsIn(q, workshopID, 0)
		return err
	})
	return v, err
}

// verdictsIn reads and weighs through q: a read transaction for a screen
// or a document, the write transaction for issuing (a decision is made
// where it is acted on). It also returns every participant of the
// workshop, which it reads anyway. With only ≠ 0, it weighs that one
// participant alone, by the very same steps.
func verdictsIn(q querier, workshopID, only int64) (*Verdicts, []Participant, error) {
	m, all, err := matrixIn(q, workshopID, only)
	if err != nil {
		return nil, nil, err
	}
	overrides, err := overridesIn(q, workshopID, only)
	if err != nil {
		return nil, nil, err
	}
	v := &Verdicts{Matrix: m, Overrides: overrides, rows: make([]Eligibility, len(m.Participants))}
	for i := range m.Participants {
		v.weigh(i)
	}
	return v, all, nil
}

// weigh works out row i's verdict from the matrix and the overrides.
func (v *Verdicts) weigh(i int) {
	var o *EligibilityOverride
	if ov, ok := v.Overrides[v.Matrix.Participants[i].ID]; ok {
		o = &ov
	}
	v.rows[i] = evaluate(v.Matrix.Workshop.Rule, v.Matrix.Summary(i), o)
}

// Rule is the certificate rule the verdicts weigh by.
func (v *Verdicts) Rule() CertificateRule { return v.Matrix.Workshop.Rule }

// Len is the number of participants weighed.
func (v *Verdicts) Len() int { return len(v.rows) }

// At is the verdict on Matrix.Participants[i].
func (v *Verdicts) At(i int) Eligibility { return v.rows[i] }

// Of is the verdict on a participant; ok is false when they are not
// weighed (neither confirmed nor marked).
func (v *Verdicts) Of(participantID int64) (e Eligibility, ok bool) {
	i, ok := v.Matrix.RowOf(participantID)
	if !ok {
		return Eligibility{}, false
	}
	return v.rows[i], true
}

// Eligible counts the participants who qualify.
func (v *Verdicts) Eligible() int {
	n := 0
	for _, e := range v.rows {
		if e.Eligible {
			n++
		}
	}
	return n
}

// SetMark changes cell (i, j) in memory, after the store has saved the
// mark, and weighs row i again: a screen keeps its verdicts current
// without working one out itself.
func (v *Verdicts) SetMark(i, j int, mark Mark) {
	v.Matrix.Set(i, j, mark)
	v.weigh(i)
}

// ParticipantVerdict is one participant's verdict, read in one read
// transaction and worked out by the same steps as Verdicts: for anyone
// Verdicts weighs, it is the verdict Verdicts gives them. Someone neither
// confirmed nor marked is not weighed, and so not eligible whatever an
// override says (issuing passes them by too): their verdict says so
// first, then what the rule would say of their attendance.
func (s *Store) ParticipantVerdict(participantID int64) (e Eligibility, err error) {
	err = s.read(context.Background(), func(q querier) error {
		p, err := participantIn(q, participantID)
		if err != nil {
			return err
		}
		v, _, err := verdictsIn(q, p.WorkshopID, participantID)
		if err != nil {
			return err
		}
		if v.Len() == 1 {
			e = v.At(0)
		} else {
			e = notWeighed(v.Matrix, p)
		}
		return nil
	})
	return e, err
}

// notWeighed is the verdict on a participant the attendance does not
// hold: the rule's reasons on their (empty) attendance, after the reason
// they are not weighed.
func notWeighed(m *AttendanceMatrix, p Participant) Eligibility {
	e := evaluate(m.Workshop.Rule, Summarize(m.Workshop.Rule, m.Sessions, make([]Mark, len(m.Sessions))), nil)
	e.Eligible, e.ByRule = false, false
	why := Reason{ReasonNotAttending, map[string]any{"Status": p.Status}}
	e.Reasons = append([]Reason{why}, e.Reasons...)
	return e
}

// CertificateStanding is what the Certificates screen lists: every
// verdict, and the register, read at one moment.
type CertificateStanding struct {
	Verdicts *Verdicts
	Register []Certificate  // by serial number
	Revoked  map[int64]bool // certificate id → revoked
	issued   map[int64]int  // participant → index in Register
}

// CertificateStanding reads a workshop's verdicts, its register and which
// certificates of it are revoked, in one read transaction.
func (s *Store) CertificateStanding(workshopID int64) (c CertificateStanding, err error) {
	err = s.readPaired(context.Background(), func(q querier) error {
		if c.Verdicts, _, err = verdictsIn(q, workshopID, 0); err != nil {
			return err
		}
		if c.Register, err = certificatesIn(q, workshopID); err != nil {
			return err
		}
		c.Revoked, err = revokedIn(q, workshopID)
		return err
	})
	c.issued = make(map[int64]int, len(c.Register))
	for k, cert := range c.Register {
		if cert.ParticipantID != 0 {
			c.issued[cert.ParticipantID] = k
		}
	}
	return c, err
}

// Issued finds a participant's certificate in the register.
func (c CertificateStanding) Issued(participantID int64) (Certificate, bool) {
	k, ok := c.issued[participantID]
	if !ok {
		return Certificate{}, false
	}
	return c.Register[k], true
}
