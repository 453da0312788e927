// Case: struct copies of protected peers whose reference fields are cloned or cleared before they leave the section
// Source: idiom: "copy out what you need" done with a struct copy followed by fixing up its reference fields (issue 13 item 1: track the fields of a local struct copy)
// Kind: idiom

package peerstructsnapshot

import (
	"maps"
	"net"
	"net/netip"
	"slices"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Peer is a cluster member; conn is closed when the peer is retired.
type Peer struct {
	ID       string
	Addrs    []netip.AddrPort
	Labels   map[string]string
	LastSeen time.Time
	conn     net.Conn
}

// Stats are counters without references.
type Stats struct {
	Sent, Received uint64
}

// View is what the status page shows about a peer.
type View struct {
	Peer  Peer
	Stats Stats
}

// Table is the membership table, replaced on every change.
type Table struct {
	peers map[string]*Peer
	stats map[string]Stats
}

var (
	mu    sync.Mutex
	table rcuapi.Pointer[Table]
)

// Info returns a detached copy of peer id.
func Info(id string) (Peer, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	p := table.Dereference(s).peers[id]
	if p == nil {
		return Peer{}, false
	}
	c := *p
	c.Addrs = slices.Clone(c.Addrs)
	c.Labels = maps.Clone(c.Labels)
	c.conn = nil
	return c, true
}

// Views returns a detached view of every peer.
func Views() []View {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	t := table.Dereference(s)
	out := make([]View, 0, len(t.peers))
	for id, p := range t.peers {
		v := View{Peer: *p, Stats: t.stats[id]}
		v.Peer.Addrs = nil
		v.Peer.Labels = map[string]string{"id": id}
		v.Peer.conn = nil
		out = append(out, v)
	}
	return out
}

// StatsOf returns the counters of peer id (a struct of values).
func StatsOf(id string) Stats {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return table.Dereference(s).stats[id]
}

// Remove drops peer id and closes its connection after a grace period.
func Remove(id string) {
	mu.Lock()
	cur := table.Protected(&mu)
	old := cur.peers[id]
	if old == nil {
		mu.Unlock()
		return
	}
	next := &Table{peers: maps.Clone(cur.peers), stats: maps.Clone(cur.stats)}
	delete(next.peers, id)
	delete(next.stats, id)
	table.Assign(next)
	mu.Unlock()
	rcuapi.Synchronize()
	old.conn.Close()
}
