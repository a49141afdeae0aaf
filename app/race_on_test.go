//go:build race

package app

// raceDetector tells tests that start child processes of this binary that
// those run under the race detector too, some fifty times slower at
// SQLite's work.
const raceDetector = true
