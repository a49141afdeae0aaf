//go:build linux

package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/atelier-workshops/atelier/data/importer"
	"github.com/atelier-workshops/atelier/data/importer/importtest"
)

// BenchmarkImportCommandPeakMemory reports the peak resident memory and
// the time of `atelier import`, previewing and with --yes, each run in a
// process of its own (target: under 400 MB and a few seconds for a
// hostile file): workbooks of a few MB whose sheet inflates to 2 GiB
// (its size declared) or to 300 MiB, one with a cell of 1 GiB that
// declares 50 MiB (read until the cell passes Excel's limit), and the
// largest list the limits let through, a CSV of 42 MB and 100,000 rows,
// every row of which is added.
func BenchmarkImportCommandPeakMemory(b *testing.B) {
	dir := b.TempDir()
	demo := filepath.Join(dir, "demo.db")
	if code, _, errOut := runCLI("demo", "--db", demo); code != 0 {
		b.Fatal(errOut)
	}
	lyingCell := importtest.HugeCell(1 << 30)
	lyingCell.Declared = 50 << 20
	lists := []struct {
		name string
		make func(path string)
	}{
		{"blank-rows-2GiB.xlsx", func(p string) { importtest.WriteXLSX(b, p, importtest.Inflating(2<<30)) }},
		{"blank-rows-300MiB.xlsx", func(p string) { importtest.WriteXLSX(b, p, importtest.Inflating(300<<20)) }},
		{"cell-1GiB.xlsx", func(p string) { importtest.WriteXLSX(b, p, lyingCell) }},
		{"rows-100000.csv", func(p string) { writeLargestList(b, p) }},
	}
	for _, l := range lists {
		list := filepath.Join(dir, l.name)
		l.make(list)
		for _, yes := range []bool{false, true} {
			name := l.name
			if yes {
				name += "/yes"
			}
			b.Run(name, func(b *testing.B) {
				var peakMB float64
				var took time.Duration
				for b.Loop() {
					b.StopTimer()
					db := filepath.Join(b.TempDir(), "demo.db")
					copyFile(b, demo, db)
					args := []string{"import", "--db", db, "--workshop", "1", list}
					if yes {
						args = append(args, "--yes")
					}
					b.StartTimer()
					said, mb, d := commandInChild(b, args)
					b.Log(said)
					peakMB, took = max(peakMB, mb), max(took, d)
				}
				b.ReportMetric(peakMB, "peak-MB")
				b.ReportMetric(took.Seconds(), "s")
			})
		}
	}
}

// writeLargestList writes a CSV of 100,000 rows (the most a list may
// have) of 25 columns, about 42 MB, every row someone new.
func writeLargestList(b *testing.B, path string) {
	importtest.WriteLargestList(b, path, importer.MaxRows)
}

// commandInChild runs args in a child process (see commandAlone) and
// returns what it said, its peak resident memory in MB and how long it
// took.
func commandInChild(b *testing.B, args []string) (said string, peakMB float64, took time.Duration) {
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), commandAloneEnv+"=1")
	return importtest.RunForPeak(b, cmd)
}
