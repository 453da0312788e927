// Case: listreplace
// Source: idiom: list_replace_rcu() then synchronize_rcu() before freeing the old entry (Documentation/RCU/listRCU.rst)
// Kind: idiom
package listreplace

import (
	"strings"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Route struct {
	Prefix  string
	Cluster string
	scratch []byte // pooled, returned after the route is retired
}

type Router struct {
	mu     sync.Mutex
	routes rcuapi.List[*Route]
	pool   sync.Pool
}

func (r *Router) Match(path string) string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range r.routes.All(s) {
		if strings.HasPrefix(path, e.Value.Prefix) {
			return e.Value.Cluster
		}
	}
	return ""
}

// Retarget points every route of prefix at a new cluster.
func (r *Router) Retarget(prefix, cluster string) {
	var retired []*Route
	r.mu.Lock()
	for e := range r.routes.AllProtected(&r.mu) {
		if e.Value.Prefix == prefix {
			nr := &Route{Prefix: prefix, Cluster: cluster, scratch: make([]byte, 0, 256)}
			r.routes.Replace(e, nr)
			retired = append(retired, e.Value)
		}
	}
	r.mu.Unlock()
	if len(retired) == 0 {
		return
	}
	rcuapi.Synchronize()
	for _, old := range retired {
		r.pool.Put(old.scratch[:0])
	}
}
