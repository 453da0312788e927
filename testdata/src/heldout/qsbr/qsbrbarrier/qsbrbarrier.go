// Case: QSBR log shipper drains the domain's callbacks on a flush command while its own handle is online
// Source: liburcu urcu-qsbr rcu_barrier() from a registered online thread waits for a grace period that waits for the caller (https://github.com/urcu/userspace-rcu doc/rcu-api.md; rcuapi QSBR.Barrier docs)
// Kind: bad
// Pair: qsbrbarrierfix

package qsbrbarrier

import (
	"bytes"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type segment struct {
	seq uint64
	buf *bytes.Buffer
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

type Shipper struct {
	q   rcuapi.QSBR
	mu  sync.Mutex
	cur rcuapi.Pointer[segment]
}

// Roll starts a new segment; the old buffer is recycled after a grace period.
func (sh *Shipper) Roll(seq uint64) {
	next := &segment{seq: seq, buf: bufPool.Get().(*bytes.Buffer)}
	next.buf.Reset()
	sh.mu.Lock()
	old := sh.cur.Replace(next, &sh.mu)
	sh.mu.Unlock()
	if old != nil {
		sh.q.Call(func() { bufPool.Put(old.buf) })
	}
}

type Cmd struct {
	Flush bool
	Seq   uint64
	Done  chan struct{}
}

// Worker serves commands; a Flush waits until every retired buffer is
// back in the pool so that the memory statistics are exact.
func (sh *Shipper) Worker(cmds <-chan Cmd) {
	r := sh.q.Register()
	defer r.Unregister()
	for {
		r.Offline()
		c, ok := <-cmds
		r.Online()
		if !ok {
			return
		}
		if c.Flush {
			sh.q.Barrier() // expect RCU1006
			close(c.Done)
			continue
		}
		s := r.ReadLock()
		seq := sh.cur.Dereference(s).seq
		r.ReadUnlock(s)
		r.Quiescent()
		if seq < c.Seq {
			r.Offline() // Roll takes the update lock
			sh.Roll(c.Seq)
			r.Online()
		}
		close(c.Done)
	}
}
