// Case: HTTP router attaches the *Route it found in the published table to the request struct, which the forwarding stage reads after the router's deferred ReadUnlock
// Source: Documentation/RCU/checklist.rst item 2 and whatisRCU.rst (a pointer from rcu_dereference() stored into a longer-lived structure without a reference); the request-context caching of Go routers
// Kind: bad
// Pair: readside/requestattachfix

package requestattach

import (
	"strings"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Route struct {
	Backend     string
	Timeout     time.Duration
	StripPrefix bool
}

type table struct {
	byPrefix map[string]*Route
}

// Request lives for the whole request, long after routing.
type Request struct {
	Path  string
	route *Route
}

type Router struct {
	mu  sync.Mutex
	tbl rcuapi.Pointer[table]
}

func firstSegment(p string) string {
	p = strings.TrimPrefix(p, "/")
	seg, _, _ := strings.Cut(p, "/")
	return "/" + seg
}

func (rt *Router) Resolve(req *Request) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	r, ok := rt.tbl.Dereference(s).byPrefix[firstSegment(req.Path)]
	if !ok {
		return false
	}
	req.route = r // expect RCU1002
	return true
}

// Target is called by the forwarding stage after Resolve returned.
func (rt *Router) Target(req *Request) (string, time.Duration) {
	path := req.Path
	if req.route.StripPrefix {
		path = strings.TrimPrefix(path, firstSegment(path))
	}
	return req.route.Backend + path, req.route.Timeout
}

func (rt *Router) SetRoutes(routes map[string]Route) {
	next := &table{byPrefix: make(map[string]*Route, len(routes))}
	for p, r := range routes {
		r := r
		next.byPrefix[p] = &r
	}
	rt.mu.Lock()
	rt.tbl.Replace(next, &rt.mu)
	rt.mu.Unlock()
}
