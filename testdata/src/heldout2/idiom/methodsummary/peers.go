// Case: peer table readers call methods of the protected peer that return value summaries and cloned slices, and use the results after the section
// Source: idiom: accessor methods that copy (Go's value-returning getters), the "copy out what you need" rule of whatisRCU.rst
// Kind: idiom

package methodsummary

import (
	"net/netip"
	"slices"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Peer struct {
	ID       string
	Addrs    []netip.AddrPort
	Tags     map[string]string
	LastSeen time.Time
}

type PeerSummary struct {
	ID       string
	Primary  netip.AddrPort
	Region   string
	LastSeen time.Time
}

// Summary copies the fields a status page shows.
func (p *Peer) Summary() PeerSummary {
	var primary netip.AddrPort
	if len(p.Addrs) > 0 {
		primary = p.Addrs[0]
	}
	return PeerSummary{ID: p.ID, Primary: primary, Region: p.Tags["region"], LastSeen: p.LastSeen}
}

// DialOrder returns the peer's addresses in a new slice.
func (p *Peer) DialOrder() []netip.AddrPort { return slices.Clone(p.Addrs) }

type Table struct {
	mu    sync.Mutex
	peers rcuapi.Map[string, *Peer]
}

// Status returns summaries of all peers.
func (t *Table) Status() []PeerSummary {
	var out []PeerSummary
	s := rcuapi.ReadLock()
	for _, p := range t.peers.Range(s) {
		out = append(out, p.Summary())
	}
	rcuapi.ReadUnlock(s)
	slices.SortFunc(out, func(a, b PeerSummary) int { return a.LastSeen.Compare(b.LastSeen) })
	return out
}

// Dial tries a peer's addresses in order with dial, which blocks.
func (t *Table) Dial(id string, dial func(netip.AddrPort) error) error {
	s := rcuapi.ReadLock()
	p, ok := t.peers.Load(s, id)
	var addrs []netip.AddrPort
	if ok {
		addrs = p.DialOrder()
	}
	rcuapi.ReadUnlock(s)
	var err error
	for _, a := range addrs {
		if err = dial(a); err == nil {
			return nil
		}
	}
	return err
}

// Upsert stores a peer; replaced peers are only memory.
func (t *Table) Upsert(p *Peer) { t.peers.Store(p.ID, p) }
