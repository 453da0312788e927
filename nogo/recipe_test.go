package nogo_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rcuvet/rcuvet/internal/recipes"
	"github.com/rcuvet/rcuvet/passes"
)

// TestRecipe checks the nogo recipe of docs/ways-in.md: it names one
// package per check that rcuvet runs, each of them exists, and the example
// configuration addresses a check by its id. Bazel itself is not run;
// instead the packages the recipe lists are built into an analysis driver,
// as nogo builds its own, and run (under go vet) on a module with one bug
// per check, every one of which must be reported.
func TestRecipe(t *testing.T) {
	root, err := recipes.Root(".")
	if err != nil {
		t.Fatal(err)
	}
	recipe, err := recipes.Get(root, "nogo")
	if err != nil {
		t.Fatal(err)
	}
	const prefix = `"@com_github_rcuvet_rcuvet//nogo/" + c for c in [`
	if !strings.Contains(recipe, prefix) {
		t.Fatalf("the nogo recipe no longer builds its labels as %s; update this test:\n%s", prefix, recipe)
	}
	listed := regexp.MustCompile(`"(rcu\d{4})"`).FindAllStringSubmatch(recipe, -1)
	var pkgs, ids []string
	for _, m := range listed {
		pkgs = append(pkgs, "github.com/rcuvet/rcuvet/nogo/"+m[1])
		ids = append(ids, strings.ToUpper(m[1]))
	}
	var all []string
	for _, a := range passes.All() {
		all = append(all, a.Name)
	}
	if !slices.Equal(ids, all) {
		t.Errorf("the nogo recipe lists %v, want every check rcuvet runs, in order: %v", ids, all)
	}
	for _, p := range pkgs {
		if _, err := os.Stat(filepath.Join(root, strings.TrimPrefix(p, "github.com/rcuvet/rcuvet/"))); err != nil {
			t.Errorf("the nogo recipe names %s, which does not exist", p)
		}
	}
	cfg := regexp.MustCompile(`# e\.g\. (\{.*\})`).FindStringSubmatch(recipe)
	if cfg == nil {
		t.Fatalf("the nogo recipe has no example configuration")
	}
	var config map[string]json.RawMessage
	if err := json.Unmarshal([]byte(cfg[1]), &config); err != nil {
		t.Fatalf("the example nogo configuration is not JSON: %v", err)
	}
	for id := range config {
		if passes.ByName(id) == nil {
			t.Errorf("the example nogo configuration names %s, which is not a check", id)
		}
	}

	if testing.Short() {
		t.Skip("builds an analysis driver and runs go vet")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	tmp, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local")
	run := func(dir string, args ...string) (int, string) {
		t.Helper()
		cmd := exec.Command(goTool, args...)
		cmd.Dir = dir
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		switch {
		case errors.As(err, &exit):
			return exit.ExitCode(), string(out)
		case err != nil:
			t.Fatalf("go %s: %v", strings.Join(args, " "), err)
		}
		return 0, string(out)
	}

	// The driver: the listed packages' analyzers, run as go vet runs a vet
	// tool.
	driver := filepath.Join(tmp, "driver")
	var main bytes.Buffer
	main.WriteString("package main\n\nimport (\n\t\"golang.org/x/tools/go/analysis/unitchecker\"\n\n")
	for i, p := range pkgs {
		fmt.Fprintf(&main, "\tc%d %q\n", i, p)
	}
	main.WriteString(")\n\nfunc main() {\n\tunitchecker.Main(\n")
	for i := range pkgs {
		fmt.Fprintf(&main, "\t\tc%d.Analyzer,\n", i)
	}
	main.WriteString("\t)\n}\n")
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(driver, "main.go"), main.String())
	write(t, filepath.Join(driver, "go.sum"), string(sum))
	write(t, filepath.Join(driver, "go.mod"), fmt.Sprintf("module example.com/driver\n\ngo 1.26.0\n\nrequire github.com/rcuvet/rcuvet v0.0.0\n\nreplace (\n\tgithub.com/rcuvet/rcuvet => %s\n\tgithub.com/rcuvet/rcuvet/rcuapi => %s\n)\n",
		strconv.Quote(root), strconv.Quote(filepath.Join(root, "rcuapi"))))
	bin := filepath.Join(tmp, "nogo-driver")
	if code, out := run(driver, "build", "-o", bin, "."); code != 0 {
		t.Fatalf("building the driver: exit code %d\n%s", code, out)
	}

	// The module: the end-to-end test's packages with one bug per check.
	mod := filepath.Join(tmp, "mod")
	if err := os.CopyFS(mod, os.DirFS(filepath.Join(root, "cmd", "rcuvet", "testdata", "e2e"))); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(mod, "go.mod"), fmt.Sprintf("module example.com/e2e\n\ngo 1.26.0\n\nrequire github.com/rcuvet/rcuvet/rcuapi v0.0.0\n\nreplace github.com/rcuvet/rcuvet/rcuapi => %s\n",
		strconv.Quote(filepath.Join(root, "rcuapi"))))
	code, out := run(mod, "vet", "-vettool="+bin, "./bad")
	if code != 1 {
		t.Errorf("go vet with the nogo packages: exit code %d, want 1 (findings)\n%s", code, out)
	}
	want := make(map[string]bool)
	files, _ := filepath.Glob(filepath.Join(mod, "bad", "*.go"))
	wantRx := regexp.MustCompile(`// want (RCU\d{4})\s*$`)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for n := 1; sc.Scan(); n++ {
			if m := wantRx.FindStringSubmatch(sc.Text()); m != nil {
				want[fmt.Sprintf("bad/%s:%d: %s", filepath.Base(f), n, m[1])] = true
			}
		}
	}
	got := make(map[string]bool)
	for _, m := range regexp.MustCompile(`(?m)^(\S+\.go):(\d+):\d+: (RCU\d{4}): `).FindAllStringSubmatch(out, -1) {
		got[fmt.Sprintf("%s:%s: %s", filepath.ToSlash(m[1]), m[2], m[3])] = true
	}
	for w := range want {
		if !got[w] {
			t.Errorf("not reported: %s", w)
		}
	}
	for g := range got {
		if !want[g] {
			t.Errorf("unexpected: %s", g)
		}
	}
	if t.Failed() {
		t.Logf("output:\n%s", out)
	}
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o666); err != nil {
		t.Fatal(err)
	}
}
