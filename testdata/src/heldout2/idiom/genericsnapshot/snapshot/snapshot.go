// Package snapshot is a copy-on-write map published through RCU.
package snapshot

import (
	"maps"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type version[K comparable, V any] struct {
	m map[K]V
}

// Map is a read-mostly map. Readers get values by copy; V should be a value
// type (or otherwise immutable) for that copy to be independent.
type Map[K comparable, V any] struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[version[K, V]]
}

func New[K comparable, V any]() *Map[K, V] {
	m := &Map[K, V]{}
	m.cur.Init(&version[K, V]{m: map[K]V{}})
	return m
}

// Get returns the value stored for k.
func (m *Map[K, V]) Get(k K) (V, bool) {
	s := rcuapi.ReadLock()
	v, ok := m.cur.Dereference(s).m[k]
	rcuapi.ReadUnlock(s)
	return v, ok
}

// Len returns the number of keys.
func (m *Map[K, V]) Len() int {
	s := rcuapi.ReadLock()
	n := len(m.cur.Dereference(s).m)
	rcuapi.ReadUnlock(s)
	return n
}

// Update applies fn to a private copy of the map and publishes the copy.
// Versions hold only memory, so the old one is left to the collector.
func (m *Map[K, V]) Update(fn func(map[K]V)) {
	m.mu.Lock()
	defer m.mu.Unlock()
	next := &version[K, V]{m: maps.Clone(m.cur.Protected(&m.mu).m)}
	fn(next.m)
	m.cur.Replace(next, &m.mu)
}
