// Package lookup holds read helpers that run inside the caller's section
// and return only values.
package lookup

import (
	"cmp"
	"slices"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Keyed is anything with a key to match on.
type Keyed[K comparable] interface {
	Key() K
}

// Count returns how many elements of l satisfy keep. The caller's section s
// must be live.
func Count[T any](s rcuapi.Section, l *rcuapi.List[T], keep func(T) bool) int {
	n := 0
	for e := range l.All(s) {
		if keep(e.Value) {
			n++
		}
	}
	return n
}

// Field returns f applied to the first element whose key is k.
func Field[K comparable, T Keyed[K], R any](s rcuapi.Section, l *rcuapi.List[T], k K, f func(T) R) (R, bool) {
	for e := range l.All(s) {
		if e.Value.Key() == k {
			return f(e.Value), true
		}
	}
	var zero R
	return zero, false
}

// SortedKeys returns the keys of l in order, in a new slice.
func SortedKeys[K cmp.Ordered, T Keyed[K]](s rcuapi.Section, l *rcuapi.List[T]) []K {
	var keys []K
	for e := range l.All(s) {
		keys = append(keys, e.Value.Key())
	}
	slices.Sort(keys)
	return keys
}
