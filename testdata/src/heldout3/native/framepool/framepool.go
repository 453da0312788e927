// Case: camera service swaps in the newest frame and returns the replaced frame to a sync.Pool while snapshot handlers may still be writing it out
// Source: hashicorp/boundary PR #2435 and grpc-go/prometheus pooled-buffer fixes (a swapped-out object recycled while readers still held it); Documentation/RCU/checklist.rst item 15
// Kind: bad
// Pair: native/framepoolfix

package framepool

import (
	"io"
	"sync"
	"sync/atomic"
	"time"
)

type frame struct {
	buf []byte
	ts  time.Time
}

var framePool = sync.Pool{New: func() any { return &frame{buf: make([]byte, 0, 64<<10)} }}

type Camera struct {
	latest atomic.Pointer[frame]
}

// Publish runs on the capture goroutine for every frame.
func (c *Camera) Publish(data []byte, ts time.Time) {
	f := framePool.Get().(*frame)
	f.buf = append(f.buf[:0], data...)
	f.ts = ts
	if old := c.latest.Swap(f); old != nil {
		framePool.Put(old) // expect RCU7004
	}
}

// Snapshot serves GET /snapshot.jpg; a slow client keeps f for a long time.
func (c *Camera) Snapshot(w io.Writer) (time.Time, error) {
	f := c.latest.Load()
	if f == nil {
		return time.Time{}, io.EOF
	}
	_, err := w.Write(f.buf)
	return f.ts, err
}
