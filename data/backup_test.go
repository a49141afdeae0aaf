package data

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestSaveCopyHoldsEverythingAndNeverOverwrites(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	p := addParticipant(t, st, w, "Ọláńrewájú", "Àdìgún", StatusConfirmed)
	dir := t.TempDir()
	copyPath := filepath.Join(dir, "copy.db")
	mustNoErr(t, st.SaveCopy(copyPath))
	cp, err := Open(copyPath, OpenExisting)
	mustNoErr(t, err)
	got, err := cp.Participant(p.ID)
	mustNoErr(t, err)
	mustNoErr(t, cp.Close())
	if got.GivenName != "Ọláńrewájú" {
		t.Fatalf("copy holds %+v", got)
	}
	before, _ := os.ReadFile(copyPath)
	if err := st.SaveCopy(copyPath); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("saving over an existing file: %v", err)
	}
	after, _ := os.ReadFile(copyPath)
	if !bytes.Equal(before, after) {
		t.Fatal("an existing file was overwritten")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("leftovers beside the copy: %v", entries)
	}
}

func TestRotationKeepsTenNewestAndOnePerDayForAWeek(t *testing.T) {
	st, _ := openTemp(t)
	addWorkshop(t, st)
	dir := t.TempDir()
	now := time.Date(2026, 11, 25, 18, 0, 0, 0, time.Local)
	// Three backups a day for the last twelve days, oldest first.
	for day := 11; day >= 0; day-- {
		for _, hour := range []int{9, 12, 15} {
			at := now.AddDate(0, 0, -day).Add(time.Duration(hour-18) * time.Hour)
			_, err := st.RotateBackup(dir, at)
			mustNoErr(t, err)
		}
	}
	list, err := Backups(dir)
	mustNoErr(t, err)
	var kept []string
	for _, b := range list {
		kept = append(kept, b.Taken.Format("01-02 15"))
	}
	// The ten newest reach back to 11-22 09:00; days 11-18 to 11-21 keep
	// their 15:00 backup; older days go.
	want := []string{"11-25 15", "11-25 12", "11-25 09", "11-24 15", "11-24 12", "11-24 09", "11-23 15", "11-23 12",
		"11-23 09", "11-22 15", "11-21 15", "11-20 15", "11-19 15"}
	if !slices.Equal(kept, want) {
		t.Fatalf("kept %v\nwant %v", kept, want)
	}
	if list[0].Workshops[0] != "Museums for everyone" || list[0].Size == 0 {
		t.Fatalf("backup details %+v", list[0])
	}
}

