// Case: callbackwait
// Source: Documentation/RCU/checklist.rst items 5 and 6 (synchronize_rcu() must not be called from a callback)
// Kind: bad
// Pair: -
package callbackwait

import (
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Segment struct {
	Path string
	Docs int
}

type Index struct {
	mu       sync.Mutex
	segments rcuapi.Pointer[[]*Segment]
	manifest rcuapi.Pointer[string]
	obsolete []string // files the janitor deletes; under mu
}

// Merge publishes a merged segment list; once no reader can see the old
// segments (and no reader of the manifest the old name), their files go to the janitor.
func (ix *Index) Merge(merged *Segment) {
	ix.mu.Lock()
	old := *ix.segments.Protected(&ix.mu)
	ix.segments.Assign(&[]*Segment{merged})
	ix.mu.Unlock()

	rcuapi.Call(func() {
		ix.mu.Lock()
		ix.manifest.Assign(&merged.Path)
		ix.mu.Unlock()
		rcuapi.Synchronize() // expect RCU3002
		ix.mu.Lock()
		for _, s := range old {
			ix.obsolete = append(ix.obsolete, s.Path)
		}
		ix.mu.Unlock()
	})
}
