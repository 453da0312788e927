package robust

import (
	"cmp"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rcuvet/rcuvet/internal/testchild"
	"github.com/rcuvet/rcuvet/passes"
)

func TestMain(m *testing.M) {
	code := testchild.Main(m)
	if base != nil {
		os.RemoveAll(base.dir)
	}
	os.Exit(code)
}

// slow scales the time limits of the tests that run in this process: the
// race detector (CI runs go test -race) makes the analyzers several times
// slower. The heaviest tests run in a child built without it (isolate).
func slow(d time.Duration) time.Duration {
	if testchild.RaceEnabled {
		return 4 * d
	}
	return d
}

// repoRoot returns the root of the rcuvet module.
func repoRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatal(err)
	}
	return root
}

// goEnv is the environment of every go command the tests run: the
// temporary modules are never tidied and nothing is downloaded.
var goEnv = []string{
	"GOFLAGS=-mod=mod",
	"GOPROXY=off",
	"GOWORK=off",
	"GOTOOLCHAIN=local",
}

func environ(extra ...string) []string {
	return append(append(os.Environ(), goEnv...), extra...)
}

// writeModule writes a module named path into dir, requiring rcuapi's
// module (replaced by the working tree's rcuapi), with the given files
// (slash-separated names relative to dir).
func writeModule(t testing.TB, dir, path string, files map[string]string) {
	t.Helper()
	root := repoRoot(t)
	gomod := fmt.Sprintf("module %s\n\ngo 1.26.0\n\nrequire github.com/rcuvet/rcuvet/rcuapi v0.0.0\n\nreplace github.com/rcuvet/rcuvet/rcuapi => %s\n",
		path, strconv.Quote(filepath.Join(root, "rcuapi")))
	all := map[string]string{"go.mod": gomod}
	for name, text := range files {
		all[name] = text
	}
	for name, text := range all {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
	}
}

// tempDir returns t.TempDir() with symbolic links resolved, so that the
// positions the analyzers report can be made relative to it.
func tempDir(t testing.TB) string {
	t.Helper()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// load loads patterns in dir with everything the analysis driver needs,
// and fails the test if any package has errors.
func load(t testing.TB, dir string, patterns ...string) []*packages.Package {
	t.Helper()
	pkgs, err := loadPackages(dir, nil, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	var errs []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			errs = append(errs, e.Error())
		}
	})
	if len(errs) > 0 {
		t.Fatalf("loading %v: %d errors:\n%s", patterns, len(errs), strings.Join(errs, "\n"))
	}
	return pkgs
}

func loadPackages(dir string, overlay map[string][]byte, patterns ...string) ([]*packages.Package, error) {
	cfg := &packages.Config{
		Mode:    packages.LoadAllSyntax | packages.NeedModule,
		Dir:     dir,
		Env:     environ(),
		Overlay: overlay,
	}
	return packages.Load(cfg, patterns...)
}

// A run is what the analyzers found on a set of packages.
type run struct {
	graph *checker.Graph
	dur   time.Duration // wall time
	cpu   time.Duration // CPU time of the whole process meanwhile
	// diags are the diagnostics of the root actions, one string each
	// (file:line:col: message, the file relative to the directory given to
	// analyze), the actions in the order of their package path and
	// analyzer name, each action's diagnostics in the order reported.
	diags []string
	// errs are the errors of every action, dependencies' included.
	errs []string
}

// analyze runs every check of rcuvet on pkgs, failing the test if that
// takes longer than limit.
func analyze(t testing.TB, dir string, pkgs []*packages.Package, limit time.Duration, opts *checker.Options) *run {
	t.Helper()
	r := new(run)
	var err error
	cpu := cpuTime()
	r.dur = withDeadline(t, limit, "analysing "+pkgNames(pkgs), func() {
		r.graph, err = checker.Analyze(passes.All(), pkgs, opts)
	})
	if err != nil {
		t.Fatalf("checker.Analyze: %v", err)
	}
	roots := slices.Clone(r.graph.Roots)
	slices.SortFunc(roots, func(a, b *checker.Action) int {
		return cmp.Or(cmp.Compare(a.Package.PkgPath, b.Package.PkgPath), cmp.Compare(a.Analyzer.Name, b.Analyzer.Name))
	})
	for _, act := range roots {
		for _, d := range act.Diagnostics {
			r.diags = append(r.diags, formatDiag(dir, act.Package.Fset.Position(d.Pos), d.Message))
		}
	}
	for act := range r.graph.All() {
		if act.Err != nil {
			r.errs = append(r.errs, fmt.Sprintf("%s: %v", act, act.Err))
		}
	}
	slices.Sort(r.errs)
	r.cpu = cpuTime() - cpu
	return r
}

func (r *run) times() string {
	return fmt.Sprintf("%v (CPU %v)", r.dur.Round(time.Millisecond), r.cpu.Round(time.Millisecond))
}

func pkgNames(pkgs []*packages.Package) string {
	var names []string
	for _, p := range pkgs {
		names = append(names, p.PkgPath)
	}
	if len(names) > 5 {
		names = append(names[:5], "...")
	}
	return strings.Join(names, " ")
}

