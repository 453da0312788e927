// Case: storage engine's segment retirement callback starts a goroutine that waits for the pins and recycles the buffer
// Source: Documentation/RCU/checklist.rst items 5 and 11 (a callback may run in softirq context and must not sleep; hand blocking waits to a workqueue)
// Kind: fixed
// Pair: segmentpin

package segmentpinfix

import (
	"errors"
	"io"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var ErrNoSegment = errors.New("engine: no such segment")

// segment is an immutable, memory-resident run of records. Readers that
// keep using it after their section pin it with pins.Add(1) first.
type segment struct {
	id   uint64
	buf  []byte
	pins sync.WaitGroup
}

var segPool = sync.Pool{New: func() any { return new([]byte) }}

type Engine struct {
	mu       sync.Mutex
	segments rcuapi.Map[uint64, *segment]
}

// CopyTo streams a segment to w. The write may block, so the segment is
// pinned inside the section and used after it.
func (e *Engine) CopyTo(id uint64, w io.Writer) error {
	s := rcuapi.ReadLock()
	seg, ok := e.segments.Load(s, id)
	if ok {
		seg.pins.Add(1)
	}
	rcuapi.ReadUnlock(s)
	if !ok {
		return ErrNoSegment
	}
	defer seg.pins.Done()
	_, err := w.Write(seg.buf)
	return err
}

// Drop unpublishes a compacted segment. After a grace period no reader can
// find it any more; the pinned ones still have to finish.
func (e *Engine) Drop(id uint64) {
	seg, ok := e.segments.Delete(id)
	if !ok {
		return
	}
	rcuapi.Call(func() {
		go func() {
			seg.pins.Wait()
			b := seg.buf[:0]
			segPool.Put(&b)
		}()
	})
}
