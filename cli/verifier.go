package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
	"github.com/atelier-workshops/atelier/say"
)

// runVerifier writes the verifier page: one HTML file holding the file's
// public keys and revocations, which checks a certificate's QR code in any
// browser with no network. With --workshop and --address it sets where a
// workshop publishes the page instead, so that the QR codes printed after
// hold that address.
func runVerifier(args []string, stdout, stderr io.Writer) int {
	const usageLine = `atelier verifier --db FILE --out verify.html [--issuer "ORGANISATION"], or ` +
		`atelier verifier --db FILE --workshop ID --address https://…/verify.html|none`
	fs := newFlagSet("atelier verifier")
	db := fs.String("db", "", "")
	out := fs.String("out", "", "")
	issuer := fs.String("issuer", "", "")
	workshop := fs.Int64("workshop", 0, "")
	address := fs.String("address", "", "")
	if code := parseArgs(fs, args, usageLine, stdout, stderr); code >= 0 {
		return code
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "atelier verifier: unexpected argument %q (see atelier --help)\n", fs.Arg(0))
		return 2
	case *db != "" && (*address != "" || *workshop != 0) && *out == "":
		return setVerifierAddress(*db, *workshop, *address, stdout, stderr)
	case *db == "" || *out == "" || *address != "" || *workshop != 0:
		fmt.Fprintf(stderr, "atelier verifier: give --db FILE and --out FILE.html (usage: %s)\n", usageLine)
		return 2
	case !strings.HasSuffix(strings.ToLower(*out), ".html") && !strings.HasSuffix(strings.ToLower(*out), ".htm"):
		fmt.Fprintf(stderr, "atelier verifier: %s does not end in .html; browsers open the page by that name\n", *out)
		return 2
	}
	st, code := openStore(fs, *db, data.OpenExisting, stderr)
	if st == nil {
		return code
	}
	defer st.Close()
	d, err := reports.LoadVerifier(st, *issuer)
	if err == nil {
		err = reports.WriteFile(*out, func(w io.Writer) error { return reports.WriteVerifierPage(d, w) })
	}
	if err != nil {
		return report(stderr, "atelier verifier", err, say.Writing, *out)
	}
	var keys []string
	for _, k := range d.Keys {
		keys = append(keys, k.Fingerprint())
	}
	revoked := 0
	for _, r := range d.Revocations {
		if r.SignatureID != "" {
			revoked++
		}
	}
	fmt.Fprintf(stdout, "Wrote %s: issuer keys %s; revoked certificates: %d.\n", *out, strings.Join(keys, ", "), revoked)
	fmt.Fprintln(stdout, "Put it on any web site (or a USB stick): opened, it checks a certificate's QR code with no network.")
	fmt.Fprintln(stdout, "Set its address in a workshop (--workshop ID --address URL) and the QR codes printed after open it.")
	return 0
}

func setVerifierAddress(db string, workshop int64, address string, stdout, stderr io.Writer) int {
	if workshop <= 0 || address == "" {
		fmt.Fprintln(stderr, "atelier verifier: give --workshop ID and --address URL (or --address none) together")
		return 2
	}
	f := &documentFlags{fs: newFlagSet("atelier verifier"), db: db, workshop: workshop, writes: true}
	st, code := f.open(stderr)
	if st == nil {
		return code
	}
	defer st.Close()
	if address == "none" {
		address = ""
	}
	if err := st.SetVerifierAddress(workshop, address); err != nil {
		return report(stderr, "atelier verifier", err, say.Saving, "")
	}
	if address == "" {
		fmt.Fprintf(stdout, "Workshop %d has no verifier address: its QR codes hold the certificate's text alone.\n", workshop)
		return 0
	}
	fmt.Fprintf(stdout, "Workshop %d publishes its verifier page at %s: certificates printed from now on hold it in their QR code.\n", workshop, address)
	return 0
}
