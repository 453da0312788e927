// Case: QSBR gossip worker ranges over the peer map, ends its section and goes offline around each blocking send, then re-enters and continues the iterator of the ended section
// Source: rcuapi Map.Range doc ("The loop must end before s does"); list_for_each_entry_rcu() with the read lock dropped around a sleeping call; rcuvet issue 13 item 7
// Kind: bad
// Pair: mapiterunlockfixed

package mapiterunlockbad

import (
	"net/netip"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type peer struct {
	addr  netip.AddrPort
	epoch uint64
}

// Digest is what one gossip round sends to a peer.
type Digest struct {
	To    netip.AddrPort
	Epoch uint64
}

var (
	q     = rcuapi.NewQSBR("peers")
	mu    sync.Mutex
	peers rcuapi.Map[string, *peer]
)

// Round sends a digest to every peer whose epoch is behind ours. The send
// can block, so the handle leaves its section and goes offline around it.
func Round(r *rcuapi.QSBRReader, ours uint64, out chan<- Digest) int {
	sent := 0
	s := r.ReadLock()
	for _, p := range peers.Range(s) {
		if p.epoch >= ours {
			continue
		}
		d := Digest{To: p.addr, Epoch: ours}
		r.ReadUnlock(s) // expect RCU1001
		r.Offline()
		out <- d
		r.Online()
		sent++
		s = r.ReadLock()
	}
	r.ReadUnlock(s)
	r.Quiescent()
	return sent
}

// Forget removes a peer and returns once no round can still see it.
func Forget(name string) {
	mu.Lock()
	_, ok := peers.Delete(name)
	mu.Unlock()
	if ok {
		q.Synchronize()
	}
}

// Learn records a peer's epoch.
func Learn(name string, addr netip.AddrPort, epoch uint64) {
	mu.Lock()
	peers.Store(name, &peer{addr: addr, epoch: epoch})
	mu.Unlock()
}
