// Package summaries has helpers whose effect on the sections and pointers
// they are given becomes a Summary fact.
package summaries

import "github.com/rcuvet/rcuvet/rcuapi"

type Config struct{ Port int }

var Current rcuapi.Pointer[Config]

// Port dereferences under s.
func Port(s rcuapi.Section) int { return Current.Dereference(s).Port } // want Port:`requires=\[0\]` Port:`update: readsunder=\[\{0 g:fixtures/summaries.Current Current\}\]`

// Get returns a pointer protected by s.
func Get(s rcuapi.Section) *Config { return Current.Dereference(s) } // want Get:`requires=\[0\] derives=\[0\]` Get:`update: readsunder=\[\{0 g:fixtures/summaries.Current Current\}\]`

// Done ends s.
func Done(s rcuapi.Section) { rcuapi.ReadUnlock(s) } // want Done:`releases=\[0\]`

// Begin begins a classic section.
func Begin() rcuapi.Section { return rcuapi.ReadLock() } // want Begin:`acquires\(domain=-1\)`

// Plain has nothing to do with sections: no fact.
func Plain(x int) int { return x + 1 }
