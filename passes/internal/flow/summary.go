package flow

import (
	"fmt"
	"go/types"
	"slices"
	"strings"

	"github.com/rcuvet/rcuvet/passes/internal/apisem"
	"github.com/rcuvet/rcuvet/passes/internal/ident"
	"golang.org/x/tools/go/analysis"
)

// What a function does to what it is given, as its callers need to know
// it, is summarised in three facts, one per concern, each exported for
// package-level functions and methods when it says anything. Indexes count
// parameters as go/ssa does: the receiver, if any, is 0.

// SectionSummary is what a function does to the sections and protected
// pointers it is given (the section engine's concern).
type SectionSummary struct {
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
	// Acquires is set if the function returns a new live section; its
	// domain is AcquireDomain (apisem.Classic or a parameter index).
	Acquires      bool
	AcquireDomain int
	// Pins lists the parameters the function takes a reference on, as
	// its bool result says (an increment-unless-zero of a count in the
	// object, as //rcu:get declares for an API): the object may be used
	// after the section.
	Pins []int

	pendingDomains map[int]int // while the summary is made: see setReleaseDomain
	mayRelease     []int       // inputs ended on some path (closures only; not exported)
	// exits: a range-over-func loop body's inputs still open on some
	// return that leaves the loop by the exit numbered k (a return or a
	// break of the enclosing function; see solve.go, exitEdge), by k.
	exitOpen map[int64][]int
}

// TeardownSummary is what a function does that the exit and cleanup
// checks follow into its callers (RCU3003, RCU6001-RCU6005).
type TeardownSummary struct {
	// Posts lists the callbacks it queues from its parameters, Barriers
	// the domains it waits for with Barrier on every path that returns,
	// and ExitParams the parameters it makes a module's Exit. Domains are
	// classes (see package ident); a parameter's class stands for the
	// domain the caller passes there.
	Posts      []Post
	Barriers   []ident.Class
	ExitParams []int
	// UsesDomains lists the parameters the function uses as a domain
	// (begins a section on, waits for, queues on, cleans up), directly or
	// through the functions it calls, for RCU6005 at its calls;
	// UsesFields the domains it uses in fields of its parameters (a
	// method that reads under r.d), and Cleans those it cleans up (a
	// method that calls r.d.Cleanup()).
	UsesDomains []int
	UsesFields  []FieldDomain
	Cleans      []FieldDomain
	// QueuesOn lists the domains on which the function queues callbacks
	// of any package (its own literals included), for RCU6004 at its
	// calls: a Cleanup drops them all.
	QueuesOn []ident.Class
	// Stores lists the parameters the function stores in slots of
	// long-lived memory (a registry of callbacks), for RCU6001: see
	// rcu6001_storedposts.go.
	Stores []StoredFunc
}

// FieldDomain is a domain in a field of a parameter: Path selects it from
// what parameter Param points to (".d", ".inner.d"); Loaded is set when
// the field holds a pointer to the domain.
type FieldDomain struct {
	Param  int
	Path   string
	Loaded bool
}

// UpdateSummary is what a function does on the update side, for the
// checks of its callers' updates (RCU2001, RCU2002, RCU2004, RCU5001).
type UpdateSummary struct {
	// Waits lists the domains (classes, as Posts) whose grace period the
	// function waits for, or on which it queues callbacks, on some path;
	// Destroys the parameters it may destroy before any grace period
	// (RCU2004). See pointeruses.go and rcu2004_retire.go.
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
}

// summary is a function's three summaries, as the engine looks them up.
type summary struct {
	SectionSummary
	TeardownSummary
	UpdateSummary
}

func (*SectionSummary) AFact()  {}
func (*TeardownSummary) AFact() {}
func (*UpdateSummary) AFact()   {}

func (s *SectionSummary) String() string {
	out := fmt.Sprintf("releases=%v requires=%v derives=%v", s.Releases, s.Requires, s.Derives)
	if len(s.ReadsThrough) > 0 {
		out += fmt.Sprintf(" reads=%v", s.ReadsThrough)
	}
	if s.Acquires {
		out += fmt.Sprintf(" acquires(domain=%d)", s.AcquireDomain)
	}
	if len(s.Pins) > 0 {
		out += fmt.Sprintf(" pins=%v", s.Pins)
	}
	return out
}

