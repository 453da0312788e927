package readside

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/passes/internal/check"
	"github.com/rcuvet/rcuvet/passes/internal/flow"
)

// RCU1001 reports dereferences under a Section that has ended, may have
// ended, or is the zero value.
var RCU1001 = check.New("RCU1001",
	func(pass *analysis.Pass, e flow.Event) string {
		what := "Dereference"
		if e.Callee != "" {
			what = fmt.Sprintf("call to %s, which dereferences under its Section argument,", e.Callee)
		}
		switch {
		case e.Zero:
			return what + " with the zero Section, which no ReadLock made; pass the Section that ReadLock returned"
		case e.Callback:
			return fmt.Sprintf("%s in a callback under %s: a callback runs after a grace period, when that section has ended; begin a section inside the callback", what, check.Section(pass, e))
		case e.Goroutine:
			return fmt.Sprintf("%s in a goroutine under %s, which may end before the goroutine runs; begin a section inside the goroutine", what, check.Section(pass, e))
		case e.Maybe:
			return fmt.Sprintf("%s under %s, which may have ended on some paths (at %s); keep the section open on every path that reaches here", what, check.Section(pass, e), check.At(pass, e.EndedAt))
		}
		return fmt.Sprintf("%s under %s, which ended at %s; dereference before ReadUnlock, or begin a new section", what, check.Section(pass, e), check.At(pass, e.EndedAt))
	}, flow.DerefEnded)

// RCU1002 reports protected pointers used after their section ends or
// escaping it.
var RCU1002 = check.New("RCU1002",
	func(pass *analysis.Pass, e flow.Event) string {
		if e.Kind == flow.Escape {
			how := e.How
			if e.Deferred {
				how = "is returned, but the section ends in a deferred ReadUnlock"
			}
			return fmt.Sprintf("a pointer obtained under %s %s; copy the data you need out of it, or take a reference (TryGet) inside the section", check.Section(pass, e), how)
		}
		ended := "ended at " + check.At(pass, e.EndedAt)
		if e.Maybe {
			ended = "may have ended (at " + check.At(pass, e.EndedAt) + ")"
		}
		return fmt.Sprintf("a pointer obtained under %s is used after the section %s; move ReadUnlock below the last use, or copy what you need before it", check.Section(pass, e), ended)
	}, flow.UseAfterEnd, flow.Escape)

// RCU1003 reports unbalanced sections.
var RCU1003 = check.New("RCU1003",
	func(pass *analysis.Pass, e flow.Event) string {
		switch e.Kind {
		case flow.DoubleRelease:
			return fmt.Sprintf("%s ends %s, which already ended at %s; end each section exactly once", e.Callee, check.Section(pass, e), check.At(pass, e.EndedAt))
		case flow.ReleaseZero:
			return fmt.Sprintf("%s of the zero Section, which no ReadLock made; end the Section that ReadLock returned", e.Callee)
		}
		exit := "returns"
		if e.Panic {
			exit = "panics"
		}
		paths := ""
		if e.Maybe {
			paths = " on some paths"
		}
		return fmt.Sprintf("function %s with %s still open%s; end it on every path, e.g. with defer right after %s", exit, check.Section(pass, e), paths, e.AcquiredBy)
	}, flow.Unbalanced, flow.DoubleRelease, flow.ReleaseZero)

// RCU1004 reports a section ended on another domain than the one that
// began it.
var RCU1004 = check.New("RCU1004",
	func(pass *analysis.Pass, e flow.Event) string {
		return fmt.Sprintf("%s of %s ends %s of %s; end a section on the domain that began it", e.Callee, e.How, check.Section(pass, e), e.Domain)
	}, flow.WrongDomain)

// RCU1007 reports dereferences of values obtained with Access.
var RCU1007 = check.New("RCU1007",
	func(pass *analysis.Pass, e flow.Event) string {
		return "a pointer obtained with Access is dereferenced; Access is for comparing the pointer only: use Dereference(s) inside a read-side section, or Protected(lock) on the update side"
	}, flow.AccessDeref)

// Analyzers are the read-side checks.
var Analyzers = []*analysis.Analyzer{RCU1001, RCU1002, RCU1003, RCU1004, RCU1005, RCU1006, RCU1007}

// RCU1005 reports what may block inside a classic read-side section.
var RCU1005 = check.New("RCU1005",
	func(pass *analysis.Pass, e flow.Event) string {
		return fmt.Sprintf("%s inside %s of classic RCU; a classic reader must not block (it holds up every grace period): copy what you need and block after ReadUnlock, or use an SRCU domain, whose readers may block", e.How, check.Section(pass, e))
	}, flow.BlockInSection)

// RCU1006 reports a grace-period or barrier wait inside a section of the
// same domain.
var RCU1006 = check.New("RCU1006",
	func(pass *analysis.Pass, e flow.Event) string {
		if e.Kind == flow.SelfWaitQSBR {
			return fmt.Sprintf("%s of %s while this goroutine's handle of it, registered at %s, may be online: the grace period waits for that handle, which waits here; call Offline on the handle first (and Online after)", e.Callee, e.Domain, check.At(pass, e.Related))
		}
		return fmt.Sprintf("%s %s of the domain of %s, which is still open here: it waits for this very section and never returns; end the section first", e.Callee, e.How, check.Section(pass, e))
	}, flow.SyncInSection, flow.SelfWaitQSBR)
