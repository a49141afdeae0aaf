package importer

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/atelier-workshops/atelier/data"
)

const benchRows = 5000

// bigList writes a 5,000-row registration list under a title row.
func bigList(b *testing.B) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "applications.xlsx")
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	rows := [][]any{{"Applications received"}, {}, {"Nom", "Prénom", "Sexe", "Pays", "Institution", "Fonction",
		"Courriel", "Téléphone", "Langue", "Bourse"}}
	countries := []string{"Nigéria", "Sénégal", "Ghana", "Côte d'Ivoire", "Bénin", "Cameroun", "Mali", "Togo"}
	for i := range benchRows {
		rows = append(rows, []any{fmt.Sprintf("Àdìgún-%d", i), "Ọláńrewájú", []string{"F", "H"}[i%2],
			countries[i%len(countries)], "Musée national", "Conservatrice", fmt.Sprintf("p%d@example.org", i),
			"+234 803 000 0000", "Français", []string{"oui", "non"}[i%2]})
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, r); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkImportXLSX reads, checks and saves a 5,000-row workbook, and
// compares reading and checking with a bare excelize read of the same
// file. Targets: the whole import under 1 s; reading and checking at most
// twice the bare read.
func BenchmarkImportXLSX(b *testing.B) {
	path := bigList(b)
	st, err := data.Open(filepath.Join(b.TempDir(), "atelier.db"), data.OpenOrCreate)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	countryIndex() // built once per process, as in the program
	var bare, check, save time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		w := data.Workshop{Title: "Bench", City: "Lagos", Country: "NG", Language: data.English,
			StartDate: data.NewDate(2022, 11, 21), EndDate: data.NewDate(2022, 11, 25), Rule: data.DefaultCertificateRule}
		if err := st.SaveWorkshop(&w); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()

		t0 := time.Now()
		x, err := excelize.OpenFile(path)
		if err != nil {
			b.Fatal(err)
		}
		if rows, err := x.GetRows("Sheet1"); err != nil || len(rows) != benchRows+3 {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
		x.Close()

		t1 := time.Now()
		wb, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := wb.Rows("")
		if err != nil {
			b.Fatal(err)
		}
		p, err := Prepare(st, w.ID, rows, Options{})
		if err != nil || len(p.Ready) != benchRows {
			b.Fatalf("%v: %d ready, %d rejected", err, len(p.Ready), len(p.Rejected))
		}
		wb.Close()

		t2 := time.Now()
		if _, err := p.Import(context.Background(), st); err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		bare, check, save = bare+t1.Sub(t0), check+t2.Sub(t1), save+t3.Sub(t2)
	}
	b.StopTimer()
	n := float64(b.N)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / n }
	b.ReportMetric(ms(bare), "bare-read-ms")
	b.ReportMetric(ms(check), "read+check-ms")
	b.ReportMetric(ms(check+save), "import-ms")
	b.ReportMetric(float64(check)/float64(bare), "ratio-to-bare")
	b.Logf("%d rows: bare excelize read %.0f ms; read and check %.0f ms (%.2f× bare, target ≤ 2); with saving %.0f ms (target < 1000)",
		benchRows, ms(bare), ms(check), float64(check)/float64(bare), ms(check+save))
}
