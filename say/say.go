// Package say turns an error into the words a user reads about it: a
// message of the translation files (assets/translations) and its
// arguments, which the window shows in the interface language and the
// command line in English. It is the one place that decides what an error
// means to a user, so that the window and the command line say the same
// thing; it imports data (and its importer) for the errors they return and
// assets for the English, and nothing that draws. An error it does not know
// becomes a plain sentence of what failed; its detail belongs in the log,
// never in front of the user.
package say

import (
	"errors"
	"io/fs"
	"maps"
	"path/filepath"
	"syscall"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/importer"
)

// Words are a message of the translation files with its arguments.
type Words struct {
	Key  string
	Args map[string]any
}

// With is w with one more argument, for what only the caller knows (the
// folder of a damaged file's backups, the file as the user named it).
func (w Words) With(name string, value any) Words {
	args := maps.Clone(w.Args)
	if args == nil {
		args = map[string]any{}
	}
	args[name] = value
	return Words{Key: w.Key, Args: args}
}

// Reason words one of data's reasons for a verdict on a certificate: its
// key is the message's.
func Reason(r data.Reason) Words { return Words{Key: r.Key, Args: r.Args} }

// Doing is what was under way when an error came: what failed, when the
// error itself says nothing a user can act on.
type Doing int

const (
	Reading Doing = iota // reading from the open file
	Saving               // saving a change to the open file
	Writing              // writing a document or a copy to a file of its own
	Opening              // opening a database file
)

// Of words what went wrong while doing: why, when Cause knows it, or else
// what failed.
func Of(err error, doing Doing) Words {
	if w, ok := Cause(err, doing); ok {
		return w
	}
	return Failed(doing).With("File", fileArgs(err)["File"])
}

// Failed words what failed while doing, whatever the reason: what is said
// of an error Atelier does not know, or before the reason of one it does.
func Failed(doing Doing) Words {
	switch doing {
	case Saving:
		return Words{Key: "error.save_failed"}
	case Writing:
		return Words{Key: "error.write_failed"}
	case Opening:
		return Words{Key: "open.failed"}
	}
	return Words{Key: "error.read_failed"}
}

// Cause words why err happened while doing, when it is an error Atelier
// knows: a file refused, a record gone, a busy or full disk, a folder that
// is not there. ok is false for any other. The words name the file in
// their File argument; Of fills it when the error names the file, and a
// caller that knows it better sets it With("File", …).
func Cause(err error, doing Doing) (w Words, ok bool) {
	var (
		field  data.FieldError
		valid  *data.ValidationError
		open   *data.OpenError
		sqlite interface{ Code() int }
		// An error that carries its own words (the mail server's, from
		// package mail).
		own interface {
			Said() (string, map[string]any)
		}
	)
	if w, ok := travelCause(err); ok {
		return w, true
	}
	switch {
	case err == nil:
		return Words{}, false
	case errors.As(err, &valid) && len(valid.Fields) > 0:
		return Words{Key: valid.Fields[0].Key, Args: valid.Fields[0].Args}, true
	case errors.As(err, &field):
		return Words{Key: field.Key, Args: field.Args}, true
	case errors.As(err, &own):
		key, args := own.Said()
		return Words{Key: key, Args: args}, true
	case errors.As(err, &open):
		args := map[string]any{"File": filepath.Base(open.Path)}
		switch {
		case errors.Is(err, data.ErrNotAtelier):
			return Words{"open.not_atelier", args}, true
		case errors.Is(err, data.ErrCorrupt):
			return Words{"open.corrupt", args}, true
		case errors.Is(err, data.ErrNewerSchema):
			return Words{"open.newer", args}, true
		case errors.Is(err, data.ErrFileNotFound):
			return Words{"open.not_found", args}, true
		case errors.Is(err, data.ErrReadOnly):
			return Words{Key: "error.read_only"}, true
		}
		return Words{"open.failed", args}, true
	case errors.Is(err, data.ErrNotFound):
		return Words{Key: "error.gone"}, true
	// A write data could not make (data.WriteError): its kind says why.
	case errors.Is(err, data.ErrBusy):
		return Words{Key: "error.busy"}, true
	case errors.Is(err, data.ErrDiskFull):
		return Words{Key: "error.disk_full"}, true
	case errors.Is(err, data.ErrReadOnly):
		return Words{Key: "error.read_only"}, true
	case errors.Is(err, data.ErrCorrupt):
		return Words{Key: "error.damaged"}, true
	case errors.Is(err, data.ErrIO), errors.Is(err, syscall.EIO):
		return Words{Key: "error.io"}, true
	case errors.Is(err, importer.ErrDamaged):
		return Words{"import.error.damaged", fileArgs(err)}, true
	case errors.Is(err, importer.ErrFormat):
		return Words{"import.error.format", fileArgs(err)}, true
	case errors.Is(err, importer.ErrNoHeader):
		return Words{Key: "import.error.no_header"}, true
	case errors.Is(err, syscall.ENOSPC):
		return Words{Key: "error.disk_full"}, true
	case errors.Is(err, syscall.EROFS):
		return Words{Key: "error.read_only"}, true
	case doing != Writing && errors.Is(err, fs.ErrNotExist):
		return Words{"error.no_file", fileArgs(err)}, true
	case doing == Writing && errors.Is(err, fs.ErrPermission):
		return Words{"error.no_permission", fileArgs(err)}, true
	case doing == Writing && errors.Is(err, fs.ErrNotExist):
		return Words{"error.no_folder", fileArgs(err)}, true
	case doing == Writing && errors.Is(err, syscall.ENAMETOOLONG):
		return Words{"error.name_too_long", fileArgs(err)}, true
	case doing == Writing && (errors.Is(err, syscall.EISDIR) || errors.Is(err, syscall.ENOTDIR)):
		return Words{"error.name_taken", fileArgs(err)}, true
	case errors.As(err, &sqlite):
		// SQLite's result codes (sqlite.org/rescode.html); the extended
		// codes keep the primary one in their low byte.
		switch sqlite.Code() & 0xff {
		case 5, 6: // SQLITE_BUSY, SQLITE_LOCKED
			return Words{Key: "error.busy"}, true
		case 13: // SQLITE_FULL
			return Words{Key: "error.disk_full"}, true
		case 8: // SQLITE_READONLY
			return Words{Key: "error.read_only"}, true
		}
	}
	return Words{}, false
}

// fileArgs names the file an error is about, when it says: the path of an
// *fs.PathError, as its base name.
func fileArgs(err error) map[string]any {
	var named interface{ FileName() string } // reports.FileError: a document's final name, not its temporary one
	if errors.As(err, &named) {
		return map[string]any{"File": filepath.Base(named.FileName())}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return map[string]any{"File": filepath.Base(pe.Path)}
	}
	var open *data.OpenError
	if errors.As(err, &open) {
		return map[string]any{"File": filepath.Base(open.Path)}
	}
	return map[string]any{"File": ""}
}
