package cli

import (
	"os"
	"testing"
)

// TestMain keeps the tests' logs and default database out of the user's
// data folder: the command line writes atelier.log there.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "atelier-cli-test-data-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_DATA_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
