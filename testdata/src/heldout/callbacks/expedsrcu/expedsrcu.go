// Case: device hot-unplug detaches each queue and waits for an expedited SRCU grace period per queue
// Source: synchronize_srcu_expedited() per element in a teardown loop (Documentation/RCU/checklist.rst item 6; kernel-doc of synchronize_srcu_expedited())
// Kind: bad
// Pair: expedsrcufix

package expedsrcu

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
	d.mu.Lock()
	defer d.mu.Unlock()
	for id, p := range d.queues {
		old := p.Replace(nil, &d.mu)
		if old == nil {
			continue
		}
		d.ioSRCU.SynchronizeExpedited() // expect RCU4001
		close(old.pending)
		_ = id
	}
}
