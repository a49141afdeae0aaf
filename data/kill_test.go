package data

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestHelperKillTarget is the child process of the kill tests below: it
// takes backups, or runs a slow schema update, until it is killed.
func TestHelperKillTarget(t *testing.T) {
	path := os.Getenv("ATELIER_KILL_DB")
	if path == "" {
		t.Skip("runs only as a child process")
	}
	switch os.Getenv("ATELIER_KILL_MODE") {
	case "backup":
		st, err := Open(path, OpenExisting)
		if err != nil {
			os.Exit(2)
		}
		fmt.Println("ready")
		for i := 0; ; i++ {
			if _, err := st.RotateBackup(os.Getenv("ATELIER_KILL_BACKUPS"), time.Now().Add(time.Duration(i)*time.Second)); err != nil {
				fmt.Println("error", err)
				os.Exit(2)
			}
		}
	case "migrate":
		// A schema update that rewrites every participant, long enough to
		// be killed half-way.
		rewrite := strings.Repeat(`UPDATE participants SET notes = notes || 'x';
			UPDATE participants SET notes = substr(notes, 1, length(notes) - 1);`, 15)
		migrations = append(migrations, migration{SchemaVersion + 1, "rewrite", rewrite})
		SchemaVersion = lastVersion(migrations)
		fmt.Println("ready")
		st, err := Open(path, OpenExisting)
		if err != nil {
			fmt.Println("error", err)
			os.Exit(2)
		}
		st.Close()
		fmt.Println("migrated")
		time.Sleep(time.Hour) // wait for the kill
	}
}

// bigNote is every participant's note in bigFile, for checking they are intact.
var bigNote = strings.TrimSpace(strings.Repeat("note ", 10))

func bigFile(t *testing.T) (string, int) {
	t.Helper()
	st, path := openTemp(t)
	w := addWorkshop(t, st)
	var ps []*Participant
	for i := range 6000 {
		ps = append(ps, &Participant{WorkshopID: w.ID, GivenName: fmt.Sprint("Ọláńrewájú ", i), FamilyName: "Àdìgún",
			Notes: bigNote})
	}
	mustNoErr(t, st.SaveParticipants(ps))
	mustNoErr(t, st.Close())
	return path, len(ps)
}

// killAtRandom starts the child, waits until it says it is ready, and kills
// it a random moment later.
func killAtRandom(t *testing.T, env ...string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperKillTarget$", "-test.count=1")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.StdoutPipe()
	mustNoErr(t, err)
	mustNoErr(t, cmd.Start())
	buf := make([]byte, 6)
	if _, err := out.Read(buf); err != nil || string(buf) != "ready\n" {
		t.Fatalf("the child did not start: %q %v", buf, err)
	}
	time.Sleep(time.Duration(rand.IntN(400)) * time.Millisecond)
	cmd.Process.Kill()
	cmd.Wait()
}

func checkFile(t *testing.T, path string, participants int) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	mustNoErr(t, err)
	defer db.Close()
	var result string
	var n int
	mustNoErr(t, db.QueryRow(`PRAGMA integrity_check`).Scan(&result))
	mustNoErr(t, db.QueryRow(`SELECT count(*) FROM participants WHERE notes = ?`, bigNote).Scan(&n))
	if result != "ok" || n != participants {
		t.Fatalf("%s: integrity %q, %d of %d participants intact", filepath.Base(path), result, n, participants)
	}
}

func TestKillDuringBackupLeavesTheFileAndFinishedBackupsIntact(t *testing.T) {
	path, count := bigFile(t)
	backups := t.TempDir()
	killAtRandom(t, "ATELIER_KILL_DB="+path, "ATELIER_KILL_MODE=backup", "ATELIER_KILL_BACKUPS="+backups)
	checkFile(t, path, count)
	st, err := Open(path, OpenExisting)
	mustNoErr(t, err)
	mustNoErr(t, st.Close())
	list, err := Backups(backups)
	mustNoErr(t, err)
	for _, b := range list {
		checkFile(t, b.Path, count)
	}
	t.Logf("killed after %d finished backups", len(list))
}

func TestKillDuringSchemaUpdateLeavesAFileThatOpens(t *testing.T) {
	path, count := bigFile(t)
	killAtRandom(t, "ATELIER_KILL_DB="+path, "ATELIER_KILL_MODE=migrate")
	checkFile(t, path, count)
	db, err := sql.Open("sqlite", path)
	mustNoErr(t, err)
	var version int
	mustNoErr(t, db.QueryRow(`PRAGMA user_version`).Scan(&version))
	db.Close()
	switch version {
	case SchemaVersion: // killed before or during the update: rolled back
		st, err := Open(path, OpenExisting)
		mustNoErr(t, err)
		mustNoErr(t, st.Close())
	case SchemaVersion + 1: // the update had committed
	default:
		t.Fatalf("schema version %d", version)
	}
	t.Logf("after the kill the file is at schema %d", version)
}
