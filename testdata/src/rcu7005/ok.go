package rcu7005

import (
	"sync"
	"sync/atomic"
)

// errBox wraps an error in one struct type.
type errBox struct{ err error }

var boxed atomic.Value

func okBoxed(err error) { boxed.Store(errBox{err}) }

// okTypedNil stores a typed nil.
type throttle struct{ max int }

var thr atomic.Value

func init() { thr.Store((*throttle)(nil)) }

func okTypedNil(t *throttle) { thr.Store(t) }

func okThrottled() bool { return thr.Load().(*throttle) != nil }

// okOnce stores an interface value at most once.
type stream struct {
	closed atomic.Bool
	err    atomic.Value
	once   sync.Once
	first  atomic.Value
}

func (s *stream) fail(err error) {
	if !s.closed.CompareAndSwap(false, true) {
		return
	}
	s.err.Store(err)
}

func (s *stream) failOnce(err error) {
	s.once.Do(func() { s.first.Store(err) })
}

func (s *stream) firstErr() error {
	e, _ := s.first.Load().(error)
	return e
}

// okGuarded stores only if nothing was stored yet, under a lock.
type canceler struct {
	mu  sync.Mutex
	err atomic.Value
}

func (c *canceler) cancel(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err.Load() != nil {
		return
	}
	c.err.Store(err)
}

// okConstructor stores before anyone can load.
type holder struct {
	v atomic.Value // *block
}

func newHolder() *holder {
	h := &holder{}
	h.v.Store(&block{})
	return h
}

func (h *holder) get() *block { return h.v.Load().(*block) }

// okChecked checks the Load.
var maybe atomic.Value // *block

func okChecked() *block {
	b, _ := maybe.Load().(*block)
	return b
}

// A Value stored by a helper that package initialisation calls.
var nowFunc atomic.Value // func() int64

func init() { setNow(func() int64 { return 0 }) }

func setNow(f func() int64) { nowFunc.Store(f) }

func okNow() int64 { return nowFunc.Load().(func() int64)() }

// A Value loaded only once a flag that the owner sets after the Store
// says it holds something (grpc's extproc stream error).
type event struct{ fired atomic.Bool }

func (e *event) Fire()          { e.fired.Store(true) }
func (e *event) HasFired() bool { return e.fired.Load() }

type procStream struct {
	failed  event
	failErr atomic.Value // error
}

func (p *procStream) fail(err error) {
	p.failErr.Store(errBox{err})
	p.failed.Fire()
}

func (p *procStream) recv() error {
	if p.failed.HasFired() {
		return p.failErr.Load().(errBox).err
	}
	return nil
}

// The same through an embedded pointer (cs.commonStream.err).
type commonStream struct {
	failed event
	err    atomic.Value // errBox
}

type clientStream struct {
	*commonStream
}

func (cs *clientStream) recv() error {
	if cs.failed.HasFired() {
		return cs.err.Load().(errBox).err
	}
	return nil
}

// A constructor whose new struct a closure captures (so it lives in a
// cell) stores into it before anyone can load.
type reader struct {
	producers atomic.Value // []string
	onStop    func()
}

func newReader(ps []string) *reader {
	r := &reader{}
	r.onStop = func() { r.producers.Store([]string{}) }
	r.producers.Store(ps)
	return r
}

func (r *reader) first() string {
	ps := r.producers.Load().([]string)
	if len(ps) == 0 {
		return ""
	}
	return ps[0]
}

// A package variable holding a *atomic.Value made, with a default stored,
// by its initializer.
type providerHolder struct{ name string }

var globalProvider = defaultProvider()

func defaultProvider() *atomic.Value {
	v := &atomic.Value{}
	v.Store(providerHolder{name: "noop"})
	return v
}

func okProvider() string { return globalProvider.Load().(providerHolder).name }

// Each delegating instrument gets its delegate once, from a loop over the
// instruments: one Store per Value, whatever its interface type.
type instrument struct {
	delegate atomic.Value // fmt.Stringer
}

type namer string

func (n namer) String() string { return string(n) }

type meter struct {
	mu    sync.Mutex
	insts []*instrument
}

func (i *instrument) setDelegate(s interface{ String() string }) { i.delegate.Store(s) }

func (m *meter) okSetDelegates(name string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, inst := range m.insts {
		inst.setDelegate(namer(name))
	}
}

// A constructor hands a part of its new struct to an init method that
// always stores, even one with a deferred call.
type consumerPart struct {
	paused atomic.Value // map[string]bool
}

type client struct {
	name     string
	consumer consumerPart
}

func (c *consumerPart) init(cl *client) {
	defer println(cl.name)
	c.paused.Store(map[string]bool{})
}

func newClient(name string) *client {
	cl := &client{name: name}
	cl.consumer.init(cl)
	return cl
}

func (c *consumerPart) isPaused(t string) bool { return c.paused.Load().(map[string]bool)[t] }
