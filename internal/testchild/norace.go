//go:build !race

package testchild

// RaceEnabled reports whether the race detector is on in this binary.
const RaceEnabled = false
