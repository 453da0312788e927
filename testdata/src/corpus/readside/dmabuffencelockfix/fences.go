// Case: readers that must take the fence lock use an SRCU domain, whose readers may block; the updater waits on the same domain
// Source: freebsd/drm-kmod PR #237 (https://github.com/freebsd/drm-kmod/pull/237); Go fix: protect the fence set with SRCU (checklist item 14) instead of sleeping in a classic section
// Kind: fixed
// Pair: dmabuffencelock

package dmabuffencelockfix

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Fence is signalled by the device when its work completes.
type Fence struct {
	mu       sync.Mutex
	signaled bool
	seqno    uint64
}

// Resv is the set of fences attached to a buffer, replaced when a job is
// queued or retired.
type Resv struct {
	fences []*Fence
}

var (
	fenceDom rcuapi.SRCU // readers of resv take fence locks
	mu       sync.Mutex
	resv     rcuapi.Pointer[Resv]
)

// Busy reports how many fences of the buffer are still pending.
func Busy() (pending int) {
	s := fenceDom.ReadLock()
	defer fenceDom.ReadUnlock(s)
	for _, f := range resv.Dereference(s).fences {
		f.mu.Lock()
		if !f.signaled {
			pending++
		}
		f.mu.Unlock()
	}
	return pending
}

// Attach adds f to the buffer's fences.
func Attach(f *Fence) {
	mu.Lock()
	defer mu.Unlock()
	cur := resv.Protected(&mu)
	next := &Resv{fences: append([]*Fence{f}, cur.fences...)}
	resv.Assign(next)
}
