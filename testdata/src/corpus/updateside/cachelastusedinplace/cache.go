// Case: cache readers stamp the entry's last-use time with a plain write inside their read-side section
// Source: checklist item 3 (updates must tolerate concurrent readers: state that changes in place needs synchronisation readers use too), Documentation/RCU/checklist
// Kind: bad
// Pair: cachelastusedinplacefix

package cachelastusedinplace

import (
	"bytes"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Entry is a cached blob.
type Entry struct {
	Val      []byte
	lastUsed time.Time
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
	e.lastUsed = time.Now() // expect RCU2002
	return bytes.Clone(e.Val), true
}

// Put caches val under key.
func Put(key string, val []byte) {
	cache.Store(key, &Entry{Val: bytes.Clone(val), lastUsed: time.Now()})
}

// EvictIdle drops the entries not used since cutoff.
func EvictIdle(cutoff time.Time) int {
	var idle []string
	s := rcuapi.ReadLock()
	for k, e := range cache.Range(s) {
		if e.lastUsed.Before(cutoff) {
			idle = append(idle, k)
		}
	}
	rcuapi.ReadUnlock(s)
	for _, k := range idle {
		cache.Delete(k)
	}
	return len(idle)
}
