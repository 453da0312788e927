// Case: the admin API updates the route table under the update lock, but the SIGHUP reload goroutine publishes without it and can undo a concurrent update
// Source: checklist item 1 ("Does the update code have proper mutual exclusion?"), https://gerrit-public.fairphone.software/plugins/gitiles/kernel/msm-4.19/+blame/9cce7a435f89c9e60f244d44da2cf1cf4ed094ac/Documentation/RCU/checklist.txt
// Kind: bad
// Pair: routesreloadnolockfix

package routesreloadnolock

import (
	"encoding/json"
	"maps"
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Routes maps host names to upstream addresses.
type Routes struct {
	ByHost map[string]string
}

var (
	mu     sync.Mutex
	routes rcuapi.Pointer[Routes]
)

// Upstream returns the upstream for host.
func Upstream(host string) string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	return routes.Dereference(s).ByHost[host]
}

// AddRoute publishes a copy of the table with host routed to addr.
func AddRoute(host, addr string) {
	mu.Lock()
	defer mu.Unlock()
	next := &Routes{ByHost: maps.Clone(routes.Protected(&mu).ByHost)}
	next.ByHost[host] = addr
	routes.Assign(next)
}

func load(path string) (*Routes, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	r := &Routes{}
	return r, json.Unmarshal(b, r)
}

// Start loads the table from path now and again on every signal on hup.
func Start(path string, hup <-chan os.Signal) {
	go reloadLoop(path, hup)
}

func reloadLoop(path string, hup <-chan os.Signal) {
	for range hup {
		r, err := load(path)
		if err != nil {
			continue
		}
		routes.Assign(r) // expect RCU2003
	}
}
