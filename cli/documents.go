package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
	"github.com/atelier-workshops/atelier/say"
)

// The document sub-commands share their flags and the way they write: into
// a temporary file beside the output, renamed over it only once the whole
// document is written, so that a failure never leaves half a PDF behind.

type documentFlags struct {
	fs       *flag.FlagSet
	db, out  string
	workshop int64
	all      bool // every workshop of the file, for the commands that offer --all
	// files lets --all read the files named after the flags too, for
	// the commands that offer it.
	files bool
	// writes is set by a command that changes the file (certificates
	// enters what it issues in the register); the others only read it,
	// and never create or change it.
	writes bool
}

func newDocumentFlags(name string) *documentFlags {
	f := &documentFlags{fs: newFlagSet("atelier " + name)}
	f.fs.StringVar(&f.db, "db", "", "")
	f.fs.StringVar(&f.out, "out", "", "")
	f.fs.Int64Var(&f.workshop, "workshop", 0, "")
	return f
}

// parse reads the arguments; it returns a non-negative exit code when the
// command should stop there.
func (f *documentFlags) parse(args []string, usageLine string, stdout, stderr io.Writer) int {
	name := f.fs.Name()
	if err := f.fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stdout, "Usage: %s\n", usageLine)
			return 0
		}
		fmt.Fprintf(stderr, "%s: %v (see atelier --help)\n", name, err)
		return 2
	}
	switch {
	case f.fs.NArg() > 0 && !(f.all && f.files):
		fmt.Fprintf(stderr, "%s: unexpected argument %q (see atelier --help)\n", name, f.fs.Arg(0))
		return 2
	case f.all && f.workshop != 0:
		fmt.Fprintf(stderr, "%s: give --workshop or --all, not both\n", name)
		return 2
	case f.all && f.files && f.out != "" && (f.db != "" || f.fs.NArg() > 0):
		return -1
	case f.db == "" || f.out == "" || (f.workshop <= 0 && !f.all):
		fmt.Fprintf(stderr, "%s: give --db FILE, --workshop ID and --out FILE (usage: %s)\n", name, usageLine)
		return 2
	}
	return -1
}

// write opens the database, checks the workshop and writes the document
// that render produces.
func (f *documentFlags) write(stdout, stderr io.Writer, render func(st *data.Store, w io.Writer) error) int {
	name := f.fs.Name()
	st, code := f.open(stderr)
	if st == nil {
		return code
	}
	defer st.Close()
	if err := reports.WriteFile(f.out, func(w io.Writer) error { return render(st, w) }); err != nil {
		return report(stderr, name, err, say.Writing, f.out)
	}
	fmt.Fprintf(stdout, "Wrote %s\n", f.out)
	return 0
}

// checkWorkshop says, before anything is written, when --workshop names
// no workshop of the file.
func (f *documentFlags) checkWorkshop(st *data.Store) error {
	if f.all {
		return nil
	}
	_, err := st.Workshop(f.workshop)
	var nf *data.NotFoundError
	if errors.As(err, &nf) {
		return message(fmt.Sprintf("there is no workshop %d in %s", f.workshop, f.db))
	}
	return err
}

// open opens the database and checks the workshop; on failure it says why
// and returns a nil store and the exit code.
func (f *documentFlags) open(stderr io.Writer) (*data.Store, int) {
	name := f.fs.Name()
	mode := data.OpenReadOnly
	if f.writes {
		mode = data.OpenExisting
	}
	st, err := data.Open(f.db, mode)
	if err != nil {
		return nil, report(stderr, name, err, say.Opening, f.db)
	}
	waitAloud(st, name, stderr)
	if err := f.checkWorkshop(st); err != nil {
		st.Close()
		return nil, report(stderr, name, err, say.Reading, "")
	}
	return st, 0
}
