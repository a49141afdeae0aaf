package reports

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/atelier-workshops/atelier/data"
)

// hostile are values a spreadsheet program would take for formulas if they
// were written carelessly, and names whose accents must survive.
var hostile = []string{"=1+1", "+33 6 12 34 56 78", "-5", "@SUM(A1)", "=HYPERLINK(\"http://example.org\")", "-2+3",
	"=2*3"}

// demoWorkbook writes the workbook of a demo workshop after adding a
// participant whose fields are all hostile, and opens it again.
func demoWorkbook(t *testing.T, which func(r struct{ Lagos, Planned int64 }) int64) (*excelize.File, WorkbookData, []byte) {
	t.Helper()
	st, res := demoStore(t)
	id := which(struct{ Lagos, Planned int64 }(res))
	w, err := st.Workshop(id)
	if err != nil {
		t.Fatal(err)
	}
	w.Theme = "=2*3" // lands on the summary, written cell by cell rather than streamed
	if err := st.SaveWorkshop(&w); err != nil {
		t.Fatal(err)
	}
	p := &data.Participant{WorkshopID: id, GivenName: "=1+1", FamilyName: "@SUM(A1)", PrintedName: "-5",
		Country: "SN", Institution: "+33 6 12 34 56 78", Position: `=HYPERLINK("http://example.org")`, Phone: "+221 77 000 00 00",
		Notes: "-2+3", Status: data.StatusConfirmed}
	if err := st.SaveParticipant(p); err != nil {
		t.Fatal(err)
	}
	q := &data.Participant{WorkshopID: id, GivenName: "Ngũgĩ", FamilyName: "Nguyễn Thị Ánh " + norm.NFD.String("Đào"),
		Country: "VN", Status: data.StatusConfirmed, Gender: data.GenderFemale}
	if err := st.SaveParticipant(q); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	var last float64
	if err := Workbook(st, id, &buf, WorkbookOptions{Progress: func(p float64) {
		if p < last {
			t.Errorf("progress went back from %v to %v", last, p)
		}
		last = p
	}}); err != nil {
		t.Fatal(err)
	}
	if last != 1 {
		t.Errorf("progress ended at %v", last)
	}
	d, err := LoadWorkbook(st, id)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, d, buf.Bytes()
}

func lagos(r struct{ Lagos, Planned int64 }) int64   { return r.Lagos }
func planned(r struct{ Lagos, Planned int64 }) int64 { return r.Planned }

func TestWorkbookSheetsAreNamedInTheWorkshopsLanguage(t *testing.T) {
	for _, c := range []struct {
		which func(r struct{ Lagos, Planned int64 }) int64
		want  []string
	}{
		{lagos, []string{"Summary", "Participants", "Attendance", "Schedule", "Trainers", "Grants", "Certificates",
			"Marks by device", "Travel and stay", "Rooming", "Airport runs", "Per diem"}},
		{planned, []string{"Synthèse", "Participants", "Présences", "Programme", "Formateurs", "Bourses", "Attestations",
			"Marques par appareil", "Voyage et séjour", "Chambres", "Aéroport", "Indemnités"}},
	} {
		f, _, _ := demoWorkbook(t, c.which)
		if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("sheets %q, want %q", got, c.want)
		}
	}
}

// cellType reads the raw type of a cell: "s" or "inlineStr" for text, ""
// or "n" for numbers.
func cellType(t *testing.T, f *excelize.File, sheet, cell string) excelize.CellType {
	t.Helper()
	typ, err := f.GetCellType(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	return typ
}

func TestWorkbookKeepsHostileValuesAsTextAndNamesExact(t *testing.T) {
	f, d, raw := demoWorkbook(t, lagos)
	found := map[string]bool{}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			for j, v := range row {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				formula, err := f.GetCellFormula(sheet, cell)
				if err != nil {
					t.Fatal(err)
				}
				if formula != "" {
					t.Errorf("%s!%s holds the formula %q", sheet, cell, formula)
				}
				for _, h := range hostile {
					if v == h {
						found[h] = true
						if typ := cellType(t, f, sheet, cell); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
							t.Errorf("%s!%s %q has type %v, want text", sheet, cell, v, typ)
						}
					}
				}
			}
		}
	}
	for _, h := range hostile {
		if !found[h] {
			t.Errorf("%q is in no cell", h)
		}
	}
	for name, body := range zipParts(t, raw) {
		if strings.HasPrefix(name, "xl/worksheets/") && strings.Contains(body, "<f>") {
			t.Errorf("%s holds a formula", name)
		}
	}
	rows, _ := f.GetRows("Participants")
	names := map[string]bool{}
	for _, row := range rows[1:] {
		names[row[2]+" "+row[1]] = true
	}
	for _, p := range d.Participants {
		if want := norm.NFC.String(p.GivenName + " " + p.FamilyName); !names[want] {
			t.Errorf("participant %q missing from the Participants sheet", want)
		}
	}
	if !names["Ngũgĩ Nguyễn Thị Ánh Đào"] {
		t.Errorf("the NFD name did not come out NFC: %v", names)
	}
	if len(rows)-1 != len(d.Participants) {
		t.Errorf("%d participant rows, want %d", len(rows)-1, len(d.Participants))
	}
}

