package reports

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// smallDisk mounts a 64 KiB file system for the test, so that a write runs
// out of space as on a full USB stick. It needs root; elsewhere it skips.
func smallDisk(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small file system here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	return dir
}

func TestAFullDiskLeavesNoPartialDocument(t *testing.T) {
	dir := smallDisk(t)
	st, res := demoStore(t)
	path := filepath.Join(dir, "programme.pdf")
	err := WriteFile(path, func(w io.Writer) error { return Programme(st, res.Lagos, w) })
	if err == nil {
		t.Fatal("a 90 KB programme fitted on a 64 KB disk")
	}
	if !strings.Contains(err.Error(), "cannot write "+path) || !strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("the message does not say what happened: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("left behind: %v", entries)
	}
}
