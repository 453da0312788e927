// Case: DNS-cache module whose Exit is a function literal that stops the prefetcher and then calls a package helper which refuses new retirements and waits for the queued ones with Barrier
// Source: idiom: module exit code split into helpers (Documentation/RCU/rcubarrier.rst: stop the sources of call_rcu(), then rcu_barrier(), wherever the exit function puts it)
// Kind: idiom

package exitdrain

import (
	"sync"
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type answer struct {
	rdata   *[]byte // wire-format answer, from wirePool
	expires time.Time
}

var wirePool = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

func (a *answer) release() { wirePool.Put(a.rdata) }

var (
	mu       sync.Mutex // guards draining and serialises retirements with it
	draining bool
	answers  rcuapi.Map[string, *answer]
	stopPref chan struct{}
	prefDone chan struct{}
)

var Module = &rcuapi.Module{
	Name: "dnscache",
	Init: func() error {
		mu.Lock()
		draining = false
		mu.Unlock()
		stopPref, prefDone = make(chan struct{}), make(chan struct{})
		go prefetcher(stopPref, prefDone)
		return nil
	},
	Exit: func() {
		close(stopPref)
		<-prefDone
		drainRetirements()
	},
}

// Lookup copies a cached answer into dst.
func Lookup(name string, dst []byte, now time.Time) ([]byte, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	a, ok := answers.Load(s, name)
	if !ok || now.After(a.expires) {
		return dst, false
	}
	return append(dst, *a.rdata...), true
}

// Put caches an answer, retiring the one it replaces.
func Put(name string, wire []byte, ttl time.Duration) {
	rd := wirePool.Get().(*[]byte)
	*rd = append((*rd)[:0], wire...)
	mu.Lock()
	defer mu.Unlock()
	if draining {
		wirePool.Put(rd)
		return
	}
	if old, ok := answers.Swap(name, &answer{rdata: rd, expires: time.Now().Add(ttl)}); ok {
		rcuapi.Call(old.release)
	}
}

func prefetcher(stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	t := time.NewTicker(30 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			// refresh popular names through Put (omitted)
		}
	}
}

// drainRetirements makes sure no retirement is queued after it returns.
func drainRetirements() {
	mu.Lock()
	draining = true
	mu.Unlock()
	rcuapi.Barrier()
}
