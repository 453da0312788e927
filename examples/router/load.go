package main

import (
	"context"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rcuvet/rcuvet/examples/router/internal/filters/headers"
)

// paths are what the clients ask for, in turn. "/beta" exists only in
// odd versions of the route table; "/missing" never does.
var paths = []string{"/users/42", "/orders/7", "/health", "/beta/feature", "/missing"}

// loadGen is the built-in load generator: client goroutines that send
// requests over loopback until their context is done.
type loadGen struct {
	base    string // "http://127.0.0.1:port"
	clients int
	hc      *http.Client

	responses atomic.Int64 // responses received
	failures  atomic.Int64 // requests that failed before the load ended
	tagged    atomic.Int64 // responses tagged by the header filter
}

func newLoadGen(base string, clients int) *loadGen {
	tr := &http.Transport{
		Proxy:               nil, // loopback only, never through a proxy
		MaxIdleConnsPerHost: clients,
	}
	return &loadGen{base: base, clients: clients, hc: &http.Client{Transport: tr, Timeout: 5 * time.Second}}
}

// run starts the clients and waits for all of them to stop.
func (g *loadGen) run(ctx context.Context) {
	var wg sync.WaitGroup
	for id := range g.clients {
		wg.Go(func() { g.client(ctx, id) })
	}
	wg.Wait()
	g.hc.CloseIdleConnections()
}

func (g *loadGen) client(ctx context.Context, id int) {
	for n := id; ctx.Err() == nil; n++ {
		g.get(ctx, paths[n%len(paths)])
	}
}

func (g *loadGen) get(ctx context.Context, path string) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, g.base+path, nil)
	if err != nil {
		g.failures.Add(1)
		return
	}
	resp, err := g.hc.Do(req)
	if err != nil {
		if ctx.Err() == nil { // requests cut off by the end of the load are not failures
			g.failures.Add(1)
		}
		return
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	g.responses.Add(1)
	if resp.Header.Get(headers.Header) != "" {
		g.tagged.Add(1)
	}
}
