package reports

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// FileError is a document that could not be written, with what the file
// system or the writing said; nothing of it is left behind.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string { return fmt.Sprintf("cannot write %s: %v", e.Path, e.Err) }
func (e *FileError) Unwrap() error { return e.Err }

// FileName is the document's path, for the words of package say.
func (e *FileError) FileName() string { return e.Path }

// fileError wraps err for path, unwrapping the *fs.PathError of a
// temporary file, whose name means nothing to the user.
func fileError(path string, err error) error {
	var fe *FileError
	if err == nil || errors.As(err, &fe) {
		return err
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &FileError{Path: path, Err: err}
}

// WriteFile writes a document to path through a temporary file in the same
// folder, renamed over path only once write has succeeded: path then holds
// either what it held before or the whole new document, never half of it.
func WriteFile(path string, write func(io.Writer) error) error {
	tmp, err := writeTemp(filepath.Dir(path), hiddenName(filepath.Base(path), ".*.tmp"), write)
	if err == nil {
		if err = os.Rename(tmp, path); err != nil {
			os.Remove(tmp)
		}
	}
	return fileError(path, err)
}

// writeTemp writes a new file named after pattern (as os.CreateTemp takes
// it) in dir, on disk before it returns, and returns its path; on failure
// it leaves nothing.
func writeTemp(dir, pattern string, write func(io.Writer) error) (name string, err error) {
	tmp, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return "", err
	}
	// On disk before it takes the document's name: a power cut must not
	// leave an empty file where the last good one was.
	if err = tmp.Sync(); err != nil {
		return "", err
	}
	if err = tmp.Close(); err != nil {
		return "", err
	}
	// CreateTemp makes the file readable by its owner only; a document is
	// shared like any other file the user saves.
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return "", err
	}
	return tmp.Name(), nil
}

// hiddenName is the name of a temporary file or folder beside base: a dot,
// base cut (at a letter) so that the whole name stays within a file
// name's 255 bytes, then suffix, whose "*" os.CreateTemp replaces by up
// to 20 digits.
func hiddenName(base, suffix string) string {
	return "." + cutToBytes(base, maxFileNameBytes-1-len(suffix)-20) + suffix
}
