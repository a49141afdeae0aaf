package cli

import (
	"bytes"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = Run(args, &out, &errOut, Program{Version: "test"})
	return code, out.String(), errOut.String()
}

func TestHelpListsTheSubcommands(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		code, out, _ := runCLI(args...)
		if code != 0 || !strings.Contains(out, "atelier demo --db FILE") || !strings.Contains(out, "--version") {
			t.Fatalf("%v: code %d, output %q", args, code, out)
		}
	}
}

// A mistake on the command line gets one line that names it, and a
// non-zero exit.
func TestCommandLineMistakes(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args  []string
		words string
	}{
		{[]string{"--bogus"}, "-bogus"},
		{[]string{"frob"}, `unknown command "frob"`},
		{[]string{"--db", filepath.Join(dir, "missing.db")}, "missing.db” cannot be found"},
		{[]string{"demo"}, "--db FILE"},
		{[]string{"demo", "--db"}, "flag needs an argument"},
		{[]string{"--db", "x.db", "extra"}, `unexpected argument "extra"`},
	}
	for _, c := range cases {
		code, _, errOut := runCLI(c.args...)
		lines := strings.Split(strings.TrimSpace(errOut), "\n")
		if code == 0 || len(lines) != 1 || !strings.Contains(errOut, c.words) {
			t.Errorf("%v: code %d, stderr %q; want one line with %q", c.args, code, errOut, c.words)
		}
	}
}

func TestDefaultDatabaseIsInTheUsersDataFolder(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the XDG data folder is a Linux convention")
	}
	t.Setenv("XDG_DATA_HOME", "/home/ada/.data")
	if got := DefaultDBPath(); got != "/home/ada/.data/atelier/atelier.db" {
		t.Fatalf("default database %s", got)
	}
}
