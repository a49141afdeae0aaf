//go:build linux

package importer

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
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
	defer func() {
		status, _ := os.ReadFile("/proc/self/status")
		for line := range strings.Lines(string(status)) {
			if kB, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				fmt.Println("peak-kB:", strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(kB), "kB")))
			}
		}
	}()
	wb, err := Open(path)
	if err != nil {
		fmt.Println("refused:", err)
		return 0
	}
	defer wb.Close()
	rows, err := wb.Rows("")
	if err != nil {
		fmt.Println("refused:", err)
		return 0
	}
	fmt.Println("read", len(rows), "rows")
	return 0
}

// readInChild reads path in a child process and returns what it said, its
// peak resident memory in MB and how long it took.
func readInChild(tb testing.TB, path string) (said string, peakMB float64, took time.Duration) {
	tb.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), readListEnv+"="+path)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	took = time.Since(start)
	if err != nil {
		tb.Fatalf("reading in a child process: %v\n%s", err, out)
	}
	said, peak, ok := strings.Cut(string(out), "peak-kB: ")
	kB, err := strconv.Atoi(strings.TrimSpace(peak))
	if !ok || err != nil {
		tb.Fatalf("the child did not say its peak memory:\n%s", out)
	}
	return strings.TrimSpace(said), float64(kB) / 1024, took
}

// BenchmarkRefuseHostileXLSX reports the peak memory and the time of a
// process given a hostile workbook (targets: refused, within 400 MB and a
// few seconds): a sheet of blank rows that inflates to 2 GiB (its size
// declared in the zip, so refused before inflating anything) or to 190 MiB
// (under MaxUnpacked, so read until MaxRows stops it), and a cell of 1 GiB
// or of 190 MiB (read until the token limit stops it).
func BenchmarkRefuseHostileXLSX(b *testing.B) {
	for _, c := range []struct {
		name  string
		sheet hostileSheet
	}{
		{"blank-rows-2GiB", inflatingSheet(2 << 30)},
		{"blank-rows-190MiB", inflatingSheet(190 << 20)},
		{"cell-1GiB", hugeCellSheet(1 << 30)},
		{"cell-190MiB", hugeCellSheet(190 << 20)},
	} {
		b.Run(c.name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "hostile.xlsx")
			writeHostileXLSX(b, path, c.sheet)
			var peakMB float64
			var took time.Duration
			for b.Loop() {
				said, mb, d := readInChild(b, path)
				if !strings.HasPrefix(said, "refused:") {
					b.Fatalf("not refused: %s", said)
				}
				b.Log(said)
				peakMB, took = max(peakMB, mb), max(took, d)
			}
			b.ReportMetric(peakMB, "peak-MB")
			b.ReportMetric(took.Seconds(), "s")
		})
	}
}
