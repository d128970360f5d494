//go:build race

package search

// raceDetector is true under -race, which changes what is allocated (a
// sync.Pool drops items at random), so allocation bounds do not hold.
const raceDetector = true
