package check

import (
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/checklist"
	"github.com/rcuvet/rcuvet/passes/internal/flow"
)

// Report reports one diagnostic of a custom check: at pos, with a related
// position (or token.NoPos) and the message text (without the id).
type Report func(pos, related token.Pos, text string)

// NewCustom returns the analyzer of check id for checks that are not a
// filter over the engine's events: run computes the diagnostics from the
// results of the analyzers in requires (the engine is always required) and
// reports them with report, which adds the id, honours //rcuvet:ignore and
// skips generated files.
func NewCustom(id string, requires []*analysis.Analyzer, run func(pass *analysis.Pass, report Report)) *analysis.Analyzer {
	c, ok := checklist.Lookup(id)
	if !ok {
		panic("check " + id + " is not in the checklist")
	}
	a := &analysis.Analyzer{
		Name:     id,
		Doc:      id + ": " + c.Doc.Title + "\n\n" + c.Doc.Text,
		URL:      c.URL(),
		Requires: append([]*analysis.Analyzer{flow.Analyzer}, requires...),
	}
	a.Run = func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[flow.Analyzer].(*flow.Result)
		ignores := parseIgnores(pass, res.Ignores)
		defer reportIgnores(pass, id, ignores)
		run(pass, func(pos, related token.Pos, text string) {
			if res.Generated(pos) || silenced(pass, id, pos, ignores) {
				return
			}
			d := analysis.Diagnostic{Pos: pos, Category: id, Message: id + ": " + text, URL: a.URL}
			if related.IsValid() {
				d.Related = []analysis.RelatedInformation{{Pos: related, Message: "see here"}}
			}
			pass.Report(d)
		})
		return nil, nil
	}
	return a
}