func zipParts(t *testing.T, raw []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, zf := range z.File {
		r, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[zf.Name] = string(b)
	}
	return out
}

func TestWorkbookCellsHaveTheirRealTypes(t *testing.T) {
	f, d, _ := demoWorkbook(t, lagos)
	// Schedule: a date, two times, a count.
	for k, s := range d.Sessions {
		row := strconv.Itoa(k + 2)
		for _, col := range []string{"A", "B", "C", "J"} {
			if typ := cellType(t, f, "Schedule", col+row); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
				t.Fatalf("Schedule!%s%s has type %v, want a number", col, row, typ)
			}
		}
		day, _ := f.GetCellValue("Schedule", "A"+row)
		if day != s.Day().String() {
			t.Errorf("Schedule!A%s = %q, want %s", row, day, s.Day())
		}
		start, _ := f.GetCellValue("Schedule", "B"+row)
		if start != s.Start.Format("15:04") {
			t.Errorf("Schedule!B%s = %q, want %s", row, start, s.Start.Format("15:04"))
		}
		title, _ := f.GetCellValue("Schedule", "D"+row)
		if title != norm.NFC.String(s.Title) {
			t.Errorf("Schedule!D%s = %q, want %q", row, title, s.Title)
		}
	}
	style, _ := f.GetCellStyle("Schedule", "A2")
	st, err := f.GetStyle(style)
	if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != "yyyy-mm-dd" {
		t.Errorf("Schedule!A2 style %+v, want a date format", st)
	}
	// Attendance: the rate is a percentage number.
	rows, _ := f.GetRows("Attendance")
	rateCol := len(d.Verdicts.Matrix.Sessions) + 5
	cell, _ := excelize.CoordinatesToCellName(rateCol, 2)
	if typ := cellType(t, f, "Attendance", cell); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("rate %s has type %v", cell, typ)
	}
	v, _ := f.GetCellValue("Attendance", cell)
	if !strings.HasSuffix(v, "%") {
		t.Errorf("rate %s reads %q, want a percentage", cell, v)
	}
	if rows[0][rateCol-1] != "Rate" {
		t.Errorf("rate header %q", rows[0][rateCol-1])
	}
}

func TestWorkbookMatrixEqualsTheDatabase(t *testing.T) {
	f, d, _ := demoWorkbook(t, lagos)
	m := d.Verdicts.Matrix
	letters := bookWordsFor(data.English).Marks
	rows, err := f.GetRows("Attendance")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Participants) < 10 || len(m.Sessions) < 5 {
		t.Fatalf("demo matrix is %d × %d", len(m.Participants), len(m.Sessions))
	}
	for i, p := range m.Participants {
		row := rows[i+1]
		if row[0] != norm.NFC.String(p.FullName()) {
			t.Fatalf("row %d is %q, want %q", i+2, row[0], p.FullName())
		}
		for j := range m.Sessions {
			got := ""
			if 2+j < len(row) {
				got = row[2+j]
			}
			if want := letters[m.At(i, j)]; got != want {
				t.Errorf("%s, session %d: %q, want %q", p.FullName(), j, got, want)
			}
		}
		e := d.Verdicts.At(i)
		if got := row[len(m.Sessions)+5]; got != map[bool]string{true: "yes", false: "no"}[e.Eligible] {
			t.Errorf("%s eligibility %q, want %v", p.FullName(), got, e.Eligible)
		}
	}
}

func TestWorkbookHasPanesFiltersChartsAndColours(t *testing.T) {
	f, _, raw := demoWorkbook(t, planned)
	parts := zipParts(t, raw)
	for _, sheet := range f.GetSheetList() {
		path, _ := f.GetSheetIndex(sheet)
		body := parts["xl/worksheets/sheet"+strconv.Itoa(path+1)+".xml"]
		if !strings.Contains(body, "<autoFilter") {
			t.Errorf("%s has no autofilter", sheet)
		}
		if sheet == "Synthèse" {
			continue
		}
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s panes %+v, want the header frozen", sheet, panes)
		}
	}
	charts := 0
	for name, body := range parts {
		body = html.UnescapeString(body)
		if strings.HasPrefix(name, "xl/charts/chart") {
			charts++
			if !strings.Contains(body, "'Programme'!$J$2") && !strings.Contains(body, "'Synthèse'!$C$") {
				t.Errorf("%s refers to neither the schedule nor the country table", name)
			}
		}
	}
	if charts != 2 {
		t.Errorf("%d charts, want 2", charts)
	}
	formats, err := f.GetConditionalFormats("Présences")
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]bool{}
	for _, opts := range formats {
		for _, o := range opts {
			values[o.Value] = true
		}
	}
	for _, letter := range []string{`"P"`, `"R"`, `"E"`, `"A"`} {
		if !values[letter] {
			t.Errorf("no colour for %s in %v", letter, formats)
		}
	}
}

