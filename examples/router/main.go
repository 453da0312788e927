// Command router is a small HTTP router that shows rcuapi at work.
//
// Its route table is an RCU-protected pointer: requests read it without a
// lock while a reload goroutine publishes new versions and retires old ones
// after a grace period. Its request filters are modules, each in a package
// of its own (internal/filters/...), on an RCU-protected chain
// (internal/chain) that the main goroutine changes while requests flow. A
// built-in load generator sends requests over loopback for -duration, then
// the program shuts down and prints what happened.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/examples/router/internal/filters/headers"
	"github.com/rcuvet/rcuvet/examples/router/internal/filters/ratelimit"
	"github.com/rcuvet/rcuvet/examples/router/internal/filters/stats"
	"github.com/rcuvet/rcuvet/rcuapi"
)

type config struct {
	Duration time.Duration // how long the load runs
	Clients  int           // concurrent client goroutines
	Addr     string        // listen address, loopback only
}

func main() {
	var cfg config
	flag.DurationVar(&cfg.Duration, "duration", 2*time.Second, "how long to generate load")
	flag.IntVar(&cfg.Clients, "clients", 8, "number of concurrent clients")
	flag.StringVar(&cfg.Addr, "addr", "127.0.0.1:0", "listen address (a loopback IP; port 0 picks a free port)")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, cfg, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "router:", err)
		os.Exit(1)
	}
}

func (c config) check() error {
	if c.Duration < 10*time.Millisecond {
		return errors.New("-duration must be at least 10ms")
	}
	if c.Clients < 1 {
		return errors.New("-clients must be at least 1")
	}
	host, _, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return fmt.Errorf("-addr: %w", err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("-addr %q: not a loopback IP address (use e.g. 127.0.0.1:0)", c.Addr)
	}
	return nil
}

// run serves, generates load, reloads routes and filters for cfg.Duration,
// shuts everything down and writes a summary to out.
func run(ctx context.Context, cfg config, out io.Writer) error {
	if err := cfg.check(); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	srv := newServer()
	filters := &loader{srv: srv, loaded: make(map[string]*rcuapi.Module)}
	if err := filters.reconfigure(configs[0]); err != nil {
		ln.Close()
		return errors.Join(err, filters.unloadAll())
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 5 * time.Second}
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()

	loadCtx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	gen := newLoadGen("http://"+ln.Addr().String(), cfg.Clients)
	var wg sync.WaitGroup
	wg.Go(func() { gen.run(loadCtx) })
	wg.Go(func() { srv.reloadLoop(loadCtx, cfg.Duration/8) })
	err = filters.run(loadCtx, cfg.Duration/6) // on this goroutine
	lastChain := loadedFilters()
	cancel()
	wg.Wait()

	shutCtx, done := context.WithTimeout(context.Background(), 5*time.Second)
	defer done()
	err = errors.Join(err, hs.Shutdown(shutCtx))
	if e := <-serveErr; !errors.Is(e, http.ErrServerClosed) {
		err = errors.Join(err, e)
	}
	err = errors.Join(err, filters.unloadAll())
	// Every module's Exit waited for its own callbacks; this last Barrier
	// makes sure nothing queued by the program is left running when run
	// returns.
	rcuapi.Barrier()

	printSummary(out, cfg, srv, gen, lastChain)
	return err
}

// configs are the filter configurations that the control loop switches
// between. Each filter lives in a package of its own, which owns its
// callbacks, so that Unload drops only the callbacks that the module being
// unloaded forgot to wait for. Filters may therefore be loaded and unloaded
// in any order while other filters have callbacks queued.
var configs = [][]string{
	{"stats", "headers"},
	{"ratelimit", "stats", "headers"},
	{"ratelimit", "headers"},
	{"stats"},
}

// newModule returns a fresh, unloaded module for a filter kind.
func (srv *server) newModule(kind string) *rcuapi.Module {
	switch kind {
	case "stats":
		return stats.New(&srv.filters, &srv.stats.flushes)
	case "headers":
		return headers.New(&srv.filters, fmt.Sprintf("headers #%d", srv.stats.loads.Load()+1))
	case "ratelimit":
		return ratelimit.New(&srv.filters, 400, 20*time.Millisecond, &srv.stats.rejected)
	}
	panic("unknown filter kind " + kind)
}

