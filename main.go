// Command atelier plans, runs and reports international training workshops
// for museum professionals. Without a sub-command it opens the window; the
// sub-commands work without a display.
package main

import (
	// First, so that it runs before Fyne reads the locale: see its doc.
	_ "atelier.local/localeenv"

	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/atelier-workshops/atelier/app"
	"github.com/atelier-workshops/atelier/assets"
	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/demo"
	"github.com/atelier-workshops/atelier/data/importer"
)

// FyneApp.toml is the one place the name, ID and version are written; the
// binary carries it so that --version and the About box agree with it
// wherever the binary is moved.
//
//go:embed FyneApp.toml
var fyneAppToml string

const usage = `Atelier: plan, run and report training workshops for museum professionals.

Usage:
  atelier [--db FILE]          open the window (default database: %s)
  atelier demo --db FILE       add the demo workshops to FILE (a new file or an Atelier database)
  atelier programme --db FILE --workshop ID --out FILE.pdf
                               write the printed programme of a workshop
  atelier signin --db FILE --workshop ID [--session ID | --day YYYY-MM-DD] --out FILE.pdf
                               write sign-in sheets: one session, one day, or every session
  atelier export --db FILE --workshop ID [--anonymous] --out FILE.xlsx
                               write the secretariat's Excel workbook of a workshop; with
                               --anonymous, without names, emails, phones or notes
  atelier export --db FILE --all [--language en|fr|es] --out FILE.xlsx
                               write one overview across every workshop of FILE
  atelier import --db FILE --workshop ID [--sheet NAME] [--yes] LIST
                               read participants from LIST (.xlsx or .csv): print what would be
                               imported and every row refused, and import only with --yes
  atelier certificates --db FILE --workshop ID --out FILE.pdf [--each] [--trainers]
                               issue the certificates of everyone eligible (and of the trainers)
                               and print them into FILE.pdf and, with --each, one PDF each into
                               the folder FILE beside it; reissuing keeps serial numbers and codes
  atelier verify --db FILE CODE
                               say whether a certificate's code is genuine, and what it certifies
  atelier help                 show this help
  atelier --version            print the version

Options:
  --db FILE    the database file to use
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the exit, so that tests can drive the command line.
func run(args []string, stdout, stderr io.Writer) int {
	meta := metadata()
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "atelier: "+format+"\n", a...)
		return 2
	}
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		switch args[0] {
		case "demo":
			return runDemo(args[1:], stdout, stderr)
		case "programme":
			return runProgramme(args[1:], stdout, stderr)
		case "signin":
			return runSignIn(args[1:], stdout, stderr)
		case "export":
			return runExport(args[1:], stdout, stderr)
		case "import":
			return runImport(args[1:], stdout, stderr)
		case "certificates":
			return runCertificates(args[1:], stdout, stderr)
		case "verify":
			return runVerify(args[1:], stdout, stderr)
		case "help":
			fmt.Fprintf(stdout, usage, defaultDBPath())
			return 0
		default:
			return fail("unknown command %q (see atelier --help)", args[0])
		}
	}
	fs := newFlagSet("atelier")
	dbPath := fs.String("db", "", "")
	showVersion := fs.Bool("version", false, "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stdout, usage, defaultDBPath())
			return 0
		}
		return fail("%v (see atelier --help)", err)
	}
	if *showVersion {
		fmt.Fprintf(stdout, "Atelier %s (build %d)\n", meta.Version, meta.Build)
		return 0
	}
	if fs.NArg() > 0 {
		return fail("unexpected argument %q (see atelier --help)", fs.Arg(0))
	}
	mode := data.OpenExisting
	dataDir := filepath.Dir(defaultDBPath())
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return fail("cannot create the data folder %s: %v", dataDir, err)
	}
	if *dbPath == "" {
		*dbPath = defaultDBPath()
		mode = data.OpenOrCreate
	}
	st, err := data.Open(*dbPath, mode, data.WithBackups(data.BackupFolder(dataDir, *dbPath)))
	if err != nil {
		fmt.Fprintf(stderr, "atelier: %s\n", describeOpenError(err))
		return 1
	}
	fyneapp.SetMetadata(meta)
	a := fyneapp.NewWithID(meta.ID)
	a.SetIcon(meta.Icon)
	app.Start(a, st, app.WithDataFolder(dataDir))
	a.Run()
	return 0
}

func runDemo(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("atelier demo")
	dbPath := fs.String("db", "", "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stdout, "Usage: atelier demo --db FILE\n")
			return 0
		}
		fmt.Fprintf(stderr, "atelier demo: %v (see atelier --help)\n", err)
		return 2
	}
	if *dbPath == "" || fs.NArg() > 0 {
		fmt.Fprintf(stderr, "atelier demo: give the database file with --db FILE (see atelier --help)\n")
		return 2
	}
	st, err := data.Open(*dbPath, data.OpenOrCreate)
	if err != nil {
		fmt.Fprintf(stderr, "atelier demo: %s\n", describeOpenError(err))
		return 1
	}
	res, err := demo.Write(st)
	if closeErr := st.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		fmt.Fprintf(stderr, "atelier demo: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Added the demo workshops to %s (workshop %d in Lagos, workshop %d being planned).\n",
		st.Path(), res.Lagos, res.Planned)
	return 0
}

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
	st, err := data.Open(*dbPath, data.OpenExisting)
	if err != nil {
		fmt.Fprintf(stderr, "atelier import: %s\n", describeOpenError(err))
		return 1
	}
	defer st.Close()
	w, err := st.Workshop(*workshopID)
	if err != nil {
		fmt.Fprintf(stderr, "atelier import: %v\n", err)
		return 1
	}
	wb, err := importer.Open(files[0])
	if err != nil {
		fmt.Fprintf(stderr, "atelier import: %v\n", err)
		return 1
	}
	defer wb.Close()
	if *sheet == "" {
		*sheet = wb.Sheets[0]
	}
	rows, err := wb.Rows(*sheet)
	if err != nil {
		fmt.Fprintf(stderr, "atelier import: sheet %q: %v (sheets: %s)\n", *sheet, err, strings.Join(wb.Sheets, ", "))
		return 1
	}
	p, err := importer.Prepare(st, w.ID, rows, importer.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "atelier import: %s, sheet %q: %v\n", wb.Name, *sheet, err)
		return 1
	}
	printPreview(stdout, wb.Name, *sheet, w, p)
	if !*yes {
		fmt.Fprintf(stdout, "Nothing imported yet: run again with --yes to import the %d rows above.\n", len(p.Ready))
		return 0
	}
	if err := p.Import(st); err != nil {
		fmt.Fprintf(stderr, "atelier import: nothing imported: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Imported %d participants into workshop %d (%s).\n", len(p.Ready), w.ID, w.Title)
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
	for _, r := range p.Rejected {
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

// newFlagSet reports a bad flag as an error instead of printing the
// defaults, so that the user gets one line that says what was wrong.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func describeOpenError(err error) string {
	var oe *data.OpenError
	if errors.As(err, &oe) {
		switch {
		case errors.Is(err, data.ErrFileNotFound) && oe.Detail == "":
			return fmt.Sprintf("%s: no such file (to start a new database, leave out --db or use File > New database)", oe.Path)
		case errors.Is(err, data.ErrNotAtelier):
			return fmt.Sprintf("%s is not an Atelier database (%s); it was left unchanged", oe.Path, oe.Detail)
		case errors.Is(err, data.ErrCorrupt):
			return fmt.Sprintf("%s is damaged (%s); it was left unchanged", oe.Path, oe.Detail)
		case errors.Is(err, data.ErrNewerSchema):
			return fmt.Sprintf("%s was written by a newer version of Atelier (%s); it was left unchanged", oe.Path, oe.Detail)
		}
	}
	return err.Error()
}

// defaultDBPath is atelier.db in the user's data folder: XDG_DATA_HOME or
// ~/.local/share on Linux, %LOCALAPPDATA% on Windows, Application Support
// on macOS. The backups of every file Atelier opens go into that folder.
func defaultDBPath() string {
	var dir string
	switch runtime.GOOS {
	case "windows":
		dir = os.Getenv("LOCALAPPDATA")
	case "darwin":
		if home, err := os.UserHomeDir(); err == nil {
			dir = filepath.Join(home, "Library", "Application Support")
		}
	default:
		dir = os.Getenv("XDG_DATA_HOME")
		if dir == "" {
			if home, err := os.UserHomeDir(); err == nil {
				dir = filepath.Join(home, ".local", "share")
			}
		}
	}
	if dir == "" {
		dir = "."
	}
	name := "atelier"
	if runtime.GOOS != "linux" {
		name = "Atelier"
	}
	return filepath.Join(dir, name, "atelier.db")
}

// metadata reads the [Details] of FyneApp.toml: flat "Key = value" lines
// are all it has, so a few lines of parsing beat a TOML dependency.
func metadata() fyne.AppMetadata {
	meta := fyne.AppMetadata{Name: "Atelier", Icon: fyne.NewStaticResource("icon.png", assets.Icon),
		Release: true, Migrations: map[string]bool{}}
	section := ""
	for line := range strings.SplitSeq(fyneAppToml, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			section = strings.Trim(line, "[]")
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		key, value = strings.TrimSpace(key), strings.Trim(strings.TrimSpace(value), `"`)
		switch section + "." + key {
		case "Details.ID":
			meta.ID = value
		case "Details.Name":
			meta.Name = value
		case "Details.Version":
			meta.Version = value
		case "Details.Build":
			meta.Build, _ = strconv.Atoi(value)
		case "Migrations.fyneDo":
			meta.Migrations["fyneDo"] = value == "true"
		}
	}
	return meta
}
