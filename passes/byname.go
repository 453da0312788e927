package passes

import "golang.org/x/tools/go/analysis"

// ByName returns the analyzer of the check whose id is name, such as
// "RCU1001", or nil if rcuvet has no such check. It serves drivers that
// address checks one at a time, such as the per-check packages under nogo/
// for Bazel's nogo.
func ByName(name string) *analysis.Analyzer {
	for _, a := range All() {
		if a.Name == name {
			return a
		}
	}
	return nil
}
