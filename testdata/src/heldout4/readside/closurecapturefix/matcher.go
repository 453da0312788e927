// Case: request router's match closure captures a clone of the virtual host's prefixes, copied inside the section
// Source: Documentation/RCU/checklist.rst item 2 (rcu_dereference() pointers must not outlive the read-side critical section, including through callbacks); whatisRCU.rst
// Kind: fixed
// Pair: readside/closurecapture

package closurecapturefix

import (
	"slices"
	"strings"

	"github.com/rcuvet/rcuvet/rcuapi"
)

type VHost struct {
	Name     string
	Prefixes []string
}

type Router struct {
	hosts rcuapi.Pointer[map[string]*VHost]
}

// Matcher returns a predicate for the paths served by host.
func (r *Router) Matcher(host string) func(path string) bool {
	s := rcuapi.ReadLock()
	defer rcuapi.ReadUnlock(s)
	vh, ok := (*r.hosts.Dereference(s))[host]
	if !ok {
		return func(string) bool { return false }
	}
	prefixes := slices.Clone(vh.Prefixes)
	return func(path string) bool {
		for _, p := range prefixes {
			if strings.HasPrefix(path, p) {
				return true
			}
		}
		return false
	}
}
