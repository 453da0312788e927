// Case: settings lookup uses the caller's section when one is passed in and its own otherwise
// Source: Documentation/RCU/checklist.rst items 2 and 9 (rcu_dereference() outside a read-side section, "suspicious rcu_dereference_check() usage"); rcuapi Section docs (Dereference with the zero Section panics)
// Kind: fixed
// Pair: readside/zerosection

package zerosectionfix

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
	} else {
		s = *in
	}
	return current.Dereference(s).Timeout
}

// Retries is the same lookup for callers that already read under a section.
func Retries(s rcuapi.Section) int {
	return current.Dereference(s).Retries
}
