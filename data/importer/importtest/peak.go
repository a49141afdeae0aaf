package importtest

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// SayPeak prints the peak resident memory of this process so far, the
// kernel's VmHWM, as the last line a child started by RunForPeak writes.
// Where there is no /proc (not Linux) it prints nothing, and RunForPeak
// says so.
func SayPeak() {
	status, _ := os.ReadFile("/proc/self/status")
	for line := range strings.Lines(string(status)) {
		if kB, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			fmt.Println("peak-kB:", strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(kB), "kB")))
		}
	}
}

// RunForPeak runs cmd, a child that ends with SayPeak, and returns what it
// said before, its peak resident memory in MB and how long it took: a
// peak measured in a process of its own, which nothing before it swelled.
func RunForPeak(tb testing.TB, cmd *exec.Cmd) (said string, peakMB float64, took time.Duration) {
	tb.Helper()
	start := time.Now()
	out, err := cmd.CombinedOutput()
	took = time.Since(start)
	if err != nil {
		tb.Fatalf("the child: %v\n%s", err, out)
	}
	said, peak, ok := strings.Cut(string(out), "peak-kB: ")
	kB, err := strconv.Atoi(strings.TrimSpace(peak))
	if !ok || err != nil {
		tb.Fatalf("the child did not say its peak memory:\n%s", out)
	}
	return strings.TrimSpace(said), float64(kB) / 1024, took
}
