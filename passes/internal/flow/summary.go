package flow

import (
	"fmt"
	"slices"
)

// Summary is what a function does to the sections and pointers it is
// given, as its callers need to know it. It is exported as a fact for
// package-level functions and methods. Indexes count parameters as go/ssa
// does: the receiver, if any, is 0.
type Summary struct {
	// Releases lists the Section parameters the function ends on every
	// path that returns.
	Releases []int
	// Requires lists the Section parameters the function dereferences
	// under: they must be live when it is called.
	Requires []int
	// Derives lists the parameters (Sections, or pointers obtained
	// through a dereference) that its results are derived from.
	Derives []int
	// Acquires is set if the function returns a new live section; its
	// domain is AcquireDomain (apisem.Classic or a parameter index).
	Acquires      bool
	AcquireDomain int
}

func (*Summary) AFact() {}

func (s *Summary) String() string {
	out := fmt.Sprintf("releases=%v requires=%v derives=%v", s.Releases, s.Requires, s.Derives)
	if s.Acquires {
		out += fmt.Sprintf(" acquires(domain=%d)", s.AcquireDomain)
	}
	return out
}

func (s *Summary) empty() bool {
	return s == nil || len(s.Releases) == 0 && len(s.Requires) == 0 && len(s.Derives) == 0 && !s.Acquires
}

func (s *Summary) releases(i int) bool { return s != nil && slices.Contains(s.Releases, i) }
func (s *Summary) requires(i int) bool { return s != nil && slices.Contains(s.Requires, i) }
func (s *Summary) derives(i int) bool  { return s != nil && slices.Contains(s.Derives, i) }
