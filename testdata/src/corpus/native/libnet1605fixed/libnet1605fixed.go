// Case: ResolveName returns a copy of the IP slice, which the resolver may shuffle
// Source: moby/libnetwork PR #1605 https://github.com/moby/libnetwork/pull/1605, code at the merge d2edad309cc8, network.go ResolveName ("ResolveName should return copy of IPs")
// Kind: fixed
// Pair: libnet1605bad

package libnet1605fixed

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

// ResolveName returns a copy of the addresses registered for name.
func (n *network) ResolveName(name string) []net.IP {
	sr := n.records.Load()
	if sr == nil {
		return nil
	}
	ip := sr.svcMap[name]
	ipLocal := make([]net.IP, len(ip))
	copy(ipLocal, ip)
	return ipLocal
}

// handleIPQuery answers a DNS query; concurrent queries run on their own goroutines.
func handleIPQuery(n *network, name string) []net.IP {
	addr := n.ResolveName(name)
	for i := len(addr) - 1; i > 0; i-- {
		j := rand.Intn(i + 1)
		addr[i], addr[j] = addr[j], addr[i]
	}
	return addr
}
