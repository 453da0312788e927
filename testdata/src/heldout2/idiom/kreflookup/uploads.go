// Case: upload registry pins a session found under the section with an increment-unless-zero reference and writes chunks into it after the section; removal drops the base reference from an RCU callback
// Source: idiom: kref_get_unless_zero() inside rcu_read_lock() with the final put after call_rcu() (Documentation/RCU/rcuref.rst)
// Kind: idiom

package kreflookup

import (
	"errors"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var ErrNoUpload = errors.New("uploads: unknown or finished upload")

var chunkPool = sync.Pool{New: func() any { b := make([]byte, 0, 1<<20); return &b }}

type session struct {
	id   string
	refs atomic.Int32 // one base reference while listed, plus one per user
	mu   sync.Mutex   // guards buf
	buf  *[]byte
}

// tryGet takes a reference unless the session is already being torn down.
func (u *session) tryGet() bool {
	for {
		n := u.refs.Load()
		if n == 0 {
			return false
		}
		if u.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

// put drops a reference; the last one returns the buffer to the pool.
func (u *session) put() {
	if u.refs.Add(-1) == 0 {
		*u.buf = (*u.buf)[:0]
		chunkPool.Put(u.buf)
	}
}

type Registry struct {
	sessions rcuapi.Map[string, *session]
}

func (r *Registry) Begin(id string) {
	u := &session{id: id, buf: chunkPool.Get().(*[]byte)}
	u.refs.Store(1)
	if old, ok := r.sessions.Swap(id, u); ok {
		rcuapi.Call(old.put)
	}
}

// Write appends a chunk to an upload. Taking the session's mutex may block,
// so the session is pinned in the section and used after it.
func (r *Registry) Write(id string, chunk []byte) error {
	s := rcuapi.ReadLock()
	u, ok := r.sessions.Load(s, id)
	if ok && !u.tryGet() {
		ok = false
	}
	rcuapi.ReadUnlock(s)
	if !ok {
		return ErrNoUpload
	}
	defer u.put()
	u.mu.Lock()
	*u.buf = append(*u.buf, chunk...)
	u.mu.Unlock()
	return nil
}

// Finish unlists an upload; the base reference goes after a grace period,
// so a reader between Load and tryGet never sees a recycled session.
func (r *Registry) Finish(id string) bool {
	u, ok := r.sessions.Delete(id)
	if ok {
		rcuapi.Call(u.put)
	}
	return ok
}
