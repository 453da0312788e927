package main

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
	"sync"
	"testing"

	"github.com/rcuvet/rcuvet/checklist"
	"github.com/rcuvet/rcuvet/internal/recipes"
	"github.com/rcuvet/rcuvet/passes"
)

// TestCommandLine tests the command lines that the standalone command
// answers without loading anything: help, usage errors, -explain, -list.
func TestCommandLine(t *testing.T) {
	title := func(id string) string {
		c, ok := checklist.Lookup(id)
		if !ok {
			t.Fatalf("checklist has no %s", id)
		}
		return c.Doc.Title
	}
	c1002, _ := checklist.Lookup("RCU1002")
	tests := []struct {
		args   []string
		code   int
		stdout string // a substring of stdout; "" means stdout must be empty
		stderr string // likewise for stderr
	}{
		{args: nil, code: 2, stderr: "rcuvet checks Go code that uses rcuapi"},
		{args: []string{"-h"}, stdout: "Usage:"},
		{args: []string{"--help"}, stdout: "rcuvet vet [go vet flags] [packages]"},
		{args: []string{"help"}, stdout: "-explain ID"},
		{args: []string{"help", "RCU1002"}, stdout: "RCU1002: " + title("RCU1002")},
		{args: []string{"-explain", "RCU1002"}, stdout: title("RCU1002")},
		{args: []string{"-explain=RCU1002"}, stdout: "More: " + c1002.DocRef() + "\n"},
		{args: []string{"--explain", "rcu1002"}, stdout: "RCU1002: " + title("RCU1002")},
		{args: []string{"-json", "-explain", "RCU1001", "./..."}, stdout: title("RCU1001")},
		{args: []string{"-tags", "x", "-list"}, stdout: "RCU1001\t"},
		{args: []string{"-explain", "RCU9999"}, code: 2, stderr: "RCU1001, RCU1002"},
		{args: []string{"-explain"}, code: 2, stderr: "needs a check id"},
		{args: []string{"-list"}, stdout: "RCU1001\t" + title("RCU1001") + "\n"},
		{args: []string{"--list"}, stdout: "RCU1001\t"},
		{args: []string{"-list=true"}, code: 2, stderr: "takes no value"},
		{args: []string{"-bogus", "./..."}, code: 2, stderr: "-bogus"},
		{args: []string{"-json"}, code: 2, stderr: "no packages"},
		{args: []string{"./...", "-json"}, code: 2, stderr: "put the flags first"},
		{args: []string{"-json", "-sarif", "./..."}, code: 2, stderr: "cannot be used together"},
		{args: []string{"-fix", "-json", "./..."}, code: 2, stderr: "-fix"},
		{args: []string{"-sarif", "-fix", "./..."}, code: 2, stderr: "-fix"},
		{args: []string{"-sarif=maybe", "./..."}, code: 2, stderr: "-sarif"},
		{args: []string{"-RCU1001=maybe", "./..."}, code: 2, stderr: "RCU1001"},
		{args: []string{"-c", "3", "./..."}, code: 2, stderr: "-c"},
		{args: []string{"-all", "./..."}, code: 2, stderr: "-all"},
		{args: []string{"-source", "./..."}, code: 2, stderr: "-source"},
		{args: []string{"vet", "-vettool=x", "./..."}, code: 2, stderr: "leave it out"},
		{args: []string{"vet", "-h"}, stdout: "go vet"},
	}
	var allOff []string
	for _, a := range passes.All() {
		allOff = append(allOff, "-"+a.Name+"=false")
	}
	tests = append(tests, struct {
		args           []string
		code           int
		stdout, stderr string
	}{args: append(allOff, "./..."), code: 2, stderr: "every check off"})
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(tt.args, env{}, &stdout, &stderr)
		if code != tt.code {
			t.Errorf("rcuvet %q: exit code %d, want %d", tt.args, code, tt.code)
		}
		for _, out := range []struct {
			name, got, want string
		}{{"stdout", stdout.String(), tt.stdout}, {"stderr", stderr.String(), tt.stderr}} {
			if out.want == "" && out.got != "" || !strings.Contains(out.got, out.want) {
				t.Errorf("rcuvet %q %s:\n%s\nwant it to contain %q", tt.args, out.name, out.got, out.want)
			}
			if out.got != "" && !strings.HasSuffix(out.got, "\n") {
				t.Errorf("rcuvet %q: %s does not end with a newline: %q", tt.args, out.name, out.got)
			}
		}
	}
}

