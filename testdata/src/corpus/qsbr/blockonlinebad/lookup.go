// Case: QSBR lookup worker waits for its next job on a channel while its handle is online, holding up every grace period of the domain
// Source: urcu-qsbr (liburcu README: a registered QSBR thread must call rcu_thread_offline() before blocking); openvmm "pal_uring: quiesce minircu before blocking in io_uring worker", https://github.com/microsoft/openvmm/pull/3490
// Kind: bad
// Pair: blockonlinefixed

package blockonlinebad

import (
	"net/netip"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type routeTable struct {
	hops map[netip.Prefix]netip.Addr
}

// Job is one lookup; the worker fills Hop and Found and closes Done.
type Job struct {
	Dst   netip.Prefix
	Hop   netip.Addr
	Found bool
	Done  chan struct{}
}

var (
	q      = rcuapi.NewQSBR("routes")
	mu     sync.Mutex
	table  rcuapi.Pointer[routeTable]
	tables = sync.Pool{New: func() any { return &routeTable{hops: map[netip.Prefix]netip.Addr{}} }}
)

// Worker serves jobs until the channel is closed.
func Worker(jobs <-chan *Job) {
	r := q.Register()
	defer r.Unregister()
	for {
		j, ok := <-jobs // expect RCU1005
		if !ok {
			return
		}
		s := r.ReadLock()
		if t := table.Dereference(s); t != nil {
			j.Hop, j.Found = t.hops[j.Dst]
		}
		r.ReadUnlock(s)
		close(j.Done)
		r.Quiescent()
	}
}

// Install publishes a new table and recycles the old one after a grace
// period of q. The updater holds no handle of q.
func Install(hops map[netip.Prefix]netip.Addr) {
	nt := tables.Get().(*routeTable)
	for p, a := range hops {
		nt.hops[p] = a
	}
	mu.Lock()
	old := table.Replace(nt, &mu)
	mu.Unlock()
	if old == nil {
		return
	}
	q.Synchronize()
	clear(old.hops)
	tables.Put(old)
}
