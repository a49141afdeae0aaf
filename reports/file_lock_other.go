//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package reports

import (
	"os"
	"runtime"
	"time"
)

// lockTemp does nothing here: on Windows a file another process has open
// cannot be removed, which is lock enough.
func lockTemp(*os.File) {}

// staleTemp takes a temporary file for a leftover on Windows, where
// removing it fails while its writer has it open, and elsewhere once it
// is an hour old.
func staleTemp(path string) bool {
	if runtime.GOOS == "windows" {
		return true
	}
	info, err := os.Stat(path)
	return err == nil && time.Since(info.ModTime()) > time.Hour
}
