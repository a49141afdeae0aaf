package datatest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// ReadOnlyFolder makes dir read-only for real, root included: a read-only
// bind mount of it onto itself, or else chattr +i on it and its files;
// for another user, taking away the write permissions is enough.
func ReadOnlyFolder(t testing.TB, dir string) {
	t.Helper()
	if os.Geteuid() != 0 {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if err := os.Chmod(filepath.Join(dir, e.Name()), 0o444); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return
	}
	mount := exec.Command("sh", "-c", `mount --bind "$1" "$1" && mount -o remount,bind,ro "$1"`, "sh", dir)
	if out, err := mount.CombinedOutput(); err == nil {
		t.Cleanup(func() { exec.Command("umount", dir).Run() })
	} else {
		exec.Command("umount", dir).Run()
		paths, _ := filepath.Glob(filepath.Join(dir, "*"))
		if out2, err := exec.Command("chattr", append([]string{"+i"}, append(paths, dir)...)...).CombinedOutput(); err != nil {
			t.Skipf("cannot make a folder read-only for root here: mount: %s; chattr: %s", out, out2)
		}
		t.Cleanup(func() { exec.Command("chattr", append([]string{"-i"}, append(paths, dir)...)...).Run() })
	}
	probe := filepath.Join(dir, "probe")
	if err := os.WriteFile(probe, nil, 0o644); err == nil {
		os.Remove(probe)
		t.Fatalf("%s is still writable", dir)
	}
}
