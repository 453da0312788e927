package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestFixAndSARIFCommand builds rcuvet and runs it standalone on a copy of
// testdata/fix/mod, a module with a section that is never ended: the text
// output and -sarif report it (exit code 3), -fix inserts the deferred
// ReadUnlock that RCU1003 suggests, and then rcuvet finds nothing, in text
// or SARIF (exit code 0).
func TestFixAndSARIFCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and runs the go command")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command:", err)
	}
	tmp := tempDir(t)
	bin := rcuvetBinary(t)
	t.Run("remaining", func(t *testing.T) { testFixRemaining(t, bin, tmp) })
	mod := copyModule(t, filepath.Join("testdata", "fix", "mod"), filepath.Join(tmp, "mod"), repoRoot(t), "example.com/fix")
	file := filepath.Join(mod, "leak", "leak.go")
	golden, err := os.ReadFile(filepath.Join("testdata", "fix", "leak.go.golden"))
	if err != nil {
		t.Fatal(err)
	}

	run := func(args ...string) (code int, stdout, stderr string) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = mod
		cmd.Env = moduleEnv()
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		var exit *exec.ExitError
		switch {
		case errors.As(err, &exit):
			code = exit.ExitCode()
		case err != nil:
			t.Fatalf("rcuvet %s: %v", strings.Join(args, " "), err)
		}
		return code, out.String(), errOut.String()
	}

	// Before the fix: one finding, in text and in SARIF, with the fix.
	code, stdout, stderr := run("./...")
	if code != 3 || !strings.Contains(stderr, "leak.go:13:2: RCU1003: ") {
		t.Fatalf("rcuvet ./...: exit code %d, output\n%s%s\nwant 3 and an RCU1003 finding at leak.go:13:2", code, stdout, stderr)
	}
	code, stdout, stderr = run("-sarif", "./...")
	if code != 3 || stderr != "rcuvet: 1 package checked, 1 finding (1 with a suggested fix: rcuvet -fix applies it)\n" {
		t.Errorf("rcuvet -sarif ./...: exit code %d, stderr %q; want 3 and the summary", code, stderr)
	}
	log := checkSARIF(t, []byte(stdout), mod, true)
	checkResults(t, log, map[line]string{{"leak/leak.go", 13}: "RCU1003"})
	if rs := log.Runs[0].Results; len(rs) == 1 {
		fixes := rs[0].Fixes
		if len(fixes) != 1 || len(fixes[0].ArtifactChanges) != 1 ||
			fixes[0].ArtifactChanges[0].ArtifactLocation.URI != "leak/leak.go" ||
			len(fixes[0].ArtifactChanges[0].Replacements) != 1 ||
			!strings.Contains(fixes[0].ArtifactChanges[0].Replacements[0].InsertedContent.Text, "defer rcuapi.ReadUnlock(s)") {
			t.Errorf("the SARIF result's fixes are %+v; want one that inserts defer rcuapi.ReadUnlock(s) in leak/leak.go", fixes)
		}
	}

	// The fix: nothing remains.
	code, stdout, stderr = run("-fix", "./...")
	if want := "rcuvet: 1 package checked, 1 finding fixed in 1 file, no findings remain\n"; code != 0 || stdout != "" || stderr != want {
		t.Errorf("rcuvet -fix ./...: exit code %d, output\n%s%s\nwant 0 and %q", code, stdout, stderr, want)
	}
	fixed, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(fixed, []byte("\ts := rcuapi.ReadLock()\n\tdefer rcuapi.ReadUnlock(s)\n")) {
		t.Errorf("after -fix, leak.go has no defer rcuapi.ReadUnlock(s) right after the ReadLock:\n%s", fixed)
	}
	if !bytes.Equal(fixed, golden) {
		t.Errorf("after -fix, leak.go is\n%s\nwant (testdata/fix/leak.go.golden)\n%s", fixed, golden)
	}

	// After the fix: clean.
	if code, stdout, stderr := run("-q", "./..."); code != 0 || stdout != "" || stderr != "" {
		t.Errorf("second rcuvet ./...: exit code %d, output\n%s%s\nwant 0 and none", code, stdout, stderr)
	}
	code, stdout, stderr = run("-q", "-sarif", "./...")
	if code != 0 || stderr != "" {
		t.Errorf("second rcuvet -sarif ./...: exit code %d, stderr %q; want 0 and none", code, stderr)
	}
	checkResults(t, checkSARIF(t, []byte(stdout), mod, true), nil)
}

