package reports

import "golang.org/x/sys/unix"

// exchange swaps two paths in one step, so that a folder being replaced is
// never missing, not even for a moment (renameat2 with RENAME_EXCHANGE,
// Linux 3.15 on ext4, XFS, Btrfs, tmpfs…; elsewhere it fails and swapIn
// falls back to two renames).
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
