package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/atelier-workshops/atelier/say"
)

// message is a mistake the command line words itself (a workshop that is
// not in the file, a session it does not have), printed as it is.
type message string

func (m message) Error() string { return string(m) }

// report prints, after the command's name, what went wrong while doing, in
// the English of package say (the window's own words); file is the file
// the command was given, named as the user typed it. An error say does not
// know is printed as a plain sentence of what failed, and its own text
// goes to the log file (logError), whose place is said. It returns the exit code 1.
func report(stderr io.Writer, name string, err error, doing say.Doing, file string) int {
	var m message
	if errors.As(err, &m) {
		fmt.Fprintf(stderr, "%s: %s\n", name, m)
		return 1
	}
	w, known := say.Cause(err, doing)
	if !known {
		w = say.Of(err, doing)
	}
	if file != "" {
		w = w.With("File", file)
	}
	fmt.Fprintf(stderr, "%s: %s\n", name, w.English())
	if !known {
		if path := logError(stderr, name, err); path != "" {
			fmt.Fprintf(stderr, "%s: what went wrong is written in %s\n", name, path)
		}
	}
	return 1
}
