// Case: the writer loads the current buffer, stores a fresh one and puts the replaced buffer back into a sync.Pool while readers may still hold it
// Source: idiom: grpc/grpc-go PR #3167 https://github.com/grpc/grpc-go/pull/3167 / issue #3307 shape (a pooled buffer returned while still in use), here for a buffer replaced by Store
// Kind: bad
// Pair: vpoolputfixed

package vpoolputbad

import (
	"sync"
	"sync/atomic"
)

var pool = sync.Pool{New: func() any { return new([]byte) }}

type exporter struct {
	mu      sync.Mutex             // serialises publish
	encoded atomic.Pointer[[]byte] // the last encoded scrape, served to every reader
}

// serve is the read side.
func (e *exporter) serve(write func([]byte)) {
	if b := e.encoded.Load(); b != nil {
		write(*b)
	}
}

// publish encodes a new scrape and replaces the served one.
func (e *exporter) publish(encode func([]byte) []byte) {
	e.mu.Lock()
	defer e.mu.Unlock()
	b := pool.Get().(*[]byte)
	*b = encode((*b)[:0])
	old := e.encoded.Load()
	e.encoded.Store(b)
	if old != nil {
		pool.Put(old) // expect RCU7004
	}
}
