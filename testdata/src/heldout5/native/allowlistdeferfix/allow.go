// Case: allowlistdeferfix
// Source: golang/go PR #69701 (internal/testlog SetLogger did Load then Store: concurrent setters race); opencensus-go PR #840; Documentation/RCU/checklist.rst item 1
// Kind: fixed
// Pair: native/allowlistdefer
package allowlistdeferfix

import (
	"net/http"
	"net/netip"
	"slices"
	"sync"
	"sync/atomic"
)

type Allowlist struct {
	Prefixes []netip.Prefix
}

type Admin struct {
	mu    sync.Mutex // held by every writer of allow
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
	a.mu.Lock()
	defer a.mu.Unlock()
	cur := a.allow.Load()
	next := &Allowlist{Prefixes: slices.Clone(cur.Prefixes)}
	defer a.allow.Store(next)
	if slices.Contains(next.Prefixes, p) {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	next.Prefixes = append(next.Prefixes, p)
	w.WriteHeader(http.StatusCreated)
}
