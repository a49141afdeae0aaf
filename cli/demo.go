package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/demo"
	"github.com/atelier-workshops/atelier/say"
)

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
		return report(stderr, "atelier demo", err, say.Opening, *dbPath)
	}
	res, err := demo.Write(st)
	if closeErr := st.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return report(stderr, "atelier demo", err, say.Saving, "")
	}
	fmt.Fprintf(stdout, "Added the demo workshops to %s (workshop %d in Lagos, workshop %d being planned).\n",
		st.Path(), res.Lagos, res.Planned)
	return 0
}
