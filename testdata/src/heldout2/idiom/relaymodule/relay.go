// Case: statsd relay module posts retirements on both classic RCU and its QSBR domain; Exit stops its QSBR workers, refuses new updates, queues the last retirement, then drains both flavours
// Source: idiom: module exit order of Documentation/RCU/rcubarrier.rst (stop new callbacks, then one barrier per flavour used) and liburcu's per-flavour rcu_barrier()
// Kind: idiom

package relaymodule

import (
	"context"
	"errors"
	"strings"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var errUnloaded = errors.New("relay: module unloaded")

var strPool = sync.Pool{New: func() any { s := make([]string, 0, 16); return &s }}

func recycle(s *[]string) {
	clear(*s)
	*s = (*s)[:0]
	strPool.Put(s)
}

// prefixes is read by the QSBR workers.
type prefixes struct {
	rewrite map[string]string
	order   *[]string // rewrite keys in priority order, from strPool
}

// upstream is read under classic RCU by every sender.
type upstream struct {
	addr string
	tags *[]string // from strPool
}

type relay struct {
	q        *rcuapi.QSBR
	mu       sync.Mutex // serialises updates; guards closed
	closed   bool
	prefixes rcuapi.Pointer[prefixes]
	up       rcuapi.Pointer[upstream]
	cancel   context.CancelFunc
	workers  sync.WaitGroup
	send     func(addr, line string) // UDP write; may block
}

var r = &relay{q: rcuapi.NewQSBR("relay"), closed: true, send: func(string, string) {}}

var lines = make(chan string, 1024)

var Module = &rcuapi.Module{Name: "statsd-relay", Init: start, Exit: stop}

func start() error {
	ctx, cancel := context.WithCancel(context.Background())
	r.mu.Lock()
	r.closed, r.cancel = false, cancel
	r.prefixes.Assign(&prefixes{rewrite: map[string]string{}, order: strPool.Get().(*[]string)})
	r.mu.Unlock()
	for range 4 {
		r.workers.Add(1)
		go r.worker(ctx, lines)
	}
	return nil
}

// worker stays offline except for its read-side sections.
func (r *relay) worker(ctx context.Context, in <-chan string) {
	defer r.workers.Done()
	h := r.q.Register()
	defer h.Unregister()
	h.Offline()
	for {
		var line string
		select {
		case <-ctx.Done():
			return
		case line = <-in:
		}
		h.Online()
		name, rest, _ := strings.Cut(line, ":")
		s := h.ReadLock()
		if to, ok := r.prefixes.Dereference(s).rewrite[name]; ok {
			line = to + ":" + rest
		}
		h.ReadUnlock(s)
		h.Offline()
		r.forward(line)
	}
}

// forward appends the upstream's tags and sends the line.
func (r *relay) forward(line string) {
	s := rcuapi.ReadLock()
	u := r.up.Dereference(s)
	if u == nil {
		rcuapi.ReadUnlock(s)
		return
	}
	addr, out := u.addr, line+"|#"+strings.Join(*u.tags, ",")
	rcuapi.ReadUnlock(s)
	r.send(addr, out)
}

// SetRewrites publishes new prefix rewrites.
func SetRewrites(m map[string]string, order []string) error {
	o := strPool.Get().(*[]string)
	*o = append((*o)[:0], order...)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		recycle(o)
		return errUnloaded
	}
	old := r.prefixes.Replace(&prefixes{rewrite: m, order: o}, &r.mu)
	r.q.Call(func() { recycle(old.order) })
	return nil
}

// SetUpstream switches the upstream.
func SetUpstream(addr string, tags []string) error {
	t := strPool.Get().(*[]string)
	*t = append((*t)[:0], tags...)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		recycle(t)
		return errUnloaded
	}
	if old := r.up.Replace(&upstream{addr: addr, tags: t}, &r.mu); old != nil {
		rcuapi.Call(func() { recycle(old.tags) })
	}
	return nil
}

func stop() {
	r.cancel()
	r.workers.Wait()
	r.mu.Lock()
	r.closed = true
	if old := r.up.Replace(nil, &r.mu); old != nil {
		rcuapi.Call(func() { recycle(old.tags) })
	}
	r.mu.Unlock()
	rcuapi.Barrier()
	r.q.Barrier()
}
