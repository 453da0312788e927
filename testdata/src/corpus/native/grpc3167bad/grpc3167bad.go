// Case: the encoded message buffer goes back to the pool when its queue entry is dequeued, while the writer is still sending bytes from it
// Source: grpc/grpc-go PR #3167 https://github.com/grpc/grpc-go/pull/3167 (codec/proto: reuse of marshal byte buffers, commit 642675125e19) and issue #3307 https://github.com/grpc/grpc-go/issues/3307 (dfawley: Done is called when the data is dequeued in loopy writer, it should be called only after it is fully written); reverted by PR #3338; the dataFrame handed between the stream and the loopy writer is modelled as an atomic.Pointer
// Kind: bad
// Pair: grpc3167fixed

package grpc3167bad

import (
	"io"
	"sync"
	"sync/atomic"
)

var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

// stream carries one message at a time to the loopy writer.
type stream struct {
	pending atomic.Pointer[[]byte] // the marshalled message being written
}

// SendMsg marshals m into a pooled buffer and queues it.
func (s *stream) SendMsg(m []byte) {
	b := bufPool.Get().(*[]byte)
	*b = append((*b)[:0], m...)
	s.pending.Store(b)
}

// writeChunk is run by the loopy writer, once per flow-control window.
func (s *stream) writeChunk(w io.Writer, off, n int) {
	if b := s.pending.Load(); b != nil && off < len(*b) {
		end := min(off+n, len(*b))
		_, _ = w.Write((*b)[off:end])
	}
}

// dequeue runs when the frame leaves the stream's item list.
func (s *stream) dequeue() {
	if b := s.pending.Swap(nil); b != nil {
		bufPool.Put(b) // expect RCU7004
	}
}