func formatDiag(dir string, pos token.Position, msg string) string {
	file := pos.Filename
	if rel, err := filepath.Rel(dir, file); err == nil && !strings.HasPrefix(rel, "..") {
		file = filepath.ToSlash(rel)
	}
	return fmt.Sprintf("%s:%d:%d: %s", file, pos.Line, pos.Column, msg)
}

// noErrors fails the test if any action failed.
func (r *run) noErrors(t testing.TB) {
	t.Helper()
	for _, e := range r.errs {
		t.Errorf("analysis error: %s", firstLines(e, 12))
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines[n] = "..."
	}
	return strings.Join(lines, "\n")
}

// withDeadline runs f and returns how long it took. If f is still running
// after limit, the engine hangs or is far too slow: withDeadline logs every
// goroutine's stack and ends the test binary, as the test's own timeout
// would, rather than leave f spinning under the tests that follow.
func withDeadline(t testing.TB, limit time.Duration, what string, f func()) time.Duration {
	t.Helper()
	start := time.Now()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	timer := time.NewTimer(limit)
	defer timer.Stop()
	select {
	case <-done:
		return time.Since(start)
	case <-timer.C:
	}
	buf := make([]byte, 8<<20)
	buf = buf[:runtime.Stack(buf, true)]
	fmt.Fprintf(os.Stderr, "%s: %s: still running after %v; the engine's goroutines:\n%s\n", t.Name(), what, limit, engineStacks(string(buf)))
	panic(fmt.Sprintf("%s: %s: still running after %v (rcuvet hangs, or is far too slow)", t.Name(), what, limit))
}

// A want is a diagnostic a test expects: check id on a line of a file.
type want struct {
	file string
	line int
	id   string
}

func (w want) String() string { return fmt.Sprintf("%s:%d: %s", w.file, w.line, w.id) }

var diagRx = regexp.MustCompile(`^(\S+\.go):(\d+):(\d+): (RCU\d{4}): `)

// checkWants checks that diags are exactly the wanted ones: each once, and
// nothing else. It reports, and returns, the others.
func checkWants(t testing.TB, diags []string, wants []want) (unexpected []string) {
	t.Helper()
	left := make(map[want]int)
	for _, w := range wants {
		left[w]++
	}
	for _, d := range diags {
		m := diagRx.FindStringSubmatch(d)
		if m == nil {
			t.Errorf("unexpected diagnostic (not an rcuvet check): %s", d)
			unexpected = append(unexpected, d)
			continue
		}
		n, _ := strconv.Atoi(m[2])
		w := want{m[1], n, m[4]}
		if left[w] == 0 {
			t.Errorf("unexpected diagnostic: %s", d)
			unexpected = append(unexpected, d)
			continue
		}
		left[w]--
	}
	var missing []string
	for w, n := range left {
		if n > 0 {
			missing = append(missing, w.String())
		}
	}
	slices.Sort(missing)
	for _, w := range missing {
		t.Errorf("not reported: %s", w)
	}
	return unexpected
}

// src builds a Go file line by line, remembering the lines where it plants
// bugs.
type src struct {
	file  string // the file's name in its module, for wants
	b     strings.Builder
	lines int
	wants []want
}

// p writes one line.
func (s *src) p(format string, args ...any) {
	text := fmt.Sprintf(format, args...)
	s.b.WriteString(text)
	s.b.WriteByte('\n')
	s.lines += strings.Count(text, "\n") + 1
}

// bug writes one line on which check id must be reported.
func (s *src) bug(id, format string, args ...any) {
	s.p(format+" // a bug: "+id, args...)
	s.wants = append(s.wants, want{s.file, s.lines, id})
}

func (s *src) String() string { return s.b.String() }

// isolate runs the calling test in a child process (see
// internal/testchild: under the race detector, the package's test binary
// built without it) and stops the child, with the stacks of its
// goroutines, if it runs longer than limit, so that a hang fails this test
// alone instead of ending the whole run. It reports whether the caller is
// the parent, which must then return; in the child it returns false and
// the test goes on.
func isolate(t testing.TB, limit time.Duration) (parent bool) {
	t.Helper()
	return testchild.Run(t, testchild.Options{Limit: limit, Cancel: quit, Output: testOutput})
}

// engineStacks returns the goroutines of a stack dump that run rcuvet's
// code.
func engineStacks(dump string) string {
	var out []string
	for _, g := range strings.Split(dump, "\n\n") {
		if strings.Contains(g, "rcuvet/passes/") {
			out = append(out, firstLines(g, 60))
		}
	}
	return strings.Join(out, "\n\n")
}

// testOutput returns what a child's go test -v output says: the lines the
// test logged, a panic's message, and the goroutines of a stack dump that
// run the engine.
func testOutput(out string) string {
	var keep []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "=== ") || strings.HasPrefix(l, "--- ") || strings.HasPrefix(l, "panic: ") ||
			strings.HasPrefix(l, "fatal error: ") || strings.HasPrefix(l, "runtime: ") ||
			strings.HasPrefix(l, "    ") && !strings.HasPrefix(l, "        \t/") { // not a stack frame's file
			keep = append(keep, l)
		}
	}
	if stacks := engineStacks(out); stacks != "" {
		keep = append(keep, "the engine's goroutines:", stacks)
	}
	return strings.Join(keep, "\n")
}

func pkg1(p *packages.Package) []*packages.Package { return []*packages.Package{p} }
