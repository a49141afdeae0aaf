package reports

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data"
)

// A mark from a helper's phone and the laptop's mark it replaced are on
// the "Marks by device" sheet with their devices, as openpyxl reads it.
func TestWorkbookListsTheMarksByDevice(t *testing.T) {
	python := openpyxlPython(t)
	st, res := demoStore(t)
	sessions, err := st.Sessions(res.Lagos)
	if err != nil {
		t.Fatal(err)
	}
	people := mustParticipants(t, st, res.Lagos)
	var who data.Participant
	for _, p := range people {
		if p.Status == data.StatusConfirmed {
			who = p
			break
		}
	}
	s := sessions[0]
	laptop := data.Attendance{ParticipantID: who.ID, SessionID: s.ID, Mark: data.Present}
	if err := st.SetMark(&laptop); err != nil {
		t.Fatal(err)
	}
	phone := data.Attendance{ParticipantID: who.ID, SessionID: s.ID, Mark: data.Late}
	if err := st.MarkFromDevice(context.Background(), res.Lagos, "Room B", &phone); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := Workbook(st, res.Lagos, f, WorkbookOptions{}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	const script = `import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Marks by device"]
print(json.dumps([[("" if v is None else str(v)) for v in row] for row in ws.iter_rows(values_only=True)]))`
	out, err := exec.Command(python, "-c", script, path).Output()
	if err != nil {
		t.Fatalf("openpyxl: %v", err)
	}
	var rows [][]string
	if err := json.Unmarshal(out, &rows); err != nil {
		t.Fatal(err)
	}
	var mine []string
	for _, r := range rows[1:] {
		if len(r) > 7 && r[2] == who.FullName() && r[4] == s.Title {
			mine = append(mine, r[5]+"|"+r[6]+"|"+r[7])
		}
	}
	// The demo's own mark of the cell, the laptop's, then the phone's.
	if n := len(mine); n < 2 || mine[n-2] != "present|this computer|yes" || mine[n-1] != "late|Room B|no" {
		t.Fatalf("the sheet lists %q for %s at %q\n%s", mine, who.FullName(), s.Title, strings.Join(rows[0], "|"))
	}
}
