package cli

import (
	"context"
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
	if *each && !strings.EqualFold(filepath.Ext(f.out), ".pdf") {
		return report(stderr, name, message(fmt.Sprintf("%s: with --each, the certificates' PDF must have a name ending in .pdf, so that the folder of one file each can take the name without it", f.out)), say.Writing, "")
	}
	certs, folder, err := reports.IssueAndPrintCertificates(context.Background(), st, f.workshop,
		data.IssueOptions{Trainers: *trainers}, f.out, *each, nil)
	var published *data.PublishError
	switch {
	case errors.Is(err, reports.ErrNobodyEligible):
		return report(stderr, name, message(fmt.Sprintf("nobody in workshop %d is eligible for a certificate yet (see the attendance)", f.workshop)), say.Writing, "")
	case errors.As(err, &published):
		fmt.Fprintf(stderr, "%s: %s\n", name, say.Words{Key: "certificates.publish_failed"}.English())
		return report(stderr, name, published.Err, say.Writing, f.out)
	case err != nil:
		code := report(stderr, name, err, say.Writing, f.out)
		fmt.Fprintf(stderr, "%s: nothing was entered in the register.\n", name)
		return code
	}
	fmt.Fprintf(stdout, "Wrote %s to %s\n", count(len(certs), "certificate", "certificates"), f.out)
	if folder != "" {
		fmt.Fprintf(stdout, "and one file each into %s\n", folder)
	}
	return 0
}
