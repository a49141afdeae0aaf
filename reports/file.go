package reports

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// WriteFile writes a document to path through a temporary file in the same
// folder, renamed over path only once write has succeeded: path then holds
// either what it held before or the whole new document, never half of it.
func WriteFile(path string, write func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, errors.Unwrap(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			if !strings.HasPrefix(err.Error(), "cannot write") {
				err = fmt.Errorf("cannot write %s: %w", path, err)
			}
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	// On disk before it takes the document's name: a power cut must not
	// leave an empty file where the last good one was.
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	// CreateTemp makes the file readable by its owner only; a document is
	// shared like any other file the user saves.
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
