package rcu2002

import "github.com/rcuvet/rcuvet/rcuapi"

// Slices and structs of this function's own that hold pointers read under
// a section: writing their elements or fields changes the function's own
// memory, not what readers see. Writing through the pointers they hold
// does.

// okSwapInLocalSlice orders its own slice of route pointers.
func okSwapInLocalSlice() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	var rs []*route
	for e := range routes.All(s) {
		rs = append(rs, &e.Value)
	}
	for i := 1; i < len(rs); i++ {
		if rs[i].hops < rs[0].hops {
			rs[0], rs[i] = rs[i], rs[0]
		}
	}
	if len(rs) == 0 {
		return 0
	}
	return rs[0].hops
}

// okClearLocalSlice drops a pointer it kept before the section ends.
func okClearLocalSlice() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	items := make([]*config, 0, 1)
	items = append(items, current.Dereference(s))
	n := items[0].timeout
	items[0] = nil
	return n
}

// okLocalStructFields keeps the pointer in one field of a local struct and
// a local slice in another.
func okLocalStructFields() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	var st struct {
		items []*config
		cur   *config
	}
	st.items = append(st.items, current.Dereference(s))
	st.cur = st.items[0]
	st.items[0] = st.cur
	return st.cur.timeout
}

// writeThroughLocalSlice writes through a pointer kept in a local slice.
func writeThroughLocalSlice(t int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	cs := []*config{current.Dereference(s)}
	cs[0].timeout = t // want `RCU2002: write through a pointer obtained under the section begun by ReadLock`
}

// writeIntoProtectedSlice writes an element of a slice that readers see.
func writeIntoProtectedSlice(p string) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := current.Dereference(s)
	c.peers[0] = p // want `RCU2002: write through a pointer obtained under the section begun by ReadLock`
}
