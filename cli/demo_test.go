package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data"
)

func TestDemoRefusesAnotherFileAndLeavesItUnchanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "budget.xlsx")
	content := []byte("PK\x03\x04 not a database")
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI("demo", "--db", path)
	after, _ := os.ReadFile(path)
	if code == 0 || !strings.Contains(errOut, "not an Atelier database") || !bytes.Equal(after, content) {
		t.Fatalf("code %d, stderr %q, file changed: %v", code, errOut, !bytes.Equal(after, content))
	}
}

func TestDemoWritesANewFileAndAddsToAnExistingOne(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	for round := 1; round <= 2; round++ {
		code, out, errOut := runCLI("demo", "--db", path)
		if code != 0 || !strings.Contains(out, "Added the demo workshops") {
			t.Fatalf("round %d: code %d, out %q, err %q", round, code, out, errOut)
		}
		st, err := data.Open(path, data.OpenExisting)
		if err != nil {
			t.Fatal(err)
		}
		ws, err := st.Workshops()
		st.Close()
		if err != nil || len(ws) != 2*round {
			t.Fatalf("round %d: %d workshops, %v", round, len(ws), err)
		}
	}
}

// demoFile writes the demo workshops to a new file and returns its path.
func demoFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errOut := runCLI("demo", "--db", path); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	return path
}
