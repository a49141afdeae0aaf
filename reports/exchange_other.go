//go:build !linux

package reports

import "errors"

// exchange is not offered here: swapIn falls back to two renames.
func exchange(a, b string) error { return errors.ErrUnsupported }
