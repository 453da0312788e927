package rcu7002

import (
	"maps"
	"slices"
	"sync"
	"sync/atomic"

	"fixtures/rcu7002/getter"
)

var tableMu sync.Mutex

// okCopyOnWrite copies deeply what it changes, then stores the copy.
func okCopyOnWrite(host, backend string) {
	tableMu.Lock()
	defer tableMu.Unlock()
	cur := table.Load()
	next := *cur
	next.byHost = maps.Clone(cur.byHost)
	next.byHost[host] = backend
	next.order = append(cur.order[:len(cur.order):len(cur.order)], host)
	table.Store(&next)
}

// okSortedCopy sorts a copy.
func okSortedCopy() []string {
	order := slices.Clone(table.Load().order)
	slices.Sort(order)
	return order
}

// okReadOnly only reads.
func okReadOnly(host string) (string, int) {
	t := table.Load()
	return t.byHost[host], len(t.order)
}

// okClone writes a deep copy the getter's owner made.
func okClone(c *getter.Cache) {
	if cfg := c.Lookup("x"); cfg != nil {
		own := cfg.Clone()
		own.Labels["seen"] = "yes"
	}
}

// entry memoises a result under its own lock.
type entry struct {
	mu     sync.Mutex
	result *int
}

var memo atomic.Pointer[entry]

func okOwnLock(v int) {
	e := memo.Load()
	e.mu.Lock()
	defer e.mu.Unlock()
	e.result = &v
}

// conn is a handle, not a snapshot: its methods change it, under its own
// synchronisation.
type conn struct {
	mu      sync.Mutex
	written int
}

func (c *conn) write(p []byte) {
	c.mu.Lock()
	c.written += len(p)
	c.mu.Unlock()
}

var current atomic.Pointer[conn]

func okHandle(p []byte) {
	current.Load().write(p)
}

// okReportWithLoadedField builds a report that holds a loaded pointer in
// one field and a map of its own in another: filling the map writes
// nothing shared, even after the report's address was taken.
type leaderReport struct {
	since *int
	peers map[string]int
	wal   [2]int
}

var leaderSince atomic.Pointer[int]

func fillWAL(w *[2]int) { w[0] = 1 }

func okReportWithLoadedField(ids []string) map[string]leaderReport {
	out := map[string]leaderReport{}
	for _, id := range ids {
		r := leaderReport{since: leaderSince.Load(), peers: map[string]int{}}
		fillWAL(&r.wal)
		r.peers[id] = len(id)
		out[id] = r
	}
	return out
}

// okFreshWithLoadedError dials a new connection, or returns the last
// dial error kept in a Value: the connection is the caller's own.
type dialed struct{ pooled bool }

var lastDialErr atomic.Value // errBox

func init() { lastDialErr.Store(errBox{}) }

type errBox struct{ err error }

func dial(fail bool) (*dialed, error) {
	if fail {
		return nil, lastDialErr.Load().(errBox).err
	}
	return &dialed{}, nil
}

func okFreshWithLoadedError() {
	cn, err := dial(false)
	if err != nil {
		return
	}
	cn.pooled = true
}

// okPartWithOwnMutex hands a part of the loaded snapshot that carries its
// own mutex to a method that changes it under that mutex.
type recordBuffer struct {
	mu      sync.Mutex
	batches []int
}

func (b *recordBuffer) bump(n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.addLocked(n)
}

func (b *recordBuffer) addLocked(n int) { b.batches = append(b.batches, n) }

type partitions struct {
	bufs []*recordBuffer
}

var parts atomic.Pointer[partitions]

func okPartWithOwnMutex(n int) {
	for _, b := range parts.Load().bufs {
		b.bump(n)
	}
}

// okCloneOnFirstWrite copies the loaded map only when it first has to
// change it, then writes into the copy.
var topicSet atomic.Pointer[map[string]int]

func cloneTopics() map[string]int { return maps.Clone(*topicSet.Load()) }

var topicMu sync.Mutex

func okCloneOnFirstWrite(add []string) {
	topicMu.Lock()
	defer topicMu.Unlock()
	cur := *topicSet.Load()
	cloned := false
	for _, t := range add {
		if _, ok := cur[t]; !ok {
			if !cloned {
				cur = cloneTopics()
				cloned = true
			}
			cur[t] = len(cur)
		}
	}
	if cloned {
		topicSet.Store(&cur)
	}
}

// okAtomicHandlePart moves a cursor found in the loaded snapshot: the
// cursor synchronises itself (an atomic use state), and its plain fields
// follow that protocol.
type cursor struct {
	inUse  atomic.Bool
	source string
}

type partition struct{ cur *cursor }

var partsByTopic atomic.Pointer[map[string]*partition]

func okAtomicHandlePart(topic, source string) {
	if p, ok := (*partsByTopic.Load())[topic]; ok {
		p.cur.inUse.Store(false)
		p.cur.source = source
		p.cur.inUse.Store(true)
	}
}

// okAppendToWhole appends past the length readers see, under the writers'
// lock, as the standard library's registries grow (image.RegisterFormat).
func okAppendToWhole(host string) {
	tableMu.Lock()
	defer tableMu.Unlock()
	cur := table.Load()
	table.Store(&routes{byHost: cur.byHost, order: append(cur.order, host)})
}

// Gen is a generator whose exported methods change it: a handle, like
// math/rand's Rand kept in its global slot.
type Gen struct {
	state uint64
	pos   int
}

// Next changes the generator.
func (g *Gen) Next() uint64 {
	g.state = g.state*6364136223846793005 + 1
	g.pos++
	return g.state
}

var globalGen atomic.Pointer[Gen]

func okHandleMethod() uint64 { return globalGen.Load().Next() }
