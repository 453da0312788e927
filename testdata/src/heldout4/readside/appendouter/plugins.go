// Case: plugin host refreshes its dispatch cache by appending the *Plugin values of the RCU plugin list to a slice field it reuses between refreshes, then dispatches from that cache outside any section
// Source: Documentation/RCU/listRCU.rst and checklist.rst item 2 (elements found by list_for_each_entry_rcu() are valid only inside the section); plugin registries in Go proxies
// Kind: bad
// Pair: readside/appendouterfix

package appendouter

import (
	"github.com/rcuvet/rcuvet/rcuapi"
)

type Plugin struct {
	Name     string
	Priority int
	Handle   func(msg []byte) []byte
}

type Host struct {
	plugins rcuapi.List[*Plugin]
	cache   []*Plugin // owned by the dispatch goroutine
}

func (h *Host) refresh() {
	h.cache = h.cache[:0]
	s := rcuapi.ReadLock()
	for e := range h.plugins.All(s) {
		h.cache = append(h.cache, e.Value) // expect RCU1002
	}
	rcuapi.ReadUnlock(s)
}

// Dispatch runs msg through every plugin, refreshing the cache first.
func (h *Host) Dispatch(msg []byte) []byte {
	h.refresh()
	for _, p := range h.cache {
		msg = p.Handle(msg)
	}
	return msg
}
