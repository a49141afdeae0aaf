//go:build linux

package importer

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/importer/importtest"
)

// The peak memory of reading a list is read from a process that does
// nothing else: the test binary, started again with ATELIER_READ_LIST set
// to a file, opens it, reads its first sheet, says what became of it and
// its own peak resident memory (VmHWM), and exits. The child's rusage
// would not do: Linux carries the parent's peak across the exec into it.
const readListEnv = "ATELIER_READ_LIST"

func TestMain(m *testing.M) {
	if path := os.Getenv(readListEnv); path != "" {
		os.Exit(readListAlone(path))
	}
	os.Exit(m.Run())
}

func readListAlone(path string) int {
	defer importtest.SayPeak()
	wb, err := Open(path)
	if err != nil {
		fmt.Println("refused:", err)
		return 0
	}
	defer wb.Close()
	// Then checked against a workshop, as the preview does, a row at a
	// time.
	dir, err := os.MkdirTemp("", "atelier-read-list-*")
	if err != nil {
		fmt.Println(err)
		return 1
	}
	defer os.RemoveAll(dir)
	st, err := data.Open(filepath.Join(dir, "atelier.db"), data.OpenOrCreate)
	if err != nil {
		fmt.Println(err)
		return 1
	}
	defer st.Close()
	w := data.Workshop{Title: "Peak", City: "Lagos", Country: "NG", Language: data.English,
		StartDate: data.NewDate(2022, 11, 21), EndDate: data.NewDate(2022, 11, 25), Rule: data.DefaultCertificateRule}
	if err := st.SaveWorkshop(&w); err != nil {
		fmt.Println(err)
		return 1
	}
	p, err := wb.Prepare(st, w.ID, "", Options{})
	if err != nil {
		fmt.Println("refused:", err)
		return 0
	}
	fmt.Printf("read %d rows: %d to import, %d refused\n", p.HeaderRow+p.Blank+len(p.Ready)+len(p.Updates)+len(p.Unchanged)+len(p.Rejected),
		len(p.Ready), len(p.Rejected))
	return 0
}

// readInChild reads path in a child process and returns what it said, its
// peak resident memory in MB and how long it took.
func readInChild(tb testing.TB, path string) (said string, peakMB float64, took time.Duration) {
	tb.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), readListEnv+"="+path)
	return importtest.RunForPeak(tb, cmd)
}

// BenchmarkRefuseHostileXLSX reports the peak memory and the time of a
// process given a hostile workbook (targets: refused, or read, within
// 400 MB and a few seconds): a sheet of blank rows that inflates to 2 GiB
// (its size declared in the zip, so refused before anything is inflated)
// or to 90 MiB (under MaxUnpacked: read through, three rows), and a cell
// of 1 GiB or of 90 MiB (stopped by the token limit).
func BenchmarkRefuseHostileXLSX(b *testing.B) {
	for _, c := range []struct {
		name  string
		sheet hostileSheet
	}{
		{"blank-rows-2GiB", inflatingSheet(2 << 30)},
		{"blank-rows-90MiB", inflatingSheet(90 << 20)},
		{"cell-1GiB", hugeCellSheet(1 << 30)},
		{"cell-90MiB", hugeCellSheet(90 << 20)},
	} {
		b.Run(c.name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "hostile.xlsx")
			writeHostileXLSX(b, path, c.sheet)
			reportPeak(b, path)
		})
	}
}

// reportPeak reads path in a child process as often as the benchmark asks
// and reports the worst peak memory and time.
func reportPeak(b *testing.B, path string) {
	var peakMB float64
	var took time.Duration
	for b.Loop() {
		said, mb, d := readInChild(b, path)
		b.Log(said)
		peakMB, took = max(peakMB, mb), max(took, d)
	}
	b.ReportMetric(peakMB, "peak-MB")
	b.ReportMetric(took.Seconds(), "s")
}

// BenchmarkReadListPeakMemory reports the same for the largest lists the
// limits let through, read and checked as the preview does (target: under
// 400 MB): a CSV of 50 MB (100,000 rows of 25 columns), a workbook of
// 100,000 rows of 30 columns of shared texts (3 million cells, 40 MB of
// text from a file of a few hundred kilobytes), and one of inline texts
// that unpacks to nearly 100 MiB, each row refused for many reasons.
func BenchmarkReadListPeakMemory(b *testing.B) {
	header := []string{"Family name", "Given name", "Email", "Country", "Institution", "Position", "Gender",
		"Language", "Phone", "Status", "Grant", "Notes", "Printed name", "Consent"}
	for len(header) < 30 {
		header = append(header, fmt.Sprintf("Question %d", len(header)+1))
	}
	b.Run("csv-50MB", func(b *testing.B) {
		path := filepath.Join(b.TempDir(), "list.csv")
		importtest.WriteLargestList(b, path, MaxRows)
		if st, _ := os.Stat(path); st.Size() > MaxTextFile {
			b.Fatalf("%d bytes: over the limit", st.Size())
		}
		reportPeak(b, path)
	})
	b.Run("xlsx-shared-3M-cells", func(b *testing.B) {
		var shared, row strings.Builder
		for i, h := range header {
			fmt.Fprintf(&shared, "<si><t>%s</t></si>", h)
			fmt.Fprintf(&row, `<c t="s"><v>%d</v></c>`, len(header)+i)
		}
		for i := range header {
			fmt.Fprintf(&shared, "<si><t>Àdìgún %02d</t></si>", i)
		}
		var head strings.Builder
		head.WriteString(sheetHead + "<row>")
		for i := range header {
			fmt.Fprintf(&head, `<c t="s"><v>%d</v></c>`, i)
		}
		head.WriteString("</row>")
		path := filepath.Join(b.TempDir(), "list.xlsx")
		writeHostileXLSX(b, path, hostileSheet{Head: head.String(), Middle: "<row>" + row.String() + "</row>",
			Times: MaxRows - 1, Tail: sheetTail, Shared: shared.String()})
		reportPeak(b, path)
	})
	b.Run("xlsx-inline-100MiB", func(b *testing.B) {
		row := inlineRow(0, header...)
		row = strings.Replace(row, ` r="0"`, "", 1)
		row = strings.ReplaceAll(row, `r="`, `x="`)
		path := filepath.Join(b.TempDir(), "list.xlsx")
		writeHostileXLSX(b, path, hostileSheet{Head: sheetHead + inlineRow(1, header...), Middle: row,
			Times: (MaxUnpacked - 1<<20) / len(row), Tail: sheetTail})
		reportPeak(b, path)
	})
}
