package cli

import (
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
	f.writes = true
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
	certs, folder, err := reports.IssueAndPrintCertificates(st, f.workshop, data.IssueOptions{Trainers: *trainers}, f.out, *each, nil)
	if errors.Is(err, reports.ErrNobodyEligible) {
		err = fmt.Errorf("nobody in workshop %d is eligible for a certificate yet (see the attendance)", f.workshop)
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return 1
	}
	fmt.Fprintf(stdout, "Wrote %s to %s\n", count(len(certs), "certificate", "certificates"), f.out)
	if folder != "" {
		fmt.Fprintf(stdout, "and one file each into %s\n", folder)
	}
	return 0
}
