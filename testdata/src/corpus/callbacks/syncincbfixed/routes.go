// Case: route table read by classic lookups and by SRCU exporters; the retire callback chains a Call on the exporters' domain instead of waiting
// Source: Documentation/RCU/checklist.rst items 5 and 6 (callbacks must not block; synchronize_rcu() blocks); liburcu, call_rcu worker threads stall every queued callback while one waits
// Kind: fixed
// Pair: syncincbbad

package syncincbfixed

import (
	"net/netip"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type table struct {
	routes map[netip.Prefix]netip.Addr
}

var (
	mu        sync.Mutex
	current   rcuapi.Pointer[table] // read under classic RCU and under exportDom
	exportDom rcuapi.SRCU           // exporters block on the network while they read
	tables    = sync.Pool{New: func() any { return &table{routes: map[netip.Prefix]netip.Addr{}} }}
)

func init() { current.Init(tables.Get().(*table)) }

// NextHop looks dst up; classic readers never block.
func NextHop(dst netip.Prefix) (netip.Addr, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	a, ok := current.Dereference(s).routes[dst]
	return a, ok
}

// Export writes every route with emit, which may block.
func Export(emit func(netip.Prefix, netip.Addr)) {
	s := exportDom.ReadLock()
	defer exportDom.ReadUnlock(s)
	for p, a := range current.Dereference(s).routes {
		emit(p, a)
	}
}

// recycle returns t to the pool.
func (t *table) recycle() {
	clear(t.routes)
	tables.Put(t)
}

// Install publishes routes as the new table. The old table is recycled
// after the classic grace period (Call) and then the exporters' one.
func Install(routes map[netip.Prefix]netip.Addr) {
	nt := tables.Get().(*table)
	for p, a := range routes {
		nt.routes[p] = a
	}
	mu.Lock()
	old := current.Replace(nt, &mu)
	mu.Unlock()
	if old == nil {
		return
	}
	rcuapi.Call(func() {
		exportDom.Call(old.recycle)
	})
}
