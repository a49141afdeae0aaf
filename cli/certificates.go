package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
	"github.com/atelier-workshops/atelier/say"
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
	if *each && !strings.EqualFold(filepath.Ext(f.out), ".pdf") {
		return report(stderr, name, message(fmt.Sprintf("%s: with --each, the certificates' PDF must have a name ending in .pdf, so that the folder of one file each can take the name without it", f.out)), say.Writing, "")
	}
	certs, folder, err := reports.IssueAndPrintCertificates(st, f.workshop, data.IssueOptions{Trainers: *trainers}, f.out, *each, nil)
	if errors.Is(err, reports.ErrNobodyEligible) {
		err = message(fmt.Sprintf("nobody in workshop %d is eligible for a certificate yet (see the attendance)", f.workshop))
	}
	if err != nil {
		return report(stderr, name, err, say.Writing, f.out)
	}
	fmt.Fprintf(stdout, "Wrote %d certificates to %s\n", len(certs), f.out)
	if folder != "" {
		fmt.Fprintf(stdout, "and one file each into %s\n", folder)
	}
	return 0
}
