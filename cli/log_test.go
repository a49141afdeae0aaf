package cli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/say"
)

// An error Atelier has no words for is said as what failed; its own text
// goes to atelier.log in the data folder, never to the screen, and the
// screen says where it went.
func TestAnUnknownErrorGoesToTheLogNotTheScreen(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	var screen strings.Builder
	raw := errors.New("sqlite3: step: disk I/O error (5386)")
	if code := report(&screen, "atelier export", raw, say.Writing, "book.xlsx"); code != 1 {
		t.Fatalf("exit code %d", code)
	}
	logPath := filepath.Join(filepath.Dir(DefaultDBPath()), "atelier.log")
	logged, err := os.ReadFile(logPath)
	if err != nil || !strings.Contains(string(logged), raw.Error()) {
		t.Fatalf("the log %s holds %q (%v)", logPath, logged, err)
	}
	if strings.Contains(screen.String(), "sqlite3") || !strings.Contains(screen.String(), logPath) ||
		!strings.Contains(screen.String(), "could not be written") {
		t.Errorf("the screen says %q", screen.String())
	}
}
