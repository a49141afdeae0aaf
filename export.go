package main

import (
	"io"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
)

// runExport writes the secretariat's workbook of a workshop, with the
// document sub-commands' flags and their all-or-nothing write; with
// --anonymous, without names, emails, phones or notes.
func runExport(args []string, stdout, stderr io.Writer) int {
	f := newDocumentFlags("export")
	anonymous := f.fs.Bool("anonymous", false, "")
	if code := f.parse(args, "atelier export --db FILE --workshop ID [--anonymous] --out FILE.xlsx", stdout, stderr); code >= 0 {
		return code
	}
	return f.write(stdout, stderr, func(st *data.Store, w io.Writer) error {
		return reports.Workbook(st, f.workshop, w, reports.WorkbookOptions{Anonymous: *anonymous})
	})
}
