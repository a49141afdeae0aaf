package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
)

// runCertificates issues the certificates of a workshop (entering them in
// the register, or reissuing them with their serials and codes) and prints
// them into one PDF and, with --each, one PDF each into the folder named
// like it.
func runCertificates(args []string, stdout, stderr io.Writer) int {
	const usageLine = "atelier certificates --db FILE --workshop ID --out FILE.pdf [--each] [--trainers]"
	f := newDocumentFlags("certificates")
	each := f.fs.Bool("each", false, "")
	trainers := f.fs.Bool("trainers", false, "")
	if code := f.parse(args, usageLine, stdout, stderr); code >= 0 {
		return code
	}
	st, code := f.open(stderr)
	if st == nil {
		return code
	}
	defer st.Close()
	name := f.fs.Name()
	certs, folder, err := reports.IssueAndPrintCertificates(context.Background(), st, f.workshop,
		data.IssueOptions{Trainers: *trainers}, f.out, *each, nil)
	var published *data.PublishError
	switch {
	case errors.Is(err, reports.ErrNobodyEligible):
		fmt.Fprintf(stderr, "%s: nobody in workshop %d is eligible for a certificate yet (see the attendance)\n", name, f.workshop)
		return 1
	case errors.As(err, &published):
		fmt.Fprintf(stderr, "%s: the certificates are in the register, but their files could not be put in place: %s; run the command again to print them (their serials and codes stay)\n",
			name, describeWriteError(published.Err))
		return 1
	case err != nil:
		fmt.Fprintf(stderr, "%s: %s; nothing was entered in the register\n", name, describeWriteError(err))
		return 1
	}
	fmt.Fprintf(stdout, "Wrote %d certificates to %s\n", len(certs), f.out)
	if folder != "" {
		fmt.Fprintf(stdout, "and one file each into %s\n", folder)
	}
	return 0
}
