package rcu1002

import "github.com/rcuvet/rcuvet/rcuapi"

// The use after ReadUnlock of a pointer obtained in time is reported
// whether or not a later dereference under the ended section (RCU1001's)
// comes first; the uses of that late dereference's result are RCU1001's
// alone.

func derefFirst() int {
	s := rcuapi.ReadLock()
	c := cfg.Dereference(s)
	rcuapi.ReadUnlock(s)
	d := cfg.Dereference(s) // RCU1001 reports this dereference
	x := c.port             // want `RCU1002: a pointer obtained under the section begun by ReadLock at order.go:\d+ is used after the section ended at order.go:\d+`
	return x + d.port
}

func useFirst() int {
	s := rcuapi.ReadLock()
	c := cfg.Dereference(s)
	rcuapi.ReadUnlock(s)
	x := c.port // want `RCU1002: a pointer obtained under the section begun by ReadLock at order.go:\d+ is used after the section ended at order.go:\d+`
	d := cfg.Dereference(s)
	return x + d.port
}

// deadOnly dereferences only after the end: nothing for RCU1002.
func deadOnly() int {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	d := cfg.Dereference(s)
	p := &d.port
	return *p
}