// TestUsage checks that the usage text describes rcuvet, and lists exactly
// the flags the command takes: no flag it ignores, none it hides.
func TestUsage(t *testing.T) {
	if strings.Contains(usageText, "static analysis of Go programs") {
		t.Error("the usage text is a generic one")
	}
	listed := regexp.MustCompile(`(?m)^\t(-[a-z]+)`).FindAllStringSubmatch(usageText, -1)
	var flags []string
	for _, m := range listed {
		flags = append(flags, m[1])
	}
	slices.Sort(flags)
	want := []string{"-fix", "-json", "-q", "-sarif", "-tags", "-test=false"}
	for i := range want {
		want[i], _, _ = strings.Cut(want[i], "=")
	}
	for i := range flags {
		flags[i], _, _ = strings.Cut(flags[i], "=")
	}
	if !slices.Equal(flags, want) {
		t.Errorf("the usage lists the flags %v, want %v", flags, want)
	}
	// Every flag listed is taken: rcuvet -FLAG with no packages fails for
	// want of packages, not for an unknown flag.
	for _, f := range want {
		arg := f
		if f == "-tags" {
			arg = "-tags=x"
		}
		var stdout, stderr bytes.Buffer
		if code := run([]string{arg}, env{}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "no packages") {
			t.Errorf("rcuvet %s: exit code %d, stderr %q; want 2 and a complaint about packages", arg, code, &stderr)
		}
	}
}

func TestVersionAndProtocol(t *testing.T) {
	var out bytes.Buffer
	if err := printVersion(&out, []string{"-V=full"}); err != nil {
		t.Fatal(err)
	}
	// go vet keys its cache on this line: "devel" with the hash after
	// buildID=, or the whole line for a release.
	if !regexp.MustCompile(`^rcuvet version \S+ buildID=[0-9a-f]{64}\n$`).MatchString(out.String()) {
		t.Errorf("-V=full printed %q", out.String())
	}
	if strings.Contains(out.String(), "comments-go-here") {
		t.Errorf("-V=full printed a placeholder: %q", out.String())
	}
	for _, tt := range []struct {
		args         []string
		version, vet bool
	}{
		{[]string{"-V=full"}, true, false},
		{[]string{"-V"}, true, false},
		{[]string{"-flags"}, false, true},
		{[]string{"-json", "-RCU1001=false", "/tmp/x/vet.cfg"}, false, true},
		{[]string{"./..."}, false, false},
		{[]string{"./...", "-V=full"}, false, false},
		{nil, false, false},
	} {
		if got := versionQuery(tt.args); got != tt.version {
			t.Errorf("versionQuery(%q) = %v", tt.args, got)
		}
		if got := vetProtocol(tt.args); got != tt.vet {
			t.Errorf("vetProtocol(%q) = %v", tt.args, got)
		}
	}
}

// TestFixtureCoversChecks checks that testdata/e2e/bad has a bug for every
// check that rcuvet runs, and for nothing else.
func TestFixtureCoversChecks(t *testing.T) {
	want, err := expectations(filepath.Join("testdata", "e2e", "bad"))
	if err != nil {
		t.Fatal(err)
	}
	var fixture []string
	for _, id := range want {
		if !slices.Contains(fixture, id) {
			fixture = append(fixture, id)
		}
	}
	slices.Sort(fixture)
	var run, implemented []string
	for _, a := range passes.All() {
		run = append(run, a.Name)
	}
	for _, c := range checklist.Checks {
		if c.Implemented {
			implemented = append(implemented, c.ID)
		}
	}
	if !slices.Equal(fixture, run) {
		t.Errorf("testdata/e2e/bad has bugs for %v, but rcuvet runs %v: add one bug for each check, marked // want ID", fixture, run)
	}
	if !slices.Equal(run, implemented) {
		t.Errorf("rcuvet runs %v, but the checklist marks %v implemented", run, implemented)
	}
}

