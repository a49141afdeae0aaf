package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/say"
)

// parseArgs reads a sub-command's flags; it returns a non-negative exit
// code when the command should stop there (help asked for, or a flag
// wrong), and -1 to go on.
func parseArgs(fs *flag.FlagSet, args []string, usageLine string, stdout, stderr io.Writer) int {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stdout, "Usage: %s\n", usageLine)
			return 0
		}
		fmt.Fprintf(stderr, "%s: %v (see atelier --help)\n", fs.Name(), err)
		return 2
	}
	return -1
}

// openStore opens the database a sub-command works on, in mode
// (data.OpenReadOnly for a command that only reads); on failure it says
// why, and returns a nil store and the exit code.
func openStore(fs *flag.FlagSet, db string, mode data.OpenMode, stderr io.Writer) (*data.Store, int) {
	st, err := data.Open(db, mode)
	if err != nil {
		return nil, report(stderr, fs.Name(), err, say.Opening, db)
	}
	return st, 0
}
