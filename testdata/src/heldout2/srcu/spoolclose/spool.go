// Case: spool's Close ends its SRCU domain and, when Cleanup reports readers still inside, waits for a grace period of the domain it has just ended
// Source: Documentation/RCU/checklist.rst item 14 (after cleanup_srcu_struct() the srcu_struct may not be used); rcuapi.SRCU.Cleanup documentation (any use after Cleanup panics)
// Kind: bad
// Pair: spoolclosefix

package spoolclose

import (
	"errors"
	"os"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

var ErrClosed = errors.New("spool: closed")

type segment struct {
	f *os.File
}

// Spool appends records to the current segment file. Appenders write inside
// an SRCU section. Close may run while Appends are finishing, but no Append
// may start once Close has begun.
type Spool struct {
	mu     sync.Mutex
	closed bool
	dom    rcuapi.SRCU
	cur    rcuapi.Pointer[segment]
}

func New(f *os.File) *Spool {
	sp := &Spool{}
	sp.cur.Init(&segment{f: f})
	return sp
}

// Append writes one record to the current segment.
func (sp *Spool) Append(rec []byte) error {
	s := sp.dom.ReadLock()
	defer sp.dom.ReadUnlock(s)
	seg := sp.cur.Dereference(s)
	if seg == nil {
		return ErrClosed
	}
	_, err := seg.f.Write(rec)
	return err
}

// Close unpublishes the segment, ends the domain and closes the file.
func (sp *Spool) Close() error {
	sp.mu.Lock()
	if sp.closed {
		sp.mu.Unlock()
		return ErrClosed
	}
	sp.closed = true
	seg := sp.cur.Replace(nil, &sp.mu)
	sp.mu.Unlock()

	err := sp.dom.Cleanup()
	if errors.Is(err, rcuapi.ErrActiveReaders) {
		// An appender was still writing: let it finish before the file goes.
		sp.dom.Synchronize() // expect RCU6005
	}
	return errors.Join(err, seg.f.Close())
}
