// Case: allowlistdefer
// Source: golang/go PR #69701 (internal/testlog SetLogger did Load then Store: concurrent setters race); opencensus-go PR #840; Documentation/RCU/checklist.rst item 1
// Kind: bad
// Pair: native/allowlistdeferfix
package allowlistdefer

import (
	"net/http"
	"net/netip"
	"slices"
	"sync/atomic"
)

type Allowlist struct {
	Prefixes []netip.Prefix
}

type Admin struct {
	allow atomic.Pointer[Allowlist]
}

func (a *Admin) Allowed(addr netip.Addr) bool {
	for _, p := range a.allow.Load().Prefixes {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// HandleAdd serves POST /allow?cidr=...; net/http runs handlers concurrently.
func (a *Admin) HandleAdd(w http.ResponseWriter, r *http.Request) {
	p, err := netip.ParsePrefix(r.URL.Query().Get("cidr"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	cur := a.allow.Load()
	next := &Allowlist{Prefixes: slices.Clone(cur.Prefixes)}
	defer a.allow.Store(next) // expect RCU7001
	if slices.Contains(next.Prefixes, p) {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	next.Prefixes = append(next.Prefixes, p)
	w.WriteHeader(http.StatusCreated)
}
