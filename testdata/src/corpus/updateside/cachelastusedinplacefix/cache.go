// Case: the last-use stamp is an atomic field, which readers may update in place
// Source: checklist item 3 (in-place state uses synchronisation readers use as well), Documentation/RCU/checklist
// Kind: fixed
// Pair: cachelastusedinplace

package cachelastusedinplacefix

import (
	"bytes"
	"sync/atomic"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Entry is a cached blob.
type Entry struct {
	Val      []byte
	lastUsed atomic.Int64 // unix nanoseconds
}

var cache rcuapi.Map[string, *Entry]

// Get returns a copy of the cached value of key.
func Get(key string) ([]byte, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	e, ok := cache.Load(s, key)
	if !ok {
		return nil, false
	}
	e.lastUsed.Store(time.Now().UnixNano())
	return bytes.Clone(e.Val), true
}

// Put caches val under key.
func Put(key string, val []byte) {
	e := &Entry{Val: bytes.Clone(val)}
	e.lastUsed.Store(time.Now().UnixNano())
	cache.Store(key, e)
}

// EvictIdle drops the entries not used since cutoff.
func EvictIdle(cutoff time.Time) int {
	var idle []string
	s := rcuapi.ReadLock()
	for k, e := range cache.Range(s) {
		if e.lastUsed.Load() < cutoff.UnixNano() {
			idle = append(idle, k)
		}
	}
	rcuapi.ReadUnlock(s)
	for _, k := range idle {
		cache.Delete(k)
	}
	return len(idle)
}
