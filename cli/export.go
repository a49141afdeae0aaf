package cli

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
	"github.com/atelier-workshops/atelier/say"
)

const exportUsage = "atelier export --db FILE (--workshop ID [--anonymous] | --all [--language en|fr|es]) --out FILE.xlsx\n" +
	"       atelier export --all [--language en|fr|es] --out FILE.xlsx A.db B.db …"

// runExport writes the secretariat's workbook of a workshop, with the
// document sub-commands' flags and their all-or-nothing write; with
// --anonymous, without names, emails, phones or notes; with --all, the
// overview across every workshop of the file, and of the files named
// after the flags.
func runExport(args []string, stdout, stderr io.Writer) int {
	f := newDocumentFlags("export")
	f.files = true
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
	case f.all:
		paths := f.fs.Args()
		if f.db != "" {
			paths = append([]string{f.db}, paths...)
		}
		return exportOverview(paths, lang, f.out, stdout, stderr)
	}
	return f.write(stdout, stderr, func(st *data.Store, w io.Writer) error {
		return reports.Workbook(st, f.workshop, w, reports.WorkbookOptions{Anonymous: *anonymous})
	})
}

// exportOverview reads every file of paths read-only, each checked as
// every read-only command checks its file, and writes their overview to
// out; a file that cannot be read stops it before anything is written.
// It says which workshops were found in more than one file.
func exportOverview(paths []string, lang data.Language, out string, stdout, stderr io.Writer) int {
	const name = "atelier export"
	var files []reports.OverviewFile
	seen := map[string]bool{}
	outAbs, _ := filepath.Abs(out)
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err == nil && abs == outAbs {
			fmt.Fprintf(stderr, "%s: --out %s is one of the files to read; give the overview a name of its own\n", name, out)
			return 2
		}
		if err == nil && seen[abs] {
			fmt.Fprintf(stdout, "%s is named twice: read once\n", p)
			continue
		}
		seen[abs] = true
		file, err := reports.ReadOverviewFile(p)
		if err != nil {
			return report(stderr, name, err, say.Opening, p)
		}
		files = append(files, file)
	}
	var repeats []reports.RepeatedWorkshop
	err := reports.WriteFile(out, func(w io.Writer) (err error) {
		repeats, err = reports.WriteOverviewOfFiles(files, lang, w)
		return err
	})
	if err != nil {
		return report(stderr, name, err, say.Writing, out)
	}
	workshops := 0
	for _, f := range files {
		workshops += len(f.Workshops)
	}
	for _, r := range repeats {
		fmt.Fprintf(stdout, "%s (%s to %s) is in %s: counted once, from %s", r.Workshop.Title,
			r.Workshop.StartDate, r.Workshop.EndDate, joinAnd(r.Files), r.Files[0])
		if r.Differ {
			fmt.Fprint(stdout, "; the copies differ")
		}
		fmt.Fprintln(stdout)
	}
	fmt.Fprintf(stdout, "Wrote %s: %s from %s\n", out,
		count(workshops-countRepeats(repeats), "workshop", "workshops"), count(len(files), "file", "files"))
	return 0
}

// countRepeats is how many rows the repeated workshops would have added.
func countRepeats(repeats []reports.RepeatedWorkshop) int {
	n := 0
	for _, r := range repeats {
		n += len(r.Files) - 1
	}
	return n
}

// joinAnd lists names as a sentence does: "a.db, b.db and c.db".
func joinAnd(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	out := names[0]
	for _, n := range names[1 : len(names)-1] {
		out += ", " + n
	}
	return out + " and " + names[len(names)-1]
}
