package reports

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileLeavesNoHalfDocument(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "programme.pdf")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := WriteFile(path, func(w io.Writer) error {
		io.WriteString(w, "half a docu")
		return boom
	})
	got, _ := os.ReadFile(path)
	entries, _ := os.ReadDir(dir)
	if !errors.Is(err, boom) || string(got) != "old" || len(entries) != 1 {
		t.Fatalf("err %v, content %q, %d files", err, got, len(entries))
	}
	if err := WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	got, _ = os.ReadFile(path)
	info, _ := os.Stat(path)
	if string(got) != "new" || info.Mode().Perm()&0o044 == 0 {
		t.Fatalf("content %q, mode %v", got, info.Mode())
	}
}
