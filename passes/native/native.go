// Package native holds rcuvet's checks of RCU as ordinary Go writes it,
// without rcuapi: a read-mostly snapshot published in a slot (an
// atomic.Pointer[T], an atomic.Value, or an unsafe.Pointer used through
// sync/atomic), updaters that copy, change and Store it, and the garbage
// collector standing in for the grace period.
//
//   - RCU7001: a Store of a value made from a Load of the same slot, by
//     updaters with no common lock: a lost update. Checklist item 1.
//   - RCU7002: a write into a loaded snapshot, or into what it reaches.
//     Checklist item 3.
//   - RCU7003: a write into a value after it was stored in a slot.
//     Checklist item 4.
//   - RCU7004: an old value destroyed right after it was swapped out,
//     while readers may still hold it. Checklist item 15.
//   - RCU7005: an atomic.Value given nil, values of different concrete
//     types, or loaded before anything is stored. Checklist item 4.
//
// The checks report findings of the shared engine (passes/internal/flow,
// native.go and the files rcu700N_*.go).
package native

import (
	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/passes/internal/check"
)

// The checks; what each reports is decided, and its message written, in
// the file of passes/internal/flow named by its id.
var (
	RCU7001 = check.New("RCU7001")
	RCU7002 = check.New("RCU7002")
	RCU7003 = check.New("RCU7003")
	RCU7004 = check.New("RCU7004")
	RCU7005 = check.New("RCU7005")
)

// Analyzers are the package's checks, in id order.
var Analyzers = []*analysis.Analyzer{RCU7001, RCU7002, RCU7003, RCU7004, RCU7005}
