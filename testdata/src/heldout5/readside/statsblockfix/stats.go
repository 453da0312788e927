// Case: statsblockfix
// Source: Documentation/RCU/checklist.rst item 2 (no blocking in an RCU read-side critical section); prometheus-style metric channels fed from request paths
// Kind: fixed
// Pair: readside/statsblock
package statsblockfix

import (
	"github.com/rcuvet/rcuvet/rcuapi"
)

type Hit struct {
	Route   string
	Cluster string
}

type Table struct {
	clusters map[string]string
}

type Router struct {
	table rcuapi.Pointer[Table]
	hits  chan Hit // drained by the metrics goroutine
}

func (r *Router) Route(path string) string {
	s := rcuapi.ReadLock()
	cluster := r.table.Dereference(s).clusters[path]
	rcuapi.ReadUnlock(s)
	r.hits <- Hit{Route: path, Cluster: cluster}
	return cluster
}
