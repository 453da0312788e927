// Case: backend pool update copies the current version under the lock, changes the copy, publishes it, waits, then closes what was dropped
// Source: idiom: the read-copy-update cycle of Documentation/RCU/whatisRCU.rst (copy, update the copy, rcu_assign_pointer, synchronize_rcu, free)
// Kind: idiom

package copyupdate

import (
	"maps"
	"net"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type backend struct {
	addr   string
	weight int
	conn   net.Conn
}

type pool struct {
	byAddr map[string]*backend
	total  int
}

type LB struct {
	mu  sync.Mutex
	cur rcuapi.Pointer[pool]
}

func New() *LB {
	lb := &LB{}
	lb.cur.Init(&pool{byAddr: map[string]*backend{}})
	return lb
}

// SetWeight changes one backend's weight. The backend struct is copied
// too: readers may be looking at the old one.
func (lb *LB) SetWeight(addr string, w int) {
	lb.mu.Lock()
	defer lb.mu.Unlock()
	old := lb.cur.Protected(&lb.mu)
	b, ok := old.byAddr[addr]
	if !ok {
		return
	}
	nb := *b
	nb.weight = w
	next := &pool{byAddr: maps.Clone(old.byAddr), total: old.total - b.weight + w}
	next.byAddr[addr] = &nb
	lb.cur.Assign(next)
}

// Remove drops a backend and closes its connection after a grace period.
func (lb *LB) Remove(addr string) {
	lb.mu.Lock()
	old := lb.cur.Protected(&lb.mu)
	gone, ok := old.byAddr[addr]
	if !ok {
		lb.mu.Unlock()
		return
	}
	next := &pool{byAddr: maps.Clone(old.byAddr), total: old.total - gone.weight}
	delete(next.byAddr, addr)
	lb.cur.Replace(next, &lb.mu)
	lb.mu.Unlock()

	rcuapi.Synchronize()
	gone.conn.Close()
}

// Weight is the read side.
func (lb *LB) Weight(addr string) (int, int) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	p := lb.cur.Dereference(s)
	if b, ok := p.byAddr[addr]; ok {
		return b.weight, p.total
	}
	return 0, p.total
}
