// Case: objects read by both classic and SRCU readers are retired after both grace periods: a classic Call that chains an SRCU Call, Synchronize then SRCU Synchronize, and a helper that does both
// Source: idiom: the fix of CVE-2023-52447, Linux commit 876673364161 "bpf: Defer the free of inner map when necessary" (wait for an RCU and a tasks-trace RCU grace period, https://patchsiren.com/cves/linux/cve-2023-52447); issue 13 item 3
// Kind: idiom

package chainedgraceperiods

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var slabs = sync.Pool{New: func() any { return make([]byte, 0, 4096) }}

// Filter is a compiled filter program; its code lives in a pooled slab.
type Filter struct {
	Name string
	code []byte
}

// Close returns the filter's slab to the pool.
func (f *Filter) Close() { slabs.Put(f.code[:0]) }

var (
	sleepable rcuapi.SRCU // sections of filters that may block
	mu        sync.Mutex
	ingress   rcuapi.Pointer[Filter]
	egress    rcuapi.Pointer[Filter]
	forward   rcuapi.Pointer[Filter]
)

func run(f *Filter, pkt []byte) bool { return f != nil && len(pkt) >= len(f.code) }

// Fast runs the filters from a classic reader.
func Fast(pkt []byte) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return run(ingress.Dereference(s), pkt) && run(egress.Dereference(s), pkt) &&
		run(forward.Dereference(s), pkt)
}

// Slow runs the filters from a sleepable reader.
func Slow(pkt []byte) bool {
	s := sleepable.ReadLock()
	defer sleepable.ReadUnlock(s)
	return run(ingress.Dereference(s), pkt) && run(egress.Dereference(s), pkt) &&
		run(forward.Dereference(s), pkt)
}

// waitAll waits for both kinds of readers.
func waitAll() {
	rcuapi.Synchronize()
	sleepable.Synchronize()
}

// SetIngress retires the old filter from callbacks, chained.
func SetIngress(f *Filter) {
	mu.Lock()
	old := ingress.Replace(f, &mu)
	mu.Unlock()
	if old != nil {
		rcuapi.Call(func() { sleepable.Call(old.Close) })
	}
}

// SetEgress waits for both grace periods in turn.
func SetEgress(f *Filter) {
	mu.Lock()
	old := egress.Replace(f, &mu)
	mu.Unlock()
	if old != nil {
		rcuapi.Synchronize()
		sleepable.Synchronize()
		old.Close()
	}
}

// SetForward waits through a helper.
func SetForward(f *Filter) {
	mu.Lock()
	old := forward.Replace(f, &mu)
	mu.Unlock()
	if old != nil {
		waitAll()
		old.Close()
	}
}
