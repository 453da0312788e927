package check

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/checklist"
)

// An ignore is one "//rcuvet:ignore RCU1002[,RCU1003] reason" directive. It
// silences the checks it names on its own line and on the line below, so
// that it can trail the offending code or stand above it. It must give a
// reason, and a directive that silences nothing is reported: under go vet
// and golangci-lint alike, nothing else would notice it going stale.
type ignore struct {
	pos    token.Pos
	file   *token.File
	line   int
	ids    []string
	reason string
	used   bool
}

const ignorePrefix = "//rcuvet:ignore"

func parseIgnores(pass *analysis.Pass, comments []*ast.Comment) []*ignore {
	var out []*ignore
	for _, c := range comments {
		rest, ok := strings.CutPrefix(c.Text, ignorePrefix)
		if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
			continue
		}
		rest, _, _ = strings.Cut(rest, "//") // a trailing comment
		fields := strings.Fields(rest)
		ig := &ignore{pos: c.Pos(), file: pass.Fset.File(c.Pos())}
		ig.line = ig.file.Line(c.Pos())
		if len(fields) > 0 {
			ig.ids = strings.Split(fields[0], ",")
			ig.reason = strings.Join(fields[1:], " ")
		}
		out = append(out, ig)
	}
	return out
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

func (ig *ignore) covers(pass *analysis.Pass, id string, pos token.Pos) bool {
	if !slices.Contains(ig.ids, id) || ig.reason == "" || pass.Fset.File(pos) != ig.file {
		return false
	}
	line := ig.file.Line(pos)
	return line == ig.line || line == ig.line+1
}

// reportIgnores reports the directives that name id and are malformed or
// silenced nothing. Directives that name no known check are reported by the
// first implemented check, so that each is reported once.
func reportIgnores(pass *analysis.Pass, id string, igs []*ignore) {
	first := firstImplemented()
	for _, ig := range igs {
		switch {
		case len(ig.ids) == 0:
			if id == first {
				pass.Report(analysis.Diagnostic{Pos: ig.pos, Category: id, Message: id + ": " + ignorePrefix + " needs the ids of the checks to silence and a reason, e.g. //rcuvet:ignore RCU1002 the object is immutable"})
			}
		case slices.Contains(ig.ids, id) && ig.reason == "":
			pass.Report(analysis.Diagnostic{Pos: ig.pos, Category: id, Message: id + ": " + ignorePrefix + " " + strings.Join(ig.ids, ",") + " needs a reason after the ids"})
		case slices.Contains(ig.ids, id) && !ig.used:
			pass.Report(analysis.Diagnostic{Pos: ig.pos, Category: id, Message: id + ": this " + ignorePrefix + " directive silences no " + id + " diagnostic; remove it (or " + id + " from it)"})
		case id == first:
			for _, x := range ig.ids {
				if c, ok := checklist.Lookup(x); !ok || !c.Implemented {
					pass.Report(analysis.Diagnostic{Pos: ig.pos, Category: id, Message: id + ": " + ignorePrefix + " names " + x + ", which is not a check this rcuvet runs"})
				}
			}
		}
	}
}

func firstImplemented() string {
	for _, c := range checklist.Checks {
		if c.Implemented {
			return c.ID
		}
	}
	return ""
}
