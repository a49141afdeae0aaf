package data

import (
	"context"
	"database/sql"
)

// PreviewLetters is who a run of letters of opts.Kind would write to, as
// File › Letters… decides it, read in one read transaction and writing
// nothing: the letters (those already in the register with their serial,
// and their code when what they say is unchanged; new ones with neither),
// who is left out and why, and the passports that expire too soon.
func (s *Store) PreviewLetters(workshopID int64, opts LetterOptions) (LetterRun, error) {
	opts, err := opts.checked()
	if err != nil {
		return LetterRun{}, err
	}
	return readOne(s, func(q querier) (LetterRun, error) {
		d, err := letterDataIn(q, workshopID)
		if err != nil {
			return LetterRun{}, err
		}
		plans, err := planLettersIn(q, d.Workshop, d.Organisations, opts)
		if err != nil {
			return LetterRun{}, err
		}
		existing, fingerprints, err := letterRegisterIn(q, workshopID, opts.Kind)
		if err != nil {
			return LetterRun{}, err
		}
		run := LetterRun{LeftOut: plans.leftOut, Warnings: plans.warnings}
		for _, pl := range plans.letters {
			l := pl.Letter
			if before, ok := existing[l.ParticipantID]; ok {
				l.ID, l.Serial = before.ID, before.Serial
				if unchangedLetter(before, pl.Facts, fingerprints) {
					l.Code, l.IssuedOn = before.Code, before.IssuedOn
				}
			}
			run.Letters = append(run.Letters, l)
		}
		return run, nil
	})
}

// QueueLetters issues the letters of opts.Kind as IssueLettersPrinting
// does (everyone the kind is for, or one participant) and queues, in the
// same write transaction, the messages compose writes of them: compose
// prints each letter from d as the register now holds it. A letter
// already issued keeps its serial number, and its code unless what it
// says changed.
func (s *Store) QueueLetters(ctx context.Context, workshopID int64, opts LetterOptions,
	compose func(m MailingData, d LetterData) ([]OutboxMessage, error)) ([]OutboxMessage, error) {
	opts, err := opts.checked()
	if err != nil {
		return nil, err
	}
	return s.queueIssued(ctx, workshopID, func(tx *sql.Tx) (any, error) {
		d, _, err := issueLettersIn(tx, workshopID, opts)
		return d, err
	}, func(m MailingData, issued any) ([]OutboxMessage, error) {
		return compose(m, issued.(LetterData))
	})
}
