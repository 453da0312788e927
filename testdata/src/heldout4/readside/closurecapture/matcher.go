// Case: request router compiles a match function for a virtual host: the returned closure captures the *VHost found under the section and is called for every request after the section ended
// Source: Documentation/RCU/checklist.rst item 2 (rcu_dereference() pointers must not outlive the read-side critical section, including through callbacks); whatisRCU.rst
// Kind: bad
// Pair: readside/closurecapturefix

package closurecapture

import (
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
	return func(path string) bool { // expect RCU1002
		for _, p := range vh.Prefixes {
			if strings.HasPrefix(path, p) {
				return true
			}
		}
		return false
	}
}
