// Case: pushthenweightfix
// Source: Documentation/RCU/checklist.rst item 4 (all initialisation before list_add_rcu()); kernel fixes that moved field setup before list_add_rcu
// Kind: fixed
// Pair: updateside/pushthenweight
package pushthenweightfix

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Server struct {
	Addr   string
	Weight int
	Drain  bool
}

type Pool struct {
	mu      sync.Mutex
	servers rcuapi.List[*Server]
}

func (p *Pool) TotalWeight() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	total := 0
	for e := range p.servers.All(s) {
		if !e.Value.Drain {
			total += e.Value.Weight
		}
	}
	return total
}

// Join is called when a server registers with the discovery service.
func (p *Pool) Join(addr string, weight int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	srv := &Server{Addr: addr}
	srv.Weight = weight
	p.servers.PushBack(srv)
}
