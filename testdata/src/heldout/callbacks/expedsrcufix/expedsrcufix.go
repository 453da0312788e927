// Case: device hot-unplug detaches every queue, waits for one SRCU grace period, then closes them
// Source: synchronize_srcu_expedited() per element in a teardown loop (Documentation/RCU/checklist.rst item 6; kernel-doc of synchronize_srcu_expedited())
// Kind: fixed
// Pair: expedsrcu

package expedsrcufix

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type queue struct {
	id      int
	pending chan []byte
}

// Device queues are read under ioSRCU: submitters may block on a full queue.
type Device struct {
	mu     sync.Mutex
	ioSRCU rcuapi.SRCU
	queues map[int]*rcuapi.Pointer[queue]
}

// Submit hands p to queue id; it may wait while the queue is full.
func (d *Device) Submit(id int, p []byte) bool {
	q := d.queues[id]
	if q == nil {
		return false
	}
	s := d.ioSRCU.ReadLock()
	defer d.ioSRCU.ReadUnlock(s)
	cur := q.Dereference(s)
	if cur == nil {
		return false
	}
	cur.pending <- p
	return true
}

// Unplug detaches every queue and closes its channel.
func (d *Device) Unplug() {
	var detached []*queue
	d.mu.Lock()
	for _, p := range d.queues {
		if old := p.Replace(nil, &d.mu); old != nil {
			detached = append(detached, old)
		}
	}
	d.mu.Unlock()
	d.ioSRCU.Synchronize()
	for _, old := range detached {
		close(old.pending)
	}
}
