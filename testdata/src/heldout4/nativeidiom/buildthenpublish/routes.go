// Case: router rebuild fills a fresh host map and prefix slices with many writes, publishes it once, and afterwards only reads the new table to log its size and warm a cache of host names
// Source: idiom: maps rebuilt into a fresh map then published (Documentation/RCU/checklist.rst item 4: initialise, then publish); traefik and caddy route table rebuilds
// Kind: idiom

package buildthenpublish

import (
	"log"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

type Route struct {
	Prefix  string
	Backend string
}

type Table struct {
	byHost map[string][]Route
}

type Router struct {
	mu    sync.Mutex
	table atomic.Pointer[Table]
	hosts atomic.Pointer[[]string] // for the admin page
}

func (r *Router) Rebuild(rules map[string]map[string]string) {
	t := &Table{byHost: make(map[string][]Route, len(rules))}
	for host, prefixes := range rules {
		routes := make([]Route, 0, len(prefixes))
		for p, b := range prefixes {
			routes = append(routes, Route{Prefix: p, Backend: b})
		}
		sort.Slice(routes, func(i, j int) bool { return len(routes[i].Prefix) > len(routes[j].Prefix) })
		t.byHost[strings.ToLower(host)] = routes
	}
	r.mu.Lock()
	r.table.Store(t)
	r.mu.Unlock()

	hosts := make([]string, 0, len(t.byHost))
	for h := range t.byHost {
		hosts = append(hosts, h)
	}
	sort.Strings(hosts)
	r.hosts.Store(&hosts)
	log.Printf("router: %d hosts", len(t.byHost))
}

func (r *Router) Match(host, path string) (string, bool) {
	t := r.table.Load()
	if t == nil {
		return "", false
	}
	for _, rt := range t.byHost[host] {
		if strings.HasPrefix(path, rt.Prefix) {
			return rt.Backend, true
		}
	}
	return "", false
}
