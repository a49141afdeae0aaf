package reports

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/atelier-workshops/atelier/data"
)

// bigWorkbookData is a workshop of n participants × m sessions, every cell
// marked, in a database file, loaded as the workbook loads it.
func bigWorkbookData(b *testing.B, n, m int) WorkbookData {
	b.Helper()
	st, err := data.Open(filepath.Join(b.TempDir(), "big.db"), data.OpenOrCreate)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	start := data.NewDate(2022, 11, 21)
	w := data.Workshop{Title: "Grand atelier régional", City: "Lagos", Country: "NG", StartDate: start,
		EndDate: start.AddDays(m / 12), Language: data.French, Rule: data.DefaultCertificateRule}
	if err := st.SaveWorkshop(&w); err != nil {
		b.Fatal(err)
	}
	var sessions []int64
	for j := range m {
		at := start.AddDays(j/12).At(8, 0).Add(time.Duration(j%12) * 50 * time.Minute)
		s := data.Session{WorkshopID: w.ID, Title: fmt.Sprintf("Séance %d", j+1), Kind: data.KindLecture,
			Start: at, End: at.Add(45 * time.Minute), CountsForCertificate: true}
		if err := st.SaveSession(&s); err != nil {
			b.Fatal(err)
		}
		sessions = append(sessions, s.ID)
	}
	countries := []string{"NG", "GH", "BJ", "SN", "CI", "CM", "TG", "NE"}
	ps := make([]*data.Participant, n)
	for i := range ps {
		ps[i] = &data.Participant{WorkshopID: w.ID, GivenName: fmt.Sprintf("Ọláńrewájú %d", i), FamilyName: "Àdìgún",
			Country: countries[i%len(countries)], Status: data.StatusConfirmed, Email: fmt.Sprintf("p%d@example.org", i),
			Institution: "Musée national", Phone: "+234 803 000 0000",
			Grant: data.Grant{Awarded: i%3 == 0, Travel: true, AmountMinor: 85000, Currency: "USD"}}
		if !ps[i].Grant.Awarded {
			ps[i].Grant = data.Grant{}
		}
	}
	if err := st.SaveParticipants(ps); err != nil {
		b.Fatal(err)
	}
	marks := make([]data.Attendance, 0, n*m)
	for i, p := range ps {
		for j, s := range sessions {
			marks = append(marks, data.Attendance{ParticipantID: p.ID, SessionID: s, Mark: data.Marks[(i+j)%len(data.Marks)]})
		}
	}
	if err := st.SetMarks(marks); err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	d, err := LoadWorkbook(st, w.ID)
	if err != nil {
		b.Fatal(err)
	}
	fmt.Printf("loading the workbook's data of %d participants × %d sessions: %d ms\n", n, m, time.Since(t0).Milliseconds())
	return d
}

// peakHeap runs fn while sampling the heap in use, and returns the most
// it saw, in MB.
func peakHeap(fn func()) float64 {
	runtime.GC()
	var peak uint64
	var mu sync.Mutex
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			mu.Lock()
			peak = max(peak, ms.HeapInuse)
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	fn()
	close(stop)
	<-done
	return float64(peak) / (1 << 20)
}

// bareWrite writes the same cells as the workbook, typed the same way,
// with excelize's stream writer and nothing else: no styles, widths,
// panes, filters, formats or charts.
func bareWrite(sheets map[string][][]any, names []string, w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	for k, name := range names {
		if k == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return err
		}
		for i, row := range sheets[name] {
			if err := sw.SetRow("A"+strconv.Itoa(i+1), row); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	_, err := f.WriteTo(w)
	return err
}

// cellsOf reads a workbook's cells back with their types: numbers as
// numbers, everything else as text.
func cellsOf(b *testing.B, raw []byte) (map[string][][]any, []string) {
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	out := map[string][][]any{}
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			b.Fatal(err)
		}
		typed := make([][]any, len(rows))
		for i, row := range rows {
			typed[i] = make([]any, len(row))
			for j, v := range row {
				if x, err := strconv.ParseFloat(v, 64); err == nil {
					typed[i][j] = x
				} else if v != "" {
					typed[i][j] = v
				}
			}
		}
		out[name] = typed
	}
	return out, f.GetSheetList()
}

// BenchmarkWorkbook writes the workbook of a large workshop from data
// already loaded, and compares it with a bare stream writer writing the
// same cells. The targets for 2,000 × 40: under 2 s, under 200 MB,
// at most 1.5 × the bare writer.
func BenchmarkWorkbook(b *testing.B) {
	for _, size := range []struct{ n, m int }{{2000, 40}, {5000, 60}} {
		b.Run(fmt.Sprintf("%dx%d", size.n, size.m), func(b *testing.B) {
			d := bigWorkbookData(b, size.n, size.m)
			var buf bytes.Buffer
			if err := WriteWorkbook(d, &buf, WorkbookOptions{}); err != nil {
				b.Fatal(err)
			}
			cells, names := cellsOf(b, buf.Bytes())
			var bookTime, bareTime time.Duration
			var bookPeak, barePeak float64
			b.ResetTimer()
			for range b.N {
				buf.Reset()
				t0 := time.Now()
				bookPeak = max(bookPeak, peakHeap(func() {
					if err := WriteWorkbook(d, &buf, WorkbookOptions{}); err != nil {
						b.Fatal(err)
					}
				}))
				t1 := time.Now()
				size := buf.Len()
				buf.Reset()
				barePeak = max(barePeak, peakHeap(func() {
					if err := bareWrite(cells, names, &buf); err != nil {
						b.Fatal(err)
					}
				}))
				bareTime += time.Since(t1)
				bookTime += t1.Sub(t0)
				b.ReportMetric(float64(size)/(1<<20), "file-MB")
			}
			ms := float64(bookTime.Milliseconds()) / float64(b.N)
			bare := float64(bareTime.Milliseconds()) / float64(b.N)
			b.ReportMetric(ms, "workbook-ms")
			b.ReportMetric(bare, "bare-ms")
			b.ReportMetric(ms/bare, "ratio")
			b.ReportMetric(bookPeak, "peak-heap-MB")
			b.ReportMetric(barePeak, "bare-peak-heap-MB")
			fmt.Printf("workbook %d participants × %d sessions: %.0f ms (bare stream writer %.0f ms, ratio %.2f), "+
				"peak heap %.0f MB (bare %.0f MB)\n", size.n, size.m, ms, bare, ms/bare, bookPeak, barePeak)
		})
	}
}
