package data

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
)

// CertificatePrinter prints the certificates IssueCertificatesPrinting
// enters, in two steps around the commit (see there).
type CertificatePrinter interface {
	// Stage prints certs, inside the transaction that enters them, where
	// nobody sees them yet, and returns its plan: what to move where,
	// kept in the database file with the register.
	Stage(certs []Certificate) (plan string, err error)
	// Publish moves what a plan staged into place. It runs under the write
	// lock, after the commit, and again on the next run when the process
	// died half-way, so it must finish whatever an earlier call left.
	Publish(plan string) error
	// Discard removes what Stage staged, when the transaction did not
	// commit.
	Discard(plan string)
}

// PublishError says that the certificates are in the register but their
// files could not be moved into place; printing again (which keeps serials
// and codes) puts them there.
type PublishError struct{ Err error }

func (e *PublishError) Error() string {
	return fmt.Sprintf("the certificates are in the register, but their files could not be put in place: %v", e.Err)
}

func (e *PublishError) Unwrap() error { return e.Err }

// printingPlanPrefix names the settings that hold plans whose files are
// not all in place yet.
const printingPlanPrefix = "printing_plan."

// addPrintingPlan keeps a plan with the transaction that entered what it
// prints, and returns its key.
func addPrintingPlan(tx *sql.Tx, plan string) (string, error) {
	nonce := make([]byte, 8)
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	key := printingPlanPrefix + hex.EncodeToString(nonce)
	_, err := tx.Exec(`INSERT INTO settings(key, value) VALUES (?, ?)`, key, plan)
	return key, err
}

// finishPrinting publishes every plan in the file and strikes it off. A
// plan that cannot be published is struck off all the same: its
// certificates are in the register, and printing them again puts them in
// place, which a plan that keeps failing would stand in the way of. The
// publishing error of the plan under the key mine is returned apart from
// err, which is the database's and undoes the transaction.
func finishPrinting(tx *sql.Tx, printer interface{ Publish(plan string) error }, mine string) (mineErr, err error) {
	type pending struct{ key, plan string }
	plans, err := queryAll(tx, func(r scanner) (pending, error) {
		var p pending
		return p, r.Scan(&p.key, &p.plan)
	}, `SELECT key, value FROM settings WHERE substr(key, 1, ?) = ? ORDER BY key`,
		len(printingPlanPrefix), printingPlanPrefix)
	if err != nil {
		return nil, err
	}
	for _, p := range plans {
		if err := printer.Publish(p.plan); err != nil && p.key == mine {
			mineErr = err
		}
		if _, err := tx.Exec(`DELETE FROM settings WHERE key = ?`, p.key); err != nil {
			return nil, err
		}
	}
	return mineErr, nil
}

// planPublisher is what a certificate or letter printer does after the
// commit: publish a plan, or discard one that did not commit.
type planPublisher interface {
	Publish(plan string) error
	Discard(plan string)
}

// enterAndPrint runs enter in a write transaction that first publishes
// what a killed run left, then enters documents in a register and stages
// their printing, returning the plan ("" when nothing is to publish: no
// printer, nothing entered, or printed into memory). The plan is kept
// with the transaction and published after the commit, under the write
// lock, however ctx ends by then: the register already holds what it
// prints. A publishing failure is a *PublishError. printer may be nil.
func (s *Store) enterAndPrint(ctx context.Context, printer planPublisher, enter func(tx *sql.Tx) (plan string, err error)) error {
	var plan, key string
	err := s.write(ctx, func(tx *sql.Tx) error {
		if printer != nil {
			// What a run killed after its commit left to publish goes
			// first, before its staged files could be taken for
			// leftovers. Its errors are not this run's.
			if _, err := finishPrinting(tx, printer, ""); err != nil {
				return err
			}
		}
		var err error
		if plan, err = enter(tx); err != nil || plan == "" {
			return err
		}
		key, err = addPrintingPlan(tx, plan)
		return err
	})
	if err != nil {
		if plan != "" {
			printer.Discard(plan)
		}
		return err
	}
	if plan == "" {
		return nil
	}
	var publishErr error
	err = s.write(context.WithoutCancel(ctx), func(tx *sql.Tx) error {
		publishErr, err = finishPrinting(tx, printer, key)
		return err
	})
	if err == nil {
		err = publishErr
	}
	if err != nil {
		return &PublishError{Err: err}
	}
	return nil
}
