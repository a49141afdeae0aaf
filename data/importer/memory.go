package importer

import (
	"math"
	"runtime/debug"
	"sync"
)

// MemoryLimit is the soft limit on the memory of a process while it
// imports (debug.SetMemoryLimit). The largest lists the limits let through
// (a CSV of 50 MB and 100,000 rows) kept about 200 MB live while they
// were read, checked and written; Go's collector, left to itself, let the
// heap grow to twice that before it collected, which took atelier import
// past 400 MB, and the window past 850 MB. Held to this limit it collects
// sooner: atelier import stayed near 365 MB; at 300 MB it stayed near
// 345 MB, but collected so often that --yes took half as long again on a
// busy machine. Read a row at a time, such a list keeps at most some
// 140 MB live in the window (its own heap included), and the limit keeps
// atelier import near 260 MB and the window's wizard near 350 MB (README,
// the peak benchmarks).
const MemoryLimit = 320 << 20

var bound struct {
	sync.Mutex
	holders int
	ours    bool
}

// BoundMemory holds the process to MemoryLimit while an import reads,
// checks or writes, unless a limit is set already (the GOMEMLIMIT
// variable, or a caller); restore puts back what was there once the last
// of those at work at once is done. Outside an import the window keeps no
// limit: one that low would make the collector run hard for nothing.
func BoundMemory() (restore func()) {
	bound.Lock()
	defer bound.Unlock()
	if bound.holders == 0 {
		bound.ours = debug.SetMemoryLimit(-1) == math.MaxInt64
		if bound.ours {
			debug.SetMemoryLimit(MemoryLimit)
		}
	}
	bound.holders++
	var once sync.Once
	return func() {
		once.Do(func() {
			bound.Lock()
			defer bound.Unlock()
			if bound.holders--; bound.holders == 0 && bound.ours {
				debug.SetMemoryLimit(math.MaxInt64)
			}
		})
	}
}