func TestRestoreBringsBackTheBackupAndRefusesOtherFiles(t *testing.T) {
	st, path := openTemp(t)
	w := addWorkshop(t, st)
	backup, err := st.RotateBackup(t.TempDir(), time.Now())
	mustNoErr(t, err)
	mustNoErr(t, st.DeleteWorkshop(w.ID))
	mustNoErr(t, st.Close())

	notes := filepath.Join(t.TempDir(), "notes.db")
	mustNoErr(t, os.WriteFile(notes, []byte("not a database"), 0o644))
	before, _ := os.ReadFile(path)
	if err := Restore(notes, path); !errors.Is(err, ErrNotAtelier) {
		t.Fatalf("restoring a non-database: %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatal("a refused restore changed the file")
	}

	mustNoErr(t, Restore(backup, path))
	st2, err := Open(path, OpenExisting)
	mustNoErr(t, err)
	defer st2.Close()
	if got, err := st2.Workshop(w.ID); err != nil || got.Title != w.Title {
		t.Fatalf("after restore: %+v, %v", got, err)
	}
}

func TestOpenWithBackupsBacksUpExistingFilesOnly(t *testing.T) {
	dir := t.TempDir()
	backups := filepath.Join(dir, "backups")
	path := filepath.Join(dir, "a.db")
	st, err := Open(path, OpenOrCreate, WithBackups(backups))
	mustNoErr(t, err)
	if taken, problem := st.Backup(); taken != "" || problem != nil {
		t.Fatalf("a new file was backed up: %s (%v)", taken, problem)
	}
	addWorkshop(t, st)
	mustNoErr(t, st.Close())
	st, err = Open(path, OpenExisting, WithBackups(backups))
	mustNoErr(t, err)
	defer st.Close()
	taken, problem := st.Backup()
	mustNoErr(t, problem)
	list, err := Backups(backups)
	mustNoErr(t, err)
	if taken == "" || len(list) != 1 || list[0].Path != taken || len(list[0].Workshops) != 1 {
		t.Fatalf("backup on open: %q, list %+v", taken, list)
	}
}

// The backup of a file that needs no schema update is taken after Open
// returns, so that the window draws meanwhile; a write made at once waits
// for it, and the backup is the file as it was opened. Closing at once
// waits too, and leaves no half-written backup.
func TestTheBackupTakenWhileTheWindowDrawsIsTheFileAsOpened(t *testing.T) {
	dir := t.TempDir()
	backups := filepath.Join(dir, "backups")
	path := filepath.Join(dir, "a.db")
	st, err := Open(path, OpenOrCreate)
	mustNoErr(t, err)
	addWorkshop(t, st)
	mustNoErr(t, st.Close())

	st, err = Open(path, OpenExisting, WithBackups(backups))
	mustNoErr(t, err)
	addWorkshop(t, st) // at once: it waits for the backup
	taken, problem := st.Backup()
	mustNoErr(t, problem)
	ws, err := st.Workshops()
	mustNoErr(t, err)
	list, err := Backups(backups)
	mustNoErr(t, err)
	if len(ws) != 2 || len(list) != 1 || list[0].Path != taken || len(list[0].Workshops) != 1 {
		t.Fatalf("the file has %d workshops; backups %+v (taken %q)", len(ws), list, taken)
	}
	mustNoErr(t, st.Close())

	st, err = Open(path, OpenExisting, WithBackups(backups))
	mustNoErr(t, err)
	mustNoErr(t, st.Close()) // at once
	left, err := filepath.Glob(filepath.Join(backups, "*"))
	mustNoErr(t, err)
	for _, f := range left {
		if filepath.Ext(f) != ".db" {
			t.Errorf("left behind: %s", f)
		}
	}
	// Two backups within a second: which is listed first is not said.
	list, err = Backups(backups)
	mustNoErr(t, err)
	if len(list) != 2 || len(list[0].Workshops)+len(list[1].Workshops) != 3 {
		t.Errorf("the backup taken while closing: %+v", list)
	}
}

func TestOpenRefusesCutShortAndCorruptFilesUnchanged(t *testing.T) {
	st, path := openTemp(t)
	w := addWorkshop(t, st)
	var ps []*Participant
	for i := range 400 {
		ps = append(ps, &Participant{WorkshopID: w.ID, GivenName: strings.Repeat("Ọ", 50), FamilyName: string(rune('A' + i%26))})
	}
	mustNoErr(t, st.SaveParticipants(ps))
	mustNoErr(t, st.Close())
	whole, err := os.ReadFile(path)
	mustNoErr(t, err)
	if len(whole) < 8*4096 {
		t.Fatalf("the test file is too small (%d bytes) to cut", len(whole))
	}

	cut := filepath.Join(t.TempDir(), "cut.db")
	mustNoErr(t, os.WriteFile(cut, whole[:len(whole)/2], 0o644))
	assertRefusedUnchanged(t, cut, ErrCorrupt, "cut short")

	scrambled := bytes.Clone(whole)
	for i := 3 * 4096; i < 5*4096; i++ { // two pages in the middle
		scrambled[i] ^= 0x5A
	}
	bad := filepath.Join(t.TempDir(), "bad.db")
	mustNoErr(t, os.WriteFile(bad, scrambled, 0o644))
	assertRefusedUnchanged(t, bad, ErrCorrupt, "damaged")
}

func TestReadOnlyFolderOpensReadOnlyAndSaysSo(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "shared.db")
	st, err := Open(path, OpenOrCreate)
	mustNoErr(t, err)
	w := addWorkshop(t, st)
	mustNoErr(t, st.Close())
	readOnlyFolder(t, dir)
	before, _ := os.ReadFile(path)

	ro, err := Open(path, OpenExisting)
	mustNoErr(t, err)
	if !ro.ReadOnly() {
		t.Fatal("a read-only file was not opened read-only")
	}
	got, err := ro.Workshop(w.ID)
	mustNoErr(t, err)
	if got.Title != w.Title {
		t.Fatalf("read %+v", got)
	}
	got.Title = "Changed"
	err = ro.SaveWorkshop(&got)
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("a write to a read-only file: %v", err)
	}
	mustNoErr(t, ro.Close())
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatal("the read-only file changed")
	}
}

func TestSaveCopyOnAFullDiskLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small file system here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	var ps []*Participant
	for i := range 600 {
		ps = append(ps, &Participant{WorkshopID: w.ID, GivenName: strings.Repeat("Ọ", 40), FamilyName: fmt.Sprint(i)})
	}
	mustNoErr(t, st.SaveParticipants(ps))
	err := st.SaveCopy(filepath.Join(dir, "copy.db"))
	if err == nil || !strings.Contains(err.Error(), "copy.db") || !strings.Contains(strings.ToLower(err.Error()), "full") {
		t.Fatalf("the message does not say the disk is full: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("left behind: %v", entries)
	}
}
