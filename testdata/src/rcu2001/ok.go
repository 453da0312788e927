package rcu2001

import (
	"fixtures/updhelpers"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// okAllInitBeforeAssign finishes every write before publishing.
func okAllInitBeforeAssign(addr string, timeout int, peers []string) {
	mu.Lock()
	defer mu.Unlock()
	c := &config{addr: addr}
	c.timeout = timeout
	c.peers = append(c.peers, peers...)
	c.limits = map[string]int{"max": 3}
	c.limits["min"] = 1
	c.inner = &inner{}
	c.inner.level = 2
	current.Assign(c)
}

// okNewObjectEachIteration builds a new object in each iteration, fills it
// in, and only then publishes it.
func okNewObjectEachIteration(peers []string) {
	mu.Lock()
	defer mu.Unlock()
	for i, p := range peers {
		c := &config{addr: p}
		c.timeout = i
		c.peers = []string{p}
		current.Assign(c)
	}
}

// okNewElementEachIteration pushes a new, complete element in each iteration.
func okNewElementEachIteration(prefixes []string) {
	for i, p := range prefixes {
		r := &route{prefix: p}
		r.hops = i
		routes.PushBack(r)
	}
}

// okWriteDifferentObject publishes one object and goes on filling in another.
func okWriteDifferentObject(timeout int) *config {
	mu.Lock()
	defer mu.Unlock()
	published := &config{addr: "a", timeout: timeout}
	draft := &config{addr: "b"}
	current.Assign(published)
	draft.timeout = timeout
	draft.peers = []string{"b"}
	return draft
}

// okInitBeforePublication builds a table whose Pointer is set with Init:
// neither the table nor its config is visible to readers until the table is
// published, so the writes after Init are part of its construction.
func okInitBeforePublication(name string) {
	mu.Lock()
	defer mu.Unlock()
	t := &table{}
	c := &config{addr: "x"}
	t.cfg.Init(c)
	c.timeout = 5
	t.name = name
	tables.Assign(t)
}

// okCopyAfterPublish changes a copy of the published object and publishes the copy.
func okCopyAfterPublish(timeout int) {
	mu.Lock()
	defer mu.Unlock()
	c := &config{addr: "x"}
	current.Assign(c)
	next := *c
	next.timeout = timeout
	current.Assign(&next)
}

// okRebindAfterPublish points the variable at a new object after publishing
// the first one; the writes go into the new one.
func okRebindAfterPublish(timeout int) {
	mu.Lock()
	defer mu.Unlock()
	c := &config{addr: "first"}
	current.Assign(c)
	c = &config{addr: "second"}
	c.timeout = timeout
	current.Assign(c)
}

// okPushBackValue pushes a copy of a local route: writes to the local after
// that do not reach the list.
func okPushBackValue(prefix string) route {
	r := route{prefix: prefix}
	byValue.PushBack(r)
	r.hops = 7
	return r
}

// okCompareAndSwapRetry reuses its new object across retries; it writes to
// it only after a CompareAndSwap that failed, which published nothing.
func okCompareAndSwapRetry(addr string) {
	c := &config{addr: addr}
	for tries := 0; ; tries++ {
		old := current.Access() // compared only
		c.timeout = tries
		if current.CompareAndSwap(old, c) {
			return
		}
	}
}

// okWrapperPublishComplete publishes a complete object through a wrapper of
// another package.
func okWrapperPublishComplete(port int) {
	c := &updhelpers.Config{Name: "x"}
	c.Port = port
	c.Tags = map[string]string{"a": "b"}
	store.Publish(c)
}

// okDeferredPublish publishes in a deferred call, after every write.
func okDeferredPublish(timeout int) {
	mu.Lock()
	defer mu.Unlock()
	c := &config{addr: "x"}
	defer current.Assign(c)
	c.timeout = timeout
}

// okInitThenLocal sets a Pointer that no reader can see yet.
func okInitThenLocal() *rcuapi.Pointer[config] {
	var p rcuapi.Pointer[config]
	c := &config{}
	p.Init(c)
	c.timeout = 1
	return &p
}

// okRebindInLoop publishes the object of this iteration and starts the next
// one on a new object.
func okRebindInLoop(n int) {
	mu.Lock()
	defer mu.Unlock()
	c := &config{addr: "x"}
	for i := range n {
		c.timeout = i
		current.Assign(c)
		c = &config{addr: "x"}
	}
}

// okPerObjectMutexAfterPublish changes, after publication, only state that
// sits behind the object's own mutex, which readers take as well
// (okReadPerObjectMutex).
func okPerObjectMutexAfterPublish(name string) {
	st := &stats{}
	mu.Lock()
	defer mu.Unlock()
	c := &config{addr: "x", stats: st}
	current.Assign(c)
	c.stats.mu.Lock()
	c.stats.count++
	c.stats.last = name
	c.stats.mu.Unlock()
}

// okReadPerObjectMutex is the reader of okPerObjectMutexAfterPublish.
func okReadPerObjectMutex() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	st := current.Dereference(s).stats
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.count
}

// okMethodBeforeAssign finishes the object with a method, then publishes it.
func okMethodBeforeAssign(t int) {
	mu.Lock()
	defer mu.Unlock()
	c := &config{}
	c.setTimeout(t)
	current.Assign(c)
}

// okReadingMethodAfterPublish only reads the published object.
func okReadingMethodAfterPublish() string {
	c := &updhelpers.Config{Name: "x"}
	store.Publish(c)
	return c.Describe()
}

// bump changes the stats under their own mutex.
func (st *stats) bump() {
	st.mu.Lock()
	st.count++
	st.mu.Unlock()
}

// okLockedMethodAfterPublish calls a method that changes state behind the
// object's own mutex.
func okLockedMethodAfterPublish() {
	mu.Lock()
	defer mu.Unlock()
	c := &config{stats: &stats{}}
	current.Assign(c)
	c.stats.bump()
}

// okGoroutineWritesOther starts a goroutine that fills in another object.
func okGoroutineWritesOther(t int) *config {
	mu.Lock()
	defer mu.Unlock()
	c := &config{}
	d := &config{}
	current.Assign(c)
	done := make(chan struct{})
	go func() {
		d.timeout = t
		close(done)
	}()
	<-done
	return d
}

// okDeleteBeforeAssign deletes from the map before publishing.
func okDeleteBeforeAssign(k string) {
	mu.Lock()
	defer mu.Unlock()
	c := &config{limits: map[string]int{k: 1}}
	delete(c.limits, k)
	current.Assign(c)
}

// okRebindField publishes the builder's object, then starts a new one in the
// same field and fills that in.
func (b *builder) okRebindField(t int) {
	mu.Lock()
	defer mu.Unlock()
	current.Assign(b.cfg)
	b.cfg = &config{}
	b.cfg.timeout = t
}

// okFieldBeforeAssign fills in the builder's object, then publishes it.
func (b *builder) okFieldBeforeAssign(t int) {
	mu.Lock()
	defer mu.Unlock()
	b.cfg.timeout = t
	current.Assign(b.cfg)
}
