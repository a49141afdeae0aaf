package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// logError keeps the text of an error the user was told of in words: on
// the command line, stderr is the user's screen, so the detail goes to
// atelier.log in the data folder (beside the default database and the
// backups) and the user is told where. It returns that path, or "" when
// the log could not be written and the detail went to stderr after all.
func logError(stderr io.Writer, name string, err error) string {
	path := filepath.Join(filepath.Dir(DefaultDBPath()), "atelier.log")
	f, ferr := openLog(path)
	if ferr != nil {
		fmt.Fprintf(stderr, "%s: (detail: %v)\n", name, err)
		return ""
	}
	defer f.Close()
	fmt.Fprintf(f, "%s %s: %v\n", time.Now().Format(time.RFC3339), name, err)
	return path
}

func openLog(path string) (*os.File, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	return os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
}
