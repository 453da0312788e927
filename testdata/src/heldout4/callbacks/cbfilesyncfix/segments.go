// Case: write-ahead log's retirement callback hands the fsync and close of the sealed segment to a goroutine
// Source: Documentation/RCU/checklist.rst item 5 (RCU callbacks run in a context that must not block); etcd WAL segment cut and release
// Kind: fixed
// Pair: callbacks/cbfilesync

package cbfilesyncfix

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
	if err := seg.file.Sync(); err != nil {
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
		rcuapi.Call(func() { go release(old) })
	}
}
