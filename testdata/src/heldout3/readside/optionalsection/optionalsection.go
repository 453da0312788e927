// Case: settings cache serves compiled-in keys without a read-side section and runtime keys with one, but ends a section unconditionally on the way out
// Source: Documentation/RCU/checklist.rst item 2 (rcu_read_unlock() only to end a section that rcu_read_lock() began); kernel fixes for an unbalanced rcu_read_unlock() on a conditional fast path
// Kind: bad
// Pair: readside/optionalsectionfix

package optionalsection

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type entries struct {
	m map[string]string
}

type Settings struct {
	static *entries // compiled in, never changes
	mu     sync.Mutex
	dyn    rcuapi.Pointer[entries]
}

func New(defaults map[string]string) *Settings {
	st := &Settings{static: &entries{m: defaults}}
	st.dyn.Init(&entries{m: map[string]string{}})
	return st
}

func (st *Settings) Get(key string, builtin bool) (string, bool) {
	var s rcuapi.Section
	var e *entries
	if builtin {
		e = st.static
	} else {
		s = rcuapi.ReadLock()
		e = st.dyn.Dereference(s)
	}
	v, ok := e.m[key]
	rcuapi.ReadUnlock(s) // expect RCU1003
	return v, ok
}

func (st *Settings) Put(key, value string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	old := st.dyn.Protected(&st.mu)
	next := &entries{m: make(map[string]string, len(old.m)+1)}
	for k, v := range old.m {
		next.m[k] = v
	}
	next.m[key] = value
	st.dyn.Replace(next, &st.mu)
}
