// Case: multiplexed connection owns a private SRCU domain for its stream table; Close stops new streams, unpublishes the table, waits for readers, drains the domain's callbacks and only then cleans the domain up, reporting Cleanup's error
// Source: idiom: init_srcu_struct()/cleanup_srcu_struct() per object with srcu_barrier() before cleanup (Documentation/RCU/checklist.rst item 14; rcuapi.SRCU docs)
// Kind: idiom

package connstreams

import (
	"errors"
	"io"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var ErrClosed = errors.New("mux: connection closed")

type stream struct {
	id     uint32
	window *[]byte // receive window, from winPool
	w      io.Writer
}

var winPool = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

func (st *stream) free() { winPool.Put(st.window) }

type Conn struct {
	mu      sync.Mutex // serialises stream changes; guards closed
	closed  bool
	dom     *rcuapi.SRCU
	streams rcuapi.Map[uint32, *stream]
}

func NewConn(name string) *Conn { return &Conn{dom: rcuapi.NewSRCU("mux:" + name)} }

// Deliver hands a frame to its stream's writer, which may block.
func (c *Conn) Deliver(id uint32, frame []byte) error {
	s := c.dom.ReadLock()
	defer c.dom.ReadUnlock(s)
	st, ok := c.streams.Load(s, id)
	if !ok {
		return io.ErrClosedPipe
	}
	_, err := st.w.Write(frame)
	return err
}

// Open adds a stream.
func (c *Conn) Open(id uint32, w io.Writer) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return ErrClosed
	}
	if old, ok := c.streams.Swap(id, &stream{id: id, window: winPool.Get().(*[]byte), w: w}); ok {
		c.dom.Call(old.free)
	}
	return nil
}

// Reset removes a stream.
func (c *Conn) Reset(id uint32) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	if old, ok := c.streams.Delete(id); ok {
		c.dom.Call(old.free)
	}
}

// Close tears the connection down. No Deliver may start after it.
func (c *Conn) Close() error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return ErrClosed
	}
	c.closed = true
	var gone []*stream
	for id := range c.streamIDs() {
		if old, ok := c.streams.Delete(id); ok {
			gone = append(gone, old)
		}
	}
	c.mu.Unlock()

	c.dom.Synchronize()
	for _, st := range gone {
		st.free()
	}
	c.dom.Barrier()
	return c.dom.Cleanup()
}

// streamIDs returns the ids of the open streams, copied under a section.
func (c *Conn) streamIDs() map[uint32]struct{} {
	ids := make(map[uint32]struct{})
	s := c.dom.ReadLock()
	for id := range c.streams.Range(s) {
		ids[id] = struct{}{}
	}
	c.dom.ReadUnlock(s)
	return ids
}