// copyModule creates, in dir, module name with the contents of the
// directory src, using the rcuapi of the clone at root in place of a
// released version, as README tells users of a clone to do. rcuapi's module
// has no dependencies, so no go.sum is needed.
func copyModule(t *testing.T, src, dir, root, name string) string {
	t.Helper()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	gomod := fmt.Sprintf(`module %s

go 1.26.0

require github.com/rcuvet/rcuvet/rcuapi v0.0.0

replace github.com/rcuvet/rcuvet/rcuapi => %s
`, name, strconv.Quote(filepath.Join(root, "rcuapi")))
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o666); err != nil {
		t.Fatal(err)
	}
	return dir
}

// testFixRemaining runs -fix on the module of testdata/e2e, where a few of
// the bugs have a suggested fix and most have none: -fix applies those, and
// then prints the findings that remain and exits 3.
func testFixRemaining(t *testing.T, bin, tmp string) {
	mod := copyModule(t, filepath.Join("testdata", "e2e"), filepath.Join(tmp, "e2e"), repoRoot(t), "example.com/e2e")
	want, err := expectations(filepath.Join(mod, "bad"))
	if err != nil {
		t.Fatal(err)
	}
	runIn := func(args ...string) (int, string, string) {
		return runCmd(t, mod, moduleEnv(), bin, args...)
	}
	code, stdout, _ := runIn("-json", "./bad")
	if code != 3 {
		t.Fatalf("rcuvet -json ./bad: exit code %d, want 3", code)
	}
	var tree map[string]map[string][]struct {
		Posn           string
		SuggestedFixes []json.RawMessage `json:"suggested_fixes"`
	}
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
		t.Fatal(err)
	}
	fixable := make(map[line]string)
	for _, byCheck := range tree {
		for id, diags := range byCheck {
			for _, d := range diags {
				if len(d.SuggestedFixes) > 0 {
					file, n, _ := splitPosn(t, d.Posn)
					rel, _ := filepath.Rel(mod, file)
					fixable[line{filepath.ToSlash(rel), n}] = id
				}
			}
		}
	}
	if len(fixable) == 0 || len(fixable) == len(want) {
		t.Fatalf("testdata/e2e/bad has %d fixable findings out of %d; this test needs some of each", len(fixable), len(want))
	}

	code, stdout, stderr := runIn("-fix", "./bad")
	remain := make(map[line]string)
	for l, id := range want {
		if fixable[l] != id {
			remain[l] = id
		}
	}
	if code != 3 || stdout != "" {
		t.Errorf("rcuvet -fix ./bad: exit code %d, stdout %q; want 3 (findings remain) and none", code, stdout)
	}
	checkDiagnostics(t, mod, stderr, remain)
	summary := fmt.Sprintf("rcuvet: 1 package checked, %d findings fixed in ", len(fixable))
	if !strings.Contains(stderr, summary) || !strings.Contains(stderr, fmt.Sprintf(", %d findings remain (above)\n", len(remain))) {
		t.Errorf("rcuvet -fix ./bad: the summary does not say %d fixed and %d remaining:\n%s", len(fixable), len(remain), stderr)
	}
	// The fixed package still compiles and is gofmt'ed, and rcuvet now
	// finds exactly what remained (line numbers may have moved: compare
	// the checks only).
	if code, stdout, stderr := runCmd(t, mod, moduleEnv(), "go", "build", "./bad"); code != 0 {
		t.Errorf("go build ./bad after -fix: exit code %d\n%s%s", code, stdout, stderr)
	}
	if code, stdout, _ := runCmd(t, mod, moduleEnv(), "gofmt", "-l", "bad"); code != 0 || stdout != "" {
		t.Errorf("gofmt -l bad after -fix: %s", stdout)
	}
	code, _, stderr = runIn("./bad")
	if code != 3 || !strings.Contains(stderr, fmt.Sprintf(", %d findings (", len(remain))) && !strings.Contains(stderr, fmt.Sprintf(", %d findings\n", len(remain))) {
		t.Errorf("rcuvet ./bad after -fix: exit code %d, want 3 and %d findings:\n%s", code, len(remain), stderr)
	}
}
