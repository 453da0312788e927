// Case: polled grace periods: the cookie is taken after the old table is unpublished; a reaper polls the cookies and destroys what has completed, and a synchronous path waits with CondSynchronize
// Source: idiom: get_state_synchronize_rcu()/poll_state_synchronize_rcu()/cond_synchronize_rcu() used after the removal (man page: https://carta.tech/man-pages/man9/get_state_synchronize_rcu.9.html)
// Kind: idiom

package polledgraceperiod

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var arenas = sync.Pool{New: func() any { return make([]uint32, 0, 1<<12) }}

// Table is a lookup table whose rows live in a pooled arena.
type Table struct {
	rows []uint32
}

// Close returns the table's arena to the pool.
func (t *Table) Close() { arenas.Put(t.rows[:0]) }

type retired struct {
	t  *Table
	st rcuapi.GPState
}

var (
	mu      sync.Mutex
	table   rcuapi.Pointer[Table]
	pending []retired // under mu
)

// Row returns row i of the current table.
func Row(i int) uint32 {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	rows := table.Dereference(s).rows
	if i < 0 || i >= len(rows) {
		return 0
	}
	return rows[i]
}

// Install publishes next; the old table is destroyed later by Reap.
func Install(next *Table) {
	mu.Lock()
	defer mu.Unlock()
	old := table.Replace(next, &mu)
	if old != nil {
		pending = append(pending, retired{t: old, st: rcuapi.StartPoll()})
	}
}

// Reap destroys the retired tables whose grace period has completed.
func Reap() int {
	var done []*Table
	mu.Lock()
	keep := pending[:0]
	for _, r := range pending {
		if rcuapi.PollState(r.st) {
			done = append(done, r.t)
		} else {
			keep = append(keep, r)
		}
	}
	pending = keep
	mu.Unlock()
	for _, t := range done {
		t.Close()
	}
	return len(done)
}

// InstallNow publishes next and destroys the old table before returning.
func InstallNow(next *Table) {
	mu.Lock()
	old := table.Replace(next, &mu)
	mu.Unlock()
	if old == nil {
		return
	}
	st := rcuapi.GetState()
	rcuapi.CondSynchronize(st)
	old.Close()
}
