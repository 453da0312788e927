package flow

import (
	"cmp"
	"fmt"
	"go/token"
	"path/filepath"
	"slices"
)

// A Finding is one diagnostic of one check, complete: the engine writes
// its message where it detects it, and the check's analyzer only reports
// it (see passes/internal/check).
type Finding struct {
	Check   string // the id of the check, e.g. "RCU1001"
	Pos     token.Pos
	Message string // without the id
	Related []Related
	Fix     *FixHint

	kind findingKind
}

// Related is another position a finding involves.
type Related struct {
	Pos     token.Pos
	Message string
}

// FixHint describes a mechanical fix in terms of source positions; the
// check that reports the finding turns it into a SuggestedFix.
type FixHint struct {
	Message string
	Pos     token.Pos // replace Pos..End (an insertion if End is NoPos) with Text
	End     token.Pos
	Text    string
}

// findingKind says what a finding is about. It orders the findings of a
// check that has several kinds: those of an earlier kind come first.
type findingKind uint8

const (
	derefEnded           findingKind = iota + 1 // RCU1001: rcu1001_deadderef.go
	useAfterEnd                                 // RCU1002: rcu1002_escape.go
	escape                                      // RCU1002: rcu1002_escape.go
	unbalanced                                  // RCU1003: rcu1003_balance.go
	doubleRelease                               // RCU1003: rcu1003_balance.go
	releaseZero                                 // RCU1003: rcu1003_balance.go
	wrongDomain                                 // RCU1004: rcu1004_wrongdomain.go
	accessDeref                                 // RCU1007: rcu1007_access.go
	blockInSection                              // RCU1005: rcu1005_block.go
	syncInSection                               // RCU1006: rcu1006_selfwait.go
	callbackBlocks                              // RCU3001: rcu3001_callbackblocks.go
	callbackSyncs                               // RCU3002: rcu3001_callbackblocks.go
	expeditedInLoop                             // RCU4001: rcu4001_expedited.go
	exitMissingBarrier                          // RCU6001: rcu6001_exitbarrier.go
	exitSyncNotBarrier                          // RCU6002: rcu6001_exitbarrier.go
	cleanupWithCallbacks                        // RCU6004: rcu6004_cleanup.go
	useAfterCleanup                             // RCU6005: rcu6005_useaftercleanup.go
	unboundedCall                               // RCU4002: rcu4002_backlog.go
	waitHoldingLock                             // RCU3003: rcu3003_lockorder.go
	writeThroughDeref                           // RCU2002: rcu2002_writethrough.go
	protectedUnheld                             // RCU2005: rcu2005_held.go
	initAfterPublish                            // RCU2001: rcu2001_initpublish.go
	destroyBeforeGP                             // RCU2004: rcu2004_retire.go
	barrierBeforeStop                           // RCU6003: rcu6003_stoporder.go
	moduleWithoutExit                           // RCU6001: rcu6001_noexit.go
	selfWaitQSBR                                // RCU1006: rcu1006_selfwait.go
	flavourAtReader                             // RCU5001: rcu5001_flavour.go
	flavourAtUpdate                             // RCU5001: rcu5001_flavour.go
	updatersUnlocked                            // RCU2003: rcu2003_updaters.go
	blockOnline                                 // RCU1005: qsbronline.go
	lostUpdate                                  // RCU7001: rcu7001_lostupdate.go
	snapshotWrite                               // RCU7002: rcu7002_snapshotwrite.go
	writeAfterPublish                           // RCU7003: rcu7003_writeafterpublish.go
	retireNoGrace                               // RCU7004: rcu7004_retire.go
	atomicValueMisuse                           // RCU7005: rcu7005_atomicvalue.go
)

