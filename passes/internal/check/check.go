// Package check builds rcuvet's check analyzers on top of the engine: each
// check is an analyzer named by its id that reports the engine's events of
// some kinds, with a message that names the id.
package check

import (
	"fmt"
	"go/token"
	"path/filepath"

	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/checklist"

	"github.com/rcuvet/rcuvet/passes/internal/flow"
)

// Message turns an event into a diagnostic message (without the id), or
// returns "" to skip the event.
type Message func(pass *analysis.Pass, e flow.Event) string

// New returns the analyzer of check id, which reports the events of the
// given kinds with msg. Its documentation comes from the checklist, which
// must catalogue id.
func New(id string, msg Message, kinds ...flow.EventKind) *analysis.Analyzer {
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
		for _, k := range kinds {
			for _, e := range res.Of(k) {
				text := msg(pass, e)
				if text == "" || silenced(pass, id, e.Pos, ignores) {
					continue
				}
				d := analysis.Diagnostic{Pos: e.Pos, Category: id, Message: id + ": " + text, URL: a.URL}
				if e.Related != token.NoPos {
					d.Related = []analysis.RelatedInformation{{Pos: e.Related, Message: "see here"}}
				}
				if e.Fix != nil {
					end := e.Fix.End
					if end == token.NoPos {
						end = e.Fix.Pos
					}
					d.SuggestedFixes = []analysis.SuggestedFix{{
						Message:   e.Fix.Message,
						TextEdits: []analysis.TextEdit{{Pos: e.Fix.Pos, End: end, NewText: []byte(e.Fix.Text)}},
					}}
				}
				pass.Report(d)
			}
		}
		return nil, nil
	}
	return a
}

// At formats a position as file:line, short enough for a message.
func At(pass *analysis.Pass, p token.Pos) string {
	if !p.IsValid() {
		return "an unknown place"
	}
	pos := pass.Fset.Position(p)
	return fmt.Sprintf("%s:%d", filepath.Base(pos.Filename), pos.Line)
}

// Section describes the section of an event, e.g. "the section begun by
// ReadLock at main.go:12" or "the Section parameter".
func Section(pass *analysis.Pass, e flow.Event) string {
	if e.AcquiredBy == "" {
		return "the Section it was given"
	}
	return fmt.Sprintf("the section begun by %s at %s", e.AcquiredBy, At(pass, e.AcquiredAt))
}

// silenced reports whether an ignore directive silences check id at pos,
// and marks it used.
func silenced(pass *analysis.Pass, id string, pos token.Pos, ignores []*ignore) bool {
	for _, ig := range ignores {
		if ig.covers(pass, id, pos) {
			ig.used = true
			return true
		}
	}
	return false
}
