package rcu7001

import (
	"maps"
	"slices"
	"sync"
	"sync/atomic"
)

var cfgMu sync.Mutex

// okLocked holds one mutex around every load-change-store.
func okLocked(n int) {
	cfgMu.Lock()
	defer cfgMu.Unlock()
	c := *cfg.Load()
	c.limit = n
	cfg.Store(&c)
}

// okCASLoop retries with CompareAndSwap.
func okCASLoop(n int) {
	for {
		old := cfg.Load()
		c := *old
		c.limit = n
		if cfg.CompareAndSwap(old, &c) {
			return
		}
	}
}

// okDecideOnly loads only to decide; what it stores is built from its
// arguments.
func okDecideOnly(sampler string) {
	if cur := cfg.Load(); cur != nil && cur.sampler == sampler {
		return
	}
	cfg.Store(&config{sampler: sampler})
}

type twin struct {
	state atomic.Pointer[config]
}

// okCopyInto stores what it loaded from another object's slot: no update
// of the slot it loaded.
func (t *twin) okCopyInto(dst *twin) {
	c := *t.state.Load()
	dst.state.Store(&c)
}

// okSingle is the one goroutine that updates cfg.
//
//rcu:single-updater
func okSingle(n int) {
	c := *cfg.Load()
	c.limit = n
	cfg.Store(&c)
}

func init() {
	c := config{limit: 1}
	cfg.Store(&c)
	d := *cfg.Load()
	d.sampler = "always"
	cfg.Store(&d)
}

type lockedGates struct {
	mu    sync.Mutex
	names atomic.Pointer[[]string]
}

// addLocked is called with g.mu held.
func (g *lockedGates) add(n string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.addLocked(n)
}

func (g *lockedGates) addLocked(n string) {
	next := append(append([]string(nil), *g.names.Load()...), n)
	g.names.Store(&next)
}

// remove calls a helper while holding the lock: the helper inherits it.
func (g *lockedGates) remove(n string) {
	g.mu.Lock()
	g.drop(n)
	g.mu.Unlock()
}

func (g *lockedGates) drop(n string) {
	var next []string
	for _, x := range *g.names.Load() {
		if x != n {
			next = append(next, x)
		}
	}
	g.names.Store(&next)
}

// okOwnerLoop is the one goroutine that updates peers: it applies the
// changes others send it, one at a time, with no lock.
var peers atomic.Pointer[[]string]

func okOwnerLoop(adds <-chan string) {
	for addr := range adds {
		next := append(slices.Clone(*peers.Load()), addr)
		peers.Store(&next)
	}
}

// okCalledFromLoop is called only by the owning goroutine's event loop.
var names atomic.Pointer[map[string]int]

func okCalledFromLoop(add string) {
	next := maps.Clone(*names.Load())
	next[add] = len(next)
	names.Store(&next)
}

func ownerLoop(adds <-chan string) {
	for {
		select {
		case a := <-adds:
			okCalledFromLoop(a)
		}
	}
}

// okNewSlot replaces the slot itself, then stores into the new one.
type hooks struct {
	state *atomic.Pointer[[]string]
}

func (h *hooks) okNewSlot(extra string) {
	var keep []string
	if h.state != nil {
		if old := h.state.Load(); old != nil {
			keep = *old
		}
	}
	h.state = new(atomic.Pointer[[]string])
	next := append(slices.Clone(keep), extra)
	h.state.Store(&next)
}

// okSentToOwner hands the update to the goroutine that owns the slot,
// over a channel, wrapped so that the caller can wait for it.
type metaClient struct {
	ids  atomic.Pointer[map[int]string]
	fnCh chan func()
}

func (c *metaClient) blocking(fn func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	c.fnCh <- func() {
		defer wg.Done()
		fn()
	}
	wg.Wait()
}

func (c *metaClient) okSentToOwner(drop int) {
	c.blocking(func() {
		next := maps.Clone(*c.ids.Load())
		delete(next, drop)
		c.ids.Store(&next)
	})
}

// okTreeAnnotation caches each node's aggregate in the node: the value
// stored is made from the children's cached values (a recursive call), not
// from what this node's slot held (pebble's manifest annotator).
type annotNode struct {
	children []*annotNode
	size     int
	cached   atomic.Pointer[int]
}

func (n *annotNode) okAggregate() *int {
	if p := n.cached.Load(); p != nil {
		return p
	}
	total := n.size
	for _, c := range n.children {
		total += *c.okAggregate()
	}
	n.cached.Store(&total)
	return &total
}
