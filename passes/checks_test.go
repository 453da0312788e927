package passes_test

import (
	"testing"

	"github.com/rcuvet/rcuvet/passes"
	"github.com/rcuvet/rcuvet/passes/callbacks"
	"github.com/rcuvet/rcuvet/passes/flavour"
	"github.com/rcuvet/rcuvet/passes/graceperiod"
	"github.com/rcuvet/rcuvet/passes/internal/fixturetest"
	"github.com/rcuvet/rcuvet/passes/modexit"
	"github.com/rcuvet/rcuvet/passes/native"
	"github.com/rcuvet/rcuvet/passes/readside"
	"github.com/rcuvet/rcuvet/passes/updateside"
)

// Each check runs over its fixture package and the packages its fixtures
// call across a package boundary. Those hold correct code only, so they
// also check that nothing is reported in them.
//
// Every check's findings come from one analysis of every fixture package
// by all the checks together (fixturetest.Shared).
var fixtures = fixturetest.Share(passes.All()...)

// withHelpers names the fixture package dir and the read-side helpers.
func withHelpers(dir string) []string {
	return []string{"fixtures/" + dir, "fixtures/helpers", "fixtures/wrapper"}
}

// withUpdHelpers names the fixture package dir and the update-side helpers.
func withUpdHelpers(dir string) []string {
	return []string{"fixtures/" + dir, "fixtures/updhelpers", "fixtures/wrapper"}
}

// withModHelpers names the fixture packages under dir (one package per
// module: RCU6001 asks every Exit of a package to wait for every domain on
// which the package queues callbacks) and the teardown helpers.
func withModHelpers(dir string) []string {
	return []string{"fixtures/" + dir + "/...", "fixtures/modhelpers", "fixtures/modhelpers/inner"}
}

func TestRCU1001(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, readside.RCU1001, withHelpers("rcu1001")...)
}
func TestRCU1002(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, readside.RCU1002, withHelpers("rcu1002")...)
}
func TestRCU1003(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, readside.RCU1003, withHelpers("rcu1003")...)
}
func TestRCU1004(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, readside.RCU1004, withHelpers("rcu1004")...)
}
func TestRCU1005(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, readside.RCU1005, withHelpers("rcu1005")...)
}
func TestRCU1006(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, readside.RCU1006, withHelpers("rcu1006")...)
}
func TestRCU1007(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, readside.RCU1007, withHelpers("rcu1007")...)
}

// TestRCU1003Fix checks the suggested fix for a section that is never
// ended: a deferred release right after the acquire.
func TestRCU1003Fix(t *testing.T) {
	t.Parallel()
	fixtures.RunFixes(t, readside.RCU1003, "fixtures/rcu1003fix")
}

func TestRCU2001(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, updateside.RCU2001, withUpdHelpers("rcu2001")...)
}
func TestRCU2002(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, updateside.RCU2002, withUpdHelpers("rcu2002")...)
}
func TestRCU2003(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, updateside.RCU2003, "fixtures/rcu2003", "fixtures/ptrhelpers")
}
func TestRCU2004(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, updateside.RCU2004, "fixtures/rcu2004", "fixtures/retirehelpers")
}
func TestRCU2005(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, updateside.RCU2005, withUpdHelpers("rcu2005")...)
}

// TestRCU2001Fix checks the suggested fix that moves the publication after
// the writes that finish the object.
func TestRCU2001Fix(t *testing.T) {
	t.Parallel()
	fixtures.RunFixes(t, updateside.RCU2001, "fixtures/rcu2001fix")
}

func TestRCU3001(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, callbacks.RCU3001, withHelpers("rcu3001")...)
}
func TestRCU3002(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, callbacks.RCU3002, withHelpers("rcu3002")...)
}
func TestRCU3003(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, callbacks.RCU3003, "fixtures/rcu3003")
}

func TestRCU4001(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, graceperiod.RCU4001, withHelpers("rcu4001")...)
}
func TestRCU4002(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, graceperiod.RCU4002, "fixtures/rcu4002")
}

func TestRCU5001(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, flavour.RCU5001, "fixtures/rcu5001", "fixtures/ptrhelpers")
}

func TestRCU6001(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, modexit.RCU6001, withModHelpers("rcu6001")...)
}
func TestRCU6002(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, modexit.RCU6002, withModHelpers("rcu6002")...)
}
func TestRCU6003(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, modexit.RCU6003, withModHelpers("rcu6003")...)
}
func TestRCU6004(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, modexit.RCU6004, withModHelpers("rcu6004")...)
}
func TestRCU6005(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, modexit.RCU6005, withModHelpers("rcu6005")...)
}

// TestRCU6002Fix checks the suggested fix of RCU6002: the Synchronize call
// of the Exit becomes the Barrier of the same domain.
func TestRCU6002Fix(t *testing.T) {
	t.Parallel()
	fixtures.RunFixes(t, modexit.RCU6002, "fixtures/rcu6002fix")
}

// TestIgnoreDirectives checks //rcuvet:ignore: it silences the named
// check on its line and the next, needs a reason, and is reported when it
// silences nothing or names no check.
func TestIgnoreDirectives(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, readside.RCU1001, "fixtures/ignore")
}

// TestSummariesAcrossPackages checks that checks see through the summary
// facts of another package's helpers.
func TestSummariesAcrossPackages(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, readside.RCU1001, "fixtures/summaries/use1001")
	fixtures.Run(t, readside.RCU1002, "fixtures/summaries/use1002")
	fixtures.Run(t, readside.RCU1003, "fixtures/summaries/use1003")
}

func TestRCU7001(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, native.RCU7001, "fixtures/rcu7001")
}
func TestRCU7002(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, native.RCU7002, "fixtures/rcu7002", "fixtures/rcu7002/getter")
}
func TestRCU7003(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, native.RCU7003, "fixtures/rcu7003", "fixtures/rcu7003/store")
}
func TestRCU7004(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, native.RCU7004, "fixtures/rcu7004")
}
func TestRCU7005(t *testing.T) {
	t.Parallel()
	fixtures.Run(t, native.RCU7005, "fixtures/rcu7005")
}
