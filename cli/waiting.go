package cli

import (
	"fmt"
	"io"

	"github.com/atelier-workshops/atelier/data"
)

// waitAloud makes the writes of st wait for another Atelier for as long as
// it writes (Ctrl-C stops the wait, and nothing is half-saved), saying so
// on stderr once a wait passes a second.
func waitAloud(st *data.Store, name string, stderr io.Writer) {
	st.SetWaiting(data.Waiting{Note: func() func() {
		fmt.Fprintf(stderr, "%s: another Atelier is writing to this file; waiting…\n", name)
		return nil
	}})
}