// LibreOffice reads the same values the workbook was written with: every
// cell of every sheet, as LibreOffice shows it and exported to CSV, equals
// the value excelize reads with the cell's number format applied; hostile
// values and accented names included.
func TestWorkbookReadsTheSameInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice is not installed")
	}
	for _, which := range []func(r struct{ Lagos, Planned int64 }) int64{lagos, planned} {
		f, _, raw := demoWorkbook(t, which)
		dir := t.TempDir()
		in := filepath.Join(dir, "book.xlsx")
		if err := os.WriteFile(in, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		// The CSV filter's options: comma, double quotes, UTF-8, cells as
		// shown, and (-1) every sheet to its own file named after the sheet.
		cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
			"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
			"--outdir", dir, in)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, out)
		}
		for _, sheet := range f.GetSheetList() {
			body, err := os.Open(filepath.Join(dir, "book-"+sheet+".csv"))
			if err != nil {
				t.Fatalf("%s: %v", sheet, err)
			}
			r := csv.NewReader(body)
			r.FieldsPerRecord = -1
			theirs, err := r.ReadAll()
			body.Close()
			if err != nil {
				t.Fatalf("%s: %v", sheet, err)
			}
			ours, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if len(ours) != len(theirs) {
				t.Errorf("%s: %d rows, LibreOffice reads %d", sheet, len(ours), len(theirs))
			}
			for i := range min(len(ours), len(theirs)) {
				for j := range max(len(ours[i]), len(theirs[i])) {
					if a, b := at(ours[i], j), at(theirs[i], j); a != b {
						t.Errorf("%s row %d column %d: written %q, LibreOffice reads %q", sheet, i+1, j+1, a, b)
					}
				}
			}
		}
	}
}

func at(row []string, j int) string {
	if j < len(row) {
		return row[j]
	}
	return ""
}

// The anonymous variant holds no participant's name, email, phone or
// notes anywhere, and still every figure.
func TestAnonymousWorkbookHoldsNoPersonalData(t *testing.T) {
	st, res := demoStore(t)
	var buf bytes.Buffer
	if err := Workbook(st, res.Lagos, &buf, WorkbookOptions{Anonymous: true}); err != nil {
		t.Fatal(err)
	}
	d, err := LoadWorkbook(st, res.Lagos)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var all []string
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			all = append(all, row...)
		}
	}
	text := strings.Join(all, "\n")
	for _, p := range d.Participants {
		for _, personal := range []string{p.FamilyName, p.Email, p.Phone, p.Notes} {
			if personal != "" && strings.Contains(text, norm.NFC.String(personal)) {
				t.Errorf("the anonymous workbook holds %q", personal)
			}
		}
	}
	header, _ := f.GetRows("Participants")
	if got := strings.Join(header[0], "|"); strings.Contains(got, "Email") || !strings.HasPrefix(got, "No.|Gender|Country") {
		t.Errorf("anonymous participant columns: %s", got)
	}
	if len(header)-1 != len(d.Participants) {
		t.Errorf("%d rows, want %d", len(header)-1, len(d.Participants))
	}
	matrix, _ := f.GetRows("Attendance")
	if matrix[1][0] != "No. "+strconv.Itoa(1+slices.IndexFunc(d.Participants, func(p data.Participant) bool { return p.ID == d.Verdicts.Matrix.Participants[0].ID })) {
		t.Errorf("first matrix row named %q", matrix[1][0])
	}
}

