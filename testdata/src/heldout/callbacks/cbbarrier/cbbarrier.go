// Case: SRCU callback that retires a filter chain calls the domain's Barrier to drain earlier retirements
// Source: srcu_barrier() invoked from an SRCU callback, which waits for the batch that contains the caller itself (Documentation/RCU/checklist.rst items 5 and 6; rcubarrier.rst)
// Kind: bad
// Pair: cbbarrierfix

package cbbarrier

import (
	"regexp"
	"sync"
	"sync/atomic"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type filter struct {
	name string
	re   *regexp.Regexp
	hits atomic.Int64
}

type chain struct {
	gen     uint64
	filters []*filter
}

// Filters are read under chainSRCU: the matcher may block on slow readers
// of the message body.
type Filters struct {
	mu        sync.Mutex
	chainSRCU rcuapi.SRCU
	cur       rcuapi.Pointer[chain]
	retired   atomic.Uint64 // highest generation fully retired
	stats     map[string]int64
}

// Replace installs a new chain; the old generation's counters are folded
// into the totals once no reader can still bump them.
func (f *Filters) Replace(next *chain) {
	f.mu.Lock()
	old := f.cur.Replace(next, &f.mu)
	f.mu.Unlock()
	if old == nil {
		return
	}
	f.chainSRCU.Call(func() {
		// Retire generations in order: wait for older retirements first.
		f.chainSRCU.Barrier() // expect RCU3002
		f.retired.Store(old.gen)
	})
}

// Match reports the name of the first filter matching msg.
func (f *Filters) Match(msg string) (string, bool) {
	s := f.chainSRCU.ReadLock()
	defer f.chainSRCU.ReadUnlock(s)
	c := f.cur.Dereference(s)
	if c == nil {
		return "", false
	}
	for _, fl := range c.filters {
		if fl.re.MatchString(msg) {
			fl.hits.Add(1)
			return fl.name, true
		}
	}
	return "", false
}
