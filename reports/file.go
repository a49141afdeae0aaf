package reports

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
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
//
// The temporary files of writes to path killed before they were done are
// removed first: a writer holds a lock on its file while it writes
// (lockTemp), which a killed one no longer does (staleTemp).
func WriteFile(path string, write func(io.Writer) error) error {
	removeStaleTemps(filepath.Dir(path), hiddenName(filepath.Base(path), ".*.tmp"))
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
	lockTemp(tmp)
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

// staleAge is how old a temporary file must be before another writer
// takes it for a leftover: a writer locks its file just after creating it,
// and must not lose it in between.
const staleAge = 2 * time.Second

// removeStaleTemps removes, in dir, the temporary files named after
// pattern (as os.CreateTemp takes it) that no writer holds any more.
func removeStaleTemps(dir, pattern string) {
	prefix, suffix, _ := strings.Cut(pattern, "*")
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok {
			continue
		}
		number, ok := strings.CutSuffix(rest, suffix)
		if !ok || number == "" || strings.Trim(number, "0123456789") != "" {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() && time.Since(info.ModTime()) > staleAge && staleTemp(path) {
			os.Remove(path)
		}
	}
}

// hiddenName is the name of a temporary file or folder beside base: a dot,
// base cut (at a letter) so that the whole name stays within a file
// name's 255 bytes, then suffix, whose "*" os.CreateTemp replaces by up
// to 20 digits.
func hiddenName(base, suffix string) string {
	return "." + cutToBytes(base, maxFileNameBytes-1-len(suffix)-20) + suffix
}
