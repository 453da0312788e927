// Case: a gossip node records the last peer heard from per shard in a package-level array of atomic.Pointer, storing the protected peer itself
// Source: issue 13 item 8 (recent[i].Store(p) into a package-level array); kernel rule that pointers from rcu_dereference() do not outlive the section (Documentation/RCU/whatisRCU, http://kerneltrap.org/mailarchive/linux-kernel/2007/10/7/331165)
// Kind: bad
// Pair: gossiprecentarrayfix

package gossiprecentarray

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

var (
	mu       sync.Mutex
	members  rcuapi.Pointer[Members]
	lastSeen [16]atomic.Pointer[Peer] // per shard: the peer heard from last
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
	lastSeen[id%uint32(len(lastSeen))].Store(p) // expect RCU1002
	return true
}

// LastSeen reports the address of the peer heard from last in shard i.
func LastSeen(i int) netip.AddrPort {
	if p := lastSeen[i].Load(); p != nil {
		return p.Addr
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
