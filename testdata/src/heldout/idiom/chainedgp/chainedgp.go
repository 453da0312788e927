// Case: descriptor table read by classic and SRCU readers, retired after both grace periods (waits in sequence, or chained callbacks)
// Source: idiom: data with readers of two flavours is freed after both grace periods, as the CVE-2023-52447 fix does (call_rcu_tasks_trace() chained with call_rcu())
// Kind: idiom

package chainedgp

import (
	"io"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type desc struct {
	fd     int
	name   string
	closed bool
	buf    []byte
}

var bufPool sync.Pool

type Table struct {
	mu    sync.Mutex
	slow  rcuapi.SRCU // readers that write to clients
	descs [32]rcuapi.Pointer[desc]
}

// Name runs on the hot path.
func (t *Table) Name(i int) string {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	if d := t.descs[i].Dereference(s); d != nil {
		return d.name
	}
	return ""
}

// Dump writes a descriptor's buffer to w; it may block.
func (t *Table) Dump(i int, w io.Writer) error {
	s := t.slow.ReadLock()
	defer t.slow.ReadUnlock(s)
	d := t.descs[i].Dereference(s)
	if d == nil {
		return nil
	}
	_, err := w.Write(d.buf)
	return err
}

// Close retires slot i, waiting for both kinds of readers in turn.
func (t *Table) Close(i int) {
	t.mu.Lock()
	old := t.descs[i].Replace(nil, &t.mu)
	t.mu.Unlock()
	if old == nil {
		return
	}
	rcuapi.Synchronize()
	t.slow.Synchronize()
	old.closed = true
	bufPool.Put(old.buf[:0])
}

// Reset retires slot i without waiting: the classic callback queues the
// SRCU one, so the buffer is recycled only after both grace periods.
func (t *Table) Reset(i int, next *desc) {
	t.mu.Lock()
	old := t.descs[i].Replace(next, &t.mu)
	t.mu.Unlock()
	if old == nil {
		return
	}
	rcuapi.Call(func() {
		t.slow.Call(func() { bufPool.Put(old.buf[:0]) })
	})
}
