// Case: settings lookup takes a section only when the caller did not pass one in, but the fast path for callers inside a section forgets to use their section, dereferencing with the zero Section
// Source: Documentation/RCU/checklist.rst items 2 and 9 (rcu_dereference() outside a read-side section, "suspicious rcu_dereference_check() usage"); rcuapi Section docs (Dereference with the zero Section panics)
// Kind: bad
// Pair: readside/zerosectionfix

package zerosection

import (
	"time"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type Settings struct {
	Timeout time.Duration
	Retries int
}

var current rcuapi.Pointer[Settings]

// Timeout returns the configured timeout. in is the caller's live section,
// or nil when the caller holds none.
func Timeout(in *rcuapi.Section) time.Duration {
	var s rcuapi.Section
	if in == nil {
		s = rcuapi.ReadLock()
		defer rcuapi.ReadUnlock(s)
	}
	return current.Dereference(s).Timeout // expect RCU1001
}

// Retries is the same lookup for callers that already read under a section.
func Retries(s rcuapi.Section) int {
	return current.Dereference(s).Retries
}
