package reports

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
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

// TestHelperSlowWriter is the child process of the test below: it writes
// ATELIER_SLOW_WRITE through WriteFile, says so, and waits to be killed
// half-way.
func TestHelperSlowWriter(t *testing.T) {
	path := os.Getenv("ATELIER_SLOW_WRITE")
	if path == "" {
		t.Skip("runs only as a child process")
	}
	WriteFile(path, func(w io.Writer) error {
		io.WriteString(w, "%PDF-1.7 half a document")
		fmt.Println("writing")
		time.Sleep(time.Minute)
		return nil
	})
}

// A document whose writer was killed half-way leaves a hidden temporary
// file; the next write of that document removes it, but never the file
// of a writer still at work.
func TestAKilledWriteIsClearedByTheNext(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "Programme Lagos 2022.pdf")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperSlowWriter$", "-test.count=1")
	cmd.Env = append(os.Environ(), "ATELIER_SLOW_WRITE="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	if line, _ := bufio.NewReader(out).ReadString('\n'); line != "writing\n" {
		t.Fatalf("the child said %q", line)
	}
	temps := func() []string {
		entries, _ := os.ReadDir(dir)
		var names []string
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") {
				names = append(names, e.Name())
			}
		}
		return names
	}
	age := func() {
		for _, name := range temps() {
			old := time.Now().Add(-time.Minute)
			if err := os.Chtimes(filepath.Join(dir, name), old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	write := func(text string) {
		t.Helper()
		if err := WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, text); return err }); err != nil {
			t.Fatal(err)
		}
	}
	age()
	write("%PDF-1.7 the first")
	if len(temps()) != 1 {
		t.Fatalf("the temporary file of a writer at work was removed, or more were left: %v", temps())
	}

	cmd.Process.Kill()
	cmd.Wait()
	if len(temps()) != 1 {
		t.Fatalf("the killed writer left %v", temps())
	}
	age()
	write("%PDF-1.7 the second")
	if left := temps(); len(left) != 0 {
		t.Errorf("left behind after the next write: %v", left)
	}
	if b, _ := os.ReadFile(path); string(b) != "%PDF-1.7 the second" {
		t.Errorf("the document holds %q", b)
	}
}
