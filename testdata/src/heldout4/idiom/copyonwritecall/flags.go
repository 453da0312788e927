// Case: feature-flag service updates under its mutex by copying the published set with Protected, cloning the map it changes, publishing with Replace and retiring the old set with Call
// Source: idiom: copy, update the copy, publish, retire after a grace period (Documentation/RCU/whatisRCU.rst; checklist.rst items 1, 3 and 15)
// Kind: idiom

package copyonwritecall

import (
	"maps"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type FlagSet struct {
	Revision int
	On       map[string]bool
	Rollout  map[string]int // percent
}

type Flags struct {
	mu  sync.Mutex
	set rcuapi.Pointer[FlagSet]
}

func (f *Flags) SetRollout(name string, pct int) {
	f.mu.Lock()
	cur := f.set.Protected(&f.mu)
	next := *cur // shares On with cur, which this update never writes
	next.Rollout = maps.Clone(cur.Rollout)
	next.Rollout[name] = pct
	next.Revision++
	old := f.set.Replace(&next, &f.mu)
	f.mu.Unlock()
	rcuapi.Call(func() { clear(old.Rollout) })
}

func (f *Flags) Rollout(name string) (int, bool) {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	fs := f.set.Dereference(s)
	return fs.Rollout[name], fs.On[name]
}
