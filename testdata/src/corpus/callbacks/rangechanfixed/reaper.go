// Case: connection reaper posts an SRCU callback per closed connection and falls back to waiting on the domain when its backlog is long
// Source: Documentation/RCU/checklist.rst item 8 (call_rcu()/call_srcu() flooding; bound the backlog or fall back to synchronous grace periods); Linux commit 9154244c1ab6 "rcu/tree: Add a shrinker to prevent OOM due to kfree_rcu() batching", https://lab.nexedi.com/kirr/linux/-/blob/9154244c1ab6c9db4f1f25ac8f73bd46dba64287/kernel/rcu/tree.c
// Kind: fixed
// Pair: rangechanbad

package rangechanfixed

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type session struct {
	id  uint64
	out chan<- []byte
	buf []byte
}

var (
	dom      rcuapi.SRCU // readers write to sessions and may block
	mu       sync.Mutex
	sessions rcuapi.Map[uint64, *session]
	buffers  = sync.Pool{New: func() any { return make([]byte, 0, 16<<10) }}
)

// Broadcast writes msg to every session.
func Broadcast(msg []byte) {
	s := dom.ReadLock()
	defer dom.ReadUnlock(s)
	for _, sess := range sessions.Range(s) {
		sess.out <- msg // SRCU readers may block
	}
}

// Join registers a session.
func Join(id uint64, w chan<- []byte) {
	mu.Lock()
	sessions.Store(id, &session{id: id, out: w, buf: buffers.Get().([]byte)})
	mu.Unlock()
}

// Reap unlinks every session whose id arrives on closed and recycles its
// buffer after a grace period of dom. It returns when closed is closed.
func Reap(closed <-chan uint64) {
	for id := range closed {
		mu.Lock()
		old, ok := sessions.Delete(id)
		mu.Unlock()
		if !ok {
			continue
		}
		if dom.Pending() > 1024 {
			// Backlog too long: wait for this one instead of queueing it.
			dom.Synchronize()
			buffers.Put(old.buf[:0])
			continue
		}
		dom.Call(func() { buffers.Put(old.buf[:0]) })
	}
}
