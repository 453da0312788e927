// Case: route-cache module's Exit waits for a grace period of its QSBR domain, believing that this also waits for the callbacks it queued there
// Source: Documentation/RCU/rcubarrier.rst (synchronize_rcu() does not wait for callbacks; rcu_barrier() does) and checklist.rst item 18; liburcu's rcu_barrier() for call_rcu() users
// Kind: bad
// Pair: routecachefix

package routecache

import (
	"context"
	"net/netip"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type entry struct {
	nextHop netip.Addr
	scratch *[]byte
}

var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 256); return &b }}

func (e *entry) free() { bufPool.Put(e.scratch) }

type cache struct {
	q       *rcuapi.QSBR
	mu      sync.Mutex // serialises updaters
	entries rcuapi.Map[netip.Prefix, *entry]
	cancel  context.CancelFunc
	done    chan struct{}
	lookups chan lookup
}

type lookup struct {
	prefix netip.Prefix
	reply  chan netip.Addr // capacity 1: the reader never waits on it
}

var c = &cache{q: rcuapi.NewQSBR("routecache")}

var Module = &rcuapi.Module{Name: "routecache", Init: start, Exit: exit}

func start() error {
	ctx, cancel := context.WithCancel(context.Background())
	c.cancel, c.done = cancel, make(chan struct{})
	c.lookups = make(chan lookup)
	go c.serve(ctx)
	return nil
}

// serve answers lookups on one goroutine that reads through a QSBR handle.
func (c *cache) serve(ctx context.Context) {
	defer close(c.done)
	r := c.q.Register()
	defer r.Unregister()
	for {
		r.Offline()
		var req lookup
		select {
		case <-ctx.Done():
			r.Online()
			return
		case req = <-c.lookups:
		}
		r.Online()
		s := r.ReadLock()
		var hop netip.Addr
		if e, ok := c.entries.Load(s, req.prefix); ok {
			hop = e.nextHop
		}
		r.ReadUnlock(s)
		r.Quiescent()
		req.reply <- hop
	}
}

// NextHop returns the cached next hop for p (the zero Addr if none).
func NextHop(p netip.Prefix) netip.Addr {
	req := lookup{prefix: p, reply: make(chan netip.Addr, 1)}
	c.lookups <- req
	return <-req.reply
}

// Learn caches a next hop for a prefix.
func Learn(p netip.Prefix, hop netip.Addr) {
	e := &entry{nextHop: hop, scratch: bufPool.Get().(*[]byte)}
	c.mu.Lock()
	if old, ok := c.entries.Swap(p, e); ok {
		c.q.Call(old.free)
	}
	c.mu.Unlock()
}

// Forget drops a prefix after a route withdrawal.
func Forget(p netip.Prefix) {
	c.mu.Lock()
	if old, ok := c.entries.Delete(p); ok {
		c.q.Call(old.free)
	}
	c.mu.Unlock()
}

func exit() {
	c.cancel()
	<-c.done
	c.q.Synchronize() // expect RCU6002
}
