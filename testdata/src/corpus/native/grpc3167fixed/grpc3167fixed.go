// Case: buffer reuse reverted: each message gets its own buffer and the dequeued one is left to the garbage collector
// Source: grpc/grpc-go PR #3338 https://github.com/grpc/grpc-go/pull/3338 (revert buffer reuse, commit 8c50fc25657c), reverting #3167 and #3293 because of issue #3307
// Kind: fixed
// Pair: grpc3167bad

package grpc3167fixed

import (
	"io"
	"sync/atomic"
)

// stream carries one message at a time to the loopy writer.
type stream struct {
	pending atomic.Pointer[[]byte] // the marshalled message being written
}

// SendMsg copies m into a new buffer and queues it.
func (s *stream) SendMsg(m []byte) {
	b := append([]byte(nil), m...)
	s.pending.Store(&b)
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
	s.pending.Swap(nil)
}
