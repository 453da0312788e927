package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rcuvet/rcuvet/examples/router/internal/chain"
	"github.com/rcuvet/rcuvet/examples/router/internal/filters/stats"
	"github.com/rcuvet/rcuvet/rcuapi"
)

// route is what a request needs from the table. It is a small value with
// immutable strings, so a reader copies it out of the table and can use the
// copy after its read-side section has ended.
type route struct {
	name string // the handler's name, also the key of the per-route counts
	body string // the response body
}

// routeTable maps a path prefix to its route. A published table is never
// modified: a reload copies it, changes the copy and publishes the copy.
type routeTable struct {
	version int
	routes  map[string]route
}

// lookup finds the route with the longest prefix of path that is in the
// table, trying path itself, then each parent ("/users/7" tries "/users/7",
// then "/users").
func (t *routeTable) lookup(path string) (route, bool) {
	for p := path; p != ""; p = p[:strings.LastIndexByte(p, '/')] {
		if r, ok := t.routes[p]; ok {
			return r, true
		}
	}
	return route{}, false
}

// clone returns a private, unpublished copy of t that the caller may change.
func (t *routeTable) clone() *routeTable {
	c := &routeTable{version: t.version + 1, routes: make(map[string]route, len(t.routes)+1)}
	for p, r := range t.routes {
		c.routes[p] = r
	}
	return c
}

// close tears down a retired table. It must run only after a grace period
// that began after the table was unpublished: then no reader can still be
// looking at it. It poisons the table, so that a reader which kept using the
// table past its ReadUnlock would find no routes (and `go test -race`
// reports the conflicting accesses). A real table would close its
// handlers' files or connections here.
func (t *routeTable) close() {
	t.routes = nil
}

func initialTable() *routeTable {
	t := &routeTable{version: 1, routes: map[string]route{
		"/users":  {name: "users"},
		"/orders": {name: "orders"},
		"/health": {name: "health"},
	}}
	t.setBodies()
	return t
}

// setBodies stamps every route's body with the table's version.
func (t *routeTable) setBodies() {
	for p, r := range t.routes {
		r.body = fmt.Sprintf("%s (table v%d)\n", r.name, t.version)
		t.routes[p] = r
	}
}

// server holds the RCU-protected state that requests read.
type server struct {
	table   rcuapi.Pointer[routeTable]
	tableMu sync.Mutex // serialises route updaters

	filters chain.Chain

	stats counters
}

func newServer() *server {
	srv := &server{stats: counters{routes: make(map[string]int64)}}
	// Nobody can see srv yet, so there is nobody to publish to.
	srv.table.Init(initialTable())
	return srv
}

// ServeHTTP reads the route table and the filter chain inside one classic
// read-side section. Classic RCU readers must not block: a blocked reader
// holds up every grace period in the program (every reload and every
// module unload). Writing the response may block on a slow client, so the
// section ends first and only copies made inside it are used afterwards.
func (srv *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s := rcuapi.ReadLock()
	rt, found := srv.table.Dereference(s).lookup(r.URL.Path) // a copy
	status, held := srv.filters.Apply(s, r, w.Header())
	rcuapi.ReadUnlock(s)
	// From here on neither the table nor the filter list may be touched.
	// The filters in held are still usable: each is pinned by a module
	// reference taken inside the section.

	switch {
	case status != 0: // a filter rejected the request
		rt.name = fmt.Sprintf("(%d)", status)
	case !found:
		status = http.StatusNotFound
		rt.name = "(no route)"
	default:
		status = http.StatusOK
	}
	w.WriteHeader(status)
	if status == http.StatusOK {
		io.WriteString(w, rt.body)
	}
	held.Finish(status)
	srv.stats.served(rt.name)
}

// reload publishes a new version of the route table and retires the old
// one. Copy, update the copy, publish, wait for a grace period, destroy.
func (srv *server) reload() {
	srv.tableMu.Lock()
	old := srv.table.Protected(&srv.tableMu)
	next := old.clone()
	// Odd versions have a beta route, even ones do not.
	if next.version%2 == 1 {
		next.routes["/beta"] = route{name: "beta"}
	} else {
		delete(next.routes, "/beta")
	}
	next.setBodies()
	srv.table.Assign(next) // next is complete before it is published
	srv.tableMu.Unlock()

	// Readers that loaded old before the Assign may still be using it.
	// Synchronize returns once all of them have left their sections; new
	// readers can only find next, so nobody can see old any more.
	rcuapi.Synchronize()
	old.close()
	srv.stats.reloads.Add(1)
}

// reloadLoop reloads the routes every interval until ctx is done.
func (srv *server) reloadLoop(ctx context.Context, interval time.Duration) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			srv.reload()
		}
	}
}

// counters are the program's statistics. None of them is RCU-protected.
type counters struct {
	requests atomic.Int64   // responses written
	rejected atomic.Int64   // rejected by the rate limiter (folded in at its Exit)
	reloads  atomic.Int64   // route tables published and old ones retired
	loads    atomic.Int64   // filter modules loaded
	unloads  atomic.Int64   // filter modules unloaded
	busy     atomic.Int64   // Unload attempts refused with ErrBusy
	pending  atomic.Int64   // Unloads that returned ErrPendingCallbacks
	flushes  stats.Counters // RCU callbacks run by stats filters, and what they counted

	mu     sync.Mutex
	routes map[string]int64 // per-route responses
}

func (st *counters) served(route string) {
	st.requests.Add(1)
	st.mu.Lock()
	st.routes[route]++
	st.mu.Unlock()
}
