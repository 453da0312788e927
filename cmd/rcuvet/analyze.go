package main

import (
	"cmp"
	"fmt"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rcuvet/rcuvet/internal/stdbodies"
)

// A finding is one diagnostic that a check reported on a package named on
// the command line.
type finding struct {
	check *analysis.Analyzer
	fset  *token.FileSet
	diag  analysis.Diagnostic
	pkgID string         // the package's id in go/packages (a test variant's includes [p.test])
	files []string       // the package's Go files, the only ones a fix may change
	pos   token.Position // where it is reported
}

// An outcome is what a standalone run found.
type outcome struct {
	dir      string     // the absolute working directory
	checked  int        // packages named on the command line that were analysed
	failed   int        // packages named on the command line that did not load
	errs     []string   // errors, each once, in the order found
	findings []*finding // in order of position, each once
}

// analyze loads the packages that o names and runs the selected checks on
// them.
func analyze(o *options, e env) *outcome {
	res := &outcome{dir: e.Dir}
	if res.dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			res.errs = append(res.errs, err.Error())
			return res
		}
		res.dir = wd
	}
	if abs, err := filepath.Abs(res.dir); err == nil {
		res.dir = abs
	}
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax | packages.NeedModule,
		Tests: o.tests,
		Dir:   e.Dir,
		Env:   e.Env,
	}
	if o.tags != "" {
		cfg.BuildFlags = []string{"-tags=" + o.tags}
	}
	// The standard library without the bodies no analyzer reads: the same
	// findings, in a fraction of the time and memory. The packages named
	// are read whole, also when they are the standard library's.
	cfg.ParseFile = stdbodies.Parser(goroot(e), rootDirs(*cfg, o.patterns))
	pkgs, err := packages.Load(cfg, o.patterns...)
	if err != nil {
		res.errs = append(res.errs, err.Error())
		return res
	}
	if len(pkgs) == 0 {
		res.errs = append(res.errs, fmt.Sprintf("%s matched no packages", strings.Join(o.patterns, " ")))
		return res
	}

	// Every error once: a file of p is also a file of p's test variant.
	seen := make(map[string]bool)
	addErr := func(msg string) {
		if !seen[msg] {
			seen[msg] = true
			res.errs = append(res.errs, msg)
		}
	}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			addErr(e.Error())
		}
	})
	checked, failed := make(map[string]bool), make(map[string]bool)
	for _, p := range pkgs {
		if strings.HasSuffix(p.ID, ".test") {
			continue // the generated main package of a test binary
		}
		path := strings.TrimSuffix(p.PkgPath, "_test")
		if p.IllTyped || len(p.Errors) > 0 {
			failed[path] = true
		} else {
			checked[path] = true
		}
	}
	for path := range failed {
		delete(checked, path)
	}
	res.checked, res.failed = len(checked), len(failed)

	graph, err := checker.Analyze(o.selected, pkgs, nil)
	if err != nil {
		res.errs = append(res.errs, err.Error())
		return res
	}
	type key struct {
		pos, end token.Position
		check    *analysis.Analyzer
		message  string
	}
	byKey := make(map[key]*finding)
	for act := range graph.All() {
		if act.Err != nil {
			// A package with errors is not analysed, and neither is a
			// package whose analysis needs an action that failed: the
			// errors themselves are reported once, above or here.
			if act.Package.IllTyped || slices.ContainsFunc(act.Deps, func(d *checker.Action) bool { return d.Err != nil }) {
				continue
			}
			addErr(fmt.Sprintf("internal error: %s on %s: %v", act.Analyzer.Name, act.Package.PkgPath, act.Err))
			continue
		}
		if !act.IsRoot {
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			k := key{fset.Position(d.Pos), fset.Position(d.End), act.Analyzer, d.Message}
			if f, ok := byKey[k]; ok {
				if len(act.Package.ID) < len(f.pkgID) {
					f.pkgID = act.Package.ID // prefer p to p [p.test]
				}
				continue
			}
			f := &finding{check: act.Analyzer, fset: fset, diag: d, pkgID: act.Package.ID, files: act.Package.GoFiles, pos: k.pos}
			byKey[k] = f
			res.findings = append(res.findings, f)
		}
	}
	slices.SortFunc(res.findings, func(a, b *finding) int {
		return cmp.Or(
			cmp.Compare(a.pos.Filename, b.pos.Filename),
			cmp.Compare(a.pos.Offset, b.pos.Offset),
			cmp.Compare(a.check.Name, b.check.Name),
			cmp.Compare(a.diag.Message, b.diag.Message),
		)
	})
	return res
}

