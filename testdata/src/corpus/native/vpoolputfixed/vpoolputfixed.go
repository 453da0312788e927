// Case: the replaced buffer is left to the garbage collector, which is the grace period for readers that still hold it
// Source: idiom: grpc/grpc-go PR #3338 https://github.com/grpc/grpc-go/pull/3338 (revert buffer reuse) applied to a buffer replaced by Store
// Kind: fixed
// Pair: vpoolputbad

package vpoolputfixed

import (
	"sync"
	"sync/atomic"
)

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
	b := encode(nil)
	e.encoded.Store(&b)
}
