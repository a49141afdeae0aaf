package datatest

import (
	"os"
	"os/exec"
	"testing"
)

// RequireTool finds a program a test needs: an independent reader its
// output is held against (poppler, qpdf, zbarimg…) or one it runs beside
// it (a D-Bus session, a keychain). Without it the test skips with a
// message, except in CI (where CI is set), which installs them all:
// there it fails.
func RequireTool(t testing.TB, name, debianPackage string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is not installed; .ci/run installs %s", name, debianPackage)
	}
	t.Skipf("%s is not installed (apt-get install %s); CI installs it", name, debianPackage)
	return ""
}