// TestEndToEnd runs README's recipes as written: it installs rcuvet from
// this clone, makes a module that uses this clone's rcuapi, with the
// packages of testdata/e2e and README's runtime example, and runs rcuvet
// on it standalone, under go vet (also without rcuvet on PATH, which must
// fail) and as the CI step does.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("installs the command and runs go vet")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command:", err)
	}
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh:", err)
	}
	root := repoRoot(t)
	tmp := tempDir(t)
	bin := rcuvetBinary(t)
	mod := newModule(t, filepath.Join(tmp, "mod"), root)
	example := recipe(t, root, "runtime-example")
	writeFile(t, filepath.Join(mod, "config", "config.go"), example)
	want, err := expectations(filepath.Join(mod, "bad"))
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 {
		t.Fatal("testdata/e2e/bad marks no bug")
	}

	withRcuvet := moduleEnv("PATH=" + filepath.Dir(bin) + string(os.PathListSeparator) + os.Getenv("PATH"))
	withoutRcuvet := moduleEnv("PATH=" + pathWithout(t, "rcuvet"))
	// run runs a command line with sh in the module.
	run := func(t *testing.T, env []string, line string) (code int, stdout, stderr string) {
		t.Helper()
		return runCmd(t, mod, env, sh, "-c", line)
	}

	// README's "run" and "vet" recipes, as written, on ./... (bad, good,
	// and the runtime example): every bug once, nothing else.
	for _, r := range []struct {
		recipe   string
		text     string
		findings int // the exit code with findings
	}{{"run", recipe(t, root, "run"), 3}, {"vet", recipe(t, root, "vet"), 1}} {
		for i, line := range recipes.Commands(r.text) {
			t.Run(fmt.Sprintf("%s/%d", r.recipe, i), func(t *testing.T) {
				t.Parallel()
				code, stdout, stderr := run(t, withRcuvet, line)
				out := stdout + stderr
				if code != r.findings {
					t.Errorf("%s: exit code %d, want %d", line, code, r.findings)
				}
				checkDiagnostics(t, mod, out, want)
				if r.recipe == "run" && !strings.Contains(stderr, fmt.Sprintf("rcuvet: 3 packages checked, %d findings (", len(want))) {
					t.Errorf("%s: no summary line, or a wrong one", line)
				}
				if t.Failed() {
					t.Logf("%s\noutput:\n%s", line, out)
				}
				// Without rcuvet on PATH, the same line must fail, and
				// say why.
				code, stdout, stderr = run(t, withoutRcuvet, line)
				if code == 0 || !strings.Contains(stdout+stderr, "rcuvet") {
					t.Errorf("%s without rcuvet on PATH: exit code %d, output\n%s%s\nwant a failure that names rcuvet", line, code, stdout, stderr)
				}
			})
		}
	}

	// README's CI recipe: each run: step, in order, in the module.
	t.Run("ci", func(t *testing.T) {
		t.Parallel()
		ci := recipe(t, root, "ci")
		var steps []string
		for _, l := range strings.Split(ci, "\n") {
			if _, cmd, ok := strings.Cut(l, "run: "); ok {
				steps = append(steps, cmd)
			}
		}
		if len(steps) == 0 {
			t.Fatalf("README's CI recipe runs nothing:\n%s", ci)
		}
		dir := filepath.Join(tmp, "ci")
		if err := os.CopyFS(dir, os.DirFS(mod)); err != nil {
			t.Fatal(err)
		}
		for _, step := range steps {
			code, stdout, stderr := runCmd(t, dir, withRcuvet, sh, "-c", step)
			if code != 3 {
				t.Errorf("%s: exit code %d, want 3 (findings)\n%s%s", step, code, stdout, stderr)
			}
		}
		data, err := os.ReadFile(filepath.Join(dir, "rcuvet.sarif"))
		if err != nil {
			t.Fatalf("the CI steps wrote no rcuvet.sarif: %v", err)
		}
		checkResults(t, checkSARIF(t, data, dir, true), want)
	})

	modes := []struct {
		name     string
		cmd      string
		args     []string
		findings int // the exit code with findings
	}{
		{"standalone", bin, nil, 3},
		{"vet", bin, []string{"vet"}, 1},
	}
	for _, m := range modes {
		t.Run(m.name+"/good", func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runCmd(t, mod, withRcuvet, m.cmd, append(m.args, "./good", "./config")...)
			wantErr := ""
			if m.name == "standalone" {
				wantErr = "rcuvet: 2 packages checked, no findings\n"
			}
			if code != 0 || stdout != "" || stderr != wantErr {
				t.Errorf("exit code %d, output\n%s%s\nwant 0 and %q", code, stdout, stderr, wantErr)
			}
			code, stdout, stderr = runCmd(t, mod, withRcuvet, m.cmd, append(m.args, "-q", "./good")...)
			if m.name == "standalone" && (code != 0 || stdout != "" || stderr != "") {
				t.Errorf("-q: exit code %d, output\n%s%s\nwant 0 and none", code, stdout, stderr)
			}
		})
		// -json prints the findings on stdout. go vet exits 0 even with
		// findings; standalone exits 3, as with text.
		t.Run(m.name+"/json", func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runCmd(t, mod, withRcuvet, m.cmd, append(m.args, "-json", "./bad")...)
			wantCode := 0
			if m.name == "standalone" {
				wantCode = 3
			}
			if code != wantCode {
				t.Errorf("exit code %d, want %d\n%s", code, wantCode, stderr)
			}
			var tree map[string]map[string]json.RawMessage // package -> analyzer -> diagnostics
			if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
				t.Fatalf("-json output: %v\n%s", err, stdout)
			}
			n, ranges := 0, 0
			for _, byCheck := range tree {
				for id, raw := range byCheck {
					var diags []struct{ Posn, End, Message string }
					if err := json.Unmarshal(raw, &diags); err != nil {
						t.Errorf("%s: %v: %s", id, err, raw)
					}
					for _, d := range diags {
						if !strings.HasPrefix(d.Message, id+": ") {
							t.Errorf("%s: message %q does not start with the id", d.Posn, d.Message)
						}
						file, line, col := splitPosn(t, d.Posn)
						efile, eline, ecol := splitPosn(t, d.End)
						if efile != file || eline < line || eline == line && ecol < col {
							t.Errorf("%s: end %s is before the start", d.Posn, d.End)
						}
						if d.End != d.Posn {
							ranges++
						}
					}
					n += len(diags)
				}
			}
			if n != len(want) {
				t.Errorf("-json output has %d diagnostics, want %d:\n%s", n, len(want), stdout)
			}
			if ranges < n*3/4 {
				t.Errorf("only %d of %d diagnostics have an end past their start", ranges, n)
			}
		})
	}

	// A pattern that names no package is an error, said plainly.
	t.Run("no-such-package", func(t *testing.T) {
		t.Parallel()
		code, stdout, stderr := runCmd(t, mod, withRcuvet, bin, "./nosuchdir")
		if code != 1 || stdout != "" || !strings.HasPrefix(stderr, "stat ") || !strings.Contains(stderr, "nosuchdir: directory not found\n") ||
			!strings.HasSuffix(stderr, "rcuvet: 0 packages checked, 1 package not checked (errors above), no findings\n") {
			t.Errorf("exit code %d, stdout %q, stderr %q; want 1 and the error", code, stdout, stderr)
		}
	})
	t.Run("explain", func(t *testing.T) {
		t.Parallel()
		c, _ := checklist.Lookup("RCU1002")
		code, stdout, stderr := runCmd(t, mod, withRcuvet, bin, "-explain", "RCU1002")
		if code != 0 || stderr != "" {
			t.Errorf("exit code %d, stderr %q; want 0 and none", code, stderr)
		}
		for _, s := range []string{"RCU1002: " + c.Doc.Title, "More: " + c.DocRef() + "\n"} {
			if !strings.Contains(stdout, s) {
				t.Errorf("-explain RCU1002 printed\n%s\nwant it to contain %q", stdout, s)
			}
		}
	})
	t.Run("version", func(t *testing.T) {
		t.Parallel()
		code, stdout, stderr := runCmd(t, mod, withRcuvet, bin, "-V=full")
		if code != 0 || stderr != "" || !regexp.MustCompile(`^rcuvet version \S+ buildID=[0-9a-f]{64}\n$`).MatchString(stdout) {
			t.Errorf("-V=full: exit code %d, stdout %q, stderr %q", code, stdout, stderr)
		}
	})
	t.Run("list", func(t *testing.T) {
		t.Parallel()
		code, stdout, stderr := runCmd(t, mod, withRcuvet, bin, "-list")
		var lines []string
		for _, a := range passes.All() {
			c, _ := checklist.Lookup(a.Name)
			lines = append(lines, c.ID+"\t"+c.Doc.Title+"\n")
		}
		if want := strings.Join(lines, ""); code != 0 || stdout != want || stderr != "" {
			t.Errorf("exit code %d, stdout\n%s\nstderr %q; want 0, stdout\n%s", code, stdout, stderr, want)
		}
	})
}