// checkOf is the check that reports each kind of finding.
var checkOf = [...]string{
	derefEnded:           "RCU1001",
	useAfterEnd:          "RCU1002",
	escape:               "RCU1002",
	unbalanced:           "RCU1003",
	doubleRelease:        "RCU1003",
	releaseZero:          "RCU1003",
	wrongDomain:          "RCU1004",
	accessDeref:          "RCU1007",
	blockInSection:       "RCU1005",
	syncInSection:        "RCU1006",
	callbackBlocks:       "RCU3001",
	callbackSyncs:        "RCU3002",
	expeditedInLoop:      "RCU4001",
	exitMissingBarrier:   "RCU6001",
	exitSyncNotBarrier:   "RCU6002",
	cleanupWithCallbacks: "RCU6004",
	useAfterCleanup:      "RCU6005",
	unboundedCall:        "RCU4002",
	waitHoldingLock:      "RCU3003",
	writeThroughDeref:    "RCU2002",
	protectedUnheld:      "RCU2005",
	initAfterPublish:     "RCU2001",
	destroyBeforeGP:      "RCU2004",
	barrierBeforeStop:    "RCU6003",
	moduleWithoutExit:    "RCU6001",
	selfWaitQSBR:         "RCU1006",
	flavourAtReader:      "RCU5001",
	flavourAtUpdate:      "RCU5001",
	updatersUnlocked:     "RCU2003",
	blockOnline:          "RCU1005",
	lostUpdate:           "RCU7001",
	snapshotWrite:        "RCU7002",
	writeAfterPublish:    "RCU7003",
	retireNoGrace:        "RCU7004",
	atomicValueMisuse:    "RCU7005",
}

// report records a finding of kind at pos with message and the related
// positions that are valid, and returns it for the caller to complete.
func (e *engine) report(kind findingKind, pos token.Pos, message string, related ...Related) *Finding {
	f := &Finding{Check: checkOf[kind], Pos: pos, Message: message, kind: kind}
	for _, r := range related {
		if r.Pos.IsValid() && r.Pos != pos {
			f.Related = append(f.Related, r)
		}
	}
	e.result.Findings = append(e.result.Findings, f)
	return f
}

// rel is a related position with what it is.
func rel(pos token.Pos, what string) Related { return Related{Pos: pos, Message: what} }

// at formats a position as file:line, short enough for a message.
func (e *engine) at(p token.Pos) string {
	if !p.IsValid() {
		return "an unknown place"
	}
	pos := e.pass.Fset.Position(p)
	return fmt.Sprintf("%s:%d", filepath.Base(pos.Filename), pos.Line)
}

// comparePos orders positions by file name, then offset: the bases of
// files in a file set depend on the order they were parsed in, which some
// drivers do not fix.
func (e *engine) comparePos(a, b token.Pos) int {
	if a == b || !a.IsValid() || !b.IsValid() {
		return cmp.Compare(a, b)
	}
	fa, fb := e.pass.Fset.File(a), e.pass.Fset.File(b)
	if fa == fb {
		return cmp.Compare(a, b)
	}
	return cmp.Or(cmp.Compare(fa.Name(), fb.Name()), cmp.Compare(fa.Offset(a), fb.Offset(b)))
}

// sortFindings orders the findings of the package by kind, then position.
func (e *engine) sortFindings() {
	slices.SortStableFunc(e.result.Findings, func(a, b *Finding) int {
		return cmp.Or(cmp.Compare(a.kind, b.kind), e.comparePos(a.Pos, b.Pos))
	})
}

// section describes, for messages, the section a finding is about.
type section struct {
	by     string    // the function that began it, e.g. "ReadLock"; "" for a Section parameter
	at     token.Pos // where; for a parameter, the parameter
	domain string    // "classic RCU", or a description of the SRCU domain
}

// describe says which section s is: "the section begun by ReadLock at
// main.go:12", or "the Section it was given".
func (e *engine) describe(s section) string {
	if s.by == "" {
		return "the Section it was given"
	}
	return fmt.Sprintf("the section begun by %s at %s", s.by, e.at(s.at))
}

// inPackage reports whether p is in a file of the package analysed.
func (e *engine) inPackage(p token.Pos) bool {
	for _, f := range e.pass.Files {
		if f.FileStart <= p && p <= f.FileEnd {
			return true
		}
	}
	return false
}

// once reports whether no finding of kind has been claimed at pos yet, and
// claims it: for findings that several functions can lead to (a blocking
// callback queued from two places is reported once, in its body).
func (e *engine) once(kind findingKind, pos token.Pos) bool {
	k := kindAt{kind, pos}
	if e.claimed[k] {
		return false
	}
	if e.claimed == nil {
		e.claimed = make(map[kindAt]bool)
	}
	e.claimed[k] = true
	return true
}

type kindAt struct {
	kind findingKind
	pos  token.Pos
}
