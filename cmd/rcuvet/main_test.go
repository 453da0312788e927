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
	"testing"

	"github.com/rcuvet/rcuvet/checklist"
	"github.com/rcuvet/rcuvet/passes"
)

// TestStandalone tests the handling of -explain and -list, without building
// the command.
func TestStandalone(t *testing.T) {
	title := func(id string) string {
		c, ok := checklist.Lookup(id)
		if !ok {
			t.Fatalf("checklist has no %s", id)
		}
		return c.Doc.Title
	}
	tests := []struct {
		args   []string
		done   bool
		code   int
		stdout string // a substring of stdout; "" means stdout must be empty
		stderr string // likewise for stderr
	}{
		{args: nil},
		{args: []string{"./..."}},
		{args: []string{"-V=full"}},
		{args: []string{"-flags"}},
		{args: []string{"-json", "-RCU1001=false", "./..."}},
		{args: []string{"/tmp/x/vet.cfg"}},
		{args: []string{"--", "-list"}},
		{args: []string{"-explain", "RCU1002"}, done: true, stdout: title("RCU1002")},
		{args: []string{"-explain=RCU1002"}, done: true, stdout: "More: https://"},
		{args: []string{"--explain", "rcu1002"}, done: true, stdout: "RCU1002: " + title("RCU1002")},
		{args: []string{"-json", "-explain", "RCU1001", "./..."}, done: true, stdout: title("RCU1001")},
		{args: []string{"-explain", "RCU9999"}, done: true, code: 2, stderr: "RCU1001, RCU1002"},
		{args: []string{"-explain"}, done: true, code: 2, stderr: "needs a check id"},
		{args: []string{"-list"}, done: true, stdout: "RCU1001\t" + title("RCU1001") + "\n"},
		{args: []string{"--list"}, done: true, stdout: "RCU1001\t"},
		{args: []string{"-list=true"}, done: true, code: 2, stderr: "takes no value"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code, done := standalone(tt.args, &stdout, &stderr)
		if done != tt.done || code != tt.code {
			t.Errorf("standalone(%q) = %d, %v; want %d, %v", tt.args, code, done, tt.code, tt.done)
		}
		for _, out := range []struct {
			name, got, want string
		}{{"stdout", stdout.String(), tt.stdout}, {"stderr", stderr.String(), tt.stderr}} {
			if out.want == "" && out.got != "" || !strings.Contains(out.got, out.want) {
				t.Errorf("standalone(%q) %s:\n%s\nwant it to contain %q", tt.args, out.name, out.got, out.want)
			}
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

// TestEndToEnd builds rcuvet and runs it, under go vet and standalone, on
// the packages of testdata/e2e copied into a module that uses the real
// rcuapi of this repository.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and runs go vet")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatal(err)
	}

	tmp := tempDir(t)
	bin := filepath.Join(tmp, "rcuvet")
	build := exec.Command(goTool, "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	mod := newModule(t, filepath.Join(tmp, "mod"), root)
	want, err := expectations(filepath.Join(mod, "bad"))
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 {
		t.Fatal("testdata/e2e/bad marks no bug")
	}

	// run runs a command in the module and returns its exit code and
	// output.
	run := func(t *testing.T, name string, args ...string) (code int, stdout, stderr string) {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = mod
		cmd.Env = append(os.Environ(),
			"GOFLAGS=-mod=mod", // no go mod tidy in the temporary module
			"GOPROXY=off",      // nothing is downloaded
			"GOWORK=off",
			"GOTOOLCHAIN=local",
		)
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

	modes := []struct {
		name     string
		cmd      string
		args     []string
		findings int // the exit code when there are findings
	}{
		{"vet", goTool, []string{"vet", "-vettool=" + bin}, 1},
		{"standalone", bin, nil, 3},
	}
	for _, m := range modes {
		t.Run(m.name+"/bad", func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := run(t, m.cmd, append(m.args, "./bad")...)
			out := stdout + stderr
			if code != m.findings {
				t.Errorf("exit code %d, want %d", code, m.findings)
			}
			checkDiagnostics(t, mod, out, want)
			if t.Failed() {
				t.Logf("output:\n%s", out)
			}
		})
		t.Run(m.name+"/good", func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := run(t, m.cmd, append(m.args, "./good")...)
			if code != 0 || stdout != "" || stderr != "" {
				t.Errorf("exit code %d, want 0, and output\n%s%s\nwant none", code, stdout, stderr)
			}
		})
		// -json reports findings on stdout and exits 0 (the x/tools drivers
		// do so, and doc.go says it).
		t.Run(m.name+"/json", func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := run(t, m.cmd, append(m.args, "-json", "./bad")...)
			if code != 0 {
				t.Errorf("exit code %d, want 0 (doc.go says -json exits 0 even with findings)\n%s", code, stderr)
			}
			var tree map[string]map[string]json.RawMessage // package -> analyzer -> diagnostics
			if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
				t.Fatalf("-json output: %v\n%s", err, stdout)
			}
			n := 0
			for _, byCheck := range tree {
				for id, raw := range byCheck {
					var diags []struct{ Posn, Message string }
					if err := json.Unmarshal(raw, &diags); err != nil {
						t.Errorf("%s: %v: %s", id, err, raw)
					}
					for _, d := range diags {
						if !strings.HasPrefix(d.Message, id+": ") {
							t.Errorf("%s: message %q does not start with the id", d.Posn, d.Message)
						}
					}
					n += len(diags)
				}
			}
			if n == 0 {
				t.Errorf("-json output has no diagnostics:\n%s", stdout)
			}
		})
	}

	t.Run("explain", func(t *testing.T) {
		t.Parallel()
		c, _ := checklist.Lookup("RCU1002")
		code, stdout, stderr := run(t, bin, "-explain", "RCU1002")
		if code != 0 || stderr != "" {
			t.Errorf("exit code %d, stderr %q; want 0 and none", code, stderr)
		}
		for _, s := range []string{"RCU1002: " + c.Doc.Title, c.URL()} {
			if !strings.Contains(stdout, s) {
				t.Errorf("-explain RCU1002 printed\n%s\nwant it to contain %q", stdout, s)
			}
		}
	})
	t.Run("explain-unknown", func(t *testing.T) {
		t.Parallel()
		code, stdout, stderr := run(t, bin, "-explain", "RCU9999")
		if code != 2 || stdout != "" || !strings.Contains(stderr, "RCU1001") {
			t.Errorf("exit code %d, stdout %q, stderr %q; want 2, none, and a list of the ids", code, stdout, stderr)
		}
	})
	t.Run("list", func(t *testing.T) {
		t.Parallel()
		code, stdout, stderr := run(t, bin, "-list")
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
	relatedRx = regexp.MustCompile(`^\S+\.go:\d+:\d+: \t`)
)

// checkDiagnostics checks rcuvet's text output: each expected id exactly
// once on its line, and nothing else.
func checkDiagnostics(t *testing.T, mod, out string, want map[line]string) {
	t.Helper()
	got := make(map[line][]string)
	for _, s := range strings.Split(strings.TrimSpace(out), "\n") {
		if s == "" || strings.HasPrefix(s, "# ") { // go vet names the package
			continue
		}
		if relatedRx.MatchString(s) { // a related position of the line before
			continue
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

// newModule creates, in dir, a module with the packages of testdata/e2e that
// uses the rcuvet module at root in place of a released version.
func newModule(t *testing.T, dir, root string) string {
	t.Helper()
	return copyModule(t, filepath.Join("testdata", "e2e"), dir, root, "example.com/e2e")
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
