package flow

import "golang.org/x/tools/go/ssa"

// SetTestHooks installs the test hooks and returns a function that removes
// them.
func SetTestHooks(built func(string), analyse func(*ssa.Function)) (restore func()) {
	testHookBuilt, testHookAnalyse = built, analyse
	return func() { testHookBuilt, testHookAnalyse = nil, nil }
}

// SetHeldHook installs a hook called at every call with the locks held
// there, and returns a function that removes it.
func SetHeldHook(h func(c *ssa.CallCommon, held []string)) (restore func()) {
	testHookHeld = h
	return func() { testHookHeld = nil }
}
