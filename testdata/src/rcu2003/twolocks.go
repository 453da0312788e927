package rcu2003

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// A struct with two locks whose updaters each take one: the report goes to
// the update that holds the lock declared later, wherever it is in the
// file. The lock declared first is the one that guards the struct's data.
type nameTable struct {
	mu      sync.Mutex // guards names
	batchMu sync.Mutex // serialises Import
	names   rcuapi.List[string]
}

func (r *nameTable) add(n string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.names.PushBack(n)
}

func (r *nameTable) importAll(ns []string) {
	r.batchMu.Lock()
	defer r.batchMu.Unlock()
	for _, n := range ns {
		r.names.PushBack(n) // want `RCU2003: PushBack updates nameTable\.names holding only r\.batchMu, but the update at twolocks\.go:\d+ \(\(\*nameTable\)\.add\) holds r\.mu`
	}
}
