package reports

import (
	"os"
	"os/exec"
	"testing"
)

// requireTool finds an independent reader the tests hold our output
// against. Without it a test skips with a message, except in CI (where
// CI is set), which installs them all: there it fails.
func requireTool(t testing.TB, name, debianPackage string) string {
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
