// Case: write-ahead log retires a sealed segment with an RCU callback that fsyncs and closes the segment file, blocking the callback goroutine on disk I/O
// Source: Documentation/RCU/checklist.rst item 5 (RCU callbacks run in a context that must not block); etcd WAL segment cut and release
// Kind: bad
// Pair: callbacks/cbfilesyncfix

package cbfilesync

import (
	"log"
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type segment struct {
	seq  uint64
	file *os.File
}

type WAL struct {
	mu     sync.Mutex
	active rcuapi.Pointer[segment]
}

func release(seg *segment) {
	if err := seg.file.Sync(); err != nil { // expect RCU3001
		log.Printf("wal: sync segment %d: %v", seg.seq, err)
	}
	seg.file.Close()
}

// Cut seals the active segment and starts the next one.
func (w *WAL) Cut(next *os.File) {
	w.mu.Lock()
	old := w.active.Protected(&w.mu)
	seq := uint64(1)
	if old != nil {
		seq = old.seq + 1
	}
	w.active.Replace(&segment{seq: seq, file: next}, &w.mu)
	w.mu.Unlock()
	if old != nil {
		rcuapi.Call(func() { release(old) })
	}
}
