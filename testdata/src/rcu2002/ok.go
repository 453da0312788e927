package rcu2002

import (
	"maps"
	"slices"
	"sort"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// okCopyUpdatePublish copies the current version under the lock, changes the
// copy and publishes it.
func okCopyUpdatePublish(t int, k string, v int) {
	mu.Lock()
	defer mu.Unlock()
	old := current.Protected(&mu)
	next := &config{addr: old.addr, peers: old.peers, inner: old.inner, stats: old.stats}
	next.timeout = t
	next.limits = maps.Clone(old.limits)
	next.limits[k] = v
	next.peers = slices.Clone(old.peers)
	next.peers = append(next.peers, k)
	current.Replace(next, &mu)
}

// okAtomicFieldUpdate counts with an atomic field of the dereferenced object.
func okAtomicFieldUpdate() {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	counts.Dereference(s).hits.Add(1)
}

// okWriteLocalCopy copies the object out and changes the copy.
func okWriteLocalCopy(t int) config {
	s := rcuapi.ReadLock()
	c := *current.Dereference(s)
	rcuapi.ReadUnlock(s)
	c.timeout = t
	c.addr = "copy"
	return c
}

// okWriteLocalCopyInSection changes a copy while the section is still live.
func okWriteLocalCopyInSection(t int) int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := *current.Dereference(s)
	c.timeout = t
	c.inner = nil
	return c.timeout
}

// okElementMutexState changes state that sits behind a mutex of its own,
// which readers take as well (okReadElementMutexState).
func okElementMutexState(name string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	st := current.Dereference(s).stats
	st.mu.Lock()
	st.count++
	st.last = name
	st.mu.Unlock()
}

// okReadElementMutexState is the reader of okElementMutexState.
func okReadElementMutexState() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	st := current.Dereference(s).stats
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.count
}

// okCloneThenWrite clones a slice and a map of the object and changes the clones.
func okCloneThenWrite(peer, k string) ([]string, map[string]int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := current.Dereference(s)
	peers := slices.Clone(c.peers)
	if len(peers) > 0 {
		peers[0] = peer
	}
	limits := maps.Clone(c.limits)
	limits[k] = 1
	return peers, limits
}

// okCopyOutIntoFreshObject fills a new object with values read under the section.
func okCopyOutIntoFreshObject() *route {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := current.Dereference(s)
	r := &route{}
	r.prefix = c.addr
	r.hops = c.timeout
	return r
}

// okCopyElementValue copies an element's value and changes the copy.
func okCopyElementValue(prefix string) (best route) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range routes.All(s) {
		v := e.Value
		v.hops++
		if v.prefix == prefix {
			best = v
		}
	}
	return best
}

// okWriteLocals changes only locals that hold values read under the section.
func okWriteLocals() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	t := current.Dereference(s).timeout
	t++
	n := 0
	for range current.Dereference(s).peers {
		n++
	}
	return t + n
}

// okWrapperCopyUpdate changes a store of another package through its own
// copy-update-publish method.
func okWrapperCopyUpdate(port int) { store.SetPort(port) }

// okReadingMethodThroughDeref only reads through a method of another package.
func okReadingMethodThroughDeref() string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return store.Config(s).Describe()
}

// okDeleteFromCopy deletes from a clone of the dereferenced map.
func okDeleteFromCopy(k string) map[string]int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	m := maps.Clone(current.Dereference(s).limits)
	delete(m, k)
	return m
}

// okCopyThenPublish copies the published object under the lock, changes
// the copy (its map cloned first) and publishes the copy.
func okCopyThenPublish(t int) {
	mu.Lock()
	defer mu.Unlock()
	next := *current.Protected(&mu)
	next.timeout = t
	current.Assign(&next)
}

// okWriteAfterUnpublish writes into an element after removing it and
// waiting for a grace period: no reader can see it any more.
func okWriteAfterUnpublish(hops int) {
	mu.Lock()
	var gone *rcuapi.Element[route]
	for e := range routes.AllProtected(&mu) {
		routes.Remove(e)
		gone = e
		break
	}
	mu.Unlock()
	if gone == nil {
		return
	}
	rcuapi.Synchronize()
	gone.Value.hops = hops
}

// okSortCopy sorts a copy of the published slice.
func okSortCopy() []string {
	s := rcuapi.ReadLock()
	peers := slices.Clone(current.Dereference(s).peers)
	rcuapi.ReadUnlock(s)
	sort.Strings(peers)
	return peers
}
