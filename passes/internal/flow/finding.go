package flow

import "go/token"

// EventKind says what an Event is about. Each check reports the events of
// one or a few kinds.
type EventKind uint8

const (
	// DerefEnded: a dereference (or a call to a function that dereferences
	// under the Section it is given) with a Section that has ended, may have
	// ended, or is the zero value. (RCU1001)
	DerefEnded EventKind = iota + 1
	// UseAfterEnd: a value obtained through a dereference used after its
	// section ended. (RCU1002)
	UseAfterEnd
	// Escape: a value obtained through a dereference stored where it
	// outlives its section, returned, sent, or captured by a goroutine.
	// (RCU1002)
	Escape
	// Unbalanced: a path that returns or panics with a section still live.
	// (RCU1003)
	Unbalanced
	// DoubleRelease: a section ended twice. (RCU1003)
	DoubleRelease
	// ReleaseZero: a release of the zero Section, which no acquire made.
	// (RCU1003)
	ReleaseZero
	// WrongDomain: a section ended on a domain other than the one that
	// began it. (RCU1004)
	WrongDomain
	// AccessDeref: a value obtained with Access (for comparison only)
	// dereferenced. (RCU1007)
	AccessDeref
	// BlockInSection: something that may block inside a classic read-side
	// section. (RCU1005)
	BlockInSection
	// SyncInSection: a grace-period or barrier wait of a domain inside a
	// read-side section of that domain. (RCU1006)
	SyncInSection
	// CallbackBlocks: a callback that may block. (RCU3001)
	CallbackBlocks
	// CallbackSyncs: a callback that waits for a grace period or for
	// callbacks. (RCU3002)
	CallbackSyncs
	// ExpeditedInLoop: an expedited grace period requested in a loop.
	// (RCU4001)
	ExpeditedInLoop
	// ExitMissingBarrier: a module's Exit that does not wait with Barrier,
	// on every path, for a domain on which its package queues callbacks.
	// (RCU6001)
	ExitMissingBarrier
	// ExitSyncNotBarrier: such an Exit that waits for a grace period
	// instead. (RCU6002)
	ExitSyncNotBarrier
	// CleanupWithCallbacks: SRCU Cleanup of a domain on which the package
	// queues callbacks, with no Barrier before it on every path. (RCU6004)
	CleanupWithCallbacks
	// UseAfterCleanup: a use of an SRCU domain after its Cleanup. (RCU6005)
	UseAfterCleanup
	// UnboundedCall: a callback queued in an unbounded loop with nothing
	// that limits the backlog. (RCU4002)
	UnboundedCall
	// WaitHoldingLock: a grace-period or barrier wait made while holding a
	// lock that a reader of that domain takes inside its section, or that
	// a callback of that domain takes. (RCU3003)
	WaitHoldingLock
	// WriteThroughDeref: a write into an object reached through a pointer
	// that Dereference returned. (RCU2002)
	WriteThroughDeref
	// ProtectedUnheld: Protected, Replace or AllProtected naming a lock
	// that the function takes elsewhere but does not hold here. (RCU2005)
	ProtectedUnheld
	// InitAfterPublish: a write into an object after the call that
	// published it. (RCU2001)
	InitAfterPublish
	// DestroyBeforeGP: a destructive operation on an object that was
	// unpublished, with no grace period since on some path. (RCU2004)
	DestroyBeforeGP
	// PointerRead and PointerUpdate are no findings: they record each read
	// of a Pointer or List under a section of a known domain, and each
	// update of one, with Use set, for the checks that compare the uses of
	// one Pointer across functions and packages (RCU2003, RCU5001).
	PointerRead
	PointerUpdate
	// BarrierBeforeStop: a Barrier in a module's Exit that can run before
	// the code that stops the posting of callbacks on its domain, with no
	// Barrier after that code. (RCU6003)
	BarrierBeforeStop
	// ModuleWithoutExit: a module built by a package that queues callbacks
	// of its own and sets no module's Exit. (RCU6001)
	ModuleWithoutExit
	// SelfWaitQSBR: a grace-period or barrier wait of a QSBR domain while
	// a handle of that domain that this function registered may be
	// online. (RCU1006)
	SelfWaitQSBR
)

// Event is one finding of the engine.
type Event struct {
	Kind EventKind
	Pos  token.Pos

	// The section concerned, when there is one.
	AcquiredBy string    // the function that began it, e.g. "ReadLock"; "" for a Section parameter
	AcquiredAt token.Pos // where; for a parameter, the parameter
	Domain     string    // "classic RCU", or a description of the SRCU domain
	EndedAt    token.Pos // where it ended (or the first place it may have)
	Maybe      bool      // ended on some paths only
	Goroutine  bool      // the use is in a goroutine that may outlive the section
	Callback   bool      // the use is in a callback, which runs after a grace period
	Zero       bool      // the zero Section

	Func     string      // the function in which the event happens
	Callee   string      // DerefEnded through a helper: the helper; Unbalanced: the acquiring call
	How      string      // Escape: how the value escapes; WrongDomain: the other domain
	Panic    bool        // Unbalanced: the path ends in a panic
	Deferred bool        // Escape by return: the section ends in a deferred call
	Fix      *FixHint    // a mechanical fix, when there is one
	Related  token.Pos   // another position worth showing
	Use      *PointerUse // PointerRead, PointerUpdate: the use
}

// FixHint describes a mechanical fix in terms of source positions; the
// check that reports the event turns it into a SuggestedFix.
type FixHint struct {
	Message string
	Pos     token.Pos // replace Pos..End (an insertion if End is NoPos) with Text
	End     token.Pos
	Text    string
}