func TestMain(m *testing.M) {
	code := m.Run()
	if installed.dir != "" {
		os.RemoveAll(installed.dir)
	}
	os.Exit(code)
}

// installed is the rcuvet that the tests run, installed once.
var installed struct {
	once sync.Once
	dir  string
	bin  string
	err  error
}

// rcuvetBinary returns the path of rcuvet as README's install recipe
// installs it from this clone, installing it on first use.
func rcuvetBinary(t *testing.T) string {
	t.Helper()
	installed.once.Do(func() {
		installed.dir, installed.err = os.MkdirTemp("", "rcuvet-cmd-test-")
		if installed.err != nil {
			return
		}
		installed.bin, installed.err = installRcuvet(repoRoot(t), filepath.Join(installed.dir, "bin"))
	})
	if installed.err != nil {
		t.Fatal(installed.err)
	}
	return installed.bin
}

// installRcuvet runs README's install recipe in the clone at root, with
// GOBIN set to bin, and returns the path of the installed command.
func installRcuvet(root, bin string) (string, error) {
	recipe, err := recipes.Get(root, "install")
	if err != nil {
		return "", err
	}
	for _, line := range recipes.Commands(recipe) {
		cmd := exec.Command("sh", "-c", line)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOBIN="+bin, "GOWORK=off", "GOTOOLCHAIN=local")
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", fmt.Errorf("%s: %v\n%s", line, err, out)
		}
	}
	exe := filepath.Join(bin, "rcuvet")
	if _, err := os.Stat(exe); err != nil {
		return "", fmt.Errorf("README's install recipe installed no rcuvet in GOBIN: %v", err)
	}
	return exe, nil
}

