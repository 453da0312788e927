// Case: the running context is a pointer swapped under a RWMutex (marked //rcu:snapshot); after the swap the old context's apps are stopped by a graceful shutdown that waits for in-flight requests
// Source: idiom: github.com/caddyserver/caddy/v2@v2.11.9 caddy.go unsyncedDecodeAndRun (currentCtxMu.Lock; oldCtx := currentCtx; currentCtx = ctx; unsyncedStop(oldCtx)) and ActiveContext; the http app's Stop ends in http.Server.Shutdown, which waits for active connections; here that wait is a WaitGroup
// Kind: idiom
// Pair: none

package icaddyswap

import "sync"

// Context is one running configuration.
type Context struct {
	apps      map[string]string
	listeners []interface{ Close() error }
	inflight  sync.WaitGroup // requests being served with this context
}

// Stop shuts the context's apps down gracefully: it waits for the requests
// already using it, then releases its listeners.
func (c *Context) Stop() {
	c.inflight.Wait()
	for _, l := range c.listeners {
		_ = l.Close()
	}
}

var (
	currentCtxMu sync.RWMutex
	//rcu:snapshot currentCtxMu
	currentCtx *Context
)

// ActiveContext returns the running context; callers register in inflight before using it.
func ActiveContext() *Context {
	currentCtxMu.RLock()
	defer currentCtxMu.RUnlock()
	c := currentCtx
	if c != nil {
		c.inflight.Add(1)
	}
	return c
}

// run swaps in a new context and stops the old one.
func run(ctx *Context) {
	currentCtxMu.Lock()
	oldCtx := currentCtx
	currentCtx = ctx
	currentCtxMu.Unlock()
	if oldCtx != nil {
		oldCtx.Stop()
	}
}

// serve is the read side.
func serve(handle func(apps map[string]string)) {
	c := ActiveContext()
	if c == nil {
		return
	}
	defer c.inflight.Done()
	handle(c.apps)
}