// loader is the control loop's record of the loaded filter modules. Only
// one goroutine at a time uses it.
type loader struct {
	srv    *server
	loaded map[string]*rcuapi.Module
}

// run switches to the next configuration every interval until ctx is done.
func (l *loader) run(ctx context.Context, interval time.Duration) error {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for i := 1; ; i++ {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
			if err := l.reconfigure(configs[i%len(configs)]); err != nil {
				return err
			}
		}
	}
}

// reconfigure unloads the filters that are not among kinds and loads fresh
// modules for the kinds that are not loaded, at the end of the chain.
// Filters that stay keep running undisturbed.
func (l *loader) reconfigure(kinds []string) error {
	for kind := range l.loaded {
		if !slices.Contains(kinds, kind) {
			if err := l.unload(kind); err != nil {
				return err
			}
		}
	}
	for _, kind := range kinds {
		if l.loaded[kind] != nil {
			continue
		}
		m := l.srv.newModule(kind)
		if err := rcuapi.Load(m); err != nil {
			return err
		}
		l.loaded[kind] = m
		l.srv.stats.loads.Add(1)
	}
	return nil
}

func (l *loader) unloadAll() error { return l.reconfigure(nil) }

// unload unloads the module of a filter kind. Like rmmod, Unload does not
// wait for the requests that hold references to the module: it fails with
// ErrBusy, and we try again.
func (l *loader) unload(kind string) error {
	st := &l.srv.stats
	deadline := time.Now().Add(5 * time.Second)
	err := rcuapi.Unload(l.loaded[kind])
	for errors.Is(err, rcuapi.ErrBusy) && time.Now().Before(deadline) {
		st.busy.Add(1)
		time.Sleep(100 * time.Microsecond)
		err = rcuapi.Unload(l.loaded[kind])
	}
	if errors.Is(err, rcuapi.ErrBusy) {
		return err // still loaded
	}
	delete(l.loaded, kind) // any other outcome leaves the module unloaded
	st.unloads.Add(1)
	if errors.Is(err, rcuapi.ErrPendingCallbacks) {
		st.pending.Add(1)
	}
	return err
}

// loadedFilters lists the loaded modules the way any reader may: inside a
// section, copying out the names.
func loadedFilters() []string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	var names []string
	for m := range rcuapi.Modules(s) {
		names = append(names, m.Name)
	}
	return names
}

func printSummary(out io.Writer, cfg config, srv *server, gen *loadGen, lastChain []string) {
	st := &srv.stats
	fmt.Fprintf(out, "router: %d requests served in %v by %d clients (%d failed, %d tagged by the header filter)\n",
		st.requests.Load(), cfg.Duration, cfg.Clients, gen.failures.Load(), gen.tagged.Load())

	st.mu.Lock()
	var routes []string
	for _, name := range slices.Sorted(maps.Keys(st.routes)) {
		routes = append(routes, fmt.Sprintf("%s=%d", name, st.routes[name]))
	}
	st.mu.Unlock()
	fmt.Fprintf(out, "  per route: %s\n", strings.Join(routes, " "))

	srv.tableMu.Lock()
	version := srv.table.Protected(&srv.tableMu).version
	srv.tableMu.Unlock()
	fmt.Fprintf(out, "  route reloads: %d (table v%d live, every old table closed after a grace period)\n",
		st.reloads.Load(), version)
	fmt.Fprintf(out, "  filter modules: %d loads, %d unloads (%d Unload attempts refused with ErrBusy, %d with pending callbacks); chain at the end of the load: %s\n",
		st.loads.Load(), st.unloads.Load(), st.busy.Load(), st.pending.Load(), strings.Join(lastChain, ", "))
	fmt.Fprintf(out, "  rate limiter: %d requests rejected\n", st.rejected.Load())
	fmt.Fprintf(out, "  RCU callbacks run: %d (stats filter flushed %d requests)\n",
		st.flushes.Callbacks.Load(), st.flushes.Flushed.Load())
}
