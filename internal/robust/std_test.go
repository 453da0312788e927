package robust

import (
	"go/build"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/packages"
)

// stdPackages are real, large, varied code: generics, iterators, cgo-free
// low-level code, reflection, big switches and state machines.
var stdPackages = []string{
	"archive/tar", "bufio", "bytes", "compress/flate", "container/list", "context",
	"crypto/tls", "database/sql", "encoding/binary", "encoding/json", "encoding/xml",
	"fmt", "go/ast", "go/parser", "go/types", "html/template", "iter", "log/slog",
	"maps", "math/big", "net", "net/http", "net/url", "os", "os/exec", "reflect",
	"regexp", "runtime", "slices", "sort", "strconv", "strings", "sync", "text/template",
	"time", "unicode/utf8",
}

// engineOverlay is a file added to a package of the standard library so
// that the engine analyses it: a package that can see no RCU API costs the
// engine nothing, and no standard package can see rcuapi. The file declares
// an acquire and a release function and the type of their sections, which
// nothing else uses, so that the engine builds SSA for every function of
// the package and follows its pointers, and must report nothing.
func engineOverlay(pkg string) []byte {
	name := pkg[strings.LastIndex(pkg, "/")+1:]
	return []byte("package " + name + `

// rcuvetTestSection is a read-side section, for rcuvet's tests.
type rcuvetTestSection struct{ _ [0]func() }

// rcuvetTestAcquire begins a section.
//
//rcu:acquire classic
func rcuvetTestAcquire() rcuvetTestSection { return rcuvetTestSection{} }

// rcuvetTestRelease ends a section.
//
//rcu:release classic s
func rcuvetTestRelease(s rcuvetTestSection) {}
`)
}

// TestStd runs every check on a fixed list of standard library packages,
// first as they are (no package can see an RCU API: only the directive
// reader and the blocking analysis have work to do), then with a file that
// makes the engine analyse every function of each listed package. Nothing
// may be reported, no analyzer may fail, and each run must end within its
// limit.
func TestStd(t *testing.T) {
	if testing.Short() {
		t.Skip("loads and analyses part of the standard library")
	}
	if isolate(t, slow(2*time.Minute)) {
		return
	}
	dir := tempDir(t)
	for _, mode := range []string{"as-is", "engine"} {
		t.Run(mode, func(t *testing.T) {
			var overlay map[string][]byte
			if mode == "engine" {
				overlay = make(map[string][]byte)
				for _, p := range stdPackages {
					overlay[filepath.Join(build.Default.GOROOT, "src", filepath.FromSlash(p), "zz_rcuvet_test_overlay.go")] = engineOverlay(p)
				}
			}
			start := time.Now()
			pkgs, err := loadPackages(dir, overlay, stdPackages...)
			if err != nil {
				t.Fatal(err)
			}
			var errs []string
			n := 0
			packages.Visit(pkgs, nil, func(p *packages.Package) {
				n++
				for _, e := range p.Errors {
					errs = append(errs, e.Error())
				}
			})
			if len(errs) > 0 {
				t.Fatalf("loading: %s", strings.Join(errs, "\n"))
			}
			t.Logf("loaded %d packages (%d with their dependencies) in %v", len(pkgs), n, time.Since(start).Round(time.Millisecond))
			r := analyze(t, dir, pkgs, slow(time.Minute), nil)
			t.Logf("analysed in %s", r.times())
			r.noErrors(t)
			for _, d := range r.diags {
				t.Errorf("unexpected diagnostic: %s", d)
			}
			slowest(t, r)
		})
	}
}

// slowest logs the actions of the engine that took longest.
func slowest(t *testing.T, r *run) {
	type step struct {
		name string
		d    time.Duration
	}
	var steps []step
	for act := range r.graph.All() {
		steps = append(steps, step{act.String(), act.Duration})
	}
	slices.SortFunc(steps, func(a, b step) int { return int(b.d - a.d) })
	var top []string
	for _, s := range steps[:min(5, len(steps))] {
		top = append(top, s.name+" "+s.d.Round(time.Millisecond).String())
	}
	t.Logf("slowest steps: %s", strings.Join(top, ", "))
}
