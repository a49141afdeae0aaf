package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
)

// runSignIn writes sign-in sheets for one session, one day or the whole
// workshop.
func runSignIn(args []string, stdout, stderr io.Writer) int {
	const usageLine = "atelier signin --db FILE --workshop ID [--session ID | --day YYYY-MM-DD] --out FILE.pdf"
	f := newDocumentFlags("signin")
	session := f.fs.Int64("session", 0, "")
	day := f.fs.String("day", "", "")
	if code := f.parse(args, usageLine, stdout, stderr); code >= 0 {
		return code
	}
	sel := reports.SignInSelection{SessionID: *session}
	if *day != "" {
		d, err := data.ParseDate(*day)
		if err != nil {
			fmt.Fprintf(stderr, "atelier signin: --day %q is not a date like 2022-11-21\n", *day)
			return 2
		}
		sel.Day = d
	}
	if sel.SessionID != 0 && !sel.Day.IsZero() {
		fmt.Fprintf(stderr, "atelier signin: give --session or --day, not both\n")
		return 2
	}
	return f.write(stdout, stderr, func(st *data.Store, w io.Writer) error {
		err := reports.SignIn(st, f.workshop, sel, w)
		if errors.Is(err, reports.ErrNoSessions) {
			switch {
			case sel.SessionID != 0:
				return message(fmt.Sprintf("workshop %d has no session %d", f.workshop, sel.SessionID))
			case !sel.Day.IsZero():
				return message(fmt.Sprintf("workshop %d has no session on %s", f.workshop, sel.Day))
			}
			return message(fmt.Sprintf("workshop %d has no sessions yet", f.workshop))
		}
		return err
	})
}
