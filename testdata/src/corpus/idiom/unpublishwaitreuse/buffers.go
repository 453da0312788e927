// Case: helpers that unpublish an object, wait for a grace period and only then write into it to recycle it (a free list, and a double buffer)
// Source: idiom: checklist item 15 (unpublish, wait, then destroy or reuse); issue 13 item 4 (a helper that writes after unpublishing and waiting does not write a published object)
// Kind: idiom

package unpublishwaitreuse

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Buffer holds one tenant's encoded response cache.
type Buffer struct {
	Owner string
	data  []byte
}

var (
	mu   sync.Mutex
	bufs rcuapi.List[*Buffer]
	free []*Buffer // recycled buffers, under mu
)

// Lookup appends the cached response of owner to dst.
func Lookup(owner string, dst []byte) []byte {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	for e := range bufs.All(s) {
		if e.Value.Owner == owner {
			return append(dst, e.Value.data...)
		}
	}
	return dst
}

// retireLocked unlinks e, waits until no reader can see it, then resets
// its buffer and puts it on the free list. The caller holds mu; readers
// never take it.
func retireLocked(e *rcuapi.Element[*Buffer]) {
	bufs.Remove(e)
	rcuapi.Synchronize()
	b := e.Value
	b.Owner = ""
	b.data = b.data[:0]
	free = append(free, b)
}

// Evict drops the cached response of owner.
func Evict(owner string) {
	mu.Lock()
	defer mu.Unlock()
	for e := range bufs.AllProtected(&mu) {
		if e.Value.Owner == owner {
			retireLocked(e)
			return
		}
	}
}

// Store caches data for owner, reusing a free buffer if there is one.
func Store(owner string, data []byte) {
	mu.Lock()
	defer mu.Unlock()
	b := &Buffer{}
	if n := len(free); n > 0 {
		b, free = free[n-1], free[:n-1]
	}
	b.Owner = owner
	b.data = append(b.data[:0], data...)
	bufs.PushBack(b)
}

// Page is a status page served from one of two alternating buffers.
type Page struct {
	html []byte
}

var (
	pageMu sync.Mutex
	page   rcuapi.Pointer[Page]
	spare  = &Page{} // never published while it is the spare; under pageMu
)

// Render returns a copy of the current page.
func Render() []byte {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if p := page.Dereference(s); p != nil {
		return append([]byte(nil), p.html...)
	}
	return nil
}

// Publish fills the spare buffer, publishes it, and after a grace period
// keeps the previous page as the next spare.
func Publish(html []byte) {
	pageMu.Lock()
	defer pageMu.Unlock()
	next := spare
	next.html = append(next.html[:0], html...)
	old := page.Replace(next, &pageMu)
	rcuapi.Synchronize()
	if old == nil {
		old = &Page{}
	}
	spare = old
}
