//go:build linux

package reports

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

// The peak memory of printing certificates is read from a process that
// does nothing else: the test binary, started again with
// ATELIER_PRINT_CERTIFICATES=n, makes the demo database, prints n
// certificates into a file and exits. Its maximum resident set size
// counts everything the process held at its worst moment, the demo
// database and the test binary included, so the figure is an upper bound.
const printCertificatesEnv = "ATELIER_PRINT_CERTIFICATES"

func TestMain(m *testing.M) {
	if n, err := strconv.Atoi(os.Getenv(printCertificatesEnv)); err == nil {
		if err := printCertificatesAlone(n); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func printCertificatesAlone(n int) error {
	dir, err := os.MkdirTemp("", "atelier-peak-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	st, d, err := lagosCertificatesIn(dir)
	if err != nil {
		return err
	}
	defer st.Close()
	return WriteFile(filepath.Join(dir, "certificates.pdf"), func(w io.Writer) error {
		return WriteCertificates(repeatCertificates(d, n), w, nil)
	})
}

// BenchmarkCertificates1000PeakMemory reports the peak resident memory of
// a process printing 1,000 certificates into one PDF (target under 150 MB).
func BenchmarkCertificates1000PeakMemory(b *testing.B) {
	var peakMB float64
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), printCertificatesEnv+"=1000")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("printing in a child process: %v\n%s", err, out)
		}
		usage := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		peakMB = max(peakMB, float64(usage.Maxrss)/1024) // Linux counts it in kilobytes
	}
	b.ReportMetric(peakMB, "peak-MB")
}