func (s *TeardownSummary) String() string {
	var out []string
	if len(s.Posts) > 0 {
		out = append(out, fmt.Sprintf("posts=%v", s.Posts))
	}
	if len(s.Barriers) > 0 {
		out = append(out, fmt.Sprintf("barriers=%v", s.Barriers))
	}
	if len(s.ExitParams) > 0 {
		out = append(out, fmt.Sprintf("exits=%v", s.ExitParams))
	}
	if len(s.UsesDomains) > 0 {
		out = append(out, fmt.Sprintf("usesdomains=%v", s.UsesDomains))
	}
	if len(s.UsesFields) > 0 {
		out = append(out, fmt.Sprintf("usesfields=%v", s.UsesFields))
	}
	if len(s.Cleans) > 0 {
		out = append(out, fmt.Sprintf("cleans=%v", s.Cleans))
	}
	if len(s.QueuesOn) > 0 {
		out = append(out, fmt.Sprintf("queueson=%v", s.QueuesOn))
	}
	if len(s.Stores) > 0 {
		out = append(out, fmt.Sprintf("stores=%v", s.Stores))
	}
	return "teardown: " + strings.Join(out, " ")
}

func (s *UpdateSummary) String() string {
	var out []string
	if len(s.Waits) > 0 {
		out = append(out, fmt.Sprintf("waits=%v", s.Waits))
	}
	if len(s.Destroys) > 0 {
		out = append(out, fmt.Sprintf("destroys=%v", s.Destroys))
	}
	if len(s.WritesThrough) > 0 {
		out = append(out, fmt.Sprintf("writes=%v", s.WritesThrough))
	}
	if s.ReturnsOld {
		out = append(out, "returnsold")
	}
	if len(s.ReadsUnder) > 0 {
		out = append(out, fmt.Sprintf("readsunder=%v", s.ReadsUnder))
	}
	return "update: " + strings.Join(out, " ")
}

func (s *SectionSummary) empty() bool {
	return len(s.Releases) == 0 && len(s.Requires) == 0 && len(s.Derives) == 0 && len(s.ReadsThrough) == 0 && len(s.Passes) == 0 && !s.Acquires && len(s.Pins) == 0
}

func (s *TeardownSummary) empty() bool {
	return len(s.Posts) == 0 && len(s.Barriers) == 0 && len(s.ExitParams) == 0 && len(s.UsesDomains) == 0 && len(s.UsesFields) == 0 && len(s.Cleans) == 0 && len(s.QueuesOn) == 0 && len(s.Stores) == 0
}

func (s *UpdateSummary) empty() bool {
	return len(s.Waits) == 0 && len(s.Destroys) == 0 && len(s.WritesThrough) == 0 && len(s.ReadsUnder) == 0 && !s.ReturnsOld
}

// export exports, as facts of obj, the parts of s that say anything.
func (s *summary) export(pass *analysis.Pass, obj *types.Func) {
	if !s.SectionSummary.empty() {
		pass.ExportObjectFact(obj, &s.SectionSummary)
	}
	if !s.TeardownSummary.empty() {
		pass.ExportObjectFact(obj, &s.TeardownSummary)
	}
	if !s.UpdateSummary.empty() {
		pass.ExportObjectFact(obj, &s.UpdateSummary)
	}
}

// importSummary returns the summary facts of obj, or nil if it has none.
func importSummary(pass *analysis.Pass, obj *types.Func) *summary {
	s := new(summary)
	a := pass.ImportObjectFact(obj, &s.SectionSummary)
	b := pass.ImportObjectFact(obj, &s.TeardownSummary)
	c := pass.ImportObjectFact(obj, &s.UpdateSummary)
	if !a && !b && !c {
		return nil
	}
	return s
}

// releaseDomain returns the domain on which the function ends its k-th
// released parameter.
func (s *SectionSummary) releaseDomain(k int) int {
	if k < len(s.ReleaseDomains) {
		return s.ReleaseDomains[k]
	}
	return apisem.None
}

// setReleaseDomain remembers that the function ends parameter input on
// domain d, while the summary is made.
func (s *SectionSummary) setReleaseDomain(input, d int) {
	if s.pendingDomains == nil {
		s.pendingDomains = make(map[int]int)
	}
	s.pendingDomains[input] = d
}

// sortReleases sorts Releases and lines ReleaseDomains up with it.
func sortReleases(s *SectionSummary) {
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
