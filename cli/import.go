package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/importer"
	"github.com/atelier-workshops/atelier/say"
)

const importUsage = "Usage: atelier import --db FILE --workshop ID [--sheet NAME] [--yes] LIST.xlsx|LIST.csv\n"

// runImport previews an import and, with --yes, makes it. Flags may come
// before or after the file.
func runImport(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("atelier import")
	dbPath := fs.String("db", "", "")
	workshopID := fs.Int64("workshop", 0, "")
	sheet := fs.String("sheet", "", "")
	yes := fs.Bool("yes", false, "")
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "atelier import: "+format+"\n", a...)
		return 2
	}
	var files []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, importUsage)
				return 0
			}
			return fail("%v (see atelier --help)", err)
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	switch {
	case *dbPath == "":
		return fail("give the database file with --db FILE (see atelier --help)")
	case *workshopID == 0:
		return fail("give the workshop with --workshop ID (see atelier --help)")
	case len(files) != 1:
		return fail("give one .xlsx or .csv file to import (see atelier --help)")
	}
	const name = "atelier import"
	st, err := data.Open(*dbPath, data.OpenExisting)
	if err != nil {
		return report(stderr, name, err, say.Opening, *dbPath)
	}
	defer st.Close()
	waitAloud(st, "atelier import", stderr)
	w, err := st.Workshop(*workshopID)
	if errors.Is(err, data.ErrNotFound) {
		err = message(fmt.Sprintf("workshop %d does not exist in %s", *workshopID, *dbPath))
	}
	if err != nil {
		return report(stderr, name, err, say.Reading, "")
	}
	wb, err := importer.Open(files[0])
	if err != nil {
		return report(stderr, name, err, say.Reading, files[0])
	}
	defer wb.Close()
	if *sheet == "" {
		*sheet = wb.Sheets[0]
	}
	if !slices.Contains(wb.Sheets, *sheet) {
		return report(stderr, name, message(fmt.Sprintf("%s has no sheet %q (sheets: %s)", wb.Name, *sheet, strings.Join(wb.Sheets, ", "))), say.Reading, "")
	}
	rows, err := wb.Rows(*sheet)
	if err != nil {
		return report(stderr, name, err, say.Reading, files[0])
	}
	p, err := importer.Prepare(st, w.ID, rows, importer.Options{})
	if err != nil {
		return report(stderr, name, err, say.Reading, files[0])
	}
	printPreview(stdout, wb.Name, *sheet, w, p)
	if !*yes {
		fmt.Fprintf(stdout, "Nothing imported yet: run again with --yes to import the %d rows above.\n", len(p.Ready))
		return 0
	}
	res, err := p.Import(context.Background(), st)
	if err != nil {
		return report(stderr, name, err, say.Saving, "")
	}
	if len(res.Skipped) > 0 {
		fmt.Fprintln(stdout, "Left out, because another Atelier added them to the workshop after they were read:")
		printRefused(stdout, res.Skipped)
	}
	fmt.Fprintf(stdout, "Imported %d participants into workshop %d (%s).\n", res.Imported, w.ID, w.Title)
	return 0
}

func printPreview(out io.Writer, file, sheet string, w data.Workshop, p *importer.Preview) {
	fmt.Fprintf(out, "%s, sheet %q, into workshop %d (%s)\n", file, sheet, w.ID, w.Title)
	fmt.Fprintf(out, "Column titles on row %d:\n", p.HeaderRow)
	for i, f := range p.Mapping {
		field := string(f)
		if f == importer.Ignore {
			field = "(not imported)"
		}
		fmt.Fprintf(out, "  %-28s → %s\n", p.Headers[i], field)
	}
	fmt.Fprintf(out, "%d rows to import, %d rows refused, %d blank rows skipped.\n", len(p.Ready), len(p.Rejected), p.Blank)
	printRefused(out, p.Rejected)
}

// printRefused lists rows that are not imported, each with its reasons.
func printRefused(out io.Writer, refused []importer.Rejection) {
	for _, r := range refused {
		name := r.Name
		if name == "" {
			name = "(no name)"
		}
		fmt.Fprintf(out, "  row %d, %s:\n", r.Row, name)
		for _, fe := range r.Reasons {
			fmt.Fprintf(out, "    %s\n", fe.Message)
		}
	}
}
