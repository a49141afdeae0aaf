package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/demo"
)

func demoDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	st, err := data.Open(path, data.OpenOrCreate)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Write(st); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCheckCountsTheDemoAndChangesNothing(t *testing.T) {
	path := demoDB(t)
	first, err := check(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(first, "integrity ok: 2 workshops, ") || strings.Contains(first, " 0 ") {
		t.Fatalf("summary %q", first)
	}
	second, err := check(path)
	if err != nil || second != first {
		t.Fatalf("second check %q, %v; first %q", second, err, first)
	}
	if _, err := os.Stat(path + "-wal"); !os.IsNotExist(err) {
		t.Fatalf("the check left a write-ahead log behind (%v)", err)
	}
}

func TestCheckRefusesDamagedAndForeignFiles(t *testing.T) {
	damaged := demoDB(t)
	b, err := os.ReadFile(damaged)
	if err != nil {
		t.Fatal(err)
	}
	// Scribble over the middle of the file, where table and index pages
	// are, keeping the header so that SQLite still opens it.
	for i := len(b) / 2; i < len(b)/2+8192 && i < len(b); i++ {
		b[i] = 0x5a
	}
	if err := os.WriteFile(damaged, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if s, err := check(damaged); err == nil {
		t.Fatalf("damaged file passed: %q", s)
	}

	foreign := filepath.Join(t.TempDir(), "other.db")
	db, err := sql.Open("sqlite", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE workshops (id INTEGER PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if s, err := check(foreign); err == nil || !strings.Contains(err.Error(), "not marked") {
		t.Fatalf("another SQLite file: %q, %v", s, err)
	}

	if s, err := check(filepath.Join(t.TempDir(), "missing.db")); err == nil {
		t.Fatalf("missing file passed: %q", s)
	}
}
