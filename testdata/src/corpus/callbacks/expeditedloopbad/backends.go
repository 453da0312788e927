// Case: load balancer drains backends one by one, paying an expedited grace period per backend
// Source: Linux synchronize_rcu_expedited() kernel-doc ("if you are using synchronize_rcu_expedited() in a loop, please restructure your code to batch your updates"); http://ftechworks.mydns.jp/source-direct/download/linux-4.1.27/Documentation/DocBook/device-drivers/API-synchronize-rcu-expedited.html
// Kind: bad
// Pair: expeditedloopfixed

package expeditedloopbad

import (
	"net"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type backend struct {
	addr   string
	weight int
	conn   net.Conn // health-check connection
}

var (
	mu   sync.Mutex
	pool rcuapi.List[*backend]
)

// Pick returns the address of the heaviest backend.
func Pick() string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	best, w := "", -1
	for e := range pool.All(s) {
		if e.Value.weight > w {
			best, w = e.Value.addr, e.Value.weight
		}
	}
	return best
}

// Add publishes a backend.
func Add(addr string, weight int, c net.Conn) {
	b := &backend{addr: addr, weight: weight, conn: c}
	mu.Lock()
	pool.PushBack(b)
	mu.Unlock()
}

// Drain removes every backend in addrs and closes its health-check
// connection once no Pick can still see it.
func Drain(addrs map[string]bool) {
	mu.Lock()
	var gone []*rcuapi.Element[*backend]
	for e := range pool.AllProtected(&mu) {
		if addrs[e.Value.addr] {
			gone = append(gone, e)
		}
	}
	mu.Unlock()
	for _, e := range gone {
		mu.Lock()
		pool.Remove(e)
		mu.Unlock()
		rcuapi.SynchronizeExpedited() // expect RCU4001
		e.Value.conn.Close()
	}
}
