package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// IssueOptions says whose certificates IssueCertificates writes.
type IssueOptions struct {
	Trainers bool // also one for each trainer who led a session that took place
	IssuedOn Date // the date printed; the workshop's last day when zero
}

// IssueCertificates enters in the register a certificate for every
// participant the rule (or an organiser's override) makes eligible, and
// for the trainers if asked, and returns them: participants first in the
// matrix's order, then trainers. Someone already in the register is
// reissued: the serial number stays, and so does the code unless what the
// certificate says changed (a corrected name, say); the figures update.
// Everything is written in one transaction. To print them too, and have
// the register and the printed files agree, use IssueCertificatesPrinting.
func (s *Store) IssueCertificates(workshopID int64, opt IssueOptions) ([]Certificate, error) {
	return s.IssueCertificatesPrinting(context.Background(), workshopID, opt, nil)
}

// IssueCertificatesPrinting is IssueCertificates with the printing in it:
// the register and the printed files are as they were, or hold the same
// certificates, whatever fails and wherever the process is killed.
//
// Who is eligible is decided inside the write transaction that enters
// them, which takes the write lock before it reads, so the register holds
// what the attendance said at that moment, whatever another process saves
// meanwhile. Inside that transaction printer.Stage prints them where
// nobody sees them yet (temporary files beside their final places); its
// plan of what goes where is entered in the same transaction. Only if
// staging worked does the transaction commit: a folder that does not
// exist, a full disk or a cancel leave the register as it was (and
// printer.Discard removes what was staged). After the commit,
// printer.Publish moves the files into place, under the write lock, and
// the plan is struck off. Publishing is a few renames, but a process
// killed between the commit and their end leaves its plan in the file:
// the next run, before anything else, publishes every plan it finds
// there, so the files catch up with the register. The other order,
// moving the files first and committing after, would leave files whose
// serials the register never gave out whenever the commit failed.
func (s *Store) IssueCertificatesPrinting(ctx context.Context, workshopID int64, opt IssueOptions,
	printer CertificatePrinter) ([]Certificate, error) {
	secret, err := s.certificateSecret()
	if err != nil {
		return nil, err
	}
	var out []Certificate
	err = s.enterAndPrint(ctx, printer, func(tx *sql.Tx) (string, error) {
		var err error
		if out, err = issueCertificatesIn(tx, secret, workshopID, opt); err != nil || len(out) == 0 {
			return "", err // nobody eligible, or every certificate due was revoked: nothing to print
		}
		if printer == nil {
			return "", nil
		}
		return printer.Stage(out)
	})
	var published *PublishError
	if err != nil && !errors.As(err, &published) {
		return nil, err
	}
	return out, err
}

// PreviewCertificates returns the certificates IssueCertificates would
// write, without entering them in the register: those already there carry
// their serial number and code, new ones have none yet.
func (s *Store) PreviewCertificates(workshopID int64, opt IssueOptions) ([]Certificate, error) {
	var out, issued []Certificate
	var signer certificateSigner
	revoked := map[int64]bool{}
	err := s.read(context.Background(), func(q querier) (err error) {
		var w Workshop
		if out, w, err = planCertificatesIn(q, workshopID, opt); err != nil {
			return err
		}
		if issued, err = certificatesIn(q, workshopID); err != nil {
			return err
		}
		if revoked, err = revokedIn(q, workshopID); err != nil {
			return err
		}
		signer, err = readCertificateSigner(q, nil, w)
		return err
	})
	if err != nil {
		return nil, err
	}
	kept := out[:0]
	for _, c := range out {
		signer.content(&c)
		keep := true
		for _, old := range issued {
			if c.ParticipantID != 0 && c.ParticipantID == old.ParticipantID || c.TrainerID != 0 && c.TrainerID == old.TrainerID {
				c.Serial, c.Code, keep = old.Serial, old.Code, !revoked[old.ID]
				if signer.unchanged(c, old) {
					c.SignedText, c.Signature, c.IssuerKeyID = old.SignedText, old.Signature, old.IssuerKeyID
				}
			}
		}
		if keep {
			kept = append(kept, c)
		}
	}
	return kept, nil
}

// planCertificates works out who gets a certificate and what it says, in
// one read transaction.
func (s *Store) planCertificates(workshopID int64, opt IssueOptions) (out []Certificate, w Workshop, err error) {
	err = s.read(context.Background(), func(q querier) error {
		out, w, err = planCertificatesIn(q, workshopID, opt)
		return err
	})
	return out, w, err
}

