// Case: DNS cache module posts a Call from its request path under a read lock that also guards a closing flag; Exit sets the flag under the write lock, then calls Barrier
// Source: idiom: "a flag checked under the same lock as the Call" (rcuapi/rcuvet docs for RCU6003), the Go form of the rds_destroy_pending() check before queueing, http://patchwork.ozlabs.org/patch/868902/
// Kind: idiom

package flaglockmodule

import (
	"net/netip"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type answer struct {
	addrs   []netip.Addr
	expires time.Time
}

var (
	gate    sync.RWMutex // readers: posters; writer: Exit
	closing bool         // guarded by gate
	updMu   sync.Mutex
	cache   rcuapi.Map[string, *answer]
	slices  = sync.Pool{New: func() any { return make([]netip.Addr, 0, 8) }}
)

// Module is the DNS cache module.
var Module = &rcuapi.Module{Name: "dnscache", Exit: unload}

// Lookup copies the cached addresses of name into dst.
func Lookup(name string, dst []netip.Addr, now time.Time) ([]netip.Addr, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	a, ok := cache.Load(s, name)
	if !ok || now.After(a.expires) {
		return dst, false
	}
	return append(dst, a.addrs...), true
}

// Remember caches addrs for name; a replaced answer's slice is recycled
// after a grace period.
func Remember(name string, addrs []netip.Addr, ttl time.Duration) {
	gate.RLock()
	defer gate.RUnlock()
	if closing {
		return
	}
	a := &answer{addrs: append(slices.Get().([]netip.Addr)[:0], addrs...), expires: time.Now().Add(ttl)}
	updMu.Lock()
	old, ok := cache.Swap(name, a)
	updMu.Unlock()
	if ok {
		rcuapi.Call(func() { slices.Put(old.addrs[:0]) })
	}
}

// unload: once the flag is set under the write lock, no Remember is
// between its check and its Call, and none will post again.
func unload() {
	gate.Lock()
	closing = true
	gate.Unlock()
	rcuapi.Barrier()
}
