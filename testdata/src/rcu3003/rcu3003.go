// Package rcu3003 waits for grace periods while holding locks that its
// readers or callbacks take.
package rcu3003

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type config struct{ port int }

type table struct {
	mu   sync.Mutex
	stat sync.Mutex
	log  sync.RWMutex
	cur  rcuapi.Pointer[config]
	hits int
}

var (
	dom   rcuapi.SRCU
	gmu   sync.Mutex
	count int
)

// read takes t.stat inside its section: no grace period of classic RCU can
// end while it waits for that lock.
func (t *table) read() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	t.stat.Lock()
	t.hits++
	t.stat.Unlock()
	return t.cur.Dereference(s).port
}

// update waits for a grace period holding t.stat.
func (t *table) update(c *config) {
	t.stat.Lock()
	defer t.stat.Unlock()
	t.cur.Assign(c)
	rcuapi.Synchronize() // want `RCU3003: Synchronize waits for classic RCU while holding a lock, but t.stat is taken by a reader inside its section \(at rcu3003.go:\d+\)`
}

// readSRCU takes gmu inside a section of dom.
func readSRCU() {
	s := dom.ReadLock()
	gmu.Lock()
	count++
	gmu.Unlock()
	dom.ReadUnlock(s)
}

// syncSRCU waits for dom holding gmu.
func syncSRCU() {
	gmu.Lock()
	dom.Synchronize() // want `RCU3003: Synchronize waits for SRCU domain dom while holding a lock, but gmu is taken by a reader inside its section`
	gmu.Unlock()
}

// post queues a callback that takes t.mu.
func (t *table) post() {
	rcuapi.Call(func() {
		t.mu.Lock()
		t.hits = 0
		t.mu.Unlock()
	})
}

// barrierHolding waits for the callbacks holding t.mu.
func (t *table) barrierHolding() {
	t.mu.Lock()
	rcuapi.Barrier() // want `RCU3003: Barrier waits for classic RCU while holding a lock, but t.mu is taken by a callback \(at rcu3003.go:\d+\)`
	t.mu.Unlock()
}

// logRead takes t.log for reading inside a section.
func (t *table) logRead() {
	s := rcuapi.ReadLock()
	t.log.RLock()
	t.log.RUnlock()
	rcuapi.ReadUnlock(s)
}

// syncHoldingWriteLock waits holding t.log for writing, which its readers
// take for reading.
func (t *table) syncHoldingWriteLock() {
	t.log.Lock()
	rcuapi.Synchronize() // want `RCU3003: Synchronize waits for classic RCU while holding a lock, but t.log is taken by a reader inside its section \(at rcu3003.go:\d+\)`
	t.log.Unlock()
}
