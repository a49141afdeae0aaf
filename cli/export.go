package cli

import (
	"fmt"
	"io"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
)

const exportUsage = "atelier export --db FILE (--workshop ID [--anonymous] | --all [--language en|fr|es]) --out FILE.xlsx"

// runExport writes the secretariat's workbook of a workshop, with the
// document sub-commands' flags and their all-or-nothing write; with
// --anonymous, without names, emails, phones or notes; with --all, the
// overview across every workshop of the file.
func runExport(args []string, stdout, stderr io.Writer) int {
	f := newDocumentFlags("export")
	anonymous := f.fs.Bool("anonymous", false, "")
	f.fs.BoolVar(&f.all, "all", false, "")
	language := f.fs.String("language", string(data.English), "")
	if code := f.parse(args, exportUsage, stdout, stderr); code >= 0 {
		return code
	}
	lang := data.Language(*language)
	switch {
	case lang != data.English && lang != data.French && lang != data.Spanish:
		fmt.Fprintf(stderr, "atelier export: --language %q is not one of en, fr, es\n", *language)
		return 2
	case f.all && *anonymous:
		fmt.Fprintf(stderr, "atelier export: the overview of --all holds no personal data; --anonymous is for one workshop\n")
		return 2
	}
	return f.write(stdout, stderr, func(st *data.Store, w io.Writer) error {
		if f.all {
			return reports.Overview(st, lang, w)
		}
		return reports.Workbook(st, f.workshop, w, reports.WorkbookOptions{Anonymous: *anonymous})
	})
}
