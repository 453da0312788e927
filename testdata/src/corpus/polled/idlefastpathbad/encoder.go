// Case: codec swapper closes the old encoder at once when its in-flight counter reads zero, and waits for a grace period only otherwise
// Source: Documentation/RCU/checklist.rst item 15 (every path that frees must follow removal and a grace period; a reader may have fetched the pointer without yet bumping any counter)
// Kind: bad
// Pair: idlefastpathfixed

package idlefastpathbad

import (
	"compress/flate"
	"io"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type encoder struct {
	level    int
	inflight atomic.Int32 // readers looking at it right now
	w        *flate.Writer
}

// Close flushes and releases the compressor.
func (e *encoder) Close() error { return e.w.Close() }

var (
	swapMu  sync.Mutex
	current rcuapi.Pointer[encoder]
)

// Level returns the compression level in use.
func Level() int {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	e := current.Dereference(s)
	if e == nil {
		return flate.DefaultCompression
	}
	e.inflight.Add(1)
	lvl := e.level
	e.inflight.Add(-1)
	return lvl
}

// SetLevel installs an encoder at level writing to dst and closes the
// previous one.
func SetLevel(level int, dst io.Writer) error {
	w, err := flate.NewWriter(dst, level)
	if err != nil {
		return err
	}
	swapMu.Lock()
	old := current.Replace(&encoder{level: level, w: w}, &swapMu)
	swapMu.Unlock()
	if old == nil {
		return nil
	}
	if old.inflight.Load() == 0 {
		return old.Close() // expect RCU2004
	}
	rcuapi.Synchronize()
	return old.Close()
}
