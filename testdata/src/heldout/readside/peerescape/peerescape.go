// Case: peer found under a section is cached in long-lived memory (atomic.Pointer, package map)
// Source: Documentation/RCU/checklist.rst item 2 and whatisRCU.rst: a pointer from rcu_dereference() must not be kept past rcu_read_unlock() without a reference
// Kind: bad
// Pair: peerescapefix

package peerescape

import (
	"net/netip"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Peer struct {
	Key      [32]byte
	Endpoint netip.AddrPort
	Allowed  []netip.Prefix
}

type peerSet struct {
	byKey map[[32]byte]*Peer
}

var (
	peers rcuapi.Pointer[peerSet]
	mu    sync.Mutex

	// last is the peer that sent the most recent packet, for the status page.
	last atomic.Pointer[Peer]

	recentMu sync.Mutex
	recent   = map[netip.AddrPort]*Peer{}
)

// Endpoint returns where to send packets for key, remembering the peer.
func Endpoint(key [32]byte) (netip.AddrPort, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	p := peers.Dereference(s).byKey[key]
	if p == nil {
		return netip.AddrPort{}, false
	}
	last.Store(p) // expect RCU1002
	return p.Endpoint, true
}

// Roam records that key was seen from a new address.
func Roam(key [32]byte, from netip.AddrPort) bool {
	s := rcuapi.ReadLock()
	p := peers.Dereference(s).byKey[key]
	rcuapi.ReadUnlock(s)
	if p == nil {
		return false
	}
	recentMu.Lock()
	recent[from] = p // expect RCU1002
	recentMu.Unlock()
	return true
}

// Replace installs a new peer set; retired peers have their allowed-IP
// slices zeroed so that stale routing cannot match them.
func Replace(next *peerSet) {
	mu.Lock()
	old := peers.Replace(next, &mu)
	mu.Unlock()
	if old == nil {
		return
	}
	rcuapi.Synchronize()
	for _, p := range old.byKey {
		clear(p.Allowed)
	}
}
