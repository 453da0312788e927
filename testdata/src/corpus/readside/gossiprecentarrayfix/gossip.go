// Case: the per-shard "last heard from" slots hold a fresh record of values copied out of the section
// Source: issue 13 items 1 and 8: netip and time values copied out of the section are not protected pointers
// Kind: fixed
// Pair: gossiprecentarray

package gossiprecentarrayfix

import (
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Peer is a member of the cluster. Its inbox is recycled after it leaves.
type Peer struct {
	ID    uint32
	Addr  netip.AddrPort
	inbox []byte
}

// Members is the membership view, replaced on every change.
type Members struct {
	byID map[uint32]*Peer
}

// seen is a heartbeat record: values only.
type seen struct {
	id   uint32
	addr netip.AddrPort
	at   time.Time
}

var (
	mu       sync.Mutex
	members  rcuapi.Pointer[Members]
	lastSeen [16]atomic.Pointer[seen]
	inboxes  = sync.Pool{New: func() any { return make([]byte, 0, 4096) }}
)

// Heard records a heartbeat from peer id.
func Heard(id uint32, at time.Time) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	p := members.Dereference(s).byID[id]
	if p == nil {
		return false
	}
	lastSeen[id%uint32(len(lastSeen))].Store(&seen{id: p.ID, addr: p.Addr, at: at})
	return true
}

// LastSeen reports the address of the peer heard from last in shard i.
func LastSeen(i int) netip.AddrPort {
	if r := lastSeen[i].Load(); r != nil {
		return r.addr
	}
	return netip.AddrPort{}
}

// Leave removes peer id and recycles its inbox after a grace period.
func Leave(id uint32) {
	mu.Lock()
	cur := members.Protected(&mu)
	old := cur.byID[id]
	if old == nil {
		mu.Unlock()
		return
	}
	byID := make(map[uint32]*Peer, len(cur.byID))
	for k, v := range cur.byID {
		if k != id {
			byID[k] = v
		}
	}
	members.Assign(&Members{byID: byID})
	mu.Unlock()
	rcuapi.Synchronize()
	inboxes.Put(old.inbox[:0])
}
