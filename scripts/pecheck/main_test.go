package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// buildWindows cross-compiles a tiny pure-Go program for Windows; it has
// no resources, so pecheck must refuse it, saying what is wrong.
func buildWindows(t *testing.T, ldflags string) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte("package main\n\nfunc main() {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(dir, "hello.exe")
	cmd := exec.Command("go", "build", "-ldflags", ldflags, "-o", exe, src)
	cmd.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0", "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return exe
}

func TestCheckSaysWhatIsMissing(t *testing.T) {
	cases := []struct{ ldflags, words string }{
		{"", "console window"},
		{"-H=windowsgui", "no resources"},
	}
	for _, c := range cases {
		_, err := check(buildWindows(t, c.ldflags), "")
		if err == nil || !strings.Contains(err.Error(), c.words) {
			t.Errorf("ldflags %q: error %v, want one that says %q", c.ldflags, err, c.words)
		}
	}
	if _, err := check("main.go", ""); err == nil {
		t.Error("a Go source file passed as an executable")
	}
}
