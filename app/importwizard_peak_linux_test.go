//go:build linux

package app

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/demo"
	"github.com/atelier-workshops/atelier/data/importer"
	"github.com/atelier-workshops/atelier/data/importer/importtest"
)

// BenchmarkImportWizardPeakMemory reports the window's peak resident
// memory while its import wizard reads and previews the largest list the
// limits let through (a CSV of 42 MB and 100,000 rows, every row new), and
// then imports it: peak-MB is the process's peak (preview-peak-MB until
// the preview is shown), window-MB what it held
// with the window open before, wizard-MB the difference (target: the peak
// under 400 MB). The kernel's peak is reset (clear_refs) once the window
// is drawn, so that building the demo does not count.
func BenchmarkImportWizardPeakMemory(b *testing.B) {
	list := filepath.Join(b.TempDir(), "rows-100000.csv")
	importtest.WriteLargestList(b, list, importer.MaxRows)
	var peak, before, previewed float64
	var took time.Duration
	for b.Loop() {
		b.StopTimer()
		st, err := data.Open(filepath.Join(b.TempDir(), "demo.db"), data.OpenOrCreate)
		if err != nil {
			b.Fatal(err)
		}
		res, err := demo.Write(st)
		if err != nil {
			b.Fatal(err)
		}
		test.NewTempApp(b)
		q := newUIQueue()
		c := newController(fyne.CurrentApp(), st, q.do)
		c.win.Show()
		c.screen.selectID(res.Lagos)
		v := participantsOf(c)
		runtime.GC()
		debug.FreeOSMemory()
		if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
			b.Skipf("the peak cannot be reset: %v", err)
		}
		before = max(before, procStatusMB(b, "VmRSS:"))
		b.StartTimer()
		start := time.Now()
		z := v.startImport(list)
		if !q.runUntil(5*time.Minute, func() bool { return z.preview != nil || z.summary.Importance == widget.DangerImportance }) || z.preview == nil {
			b.Fatalf("no preview: %q", z.summary.Text)
		}
		if n := len(z.preview.Ready); n != importer.MaxRows-1 {
			b.Fatalf("%d rows to add; the summary says %q", n, z.summary.Text)
		}
		previewed = max(previewed, procStatusMB(b, "VmHWM:"))
		gen := z.gen
		z.importRows()
		// The wizard closes (a new gen) once the rows are in, or says why not.
		if !q.runUntil(5*time.Minute, func() bool { return z.gen != gen || z.summary.Importance == widget.DangerImportance }) || z.gen == gen {
			b.Fatalf("the import did not end: %q", z.summary.Text)
		}
		took = max(took, time.Since(start))
		b.StopTimer()
		peak = max(peak, procStatusMB(b, "VmHWM:"))
		c.win.Close()
		b.StartTimer()
	}
	b.ReportMetric(peak, "peak-MB")
	b.ReportMetric(previewed, "preview-peak-MB")
	b.ReportMetric(before, "window-MB")
	b.ReportMetric(peak-before, "wizard-MB")
	b.ReportMetric(took.Seconds(), "s")
}

// procStatusMB reads a figure of /proc/self/status in MB.
func procStatusMB(b *testing.B, field string) float64 {
	s, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Fatal(err)
	}
	for line := range strings.Lines(string(s)) {
		if v, ok := strings.CutPrefix(line, field); ok {
			kB, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			if err != nil {
				b.Fatal(err)
			}
			return float64(kB) / 1024
		}
	}
	b.Fatalf("no %s in /proc/self/status", field)
	return 0
}
