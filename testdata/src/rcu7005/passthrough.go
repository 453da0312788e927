package rcu7005

import "sync/atomic"

// A Value that holds whatever its caller hands over as an interface{}
// is a container: which concrete types reach it is decided by the
// callers. When every caller in sight passes one type, nothing can clash;
// when two pass different types, the second call is where it breaks.

// firstReply keeps the first reply of a command sent to every shard, as
// go-redis's routing aggregators do: replies to one command have one type.
type firstReply struct {
	res atomic.Value
}

func (a *firstReply) Add(result interface{}) {
	if result != nil {
		a.res.CompareAndSwap(nil, result)
	}
}

func (a *firstReply) Result() interface{} { return a.res.Load() }

// anyCache is a pre-generics typed holder: its users store one type.
type anyCache struct{ v atomic.Value }

func (c *anyCache) Set(v any) { c.v.Store(v) }

func (c *anyCache) Get() any { return c.v.Load() }

var names anyCache

func setNames(list []string) { names.Set(list) }

func renameAll(list []string) { names.Set(append([]string(nil), list...)) }

// mixedCache is given an int by one caller and a string by another: the
// second Set panics.
type mixedCache struct{ v atomic.Value }

func (c *mixedCache) Set(v any) { c.v.Store(v) }

var limits mixedCache

func setLimit(n int) { limits.Set(n) }

func setLimitText(s string) {
	limits.Set(s) // want `RCU7005: Set stores a string into atomic.Value c\.v \(through its parameter v\), but the call at passthrough\.go:\d+ stores an int`
}
