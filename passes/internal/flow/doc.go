// Package flow is the SSA engine behind rcuvet's checks, and the place
// where every check decides what it reports.
//
// For every function of the package being analysed it computes, at every
// program point, which read-side sections are live, ended or may have ended
// (sections are followed as values: through phis, struct fields, local
// variables, parameters and results, closures, defer, goroutines and
// range-over-func loop bodies), which locks are held, and which values were
// obtained through a dereference protected by which section. What a
// function does to what it is given travels to its callers as three facts,
// one per concern (SectionSummary, TeardownSummary, UpdateSummary), so that
// checks work across packages under go vet; the uses of each Pointer travel
// as a package fact (Uses).
//
// The engine writes every finding, message included, in the file of the
// check it belongs to; the check's analyzer (passes/internal/check) only
// reports it. run (flow.go) walks every function, which reports what is
// decided function by function, then calls the package-level detectors in
// order. A package that neither declares nor can call an RCU API (no API
// fact is visible from it) costs almost nothing: the engine returns before
// building SSA.
//
// Where each check is decided:
//
//	check    findings (finding.go)                  files
//	RCU1001  derefEnded                             rcu1001_deadderef.go
//	RCU1002  useAfterEnd, escape                    rcu1002_escape.go
//	RCU1003  unbalanced, doubleRelease, releaseZero rcu1003_balance.go
//	RCU1004  wrongDomain                            rcu1004_wrongdomain.go
//	RCU1005  blockInSection                         rcu1005_block.go
//	RCU1006  syncInSection, selfWaitQSBR            rcu1006_selfwait.go
//	RCU1007  accessDeref                            rcu1007_access.go
//	RCU2001  initAfterPublish                       rcu2001_initpublish.go, rcu2001_fix.go
//	RCU2002  writeThroughDeref                      rcu2002_writethrough.go
//	RCU2003  updatersUnlocked                       rcu2003_updaters.go
//	RCU2004  destroyBeforeGP                        rcu2004_retire.go, rcu2004_delayed.go, retirevalues.go
//	RCU2005  protectedUnheld                        rcu2005_held.go
//	RCU3001  callbackBlocks                         rcu3001_callbackblocks.go
//	RCU3002  callbackSyncs                          rcu3001_callbackblocks.go
//	RCU3003  waitHoldingLock                        rcu3003_lockorder.go
//	RCU4001  expeditedInLoop                        rcu4001_expedited.go
//	RCU4002  unboundedCall                          rcu4002_backlog.go
//	RCU5001  flavourAtReader, flavourAtUpdate       rcu5001_flavour.go
//	RCU6001  exitMissingBarrier, moduleWithoutExit  rcu6001_exitbarrier.go, rcu6001_noexit.go
//	RCU6002  exitSyncNotBarrier                     rcu6001_exitbarrier.go
//	RCU6003  barrierBeforeStop                      rcu6003_stoporder.go
//	RCU6004  cleanupWithCallbacks                   rcu6004_cleanup.go, rcu6005_useaftercleanup.go
//	RCU6005  useAfterCleanup                        rcu6005_useaftercleanup.go
//
// The shared machinery, and the checks that depend on it:
//
//	flow.go, order.go      the entry: SSA, the order functions are analysed in, closure contexts (all)
//	engine.go, solve.go    sections and locks as tokens, their states solved per block (RCU1xxx, RCU2001, RCU2002, RCU2005, RCU3003)
//	propagate.go           where values come from: sections, protected pointers, local memory (the same)
//	walk.go                the walk that reports and makes the summaries (the same)
//	forward.go, instrs.go  the one forward solver, the instruction iterator (all)
//	identity.go            refs (memory within a function) and classes (package ident) of values (all)
//	callee.go              callee and summary lookup, the function behind a callback value (all)
//	summary.go             the three summary facts (all)
//	locks.go               locks held at every point (RCU2003, RCU2005, RCU3003, RCU1005)
//	pointeruses.go         reads and updates of each Pointer, locks callers hold (RCU2003, RCU5001)
//	pointerfacts.go        those uses across packages (RCU2003, RCU5001)
//	teardown.go            callbacks posted, module exits, Barriers on every path (RCU3003, RCU6001-RCU6005)
//	finding.go             findings, their order, section descriptions (all)
package flow
