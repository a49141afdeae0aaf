package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"syscall"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
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

// describeWriteError says in words why a write or a document failed: what
// SQLite reported about the database file (data.WriteError), or what the
// file system said about a document (reports.FileError). Other errors
// already speak in words and are returned as they are.
func describeWriteError(err error) string {
	var we *data.WriteError
	var oe *data.OpenError
	var fe *reports.FileError
	switch {
	case errors.As(err, &we):
		switch {
		case errors.Is(we.Kind, data.ErrBusy):
			return fmt.Sprintf("another Atelier was still writing to %s and the wait was given up; nothing was saved", we.Path)
		case errors.Is(we.Kind, data.ErrReadOnly):
			return fmt.Sprintf("%s cannot be written to (the file, its folder or its disk is read-only); nothing was saved", we.Path)
		case errors.Is(we.Kind, data.ErrDiskFull):
			return fmt.Sprintf("the disk holding %s is full; nothing was saved (free some space and try again)", we.Path)
		case errors.Is(we.Kind, data.ErrCorrupt):
			return fmt.Sprintf("%s is damaged; nothing was saved (restore it from a backup)", we.Path)
		default:
			return fmt.Sprintf("%s could not be read or written (is its disk still there?); nothing was saved", we.Path)
		}
	case errors.As(err, &oe) && errors.Is(err, data.ErrReadOnly):
		return fmt.Sprintf("%s is open read-only (the file or its folder cannot be written to); nothing was saved", oe.Path)
	case errors.As(err, &fe):
		var errno syscall.Errno
		if !errors.As(fe.Err, &errno) {
			return fmt.Sprintf("cannot write %s: %s", fe.Path, describeWriteError(fe.Err))
		}
		folder := filepath.Dir(fe.Path)
		why := "the system refused to write it"
		switch {
		case errors.Is(fe, fs.ErrNotExist):
			why = fmt.Sprintf("the folder %s does not exist", folder)
		case errors.Is(fe, fs.ErrPermission):
			why = fmt.Sprintf("there is no permission to write into %s", folder)
		case errors.Is(fe, syscall.ENOSPC):
			why = "the disk is full"
		case errors.Is(fe, syscall.EROFS):
			why = "its disk is read-only"
		case errors.Is(fe, syscall.ENAMETOOLONG):
			why = "the name is too long for the file system"
		case errors.Is(fe, syscall.EISDIR):
			why = "a folder has that name"
		case errors.Is(fe, syscall.ENOTDIR):
			why = "a file has the name the folder needs"
		case errors.Is(fe, syscall.EIO):
			why = "the disk could not be written (is it still there?)"
		}
		return fmt.Sprintf("cannot write %s: %s", fe.Path, why)
	}
	return err.Error()
}
