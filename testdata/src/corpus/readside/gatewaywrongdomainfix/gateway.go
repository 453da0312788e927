// Case: each section is ended on the domain that began it
// Source: checklist item 14, Documentation/RCU/checklist (Documentation/RCU/checklist)
// Kind: fixed
// Pair: gatewaywrongdomain

package gatewaywrongdomainfix

import (
	"strings"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// RouteTable maps path prefixes to upstream names.
type RouteTable struct {
	prefixes map[string]string
}

// FilterSet is the list of blocked user agents.
type FilterSet struct {
	blocked []string
}

// Gateway has one SRCU domain per structure so that a slow filter reload
// does not hold up route updates.
type Gateway struct {
	routesDom  rcuapi.SRCU
	filtersDom rcuapi.SRCU
	mu         sync.Mutex
	routes     rcuapi.Pointer[RouteTable]
	filters    rcuapi.Pointer[FilterSet]
}

// Upstream returns the upstream serving path.
func (g *Gateway) Upstream(path string) string {
	s := g.routesDom.ReadLock()
	defer g.routesDom.ReadUnlock(s)
	return g.routes.Dereference(s).prefixes[path]
}

// Blocked reports whether the user agent ua is blocked.
func (g *Gateway) Blocked(ua string) bool {
	s := g.filtersDom.ReadLock()
	defer g.filtersDom.ReadUnlock(s)
	for _, b := range g.filters.Dereference(s).blocked {
		if strings.Contains(ua, b) {
			return true
		}
	}
	return false
}

// SetFilters publishes next; the old set needs no retirement.
func (g *Gateway) SetFilters(next *FilterSet) {
	g.mu.Lock()
	g.filters.Assign(next)
	g.mu.Unlock()
}