// newModule creates, in dir, a module with the packages of testdata/e2e,
// made as README says: go mod init, then the recipe that uses the clone's
// rcuapi.
func newModule(t *testing.T, dir, root string) string {
	t.Helper()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "e2e"))); err != nil {
		t.Fatal(err)
	}
	lines := append([]string{"go mod init example.com/e2e"}, recipes.Commands(recipes.Fill(recipe(t, root, "use-rcuapi"), root, ""))...)
	for _, line := range lines {
		if code, stdout, stderr := runCmd(t, dir, moduleEnv(), "sh", "-c", line); code != 0 {
			t.Fatalf("%s: exit code %d\n%s%s", line, code, stdout, stderr)
		}
	}
	return dir
}

// recipe returns a recipe of README.
func recipe(t *testing.T, root, name string) string {
	t.Helper()
	r, err := recipes.Get(root, name)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// runCmd runs a command in dir with env and returns its exit code and
// output.
func runCmd(t *testing.T, dir string, env []string, name string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = env
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return code, out.String(), errOut.String()
}

// pathWithout returns $PATH without the directories that hold a command
// named name, and with the go command's directory.
func pathWithout(t *testing.T, name string) string {
	t.Helper()
	var dirs []string
	for _, d := range filepath.SplitList(os.Getenv("PATH")) {
		if _, err := os.Stat(filepath.Join(d, name)); err == nil {
			continue
		}
		dirs = append(dirs, d)
	}
	if goTool, err := exec.LookPath("go"); err == nil {
		dirs = append(dirs, filepath.Dir(goTool))
	}
	return strings.Join(dirs, string(os.PathListSeparator))
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o666); err != nil {
		t.Fatal(err)
	}
}

