package reports

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/atelier-workshops/atelier/data"
)

// A participant at 39 of 49 sessions (79.59…%) reads 79 % everywhere: in
// the verdict's reasons, on the workbook's Attendance and Summary sheets
// (as openpyxl reads the cells), and in the certificate's figures. The
// participant sheet rounded the same attendance to 80 %.
func TestSeventyNinePointSixReadsSeventyNineEverywhere(t *testing.T) {
	st, err := data.Open(filepath.Join(t.TempDir(), "rate.db"), data.OpenOrCreate)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	start := data.NewDate(2022, 11, 21)
	w := data.Workshop{Title: "Atelier régional", City: "Lagos", Country: "NG", StartDate: start,
		EndDate: start.AddDays(4), Language: data.French,
		Rule: data.CertificateRule{MinPercent: 75, LateCounts: true, ExcusedPolicy: data.ExcusedExcluded}}
	if err := st.SaveWorkshop(&w); err != nil {
		t.Fatal(err)
	}
	p := data.Participant{WorkshopID: w.ID, GivenName: "Ọláńrewájú", FamilyName: "Àdìgún", Country: "NG",
		Status: data.StatusConfirmed}
	if err := st.SaveParticipant(&p); err != nil {
		t.Fatal(err)
	}
	var marks []data.Attendance
	for j := range 49 {
		at := start.AddDays(j/10).At(8+j%10, 0)
		s := data.Session{WorkshopID: w.ID, Title: "Séance", Kind: data.KindLecture, Start: at,
			End: at.Add(45 * 60e9), CountsForCertificate: true}
		if err := st.SaveSession(&s); err != nil {
			t.Fatal(err)
		}
		mark := data.Present
		if j >= 39 {
			mark = data.Absent
		}
		marks = append(marks, data.Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: mark})
	}
	if err := st.SetMarks(marks); err != nil {
		t.Fatal(err)
	}

	e, err := st.ParticipantVerdict(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !e.Eligible || e.Percent() != 79 || e.Reasons[0].Args["Percent"] != 79 || e.Reasons[0].Args["Min"] != 75 {
		t.Fatalf("verdict: eligible %v, %d %%, %v", e.Eligible, e.Percent(), e.Reasons[0].Args)
	}
	if got := data.FormatPercent(e.Summary.Percent, w.Language); got != "79\u00a0%" {
		t.Errorf("FormatPercent in French: %q", got)
	}

	var buf bytes.Buffer
	if err := Workbook(st, w.ID, &buf, WorkbookOptions{}); err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(t.TempDir(), "book.xlsx")
	if err := os.WriteFile(book, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
summary, att = wb[wb.sheetnames[0]], wb[wb.sheetnames[2]]
header = [c.value for c in att[1]]
rate = att.cell(row=2, column=header.index("Taux") + 1)
overall = [r[1] for r in summary.iter_rows() if r[0].value == "Taux de présence global"][0]
rule = [r[1].value for r in summary.iter_rows() if r[0].value == "Règle d’attestation"][0]
print(json.dumps({"rate": [rate.value, rate.number_format], "overall": [overall.value, overall.number_format], "rule": rule}))
`
	out, err := exec.Command(openpyxlPython(t), "-c", script, book).Output()
	if err != nil {
		t.Fatalf("openpyxl: %v", err)
	}
	var cells struct {
		Rate, Overall [2]any
		Rule          string
	}
	if err := json.Unmarshal(out, &cells); err != nil {
		t.Fatalf("openpyxl said %s: %v", out, err)
	}
	for name, c := range map[string][2]any{"Attendance rate": cells.Rate, "overall rate": cells.Overall} {
		if c[0] != 0.79 || c[1] != "0%" {
			t.Errorf("%s cell holds %v formatted %v; want 0.79 shown as 0%% (79 %%)", name, c[0], c[1])
		}
	}
	if cells.Rule != "75\u00a0% des séances qui comptent" {
		t.Errorf("rule %q", cells.Rule)
	}

	certs, err := st.IssueCertificates(w.ID, data.IssueOptions{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := LoadCertificates(st, w.ID, certs)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Certificates) != 1 || d.Certificates[0].Percent() != 79 || d.Certificates[0].SessionsAttended != 39 {
		t.Errorf("certificate data %+v", d.Certificates)
	}
}
