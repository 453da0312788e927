// Case: the handler clones the route's header map and sets the per-request header on the clone
// Source: idiom: Go standard library net/http/httputil/reverseproxy.go (go1.26) ServeHTTP (the outgoing request gets its own header map)
// Kind: fixed
// Pair: vheadersetbad

package vheadersetfixed

import (
	"net/http"
	"sync/atomic"
)

type route struct {
	Backend      string
	ExtraHeaders http.Header
}

type proxy struct {
	route atomic.Pointer[route] // swapped by the config reloader
}

// outgoingHeaders runs per request.
func (p *proxy) outgoingHeaders(req *http.Request) http.Header {
	h := p.route.Load().ExtraHeaders.Clone()
	if h == nil {
		h = http.Header{}
	}
	h.Set("X-Forwarded-Host", req.Host)
	return h
}
