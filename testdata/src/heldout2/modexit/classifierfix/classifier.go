// Case: packet classifier module's Exit stops its workers and drains the QSBR domain its retirements were queued on
// Source: Documentation/RCU/rcubarrier.rst and checklist.rst items 7 and 18 (each flavour has its own barrier: rcu_barrier() does not wait for srcu/qsbr callbacks); liburcu's rcu_barrier() per flavour
// Kind: fixed
// Pair: classifier

package classifierfix

import (
	"errors"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var (
	errClosed = errors.New("classifier: module unloaded")
	errBusy   = errors.New("classifier: queue full")
)

type Class uint8

type Packet struct {
	DstPort uint16
	Result  chan Class // capacity 1, so workers never wait on it
}

type rules struct {
	byPort  map[uint16]Class
	scratch *[]byte
}

var scratchPool = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

func (r *rules) recycle() { scratchPool.Put(r.scratch) }

type classifier struct {
	q       *rcuapi.QSBR
	mu      sync.Mutex // guards closed, packets, and serialises SetRules
	closed  bool
	rules   rcuapi.Pointer[rules]
	packets chan Packet
	workers sync.WaitGroup
}

var c = &classifier{q: rcuapi.NewQSBR("classifier"), closed: true}

var Module = &rcuapi.Module{Name: "classifier", Init: initModule, Exit: exitModule}

func initModule() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = false
	c.packets = make(chan Packet, 256)
	c.rules.Assign(&rules{byPort: map[uint16]Class{}, scratch: scratchPool.Get().(*[]byte)})
	for range 4 {
		c.workers.Add(1)
		go c.worker()
	}
	return nil
}

func (c *classifier) worker() {
	defer c.workers.Done()
	r := c.q.Register()
	defer r.Unregister()
	for {
		r.Offline()
		p, ok := <-c.packets
		r.Online()
		if !ok {
			return
		}
		s := r.ReadLock()
		class := c.rules.Dereference(s).byPort[p.DstPort]
		r.ReadUnlock(s)
		r.Quiescent()
		p.Result <- class
	}
}

// Submit queues a packet for classification.
func Submit(p Packet) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return errClosed
	}
	select {
	case c.packets <- p:
		return nil
	default:
		return errBusy
	}
}

// SetRules publishes a new rule table.
func SetRules(byPort map[uint16]Class) error {
	next := &rules{byPort: byPort, scratch: scratchPool.Get().(*[]byte)}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return errClosed
	}
	old := c.rules.Replace(next, &c.mu)
	c.q.Call(old.recycle)
	return nil
}

func exitModule() {
	c.mu.Lock()
	c.closed = true
	close(c.packets)
	c.mu.Unlock()
	c.workers.Wait()
	c.q.Barrier()
}
