// Case: QSBR gossip worker copies the digests out while ranging over the peer map, ends the range and the section, then goes offline for the blocking sends
// Source: rcuapi Map.Range doc ("The loop must end before s does"); list_for_each_entry_rcu() with the read lock dropped around a sleeping call; rcuvet issue 13 item 7
// Kind: fixed
// Pair: mapiterunlockbad

package mapiterunlockfixed

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

// Round sends a digest to every peer whose epoch is behind ours. The sends
// can block, so the digests are collected inside the section and sent
// after it, with the handle offline.
func Round(r *rcuapi.QSBRReader, ours uint64, out chan<- Digest) int {
	var todo []Digest
	s := r.ReadLock()
	for _, p := range peers.Range(s) {
		if p.epoch < ours {
			todo = append(todo, Digest{To: p.addr, Epoch: ours})
		}
	}
	r.ReadUnlock(s)
	r.Offline()
	for _, d := range todo {
		out <- d
	}
	r.Online()
	return len(todo)
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
