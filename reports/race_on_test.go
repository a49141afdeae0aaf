//go:build race

package reports

// raceDetector tells the tests that start child processes of this binary
// that those run under the race detector too, many times slower.
const raceDetector = true
