// Case: QSBR request workers register a handle, go offline around the blocking receive, read inside short sections and announce a quiescent state per request; the updater, which holds no handle, retires old tables after the QSBR domain's grace period
// Source: idiom: the urcu-qsbr worker loop (rcu_register_thread, rcu_thread_offline/online around blocking, rcu_quiescent_state between requests) and the rcuapi package doc's worker example; rcuvet issue 13 item 5
// Kind: idiom

package qsbrworker

import (
	"strings"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type route struct {
	prefix  string
	backend string
}

type table struct {
	routes []route // longest prefix first
}

// Request asks for the backend of Path; the worker sets Backend and
// closes Done.
type Request struct {
	Path    string
	Backend string
	Done    chan struct{}
}

var (
	q      = rcuapi.NewQSBR("router")
	mu     sync.Mutex
	routes rcuapi.Pointer[table]
	tables = sync.Pool{New: func() any { return new(table) }}
)

// Worker serves batches of requests until in is closed.
func Worker(in <-chan []*Request) {
	r := q.Register()
	defer r.Unregister()
	for {
		r.Offline()
		batch, ok := <-in
		r.Online()
		if !ok {
			return
		}
		for _, req := range batch {
			s := r.ReadLock()
			if t := routes.Dereference(s); t != nil {
				for _, rt := range t.routes {
					if strings.HasPrefix(req.Path, rt.prefix) {
						req.Backend = rt.backend
						break
					}
				}
			}
			r.ReadUnlock(s)
			close(req.Done)
			r.Quiescent()
		}
	}
}

// Install publishes rs and recycles the previous table once every worker
// has passed a quiescent state.
func Install(rs []route) {
	t := tables.Get().(*table)
	t.routes = append(t.routes[:0], rs...)
	mu.Lock()
	old := routes.Replace(t, &mu)
	mu.Unlock()
	if old == nil {
		return
	}
	q.Synchronize()
	old.routes = old.routes[:0]
	tables.Put(old)
}
