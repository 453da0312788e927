// Package twolevels queues its callbacks through two levels of helpers of
// other packages (modhelpers.Retire, then inner.Queue, then rcuapi.Call),
// with a method value as the callback. Its Exit, a method value, does not
// wait for them.
package twolevels

import (
	"os"
	"sync"

	"fixtures/modhelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type table struct {
	rows  map[string]int
	spill *os.File
}

// close releases what the old table owns, once no reader can hold it.
func (t *table) close() { t.spill.Close() }

type store struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[table]
}

func (s *store) swap(next *table) {
	s.mu.Lock()
	old := s.cur.Replace(next, &s.mu)
	s.mu.Unlock()
	if old != nil {
		modhelpers.Retire(old.close)
	}
}

func (s *store) stop() { // want `^RCU6001: stop, a module's Exit, does not wait on every path for the callbacks this package queues on classic RCU \(at twolevels.go:\d+\): they could run after the module is gone; stop queueing them, then call rcuapi\.Barrier\(\) before Exit returns$`
	s.mu.Lock()
	old := s.cur.Replace(nil, &s.mu)
	s.mu.Unlock()
	if old != nil {
		old.close()
	}
}

var st store

var Module = &rcuapi.Module{Name: "store", Exit: st.stop}
