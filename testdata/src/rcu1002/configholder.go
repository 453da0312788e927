package rcu1002

import (
	"net/netip"
	"slices"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// The config holder a new user writes first: values, copies and clones
// leave the section freely; only the two getters that hand out references
// into the shared config are reported.

type inner struct{ level int }

type holderConfig struct {
	Addr    netip.Addr
	Started time.Time
	Tags    []string
	Limits  map[string]int
	Inner   *inner
}

var cur rcuapi.Pointer[holderConfig]

func Addr() netip.Addr {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return cur.Dereference(s).Addr
}

func Started() time.Time {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return cur.Dereference(s).Started
}

func Tags() []string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return append([]string(nil), cur.Dereference(s).Tags...)
}

func TagsCopy() []string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	t := cur.Dereference(s).Tags
	return append(t[:0:0], t...)
}

func Snapshot() holderConfig {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := *cur.Dereference(s)
	c.Tags = slices.Clone(c.Tags)
	c.Limits = nil
	c.Inner = nil
	return c
}

func Leak() *inner {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return cur.Dereference(s).Inner // want `RCU1002: a pointer obtained under the section begun by ReadLock at configholder.go:\d+ is returned, but the section ends in a deferred ReadUnlock`
}

func TagsLeak() []string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return cur.Dereference(s).Tags // want `RCU1002: a pointer obtained under the section begun by ReadLock at configholder.go:\d+ is returned, but the section ends in a deferred ReadUnlock`
}

// SnapshotShallow copies the struct but keeps its map: the copy still
// reaches the shared map.
func SnapshotShallow() holderConfig {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	c := *cur.Dereference(s)
	c.Tags = slices.Clone(c.Tags)
	c.Inner = nil
	return c // want `RCU1002: a pointer obtained under the section begun by ReadLock at configholder.go:\d+ is returned`
}

// TwoReturns reports the return that returns the pointer, not the other.
func TwoReturns(ok bool) *inner {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if !ok {
		return nil
	}
	return cur.Dereference(s).Inner // want `RCU1002: a pointer obtained under the section begun by ReadLock at configholder.go:\d+ is returned`
}

// Same compares the current config with an earlier one: an identity.
func Same(old *holderConfig) bool {
	s := rcuapi.ReadLock()
	c := cur.Dereference(s)
	rcuapi.ReadUnlock(s)
	return c == old
}

// CAS publishes a new config if the current one is still what was read:
// the expected value is only compared.
func CAS(next *holderConfig) bool {
	s := rcuapi.ReadLock()
	c := cur.Dereference(s)
	rcuapi.ReadUnlock(s)
	return cur.CompareAndSwap(c, next)
}

// seenInners collects pointers inside the section and counts the distinct
// ones after it: map keys are identities.
func seenInners(n int) int {
	ptrs := make([]*inner, 0, n)
	s := rcuapi.ReadLock()
	for range n {
		ptrs = append(ptrs, cur.Dereference(s).Inner)
	}
	rcuapi.ReadUnlock(s)
	seen := map[*inner]bool{}
	for _, p := range ptrs {
		seen[p] = true
	}
	return len(seen)
}
