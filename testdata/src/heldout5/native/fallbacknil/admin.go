// Case: fallbacknil
// Source: terraform issue #11746 and go-ethereum PR #23437 (atomic.Value Store of nil panics); tailscale PR #11943
// Kind: bad
// Pair: native/fallbacknilfix
package fallbacknil

import (
	"net/http"
	"sync/atomic"
)

type Admin struct {
	handler atomic.Value // http.Handler
}

// Install picks the handler for the current mode; plugins may provide none.
func (a *Admin) Install(mode string, plugins map[string]http.Handler) {
	var h http.Handler
	if p, ok := plugins[mode]; ok {
		h = p
	} else if mode == "normal" {
		h = http.NewServeMux()
	}
	a.handler.Store(h) // expect RCU7005
}

func (a *Admin) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h, _ := a.handler.Load().(http.Handler)
	if h == nil {
		http.Error(w, "admin not ready", http.StatusServiceUnavailable)
		return
	}
	h.ServeHTTP(w, r)
}
