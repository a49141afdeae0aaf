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
	defer importer.BoundMemory()()
	mode := data.OpenReadOnly // the preview only reads
	if *yes {
		mode = data.OpenExisting
	}
	st, err := data.Open(*dbPath, mode)
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
	// Read a row at a time: the preview holds what it needs of each, and
	// the workbook need not wait for the printing and the import.
	p, err := wb.Prepare(st, w.ID, *sheet, importer.Options{Source: wb.Name})
	wb.Close()
	if err != nil {
		return report(stderr, name, err, say.Reading, files[0])
	}
	printPreview(stdout, wb, *sheet, w, p)
	if !*yes {
		fmt.Fprintf(stdout, "Nothing imported yet: run again with --yes to add and update the %s above.\n",
			count(len(p.Ready)+len(p.Updates), "row", "rows"))
		return 0
	}
	res, err := p.Import(context.Background(), st)
	if err != nil {
		return report(stderr, name, err, say.Saving, "")
	}
	if len(res.Skipped) > 0 {
		fmt.Fprintln(stdout, "Left out, because another Atelier changed the workshop after the list was read:")
		printRefused(stdout, res.Skipped)
	}
	fmt.Fprintf(stdout, "Imported into workshop %d (%s): %s added, %s updated.\n", w.ID, w.Title,
		count(res.Imported, "participant", "participants"), count(res.Updated, "participant", "participants"))
	return 0
}

// printPreview says what an import would do: every row it adds, every row
// that updates someone already in the workshop with the values it changes,
// the rows that are someone already there as they are, and every row
// refused with its reasons. Every value from the file is
// cut to a short piece (importer.Short), so that a cell of thousands of
// characters prints as a line; control characters are escaped by the
// terminal-safe output every command writes through.
func printPreview(out io.Writer, wb *importer.Workbook, sheet string, w data.Workshop, p *importer.Preview) {
	read := ""
	if wb.Encoding != "" {
		read = fmt.Sprintf(" (read as %s text)", wb.Encoding)
	}
	fmt.Fprintf(out, "%s%s, sheet %q, into workshop %d (%s)\n", wb.Name, read, importer.Short(sheet), w.ID, w.Title)
	fmt.Fprintf(out, "Column titles on row %d:\n", p.HeaderRow)
	for i, f := range p.Mapping {
		field := string(f)
		if f == importer.Ignore {
			field = "(not imported)"
		}
		fmt.Fprintf(out, "  %-28s → %s\n", importer.Short(p.Headers[i]), field)
	}
	fmt.Fprintf(out, "%s to add, %s to update, %s already there as they are, %s refused, %s skipped.\n",
		count(len(p.Ready), "row", "rows"), count(len(p.Updates), "row", "rows"), count(len(p.Unchanged), "row", "rows"),
		count(len(p.Rejected), "row", "rows"), count(p.Blank, "blank row", "blank rows"))
	if len(p.Ready) > 0 {
		fmt.Fprintf(out, "To add:\n")
	}
	for _, c := range p.Ready {
		fmt.Fprintf(out, "  row %d, %s\n", c.Row, describeCandidate(*c.Participant))
	}
	if len(p.Updates) > 0 {
		fmt.Fprintf(out, "To update (someone already in the workshop):\n")
	}
	for _, u := range p.Updates {
		by := "same name and country"
		if u.ByEmail {
			by = "same email"
		}
		fmt.Fprintf(out, "  row %d, %s (%s):\n", u.Row, describeCandidate(u.Existing), by)
		for _, c := range u.Changes {
			fmt.Fprintf(out, "    %s: %s → %s\n", c.Field, quoted(c.From), quoted(c.To))
		}
	}
	if len(p.Unchanged) > 0 {
		fmt.Fprintf(out, "Already in the workshop as they are (nothing to change):\n")
	}
	for _, m := range p.Unchanged {
		fmt.Fprintf(out, "  row %d, %s\n", m.Row, importer.Short(m.Name))
	}
	if len(p.Rejected) > 0 {
		fmt.Fprintf(out, "Refused:\n")
	}
	printRefused(out, p.Rejected)
}

// quoted is a value of a change, cut to a short piece; an empty one says so.
func quoted(v string) string {
	if v == "" {
		return "(empty)"
	}
	return fmt.Sprintf("%q", importer.Short(v))
}

// printRefused lists rows that are not imported, each with its reasons.
func printRefused(out io.Writer, refused []importer.Rejection) {
	for _, r := range refused {
		name := r.Name
		if name == "" {
			name = "(no name)"
		}
		fmt.Fprintf(out, "  row %d, %s:\n", r.Row, name) // cut already
		for _, fe := range r.Reasons {
			fmt.Fprintf(out, "    %s\n", shortLine(fe.Message))
		}
		if r.Unlisted > 0 {
			fmt.Fprintf(out, "    (and %s more)\n", count(r.Unlisted, "reason", "reasons"))
		}
	}
}

// describeCandidate is one line about a row to import: the name as it
// will be stored, and the email and country when there are.
func describeCandidate(p data.Participant) string {
	line := importer.Short(p.FullName())
	if p.Email != "" {
		line += " <" + importer.Short(p.Email) + ">"
	}
	if p.Country != "" {
		line += ", " + p.Country
	}
	return line
}

// shortLine cuts a message that quotes a long value (a duplicate's name of
// thousands of letters) in its middle, keeping how it begins and ends.
func shortLine(s string) string {
	const head, tail = 120, 60
	r := []rune(s)
	if len(r) <= head+tail+20 {
		return s
	}
	return fmt.Sprintf("%s… (%d characters more) …%s", string(r[:head]), len(r)-head-tail, string(r[len(r)-tail:]))
}
