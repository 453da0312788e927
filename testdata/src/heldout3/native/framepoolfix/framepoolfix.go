// Case: camera service stores the newest frame and leaves the replaced one to the garbage collector
// Source: hashicorp/boundary PR #2435 and grpc-go/prometheus pooled-buffer fixes (a swapped-out object recycled while readers still held it); Documentation/RCU/checklist.rst item 15
// Kind: fixed
// Pair: native/framepool

package framepoolfix

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
	c.latest.Store(f) // the replaced frame is left to the garbage collector
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
