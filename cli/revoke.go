package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/say"
)

// runRevoke withdraws a certificate of the register, found by its serial
// number, for a reason that verifying it will show.
func runRevoke(args []string, stdout, stderr io.Writer) int {
	const usageLine = `atelier revoke --db FILE --serial SERIAL --reason "WHY" [--workshop ID]`
	fs := newFlagSet("atelier revoke")
	db := fs.String("db", "", "")
	serial := fs.String("serial", "", "")
	reason := fs.String("reason", "", "")
	workshop := fs.Int64("workshop", 0, "")
	if code := parseArgs(fs, args, usageLine, stdout, stderr); code >= 0 {
		return code
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "atelier revoke: unexpected argument %q (put the reason in quotes; see atelier --help)\n", fs.Arg(0))
		return 2
	case *db == "" || strings.TrimSpace(*serial) == "" || strings.TrimSpace(*reason) == "":
		fmt.Fprintf(stderr, "atelier revoke: give --db FILE, --serial SERIAL and --reason (usage: %s)\n", usageLine)
		return 2
	}
	st, code := openStore(fs, *db, data.OpenExisting, stderr)
	if st == nil {
		return code
	}
	defer st.Close()
	found, err := st.CertificatesWithSerial(*serial)
	if err != nil {
		return report(stderr, "atelier revoke", err, say.Reading, "")
	}
	var matches []data.Certificate
	for _, c := range found {
		if *workshop == 0 || c.WorkshopID == *workshop {
			matches = append(matches, c)
		}
	}
	switch {
	case len(matches) == 0:
		fmt.Fprintf(stderr, "atelier revoke: no certificate in %s has the serial number %s\n", *db, strings.TrimSpace(*serial))
		return 1
	case len(matches) > 1:
		var ids []string
		for _, c := range matches {
			ids = append(ids, fmt.Sprint(c.WorkshopID))
		}
		fmt.Fprintf(stderr, "atelier revoke: %d workshops have a certificate %s; say which with --workshop (%s)\n",
			len(matches), matches[0].Serial, strings.Join(ids, ", "))
		return 2
	}
	c := matches[0]
	r, err := st.Revoke(c.ID, *reason)
	if err != nil {
		return report(stderr, "atelier revoke", err, say.Saving, "")
	}
	fmt.Fprintf(stdout, "Revoked %s (%s) on %s: %s\n", r.Serial, r.HolderName, r.RevokedAt.Format("2006-01-02"), r.Reason)
	fmt.Fprintln(stdout, "Verifying it with this file now says so, and printing never gives it again. A verifier page")
	fmt.Fprintln(stdout, "knows the revocations it was written with: write it again (atelier verifier) and publish it.")
	return 0
}
