package cli

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data/importer/importtest"
)

// TestMain keeps the tests' logs and default database out of the user's
// data folder: the command line writes atelier.log there.
func TestMain(m *testing.M) {
	if os.Getenv(commandAloneEnv) != "" {
		os.Exit(commandAlone(os.Args[slices.Index(os.Args, "--")+1:]))
	}
	dir, err := os.MkdirTemp("", "atelier-cli-test-data-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_DATA_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// commandAloneEnv makes the test binary run the command line given after
// "--" as the atelier binary would, and say how it ended and its peak
// resident memory (Linux's VmHWM): the memory of a command is read from a
// process that does nothing else.
const commandAloneEnv = "ATELIER_COMMAND_ALONE"

func commandAlone(args []string) int {
	var out lastLine
	var errOut strings.Builder
	code := Run(args, &out, &errOut, Program{Version: "test"})
	said, _, _ := strings.Cut(errOut.String(), "\n")
	if said == "" {
		said = out.line
	}
	fmt.Printf("exit %d: %s\n", code, said)
	importtest.SayPeak()
	return 0
}

// lastLine keeps the last line written to it, which says what a command
// did, and drops the rest (a preview of 100,000 rows).
type lastLine struct{ line, partial string }

func (l *lastLine) Write(p []byte) (int, error) {
	text := l.partial + string(p)
	if i := strings.LastIndexByte(strings.TrimSuffix(text, "\n"), '\n'); i >= 0 {
		text = text[i+1:]
	}
	if line, ok := strings.CutSuffix(text, "\n"); ok {
		l.line, l.partial = line, ""
	} else {
		l.partial = text
	}
	return len(p), nil
}