// splitPosn splits file:line:col.
func splitPosn(t *testing.T, posn string) (file string, line, col int) {
	t.Helper()
	i := strings.LastIndex(posn, ":")
	j := strings.LastIndex(posn[:max(i, 0)], ":")
	if i < 0 || j < 0 {
		t.Fatalf("position %q is not file:line:col", posn)
	}
	line, err1 := strconv.Atoi(posn[j+1 : i])
	col, err2 := strconv.Atoi(posn[i+1:])
	if err1 != nil || err2 != nil {
		t.Fatalf("position %q is not file:line:col", posn)
	}
	return posn[:j], line, col
}

// A line is a line of a file of the module, its path relative to the
// module's root in slash form.
type line struct {
	file string
	line int
}

func (l line) String() string { return fmt.Sprintf("%s:%d", l.file, l.line) }

var wantRx = regexp.MustCompile(`// want (RCU\d{4})\s*$`)

// expectations reads the .go files of dir, a package directory of the
// module, and returns the lines marked "// want RCUxxxx", each with its id.
func expectations(dir string) (map[line]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	want := make(map[line]string)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for n := 1; sc.Scan(); n++ {
			if m := wantRx.FindStringSubmatch(sc.Text()); m != nil {
				want[line{filepath.Base(dir) + "/" + filepath.Base(f), n}] = m[1]
			}
		}
	}
	return want, nil
}

var (
	diagRx    = regexp.MustCompile(`^(\S+\.go):(\d+):(\d+): (RCU\d{4}): `)
	relatedRx = regexp.MustCompile(`^\t\S+\.go:\d+:\d+: |^\S+\.go:\d+:\d+: \t`) // rcuvet's form, go vet's form
	summaryRx = regexp.MustCompile(`^rcuvet: \d+ packages? checked`)
)

// checkDiagnostics checks rcuvet's text output: each expected id exactly
// once on its line, and nothing else.
func checkDiagnostics(t *testing.T, mod, out string, want map[line]string) {
	t.Helper()
	got := make(map[line][]string)
	for _, s := range strings.Split(strings.TrimSpace(out), "\n") {
		if s == "" || strings.HasPrefix(s, "# ") || relatedRx.MatchString(s) || summaryRx.MatchString(s) {
			continue // go vet names the package; a related position; the summary
		}
		m := diagRx.FindStringSubmatch(s)
		if m == nil {
			t.Errorf("unexpected output line: %s", s)
			continue
		}
		file := m[1]
		if filepath.IsAbs(file) {
			if rel, err := filepath.Rel(mod, file); err == nil {
				file = rel
			}
		}
		n, _ := strconv.Atoi(m[2])
		l := line{filepath.ToSlash(filepath.Clean(file)), n}
		id := m[4]
		if want[l] != id {
			if want[l] == "" {
				t.Errorf("%s: unexpected %s: %s", l, id, s)
			} else {
				t.Errorf("%s: unexpected %s (the line wants %s): %s", l, id, want[l], s)
			}
		}
		got[l] = append(got[l], id)
	}
	for l, id := range want {
		switch n := count(got[l], id); {
		case n == 0:
			t.Errorf("%s: %s not reported", l, id)
		case n > 1:
			t.Errorf("%s: %s reported %d times, want once", l, id, n)
		}
	}
}

func count(ids []string, id string) int {
	n := 0
	for _, x := range ids {
		if x == id {
			n++
		}
	}
	return n
}

// tempDir returns t.TempDir() with symbolic links resolved, so that the
// paths rcuvet prints can be made relative to it.
func tempDir(t *testing.T) string {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return dir
}
