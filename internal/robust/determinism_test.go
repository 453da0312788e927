package robust

import (
	"bytes"
	"cmp"
	"encoding/gob"
	"fmt"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// TestDeterminism runs the analyzers three times, one action at a time and
// then twice in parallel, on the analyzer fixtures (the packages of the
// fixtures module full of bugs and of helpers that export facts, without
// the scored corpora, which internal/corpus analyses) and on a generated
// package, and requires the same diagnostics, in the same order, and the
// same facts, byte for byte, both in the checker's fact log and gob-encoded
// (the encoding go vet writes to its fact files).
func TestDeterminism(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses the fixtures four times")
	}
	if isolate(t, slow(2*time.Minute)) {
		return
	}
	fixtures := filepath.Join(repoRoot(t), "testdata", "src")
	gen := tempDir(t)
	big, _ := bigFunc(1500, 100)
	chain := callChains(50)
	writeModule(t, gen, "example.com/gen", map[string]string{big.file: big.String(), chain.file: chain.String()})
	for _, m := range []struct {
		name, dir string
		patterns  []string
	}{{"fixtures", fixtures, analyzerFixtures(t, fixtures)}, {"generated", gen, []string{"./..."}}} {
		t.Run(m.name, func(t *testing.T) {
			pkgs := load(t, m.dir, m.patterns...)
			var outs [3]string
			for i, sequential := range []bool{true, false, false} {
				var factLog lockedBuffer // the checker writes to it from every action at once
				// The sanity check (every fact gob-encoded and decoded as
				// it passes to each dependent action) is the same on every
				// run: once is enough, and it was most of each run's time.
				r := analyze(t, m.dir, pkgs, slow(30*time.Second), &checker.Options{Sequential: sequential, SanityCheck: i == 0, FactLog: &factLog})
				r.noErrors(t)
				t.Logf("run %d (sequential %v): %d diagnostics in %s", i+1, sequential, len(r.diags), r.times())
				if len(r.diags) == 0 && m.name == "fixtures" {
					t.Errorf("no diagnostics on the fixtures")
				}
				if factLog.Len() == 0 {
					t.Errorf("no facts logged")
				}
				log := strings.Split(factLog.String(), "\n")
				slices.Sort(log) // actions log in the order they run
				outs[i] = strings.Join(r.diags, "\n") + "\n--- facts logged:\n" + strings.Join(log, "\n") + "\n--- facts encoded:\n" + encodedFacts(t, r.graph)
			}
			for run := 1; run < len(outs); run++ {
				if outs[0] == outs[run] {
					continue
				}
				a, b := strings.Split(outs[0], "\n"), strings.Split(outs[run], "\n")
				for i := 0; i < len(a) || i < len(b); i++ {
					var la, lb string
					if i < len(a) {
						la = a[i]
					}
					if i < len(b) {
						lb = b[i]
					}
					if la != lb {
						t.Errorf("runs 1 and %d differ first at line %d:\n   run 1: %s\n   run %d: %s", run+1, i+1, la, run+1, lb)
						break
					}
				}
			}
		})
	}
}

// lockedBuffer is a bytes.Buffer that many goroutines may write to.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) Len() int       { return b.buf.Len() }
func (b *lockedBuffer) String() string { return b.buf.String() }

// encodedFacts returns every fact every action of g holds, one line each:
// the analyzer, the package, the object and the fact gob-encoded in hex.
func encodedFacts(t *testing.T, g *checker.Graph) string {
	var lines []string
	for act := range g.All() {
		for _, f := range act.AllObjectFacts() {
			var buf bytes.Buffer
			if err := gob.NewEncoder(&buf).Encode(f.Fact); err != nil {
				t.Fatalf("%s: encoding %T: %v", act, f.Fact, err)
			}
			lines = append(lines, fmt.Sprintf("%s %s %s %T %x", act.Analyzer.Name, act.Package.PkgPath, objectKey(act.Package, f.Object), f.Fact, buf.Bytes()))
		}
		for _, f := range act.AllPackageFacts() {
			var buf bytes.Buffer
			if err := gob.NewEncoder(&buf).Encode(f.Fact); err != nil {
				t.Fatalf("%s: encoding %T: %v", act, f.Fact, err)
			}
			lines = append(lines, fmt.Sprintf("%s %s package %s %T %x", act.Analyzer.Name, act.Package.PkgPath, f.Package.Path(), f.Fact, buf.Bytes()))
		}
	}
	slices.SortFunc(lines, cmp.Compare)
	return strings.Join(lines, "\n")
}

func objectKey(pkg *packages.Package, obj types.Object) string {
	return fmt.Sprintf("%s@%s", types.ObjectString(obj, nil), pkg.Fset.Position(obj.Pos()))
}

// analyzerFixtures returns the patterns of the analyzer fixtures under dir:
// every directory but the scored corpora (corpus, heldout, heldout2, ...).
func analyzerFixtures(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && e.Name() != "corpus" && !strings.HasPrefix(e.Name(), "heldout") {
			out = append(out, "./"+e.Name()+"/...")
		}
	}
	return out
}
