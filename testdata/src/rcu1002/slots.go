package rcu1002

import (
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// A pointer obtained under a section kept in a long-lived slot outlives
// the section as surely as one stored in a package variable.

type server struct {
	mu     sync.Mutex
	pinned map[string]*config
}

var (
	lastCfg   atomic.Pointer[config]
	lastAny   atomic.Value
	pending   sync.Map
	recent    [4]atomic.Pointer[config]
	theServer = &server{pinned: map[string]*config{}}
)

func keepInAtomic() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	lastCfg.Store(cfg.Dereference(s)) // want `RCU1002: a pointer obtained under the section begun by ReadLock at slots.go:\d+ is stored in lastCfg, an atomic.Pointer that outlives the section`
}

func keepInValue() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	lastAny.Store(cfg.Dereference(s)) // want `RCU1002: .* is stored in lastAny, an atomic.Value that outlives the section`
}

func keepInSyncMap(k string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	pending.Store(k, cfg.Dereference(s)) // want `RCU1002: .* is stored in pending, a sync.Map that outlives the section`
}

func keepInArray(i int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	recent[i%len(recent)].Store(cfg.Dereference(s)) // want `RCU1002: .* an atomic.Pointer that outlives the section`
}

func keepInGlobalObject(client string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := cfg.Dereference(s)
	theServer.mu.Lock()
	theServer.pinned[client] = c // want `RCU1002: .* is stored in package variable theServer`
	theServer.mu.Unlock()
}

// keepLocal uses an atomic.Pointer of its own: nothing outlives the
// section.
func keepLocal() int {
	var p atomic.Pointer[config]
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	p.Store(cfg.Dereference(s))
	return p.Load().port
}

// keepCopy stores a copy of the data, not the pointer.
func keepCopy(k string) {
	s := rcuapi.ReadLock()
	port := cfg.Dereference(s).port
	rcuapi.ReadUnlock(s)
	pending.Store(k, port)
}
