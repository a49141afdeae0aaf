package cli

import (
	"io"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
)

// runProgramme writes the printed programme of a workshop.
func runProgramme(args []string, stdout, stderr io.Writer) int {
	f := newDocumentFlags("programme")
	if code := f.parse(args, "atelier programme --db FILE --workshop ID --out FILE.pdf", stdout, stderr); code >= 0 {
		return code
	}
	return f.write(stdout, stderr, func(st *data.Store, w io.Writer) error {
		return reports.Programme(st, f.workshop, w)
	})
}