// planCertificatesIn is planCertificates through q, so that it can run in
// the transaction that writes the register. It takes its verdicts from
// verdictsIn, like every screen and document.
func planCertificatesIn(q querier, workshopID int64, opt IssueOptions) ([]Certificate, Workshop, error) {
	v, _, err := verdictsIn(q, workshopID, 0)
	if err != nil {
		return nil, Workshop{}, err
	}
	m := v.Matrix
	w := m.Workshop
	if opt.IssuedOn.IsZero() {
		opt.IssuedOn = w.EndDate
	}
	content := func(c Certificate) Certificate {
		c.WorkshopID, c.WorkshopTitle, c.StartDate, c.EndDate = w.ID, normalise(w.Title), w.StartDate, w.EndDate
		c.IssuedOn, c.HolderName = opt.IssuedOn, normalise(c.HolderName)
		if c.Language == "" {
			c.Language = w.Language
		}
		return c
	}
	var out []Certificate
	for i, p := range m.Participants {
		e := v.At(i)
		if !e.Eligible {
			continue
		}
		sum := e.Summary
		out = append(out, content(Certificate{ParticipantID: p.ID, HolderName: p.NameOnCertificate(),
			Language: p.Language, SessionsAttended: sum.Attended, SessionsCounted: sum.Counted,
			MinutesAttended: sum.MinutesAttended}))
	}
	if opt.Trainers {
		trainers, err := trainersIn(q, workshopID)
		if err != nil {
			return nil, Workshop{}, err
		}
		for _, t := range trainers {
			sessions, err := trainerSessionsIn(q, t.ID)
			if err != nil {
				return nil, Workshop{}, err
			}
			c := content(Certificate{TrainerID: t.ID, HolderName: t.Name})
			for _, ss := range sessions {
				if ss.Kind != KindBreak && held(m, ss.ID) {
					c.SessionsAttended++
					c.MinutesAttended += int(ss.Duration().Minutes())
				}
			}
			if c.SessionsAttended > 0 {
				c.SessionsCounted = c.SessionsAttended
				out = append(out, c)
			}
		}
	}
	return out, w, nil
}

// held tells whether a session took place: somebody attended it. A
// trainer's certificate counts only those, so that a workshop still being
// planned gives its trainers none.
func held(m *AttendanceMatrix, sessionID int64) bool {
	j, ok := m.ColumnOf(sessionID)
	if !ok {
		return false
	}
	for i := range m.Participants {
		if mark := m.At(i, j); mark == Present || mark == Late {
			return true
		}
	}
	return false
}

// issueIn writes the certificates of out into the register, filling in
// their content, serial numbers, signatures, codes and ids, and returns
// them but for those whose certificate was revoked: a revoked certificate
// stays as it is and is never printed again.
func issueIn(tx *sql.Tx, secret []byte, w Workshop, out []Certificate) ([]Certificate, error) {
	type holder struct{ participant, trainer int64 }
	existing := map[holder]Certificate{}
	rows, err := tx.Query(`SELECT `+certificateColumns+` FROM certificates WHERE workshop_id = ?`, w.ID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		c, err := scanCertificate(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		existing[holder{c.ParticipantID, c.TrainerID}] = c
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	revoked, err := revokedIn(tx, w.ID)
	if err != nil {
		return nil, err
	}
	key, err := signingKeyIn(tx)
	if err != nil {
		return nil, err
	}
	s, err := readCertificateSigner(tx, secret, w)
	if err != nil {
		return nil, err
	}
	s.key = key
	prefix := serialPrefix(w)
	last, err := lastSerial(tx, w.ID, prefix)
	if err != nil {
		return nil, err
	}
	update, err := tx.Prepare(`UPDATE certificates SET code = ?, language = ?, sessions_attended = ?,
		sessions_counted = ?, minutes_attended = ?, issued_on = ?, updated_at = ?, holder_name = ?,
		workshop_title = ?, start_date = ?, end_date = ?, city = ?, country = ?, signed_text = ?, signature = ?,
		issuer_key_id = ? WHERE id = ?`)
	if err != nil {
		return nil, err
	}
	defer update.Close()
	insert, err := tx.Prepare(`INSERT INTO certificates(workshop_id, participant_id, trainer_id, serial, code,
		language, sessions_attended, sessions_counted, minutes_attended, issued_on, updated_at, holder_name,
		workshop_title, start_date, end_date, city, country, signed_text, signature, issuer_key_id)
		VALUES (?, nullif(?, 0), nullif(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, err
	}
	defer insert.Close()
	now := nowStamp()
	kept := out[:0]
	for _, c := range out {
		old, reissue := existing[holder{c.ParticipantID, c.TrainerID}]
		if reissue && revoked[old.ID] {
			continue
		}
		var before *Certificate
		if reissue {
			c.ID, c.Serial, before = old.ID, old.Serial, &old
		} else {
			last++
			c.Serial = fmt.Sprintf("%s%03d", prefix, last)
		}
		s.content(&c)
		if err := s.sign(&c, before); err != nil {
			return nil, err
		}
		if err := c.Validate(); err != nil {
			return nil, err
		}
		args := []any{c.Code, c.Language, c.SessionsAttended, c.SessionsCounted, c.MinutesAttended,
			c.IssuedOn.String(), now, c.HolderName, c.WorkshopTitle, c.StartDate.String(), c.EndDate.String(),
			c.City, c.Country, c.SignedText, c.Signature, c.IssuerKeyID}
		if reissue {
			if _, err := update.Exec(append(args, c.ID)...); err != nil {
				return nil, err
			}
		} else {
			res, err := insert.Exec(append([]any{c.WorkshopID, c.ParticipantID, c.TrainerID, c.Serial}, args...)...)
			if err != nil {
				return nil, err
			}
			if c.ID, err = res.LastInsertId(); err != nil {
				return nil, err
			}
		}
		kept = append(kept, c)
	}
	return kept, nil
}

// revokedIn is the set of a workshop's revoked certificates.
func revokedIn(q querier, workshopID int64) (map[int64]bool, error) {
	ids, err := queryAll(q, func(r scanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	}, `SELECT r.certificate_id FROM certificate_revocations r JOIN certificates c ON c.id = r.certificate_id
		WHERE c.workshop_id = ?`, workshopID)
	set := map[int64]bool{}
	for _, id := range ids {
		set[id] = true
	}
	return set, err
}
