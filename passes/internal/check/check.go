// Package check builds rcuvet's check analyzers on top of the engine. A
// check is an analyzer named by its id that reports the engine's findings
// of that check (the engine writes them, messages included, in the file
// of passes/internal/flow named by the id), honours //rcuvet:ignore, and
// skips generated files.
package check

import (
	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/checklist"

	"github.com/rcuvet/rcuvet/passes/internal/flow"
)

// New returns the analyzer of check id. Its documentation comes from the
// checklist, which must catalogue id.
func New(id string) *analysis.Analyzer {
	c, ok := checklist.Lookup(id)
	if !ok {
		panic("check " + id + " is not in the checklist")
	}
	a := &analysis.Analyzer{
		Name:     id,
		Doc:      id + ": " + c.Doc.Title + "\n\n" + c.Doc.Text,
		URL:      c.URL(),
		Requires: []*analysis.Analyzer{flow.Analyzer},
	}
	a.Run = func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[flow.Analyzer].(*flow.Result)
		ignores := parseIgnores(pass, res.Ignores)
		defer reportIgnores(pass, id, ignores)
		for _, f := range res.Of(id) {
			if silenced(pass, id, f.Pos, ignores) {
				continue
			}
			d := analysis.Diagnostic{Pos: f.Pos, Category: id, Message: id + ": " + f.Message, URL: a.URL}
			for _, r := range f.Related {
				d.Related = append(d.Related, analysis.RelatedInformation{Pos: r.Pos, Message: r.Message})
			}
			if f.Fix != nil {
				end := f.Fix.End
				if end == 0 {
					end = f.Fix.Pos
				}
				d.SuggestedFixes = []analysis.SuggestedFix{{
					Message:   f.Fix.Message,
					TextEdits: []analysis.TextEdit{{Pos: f.Fix.Pos, End: end, NewText: []byte(f.Fix.Text)}},
				}}
			}
			pass.Report(d)
		}
		return nil, nil
	}
	return a
}
