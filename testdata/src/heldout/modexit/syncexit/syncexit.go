// Case: conntrack helper module waits for a grace period at exit, believing it also waits for its callbacks
// Source: modules that called synchronize_rcu() instead of rcu_barrier() on unload; a grace period does not wait for queued callbacks (https://lkml.iu.edu/hypermail/linux/kernel/0906.1/00224.html)
// Kind: bad
// Pair: syncexitfix

package syncexit

import (
	"net/netip"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type expectation struct {
	src, dst netip.AddrPort
	proto    uint8
	helper   string
}

var (
	mu       sync.Mutex
	expects  rcuapi.Map[netip.AddrPort, *expectation]
	nexpects atomic.Int64
)

var Module = &rcuapi.Module{Name: "nf_ftp_helper", Init: func() error { return nil }, Exit: helperExit}

// Expect registers a related connection that the helper saw announced.
func Expect(e *expectation) {
	expects.Store(e.dst, e)
	nexpects.Add(1)
}

// Unexpect drops the expectation for dst once the data connection arrived.
func Unexpect(dst netip.AddrPort) {
	if old, ok := expects.Delete(dst); ok {
		rcuapi.Call(func() {
			old.helper = ""
			nexpects.Add(-1)
		})
	}
}

// Match is called per new connection.
func Match(dst netip.AddrPort) (string, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	e, ok := expects.Load(s, dst)
	if !ok {
		return "", false
	}
	return e.helper, true
}

func helperExit() {
	mu.Lock()
	defer mu.Unlock()
	for dst := range expectsKeys() {
		Unexpect(dst)
	}
	rcuapi.Synchronize() // expect RCU6002
}

func expectsKeys() map[netip.AddrPort]struct{} {
	keys := map[netip.AddrPort]struct{}{}
	s := rcuapi.ReadLock()
	for k := range expects.Range(s) {
		keys[k] = struct{}{}
	}
	rcuapi.ReadUnlock(s)
	return keys
}
