// Package retirehelpers holds the cross-package helpers of the RCU2004
// fixtures: a helper that destroys what it is given at once, one that waits
// for a grace period first, and a user type whose Free carries
// //rcu:destroy. It holds correct code only: nothing may be reported here.
package retirehelpers

import (
	"io"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Buffer is recycled by Free.
type Buffer struct{ b []byte }

// Free returns b to its arena.
//
//rcu:destroy b
func Free(b *Buffer) { b.b = b.b[:0] }

// CloseNow closes c at once.
func CloseNow(c io.Closer) { _ = c.Close() }

// CloseAfterGracePeriod waits for the readers of classic RCU, then closes c.
func CloseAfterGracePeriod(c io.Closer) {
	rcuapi.Synchronize()
	_ = c.Close()
}

var (
	mu  sync.Mutex
	cur rcuapi.Pointer[Buffer]
)

// Swap publishes next and returns the buffer it replaced, which readers
// may still hold: the caller must wait for a grace period before
// destroying it.
func Swap(next *Buffer) *Buffer {
	mu.Lock()
	defer mu.Unlock()
	return cur.Replace(next, &mu)
}
