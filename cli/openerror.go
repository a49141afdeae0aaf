package cli

import (
	"errors"
	"fmt"

	"github.com/atelier-workshops/atelier/data"
)

// describeOpenError says why a file could not be opened, and that it was
// left as it was.
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
