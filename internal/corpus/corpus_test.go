package corpus

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rcuvet/rcuvet/internal/testchild"
	"github.com/rcuvet/rcuvet/passes"
)

// A corpus is one tree of scored cases under testdata/src, with the floors
// of its overall scores, below which the test fails. The floors are a
// ratchet: raise them whenever rcuvet improves, never lower them to make a
// change pass.
type corpus struct {
	dir                     string // under testdata/src
	minPrecision, minRecall float64
}

var corpora = []corpus{
	// Written by the team alongside issue 13. When it was written rcuvet
	// scored precision 27/114 and recall 27/88 on it; after the
	// alias-precise model of issue 13, precision 85/85 and recall 85/88.
	{dir: "corpus", minPrecision: 0.98, minRecall: 0.97},
	// Written blind: its author saw neither the analyzers, their
	// fixtures nor rcuvet's output, and it is never edited to suit
	// rcuvet (testdata/src/heldout/README.md). Its first score, as
	// written: precision 60/68, recall 60/68. The team has since read
	// its misses and fixed their general causes (precision 68/68,
	// recall 68/68; 67/68 since RCU3001 stopped counting a mutex as
	// blocking, which cblock expects), so it is no longer a blind
	// measure.
	{dir: "heldout", minPrecision: 0.98, minRecall: 0.97},
	// A second blind corpus (testdata/src/heldout2/README.md), written
	// after the first was read. Its first score, as written, on main at
	// 2e6147e: precision 34/51, recall 34/45; since read and fixed:
	// precision 43/45, recall 43/45 (shardlock disagrees with issue 13).
	{dir: "heldout2", minPrecision: 0.95, minRecall: 0.95},
	// A third blind corpus (testdata/src/heldout3/README.md), 49 of its 89
	// cases native Go (RCU7xxx). Its first score, as written, on main at
	// fb5d868: precision 21/24, recall 21/34. The team has since read its
	// misses and fixed their general causes (precision 33/33, recall
	// 33/34: appendalias expects an append to a loaded slice's spare
	// capacity, under the writers' lock, to be reported, which the
	// standard library's registries do; rcuvet follows the library), so it
	// too is no longer blind.
	{dir: "heldout3", minPrecision: 0.97, minRecall: 0.97},
	// A fourth blind corpus (testdata/src/heldout4/README.md), 80 cases,
	// 35 of them native Go. Its first score, as written, on main at
	// 7aadba8: precision 41/47, recall 41/46. The team has since read its
	// misses and fixed their general causes (precision 45/46, recall
	// 45/46: cbfilesync wants RCU3001 at the blocking call inside the
	// helper, rcuvet reports it at the callback's call of the helper,
	// where the case's own fix goes), so it is no longer blind either.
	{dir: "heldout4", minPrecision: 0.97, minRecall: 0.97},
	// A fifth blind corpus (testdata/src/heldout5/README.md), 88 cases,
	// 39 of them native Go. Its first score, as written, on main at
	// 8cae253: precision 29/33, recall 29/41. The team has since read its
	// misses and fixed general causes (precision 38/40, recall 38/41: the
	// two reports it does not want are a mutex taken in a classic section,
	// which the other corpora want reported; RCU7002 through method values
	// and applied callbacks, and RCU1005 on a send inside a QSBR section,
	// came last), so it is no longer blind.
	{dir: "heldout5", minPrecision: 0.94, minRecall: 0.90},
}

// A key names one expected or reported finding: a line of a file (slash
// separated, relative to testdata/src) and a check id.
type key struct {
	file string
	line int
	id   string
}

func (k key) String() string { return fmt.Sprintf("%s:%d %s", k.file, k.line, k.id) }

// A diag is one diagnostic of the analyzers.
type diag struct {
	key
	msg string
}

var markerRE = regexp.MustCompile(`//\s*expect((?:\s+RCU\d{4})+)\s*$`)

// parseMarkers returns the markers of one file's source, in line order.
func parseMarkers(file string, src []byte) []key {
	var out []key
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for line := 1; sc.Scan(); line++ {
		m := markerRE.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		for _, id := range strings.Fields(m[1]) {
			out = append(out, key{file, line, id})
		}
	}
	return out
}

// A result is the outcome of matching diagnostics against markers.
type result struct {
	tp  []diag // diagnostics that used up a marker
	fp  []diag // diagnostics that matched no unused marker
	fn  []key  // markers no diagnostic used
	all []key  // every marker
}

// score matches diags against markers. Each marker can be used by one
// diagnostic; diagnostics are taken in file, line, id, message order so that
// the outcome does not depend on the order the analyzers reported them in.
func score(markers []key, diags []diag) result {
	left := map[key]int{}
	for _, m := range markers {
		left[m]++
	}
	diags = slices.Clone(diags)
	slices.SortFunc(diags, func(a, b diag) int {
		return cmp.Or(cmp.Compare(a.file, b.file), cmp.Compare(a.line, b.line),
			cmp.Compare(a.id, b.id), cmp.Compare(a.msg, b.msg))
	})
	r := result{all: markers}
	for _, d := range diags {
		if left[d.key] > 0 {
			left[d.key]--
			r.tp = append(r.tp, d)
		} else {
			r.fp = append(r.fp, d)
		}
	}
	for _, m := range markers {
		if left[m] > 0 {
			left[m]--
			r.fn = append(r.fn, m)
		}
	}
	return r
}