// A tab or carriage return before a formula character, which the store's
// validation would trim, stays text when it reaches the writer.
func TestWorkbookKeepsControlPrefixedValuesAsText(t *testing.T) {
	st, res := demoStore(t)
	d, err := LoadWorkbook(st, res.Lagos)
	if err != nil {
		t.Fatal(err)
	}
	d.Participants[0].Notes = "\t=2+2"
	d.Participants[0].Position = "\r=3+3"
	var buf bytes.Buffer
	if err := WriteWorkbook(d, &buf, WorkbookOptions{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Participants")
	header := rows[0]
	for _, c := range []struct{ col, want string }{{"Notes", "\t=2+2"}, {"Position", "\r=3+3"}} {
		j := slices.Index(header, c.col)
		cell, _ := excelize.CoordinatesToCellName(j+1, 2)
		v, _ := f.GetCellValue("Participants", cell)
		formula, _ := f.GetCellFormula("Participants", cell)
		if typ := cellType(t, f, "Participants", cell); v != c.want || formula != "" || typ != excelize.CellTypeInlineString {
			t.Errorf("%s: %q (formula %q, type %v), want the text %q", cell, v, formula, typ, c.want)
		}
	}
}

// The register fills the Certificates sheet, the issue date as a date;
// the anonymous variant keeps the serial but neither name nor code, which
// the verification page would turn back into the name.
func TestWorkbookListsTheCertificatesRegister(t *testing.T) {
	st, res := demoStore(t)
	people, err := st.Participants(res.Lagos, data.ParticipantFilter{Statuses: []data.Status{data.StatusConfirmed}})
	if err != nil || len(people) == 0 {
		t.Fatal(err)
	}
	holder := people[0]
	c := &data.Certificate{WorkshopID: res.Lagos, ParticipantID: holder.ID, Serial: "LOS-2022-001",
		Code: "K7Q2-M9XD", Language: data.English, SessionsAttended: 15, SessionsCounted: 16,
		IssuedOn: data.NewDate(2022, 11, 25)}
	if err := st.SaveCertificate(c); err != nil {
		t.Fatal(err)
	}
	for _, anonymous := range []bool{false, true} {
		var buf bytes.Buffer
		if err := Workbook(st, res.Lagos, &buf, WorkbookOptions{Anonymous: anonymous}); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows("Certificates")
		want := []string{"LOS-2022-001", norm.NFC.String(holder.NameOnCertificate()), "K7Q2-M9XD", "English", "2022-11-25"}
		if anonymous {
			number := slices.IndexFunc(mustParticipants(t, st, res.Lagos), func(p data.Participant) bool { return p.ID == holder.ID })
			want = []string{"LOS-2022-001", "No. " + strconv.Itoa(number+1), "English", "2022-11-25"}
		}
		if len(rows) != 2 || strings.Join(rows[1], "|") != strings.Join(want, "|") {
			t.Errorf("anonymous %v: certificates %q, want %q", anonymous, rows, want)
		}
		last, _ := excelize.CoordinatesToCellName(len(want), 2)
		if typ, _ := f.GetCellType("Certificates", last); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("the issue date is %v, want a date", typ)
		}
		if n, _ := f.GetRows("Summary"); !slices.ContainsFunc(n, func(r []string) bool {
			return len(r) > 1 && r[0] == "Certificates issued" && r[1] == "1"
		}) {
			t.Errorf("the summary does not count the certificate")
		}
		f.Close()
	}
}

func mustParticipants(t *testing.T, st *data.Store, id int64) []data.Participant {
	t.Helper()
	ps, err := st.Participants(id, data.ParticipantFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// Characters XML cannot carry (control characters, invalid UTF-8) do not
// break the file: it still opens, and the text around them survives.
func TestWorkbookSurvivesCharactersXMLCannotCarry(t *testing.T) {
	st, res := demoStore(t)
	d, err := LoadWorkbook(st, res.Lagos)
	if err != nil {
		t.Fatal(err)
	}
	d.Participants[0].Notes = "before\x01\x02\x1b after"
	d.Participants[0].Institution = "Musée \xff\xfe national"
	d.Trainers[0].Bio = "line one\nline two\u2028\ufffe end"
	d.Workshop.Title = "The whole\x0b museum"
	var buf bytes.Buffer
	if err := WriteWorkbook(d, &buf, WorkbookOptions{}); err != nil {
		t.Fatal(err)
	}
	for name, body := range zipParts(t, buf.Bytes()) {
		dec := xml.NewDecoder(strings.NewReader(body))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s is not well-formed XML: %v", name, err)
				break
			}
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Participants")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(rows[1], "|")
	if !strings.Contains(text, "before") || !strings.Contains(text, "after") || !strings.Contains(text, "national") {
		t.Errorf("the row lost its text: %q", text)
	}
	if soffice, err := exec.LookPath("soffice"); err == nil {
		dir := t.TempDir()
		in := filepath.Join(dir, "odd.xlsx")
		if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
			"--convert-to", "csv", "--outdir", dir, in).CombinedOutput()
		if _, statErr := os.Stat(filepath.Join(dir, "odd.csv")); err != nil || statErr != nil {
			t.Errorf("LibreOffice could not read the workbook: %v %v\n%s", err, statErr, out)
		}
	}
}
