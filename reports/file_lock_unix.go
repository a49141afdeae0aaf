//go:build linux || darwin || freebsd || netbsd || openbsd

package reports

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockTemp holds an exclusive lock on a temporary file for as long as the
// process has it open: the system lets go of it when the process ends,
// however it ends.
func lockTemp(f *os.File) { unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) }

// staleTemp says whether no process holds the lock of the temporary file
// at path any more: its writer was killed.
func staleTemp(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close() // lets go of the lock taken here
	return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) == nil
}
