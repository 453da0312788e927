// Case: a proxy handler calls Header.Set on the header map of the loaded route config, a mutating method on shared state
// Source: idiom: Go standard library net/http/httputil/reverseproxy.go (go1.26) ServeHTTP, which gives the outgoing request its own header map before adding forwarding headers; here the extra headers come from a route snapshot and are mutated per request
// Kind: bad
// Pair: vheadersetfixed

package vheadersetbad

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
	h := p.route.Load().ExtraHeaders
	h.Set("X-Forwarded-Host", req.Host) // expect RCU7002
	return h
}
