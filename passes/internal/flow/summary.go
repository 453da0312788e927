package flow

import (
	"fmt"
	"slices"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"github.com/rcuvet/rcuvet/passes/internal/ident"
)

// Summary is what a function does to the sections and pointers it is
// given, as its callers need to know it. It is exported as a fact for
// package-level functions and methods. Indexes count parameters as go/ssa
// does: the receiver, if any, is 0.
type Summary struct {
	// Releases lists the Section parameters the function ends on every
	// path that returns, and ReleaseDomains the domain it ends each on
	// (apisem.Classic, a parameter index, or apisem.None if unknown).
	Releases       []int
	ReleaseDomains []int
	// Requires lists the Section parameters the function dereferences
	// under: they must be live when it is called.
	Requires []int
	// Derives lists the parameters (Sections, or pointers obtained
	// through a dereference) that its results are derived from.
	Derives []int
	// ReadsThrough lists the pointer parameters the function reads or
	// writes through.
	ReadsThrough []int
	// Passes lists the Section parameters the function returns (an
	// identity, or a struct that carries the section).
	Passes []int
	// Posts lists the callbacks it queues from its parameters, Barriers
	// the domains it waits for with Barrier on every path that returns,
	// and ExitParams the parameters it makes a module's Exit. Domains are
	// classes (see package ident); a parameter's class stands for the
	// domain the caller passes there.
	Posts      []Post
	Barriers   []ident.Class
	ExitParams []int
	// Acquires is set if the function returns a new live section; its
	// domain is AcquireDomain (apisem.Classic or a parameter index).
	Acquires      bool
	AcquireDomain int
	// Waits lists the domains (classes, as Posts) whose grace period the
	// function waits for, or on which it queues callbacks, on some path;
	// Destroys the parameters it may destroy before any grace period
	// (RCU2004). See pointers.go and retire.go.
	Waits    []ident.Class
	Destroys []int
	// ReturnsOld is set if the function returns a value it unpublished,
	// with no grace period since on some path (a helper that replaces).
	ReturnsOld bool
	// WritesThrough lists the pointer parameters the function writes into
	// (outside a lock of the object), for RCU2001 and RCU2002 at its calls.
	WritesThrough []int
	// ReadsUnder lists the Pointers the function dereferences under one of
	// its Section parameters, for RCU5001 at its calls.
	ReadsUnder []SectionRead
	// UsesDomains lists the parameters the function uses as a domain
	// (begins a section on, waits for, queues on, cleans up), directly or
	// through the functions it calls, for RCU6005 at its calls.
	UsesDomains []int

	pendingDomains map[int]int // while the summary is made: see setReleaseDomain
	mayRelease     []int       // inputs ended on some path (closures only; not exported)
}

func (*Summary) AFact() {}

func (s *Summary) String() string {
	out := fmt.Sprintf("releases=%v requires=%v derives=%v", s.Releases, s.Requires, s.Derives)
	if len(s.ReadsThrough) > 0 {
		out += fmt.Sprintf(" reads=%v", s.ReadsThrough)
	}
	if len(s.Posts) > 0 {
		out += fmt.Sprintf(" posts=%v", s.Posts)
	}
	if len(s.Barriers) > 0 {
		out += fmt.Sprintf(" barriers=%v", s.Barriers)
	}
	if len(s.ExitParams) > 0 {
		out += fmt.Sprintf(" exits=%v", s.ExitParams)
	}
	if s.Acquires {
		out += fmt.Sprintf(" acquires(domain=%d)", s.AcquireDomain)
	}
	if len(s.Waits) > 0 {
		out += fmt.Sprintf(" waits=%v", s.Waits)
	}
	if len(s.Destroys) > 0 {
		out += fmt.Sprintf(" destroys=%v", s.Destroys)
	}
	if len(s.WritesThrough) > 0 {
		out += fmt.Sprintf(" writes=%v", s.WritesThrough)
	}
	if s.ReturnsOld {
		out += " returnsold"
	}
	if len(s.ReadsUnder) > 0 {
		out += fmt.Sprintf(" readsunder=%v", s.ReadsUnder)
	}
	if len(s.UsesDomains) > 0 {
		out += fmt.Sprintf(" usesdomains=%v", s.UsesDomains)
	}
	return out
}

func (s *Summary) empty() bool {
	return s == nil || len(s.Releases) == 0 && len(s.Requires) == 0 && len(s.Derives) == 0 && len(s.ReadsThrough) == 0 && len(s.Passes) == 0 && !s.Acquires &&
		len(s.Posts) == 0 && len(s.Barriers) == 0 && len(s.ExitParams) == 0 && len(s.Waits) == 0 && len(s.Destroys) == 0 && len(s.WritesThrough) == 0 && len(s.ReadsUnder) == 0 && !s.ReturnsOld && len(s.UsesDomains) == 0
}

// releaseDomain returns the domain on which the function ends its k-th
// released parameter.
func (s *Summary) releaseDomain(k int) int {
	if k < len(s.ReleaseDomains) {
		return s.ReleaseDomains[k]
	}
	return apisem.None
}

// setReleaseDomain remembers that the function ends parameter input on
// domain d, while the summary is made.
func (s *Summary) setReleaseDomain(input, d int) {
	if s.pendingDomains == nil {
		s.pendingDomains = make(map[int]int)
	}
	s.pendingDomains[input] = d
}

// sortReleases sorts Releases and lines ReleaseDomains up with it.
func sortReleases(s *Summary) {
	slices.Sort(s.Releases)
	s.ReleaseDomains = nil
	for _, i := range s.Releases {
		d, ok := s.pendingDomains[i]
		if !ok {
			d = apisem.None
		}
		s.ReleaseDomains = append(s.ReleaseDomains, d)
	}
	s.pendingDomains = nil
}

// SectionRead is a read of a Pointer (its class and name) under the
// Section parameter Param, as a function's summary says it.
type SectionRead struct {
	Param   int
	Pointer ident.Class
	Name    string
}

// Post is a callback a function queues: on domain Domain (a class, or a
// parameter's), the function in parameter Param.
type Post struct {
	Param  int
	Domain ident.Class
}
