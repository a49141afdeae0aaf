package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/cli"
)

// TestMain lets a test run the command line in a fresh process, where the
// environment is read from the start, as a user's shell would run it.
func TestMain(m *testing.M) {
	if args, ok := os.LookupEnv("ATELIER_TEST_CLI_ARGS"); ok {
		meta := metadata()
		os.Exit(cli.Run(strings.Fields(args), os.Stdout, os.Stderr, cli.Program{Version: meta.Version, Build: meta.Build}))
	}
	os.Exit(m.Run())
}

func runCLIProcess(t *testing.T, env []string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), append(env, "ATELIER_TEST_CLI_ARGS="+strings.Join(args, " "))...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	return out.String(), errOut.String(), err
}

// Many Linux machines run with LANG=C.UTF-8, which Fyne's locale lookup
// could not parse: it logged an error before main ran. Atelier speaks
// English there, silently.
func TestCLocaleWithCodesetLogsNothing(t *testing.T) {
	for _, env := range [][]string{
		{"LC_ALL=", "LC_MESSAGES=", "LANGUAGE=", "LANG=C.UTF-8"},
		{"LC_ALL=C.utf8", "LANGUAGE="},
		{"LC_ALL=", "LC_MESSAGES=", "LANGUAGE=", "LANG=POSIX"},
	} {
		out, errOut, err := runCLIProcess(t, env, "--version")
		if err != nil || errOut != "" || !strings.HasPrefix(out, "Atelier ") {
			t.Errorf("%v: err %v, stdout %q, stderr %q", env, err, out, errOut)
		}
	}
}

func TestVersionComesFromFyneAppToml(t *testing.T) {
	toml, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	code := cli.Run([]string{"--version"}, &out, io.Discard, cli.Program{Version: metadata().Version})
	meta := metadata()
	if code != 0 || meta.Version == "" || !strings.Contains(string(toml), `Version = "`+meta.Version+`"`) ||
		!strings.Contains(out.String(), meta.Version) {
		t.Fatalf("code %d, output %q, metadata %+v", code, out.String(), meta)
	}
	if meta.ID != "org.atelier.workshops" || !meta.Migrations["fyneDo"] {
		t.Fatalf("metadata %+v", meta)
	}
}
