// Case: ResolveName returns the IP slice held in the service records; the DNS resolver shuffles it in place
// Source: moby/libnetwork PR #1605 https://github.com/moby/libnetwork/pull/1605 (related to docker/docker #28836), code at its parent 9b2ca49de65a, network.go ResolveName and resolver.go handleIPQuery/shuffleAddr; there the records were a map guarded by the controller's mutex, here they are a copy-on-write snapshot in an atomic.Pointer, and the shuffle is written inline
// Kind: bad
// Pair: libnet1605fixed

package libnet1605bad

import (
	"math/rand"
	"net"
	"sync"
	"sync/atomic"
)

type svcRecords struct {
	svcMap map[string][]net.IP
}

type network struct {
	mu      sync.Mutex // serialises addSvcRecord
	records atomic.Pointer[svcRecords]
}

func (n *network) addSvcRecord(name string, ip net.IP) {
	n.mu.Lock()
	defer n.mu.Unlock()
	next := &svcRecords{svcMap: map[string][]net.IP{}}
	if cur := n.records.Load(); cur != nil {
		for k, v := range cur.svcMap {
			next.svcMap[k] = v
		}
	}
	next.svcMap[name] = append(append([]net.IP(nil), next.svcMap[name]...), ip)
	n.records.Store(next)
}

// ResolveName returns the addresses registered for name.
func (n *network) ResolveName(name string) []net.IP {
	sr := n.records.Load()
	if sr == nil {
		return nil
	}
	return sr.svcMap[name]
}

// handleIPQuery answers a DNS query; concurrent queries run on their own goroutines.
func handleIPQuery(n *network, name string) []net.IP {
	addr := n.ResolveName(name)
	for i := len(addr) - 1; i > 0; i-- {
		j := rand.Intn(i + 1)
		addr[i], addr[j] = addr[j], addr[i] // expect RCU7002
	}
	return addr
}
