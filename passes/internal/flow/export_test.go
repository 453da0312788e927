package flow

import "golang.org/x/tools/go/ssa"

// SetTestHooks installs the test hooks and returns a function that removes
// them.
func SetTestHooks(built func(string), analyse func(*ssa.Function)) (restore func()) {
	testHookBuilt, testHookAnalyse = built, analyse
	return func() { testHookBuilt, testHookAnalyse = nil, nil }
}
