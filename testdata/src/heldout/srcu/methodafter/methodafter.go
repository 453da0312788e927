// Case: job queue Close cleans up its SRCU domain and then reports the queue length through a method that reads under it
// Source: use of an srcu_struct after cleanup_srcu_struct() through a helper that takes srcu_read_lock() (Documentation/RCU/checklist.rst item 14; rcuvet issue 13 class 13)
// Kind: bad
// Pair: methodafterfix

package methodafter

import (
	"fmt"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type job struct {
	id      int
	payload []byte
}

type Queue struct {
	mu   sync.Mutex
	d    *rcuapi.SRCU
	jobs rcuapi.List[*job]
	done chan struct{}
}

func NewQueue() *Queue {
	return &Queue{d: rcuapi.NewSRCU("jobs"), done: make(chan struct{})}
}

// Len counts the queued jobs under the domain.
func (q *Queue) Len() int {
	s := q.d.ReadLock()
	defer q.d.ReadUnlock(s)
	n := 0
	for range q.jobs.All(s) {
		n++
	}
	return n
}

// Take removes the first job and returns a copy of its payload.
func (q *Queue) Take() ([]byte, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for e := range q.jobs.AllProtected(&q.mu) {
		q.jobs.Remove(e)
		out := append([]byte(nil), e.Value.payload...)
		q.d.Call(func() { clear(e.Value.payload) })
		return out, true
	}
	return nil, false
}

// Close drains the domain, ends it and says how many jobs were dropped.
func (q *Queue) Close() error {
	close(q.done)
	q.d.Barrier()
	if err := q.d.Cleanup(); err != nil {
		return err
	}
	if n := q.Len(); n > 0 { // expect RCU6005
		return fmt.Errorf("closed with %d jobs queued", n)
	}
	return nil
}