// A tally counts true positives, false positives and false negatives.
type tally struct{ tp, fp, fn int }

func ratio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

func (t tally) precision() float64 { return ratio(t.tp, t.tp+t.fp) }
func (t tally) recall() float64    { return ratio(t.tp, t.tp+t.fn) }

func (t tally) String() string {
	return fmt.Sprintf("precision %5.1f%% (%d/%d)  recall %5.1f%% (%d/%d)",
		100*t.precision(), t.tp, t.tp+t.fp, 100*t.recall(), t.tp, t.tp+t.fn)
}

// tallies splits r by the label that by gives each finding.
func (r result) tallies(by func(key) string) map[string]*tally {
	out := map[string]*tally{}
	get := func(k key) *tally {
		l := by(k)
		if out[l] == nil {
			out[l] = new(tally)
		}
		return out[l]
	}
	for _, d := range r.tp {
		get(d.key).tp++
	}
	for _, d := range r.fp {
		get(d.key).fp++
	}
	for _, k := range r.fn {
		get(k).fn++
	}
	return out
}

func (r result) total() tally { return tally{len(r.tp), len(r.fp), len(r.fn)} }

// caseDir returns the case directory of a file, corpus/<group>/<case>.
func caseDir(file string) string {
	parts := strings.SplitN(file, "/", 4)
	if len(parts) < 4 {
		return filepath.ToSlash(filepath.Dir(file))
	}
	return strings.Join(parts[:3], "/")
}

func group(k key) string {
	parts := strings.SplitN(k.file, "/", 3)
	if len(parts) < 3 {
		return "?"
	}
	return parts[1]
}

func writeTallies(b *strings.Builder, title string, m map[string]*tally) {
	fmt.Fprintf(b, "%s:\n", title)
	for _, l := range slices.Sorted(func(yield func(string) bool) {
		for l := range m {
			if !yield(l) {
				return
			}
		}
	}) {
		fmt.Fprintf(b, "  %-12s %s  fp %d fn %d\n", l, m[l], m[l].fp, m[l].fn)
	}
}

// report renders r; kinds maps case directories to their Kind header.
func report(r result, kinds map[string]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "overall: %s  (%d markers)\n", r.total(), len(r.all))
	writeTallies(&b, "per group", r.tallies(group))
	writeTallies(&b, "per kind of case", r.tallies(func(k key) string {
		if kd := kinds[caseDir(k.file)]; kd != "" {
			return kd
		}
		return "?"
	}))
	writeTallies(&b, "per check", r.tallies(func(k key) string { return k.id }))
	fmt.Fprintf(&b, "false positives (%d):\n", len(r.fp))
	for _, d := range r.fp {
		fmt.Fprintf(&b, "  FP %s:%d [%s] %s: %s\n", d.file, d.line, kinds[caseDir(d.file)], d.id, d.msg)
	}
	fmt.Fprintf(&b, "false negatives (%d):\n", len(r.fn))
	for _, k := range r.fn {
		fmt.Fprintf(&b, "  FN %s:%d %s\n", k.file, k.line, k.id)
	}
	return b.String()
}

func TestScoreSelf(t *testing.T) {
	src := []byte(`package x

func f() {
	a() // expect RCU1002
	b() // expect RCU1001 RCU1003
	c() // expected to be fine: not a marker
	d() // expect RCU2004
}
`)
	ms := parseMarkers("corpus/g/x/x.go", src)
	want := []key{
		{"corpus/g/x/x.go", 4, "RCU1002"},
		{"corpus/g/x/x.go", 5, "RCU1001"},
		{"corpus/g/x/x.go", 5, "RCU1003"},
		{"corpus/g/x/x.go", 7, "RCU2004"},
	}
	if !slices.Equal(ms, want) {
		t.Fatalf("parseMarkers = %v, want %v", ms, want)
	}
	d := func(line int, id string) diag { return diag{key{"corpus/g/x/x.go", line, id}, "m"} }
	r := score(ms, []diag{
		d(4, "RCU1002"), // true positive
		d(4, "RCU1002"), // a second report on a used marker: false positive
		d(5, "RCU1003"), // true positive
		d(6, "RCU1002"), // unmarked line: false positive
		d(7, "RCU2005"), // marked line, other id: false positive
	})
	if got := r.total(); got != (tally{tp: 2, fp: 3, fn: 2}) {
		t.Fatalf("score = %+v, want 2 tp, 3 fp, 2 fn\n%s", got, report(r, nil))
	}
	if !slices.Equal(r.fn, []key{want[1], want[3]}) {
		t.Errorf("false negatives = %v, want %v", r.fn, []key{want[1], want[3]})
	}
	if p, rc := r.total().precision(), r.total().recall(); p != 0.4 || rc != 0.5 {
		t.Errorf("precision, recall = %v, %v, want 0.4, 0.5", p, rc)
	}
	per := r.tallies(func(k key) string { return k.id })
	if got := *per["RCU1002"]; got != (tally{tp: 1, fp: 2}) {
		t.Errorf("RCU1002 tally = %+v, want 1 tp 2 fp", got)
	}
	if got := *per["RCU1001"]; got != (tally{fn: 1}) {
		t.Errorf("RCU1001 tally = %+v, want 1 fn", got)
	}
}

