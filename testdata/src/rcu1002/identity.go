package rcu1002

import "github.com/rcuvet/rcuvet/rcuapi"

// Pointers kept past the section only to be compared later (has the
// published version changed?) or to key per-version state, never read
// through again: rcu_access_pointer() comparisons. Where the package does
// read through what it kept, the store is an escape.

type watcher struct {
	seen    *config         // compared only
	applied map[*config]int // keys looked up only
}

// okRemembersVersion keeps the pointer to compare it with the next one.
func (w *watcher) okRemembersVersion() bool {
	s := rcuapi.ReadLock()
	c := cfg.Dereference(s)
	changed := c != w.seen
	w.seen = c
	rcuapi.ReadUnlock(s)
	return changed
}

// okCountsPerVersion keys a count by the version, after the section.
func (w *watcher) okCountsPerVersion() int {
	s := rcuapi.ReadLock()
	c := cfg.Dereference(s)
	port := c.port
	rcuapi.ReadUnlock(s)
	if w.applied == nil {
		w.applied = map[*config]int{}
	}
	w.applied[c]++
	if len(w.applied) > 16 {
		for k := range w.applied {
			delete(w.applied, k)
		}
	}
	return port + w.applied[c]
}

type follower struct {
	prev  *config         // read through later: not identity-only
	byCfg map[*config]int // keys ranged over and read: not identity-only
}

func (f *follower) keeps() {
	s := rcuapi.ReadLock()
	f.prev = cfg.Dereference(s) // want `RCU1002: a pointer obtained under the section begun by ReadLock at identity.go:\d+ is stored through f, which outlives the section`
	rcuapi.ReadUnlock(s)
}

func (f *follower) port() int { return f.prev.port }

func (f *follower) counts() {
	s := rcuapi.ReadLock()
	c := cfg.Dereference(s)
	f.byCfg[c]++ // want `RCU1002: a pointer obtained under the section begun by ReadLock at identity.go:\d+ is stored through f, which outlives the section`
	rcuapi.ReadUnlock(s)
}

func (f *follower) ports() (n int) {
	for c := range f.byCfg {
		n += c.port
	}
	return n
}