// fixable counts the findings that carry a suggested fix.
func fixable(fs []*finding) int {
	n := 0
	for _, f := range fs {
		if len(f.diag.SuggestedFixes) > 0 {
			n++
		}
	}
	return n
}

// check runs the standalone command on the options o.
func check(o *options, e env, stdout, stderr io.Writer) int {
	res := analyze(o, e)
	for _, msg := range res.errs {
		fmt.Fprintf(stderr, "%s\n", res.relErr(msg))
	}
	code := 0
	switch {
	case o.fix:
		code = applyFixes(o, res, stderr)
	case o.format == "json":
		if err := writeJSON(stdout, res); err != nil {
			fmt.Fprintf(stderr, "rcuvet: writing JSON: %v\n", err)
			return 1
		}
	case o.format == "sarif":
		if err := writeSARIF(stdout, res, o.args); err != nil {
			fmt.Fprintf(stderr, "rcuvet: writing SARIF: %v\n", err)
			return 1
		}
	default:
		for _, f := range res.findings {
			res.printText(stderr, f)
		}
	}
	if !o.fix {
		if len(res.findings) > 0 {
			code = 3
		}
		if !o.quiet {
			fmt.Fprintf(stderr, "rcuvet: %s\n", res.summary())
		}
	}
	if len(res.errs) > 0 {
		code = 1
	}
	return code
}

// summary returns the one-line summary of a run without -fix.
func (res *outcome) summary() string {
	parts := []string{plural(res.checked, "package") + " checked"}
	if res.failed > 0 {
		parts = append(parts, plural(res.failed, "package")+" not checked (errors above)")
	} else if len(res.errs) > 0 {
		parts = append(parts, plural(len(res.errs), "error")+" (above)")
	}
	switch n, nfix := len(res.findings), fixable(res.findings); {
	case n == 0:
		parts = append(parts, "no findings")
	case nfix == 0:
		parts = append(parts, plural(n, "finding"))
	case nfix == 1:
		parts = append(parts, plural(n, "finding")+" (1 with a suggested fix: rcuvet -fix applies it)")
	default:
		parts = append(parts, fmt.Sprintf("%s (%d with a suggested fix: rcuvet -fix applies them)", plural(n, "finding"), nfix))
	}
	return strings.Join(parts, ", ")
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// printText prints one finding as text: file:line:col: message, then each
// related position on a line of its own, indented.
func (res *outcome) printText(w io.Writer, f *finding) {
	fmt.Fprintf(w, "%s: %s\n", res.rel(f.pos), f.diag.Message)
	for _, r := range f.diag.Related {
		fmt.Fprintf(w, "\t%s: %s\n", res.rel(f.fset.Position(r.Pos)), r.Message)
	}
}

// rel returns p as file:line:col, the file relative to the working
// directory if it lies in it, as go vet prints positions.
func (res *outcome) rel(p token.Position) string {
	p.Filename = res.relFile(p.Filename)
	return p.String()
}

func (res *outcome) relFile(file string) string {
	if res.dir != "" && filepath.IsAbs(file) {
		if r, err := filepath.Rel(res.dir, file); err == nil && filepath.IsLocal(r) {
			return r
		}
	}
	return file
}

// relErr makes the file name that starts an error message relative to the
// working directory, and drops the "-: " that go/packages puts in front of
// an error that has no position.
func (res *outcome) relErr(msg string) string {
	msg = strings.TrimPrefix(msg, "-: ")
	file, rest, ok := strings.Cut(msg, ":")
	if !ok || !strings.HasSuffix(file, ".go") {
		return msg
	}
	return res.relFile(file) + ":" + rest
}

// goroot returns the GOROOT of the go command that loads the packages, or
// "" if it cannot say (then the standard library is loaded whole).
func goroot(e env) string {
	cmd := exec.Command("go", "env", "GOROOT")
	cmd.Dir = e.Dir
	cmd.Env = e.Env
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// rootDirs returns the directories of the packages patterns name, as go
// list finds them with cfg's settings (nil if it cannot say: then no
// directory of the standard library is read whole).
func rootDirs(cfg packages.Config, patterns []string) map[string]bool {
	cfg.Mode = packages.NeedName | packages.NeedFiles
	cfg.ParseFile = nil
	pkgs, err := packages.Load(&cfg, patterns...)
	if err != nil {
		return nil
	}
	dirs := make(map[string]bool)
	for _, p := range pkgs {
		for _, f := range p.GoFiles {
			dirs[filepath.Dir(f)] = true
		}
	}
	return dirs
}