var headerRE = regexp.MustCompile(`(?m)^// Kind: (\w+)`)

// readCorpus returns the markers of every Go file under dir/tree and the
// Kind of every case, files named relative to dir.
func readCorpus(t *testing.T, dir, tree string) ([]key, map[string]string) {
	t.Helper()
	var markers []key
	kinds := map[string]string{}
	err := filepath.WalkDir(filepath.Join(dir, tree), func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		markers = append(markers, parseMarkers(rel, src)...)
		if m := headerRE.FindSubmatch(src); m != nil && filepath.ToSlash(filepath.Dir(rel)) == caseDir(rel) {
			kinds[caseDir(rel)] = string(m[1])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return markers, kinds
}

// TestCorpus scores rcuvet on each corpus and prints precision and recall
// overall, per group, per kind of case and per check:
//
//	go test -run TestCorpus -v ./internal/corpus/
func TestCorpus(t *testing.T) {
	// The corpora test what the analyzers find, not their
	// synchronisation (the analyzers' own tests run under the race
	// detector): under it they took several times the time and about
	// 6 GB. Run them in this package's binary built without.
	if testchild.RaceEnabled && testchild.Run(t, testchild.Options{Limit: 5 * time.Minute}) {
		return
	}
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "src"))
	if err != nil {
		t.Fatal(err)
	}
	// Every corpus in one load and one analysis: their packages share the
	// standard library, which is loaded and analysed once.
	var patterns []string
	for _, c := range corpora {
		patterns = append(patterns, "./"+c.dir+"/...")
	}
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax | packages.NeedModule,
		Dir:  dir,
		Env:  append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local"),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	var loadErrs []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			loadErrs = append(loadErrs, e.Error())
		}
	})
	if len(loadErrs) > 0 {
		t.Fatalf("loading the corpora: %d errors:\n%s", len(loadErrs), strings.Join(loadErrs, "\n"))
	}
	g, err := checker.Analyze(passes.All(), pkgs, nil)
	if err != nil {
		t.Fatalf("checker.Analyze: %v", err)
	}
	for _, c := range corpora {
		t.Run(c.dir, func(t *testing.T) { c.score(t, dir, g) })
	}
}

func (c corpus) score(t *testing.T, dir string, g *checker.Graph) {
	markers, kinds := readCorpus(t, dir, c.dir)
	if len(markers) == 0 {
		t.Fatalf("no markers found in %s", c.dir)
	}
	prefix := filepath.Join(dir, c.dir) + string(filepath.Separator)
	var diags []diag
	npkgs := 0
	first := passes.All()[0] // one action per package has it
	for _, act := range g.Roots {
		if !strings.HasPrefix(act.Package.Dir+string(filepath.Separator), prefix) {
			continue
		}
		if act.Analyzer == first {
			npkgs++
		}
		if act.Err != nil {
			t.Errorf("%s: %v", act, act.Err)
		}
		for _, d := range act.Diagnostics {
			pos := act.Package.Fset.Position(d.Pos)
			if !strings.HasPrefix(pos.Filename, prefix) {
				continue
			}
			rel, err := filepath.Rel(dir, pos.Filename)
			if err != nil {
				t.Fatal(err)
			}
			diags = append(diags, diag{key{filepath.ToSlash(rel), pos.Line, act.Analyzer.Name}, d.Message})
		}
	}

	// Markers of checks rcuvet does not run yet are left out of the
	// scores, and counted.
	built := map[string]bool{}
	for _, a := range passes.All() {
		built[a.Name] = true
	}
	var scored []key
	notBuilt := map[string]int{}
	for _, m := range markers {
		if built[m.id] {
			scored = append(scored, m)
		} else {
			notBuilt[m.id]++
		}
	}
	r := score(scored, diags)
	t.Logf("rcuvet on %d packages of testdata/src/%s\n%s", npkgs, c.dir, report(r, kinds))
	if len(notBuilt) > 0 {
		t.Logf("markers of checks not built yet, left out of the scores: %v", notBuilt)
	}
	tot := r.total()
	if p := tot.precision(); p < c.minPrecision {
		t.Errorf("precision %.3f is below the floor %.2f", p, c.minPrecision)
	}
	if rc := tot.recall(); rc < c.minRecall {
		t.Errorf("recall %.3f is below the floor %.2f", rc, c.minRecall)
	}
}

func TestMain(m *testing.M) { os.Exit(testchild.Main(m)) }
