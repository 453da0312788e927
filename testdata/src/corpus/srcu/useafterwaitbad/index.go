// Case: search index's Close calls a method that cleans up the SRCU field, then another method that waits on that field for readers
// Source: Linux cleanup_srcu_struct() kernel-doc (every synchronize_srcu() must have returned, and no new one may start, before cleanup); rcuvet issue 13 item 13
// Kind: bad
// Pair: useafterwaitfixed

package useafterwaitbad

import (
	"log"
	"strings"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type segment struct {
	terms map[string][]uint32 // term -> document ids
}

// Index serves queries over its segments; queries may block on the
// caller's output, so readers use an SRCU domain of the index.
type Index struct {
	srcu     *rcuapi.SRCU
	mu       sync.Mutex
	segments rcuapi.Pointer[[]*segment]
}

// Open returns an empty index.
func Open() *Index {
	ix := &Index{srcu: rcuapi.NewSRCU("index")}
	ix.segments.Init(new([]*segment))
	return ix
}

// Query calls emit with each document containing term.
func (ix *Index) Query(term string, emit func(uint32)) {
	s := ix.srcu.ReadLock()
	defer ix.srcu.ReadUnlock(s)
	for _, seg := range *ix.segments.Dereference(s) {
		for _, id := range seg.terms[strings.ToLower(term)] {
			emit(id)
		}
	}
}

// Drop unpublishes every segment.
func (ix *Index) Drop() {
	ix.mu.Lock()
	ix.segments.Replace(new([]*segment), &ix.mu)
	ix.mu.Unlock()
}

// waitReaders returns once every query that began before it has ended.
func (ix *Index) waitReaders() { ix.srcu.Synchronize() }

// release ends the index's domain.
func (ix *Index) release() {
	if err := ix.srcu.Cleanup(); err != nil {
		log.Printf("index: %v", err)
	}
}

// Close drops the segments and ends the domain; the caller has stopped
// issuing queries, but some may still be running.
func (ix *Index) Close() {
	ix.Drop()
	ix.release()
	ix.waitReaders() // expect RCU6005
}
