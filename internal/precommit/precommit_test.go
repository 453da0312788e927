package precommit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rcuvet/rcuvet/internal/recipes"
)

// The module that the hooks check: one RCU1001 bug, and its fix.
const (
	bad = `package user

import "github.com/rcuvet/rcuvet/rcuapi"

type config struct{ port int }

var current rcuapi.Pointer[config]

// Port dereferences under a section that has already ended.
func Port() int {
	s := rcuapi.ReadLock()
	rcuapi.ReadUnlock(s)
	return current.Dereference(s).port
}
`
	bugLine  = "\treturn current.Dereference(s).port\n"
	badUnl   = "\trcuapi.ReadUnlock(s)\n"
	fixedUnl = "\tdefer rcuapi.ReadUnlock(s)\n"
)

// TestHooks runs the hooks of .pre-commit-hooks.yaml with pre-commit, as a
// user's repository would: on a module with an RCU bug each hook must fail
// and name the bug; on the fixed module each must pass.
//
// pre-commit installs a hook repository by cloning it at a commit, so the
// test commits a snapshot of this repository's working tree (tracked and
// untracked files, without ignored ones) to a temporary git repository and
// points the configuration at that: it tests the same code as the rest of
// go test, uncommitted changes included. (pre-commit try-repo would take
// only tracked files, and installs into a throwaway store on every run.)
//
// It runs offline: pre-commit builds the hooks with the go on PATH, with a
// GOPATH of its own, so GOMODCACHE points go at the module cache that go
// test already filled, and GOPROXY=off.
func TestHooks(t *testing.T) {
	if testing.Short() {
		t.Skip("installs the hooks with pre-commit")
	}
	for _, tool := range []string{"pre-commit", "git", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			msg := fmt.Sprintf("install %s (Debian: apt-get install %s)", tool, tool)
			if os.Getenv("CI") != "" {
				t.Fatalf("CI is set, and the hooks cannot be tested: %s", msg)
			}
			t.Skip("skipped: " + msg)
		}
	}
	root, err := recipes.Root(".")
	if err != nil {
		t.Fatal(err)
	}
	if gomod, err := os.ReadFile(filepath.Join(root, "go.mod")); err != nil || !bytes.HasPrefix(gomod, []byte("module github.com/rcuvet/rcuvet\n")) {
		t.Fatalf("%s is not the root of github.com/rcuvet/rcuvet: %v", root, err)
	}

	timeout := 10 * time.Minute
	if d, ok := t.Deadline(); ok {
		timeout = min(timeout, time.Until(d)-30*time.Second)
	}
	ctx, cancel := context.WithTimeout(t.Context(), timeout)
	defer cancel()
	start := time.Now()

	tmp, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	modcache, err := exec.CommandContext(ctx, "go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatalf("go env GOMODCACHE: %v", err)
	}
	env := testEnv(tmp, strings.TrimSpace(string(modcache)))
	run := func(t *testing.T, dir string, name string, args ...string) (code int, out string) {
		t.Helper()
		cmd := exec.CommandContext(ctx, name, args...)
		cmd.Dir = dir
		cmd.Env = env
		cmd.WaitDelay = 5 * time.Second
		b, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		switch {
		case ctx.Err() != nil:
			t.Fatalf("%s %s: timed out after %v (%v)\n%s", name, strings.Join(args, " "), timeout, err, b)
		case errors.As(err, &exit):
			code = exit.ExitCode()
		case err != nil:
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, b)
		}
		return code, string(b)
	}
	git := func(t *testing.T, dir string, args ...string) {
		t.Helper()
		if code, out := run(t, dir, "git", args...); code != 0 {
			t.Fatalf("git %s: exit code %d\n%s", strings.Join(args, " "), code, out)
		}
	}

	// The hook repository: a snapshot of the working tree, committed.
	hooks := filepath.Join(tmp, "rcuvet")
	if err := snapshot(ctx, root, hooks); err != nil {
		t.Fatal(err)
	}
	git(t, hooks, "init", "-q")
	git(t, hooks, "add", "-A")
	git(t, hooks, "commit", "-q", "-m", "snapshot of the working tree")
	rev, err := exec.CommandContext(ctx, "git", "-C", hooks, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Fatalf("git rev-parse HEAD: %v", err)
	}

	// The user's repository: a module that uses rcuapi, with one bug, and
	// README's pre-commit configuration, as written, with the clone and its
	// commit in place of the placeholders.
	readme, err := recipes.Get(root, "pre-commit")
	if err != nil {
		t.Fatal(err)
	}
	config := recipes.Fill(readme, hooks, strings.TrimSpace(string(rev)))
	// The same with the standalone hook, which README leaves commented
	// out, enabled too.
	const standalone = "# - id: rcuvet "
	if !strings.Contains(config, standalone) || !strings.Contains(config, "- id: rcuvet-vet") {
		t.Fatalf("README's pre-commit recipe no longer has the rcuvet-vet hook and the standalone one commented out; update this test:\n%s", readme)
	}
	bothHooks := strings.Replace(config, standalone, "- id: rcuvet ", 1)
	user := filepath.Join(tmp, "user")
	files := map[string]string{
		"go.mod": fmt.Sprintf("module example.com/user\n\ngo 1.26.0\n\nrequire github.com/rcuvet/rcuvet/rcuapi v0.0.0\n\nreplace github.com/rcuvet/rcuvet/rcuapi => %s\n",
			strconv.Quote(filepath.Join(hooks, "rcuapi"))),
		"port.go":                 bad,
		".pre-commit-config.yaml": config,
	}
	if err := os.Mkdir(user, 0o777); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(user, name), []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	git(t, user, "init", "-q")
	git(t, user, "add", "-A") // pre-commit run --all-files sees the files git knows
	line := 1 + strings.Count(bad[:strings.Index(bad, bugLine)], "\n")
	diagnostic := regexp.MustCompile(`(?m)^(\S*/)?port\.go:` + strconv.Itoa(line) + `:\d+: RCU1001: `)

	// README's configuration and command, as written: the go vet hook
	// fails on the bug.
	t.Run("readme", func(t *testing.T) {
		began := time.Now()
		code, out := run(t, user, "pre-commit", "run", "--all-files", "--color=never")
		t.Logf("pre-commit run --all-files: exit code %d in %v (installs the hooks)", code, time.Since(began).Round(time.Millisecond))
		if code != 1 || !diagnostic.MatchString(out) || !strings.Contains(out, "rcuvet (go vet)") {
			t.Errorf("exit code %d, want 1, the go vet hook and the finding; output:\n%s", code, out)
		}
	})
	if err := os.WriteFile(filepath.Join(user, ".pre-commit-config.yaml"), []byte(bothHooks), 0o666); err != nil {
		t.Fatal(err)
	}
	git(t, user, "add", "-A")

	ids := []struct {
		id       string
		findings int // the hook's exit code with findings
	}{
		{"rcuvet", 3},
		{"rcuvet-vet", 1},
	}
	for _, fixed := range []bool{false, true} {
		state := "bad"
		if fixed {
			state = "fixed"
			if err := os.WriteFile(filepath.Join(user, "port.go"), []byte(strings.Replace(bad, badUnl, fixedUnl, 1)), 0o666); err != nil {
				t.Fatal(err)
			}
			git(t, user, "add", "-A")
		}
		for _, h := range ids {
			t.Run(state+"/"+h.id, func(t *testing.T) {
				began := time.Now()
				code, out := run(t, user, "pre-commit", "run", h.id, "--all-files", "--color=never", "--verbose")
				t.Logf("pre-commit run %s --all-files: exit code %d in %v", h.id, code, time.Since(began).Round(time.Millisecond))
				if !fixed {
					if code != 1 {
						t.Errorf("exit code %d, want 1: the hook must fail", code)
					}
					if want := fmt.Sprintf("- exit code: %d\n", h.findings); !strings.Contains(out, want) {
						t.Errorf("pre-commit does not report %q", want)
					}
					if !diagnostic.MatchString(out) {
						t.Errorf("no diagnostic matching %q", diagnostic)
					}
				} else {
					if code != 0 {
						t.Errorf("exit code %d, want 0: the hook must pass", code)
					}
					if !strings.Contains(out, "Passed") || strings.Contains(out, "RCU1") {
						t.Errorf("want the hook to pass with no finding")
					}
				}
				if t.Failed() {
					t.Logf("output:\n%s", out)
					if log, err := os.ReadFile(filepath.Join(tmp, "pre-commit-home", "pre-commit.log")); err == nil {
						t.Logf("pre-commit.log:\n%s", log)
					}
				}
			})
		}
	}
	// Warm: the hooks installed, go vet's cache filled, and a commit that
	// changes one file, as most commits do. The times are logged (go test
	// -v), for README's comparison of the two hooks.
	for i := range 3 {
		src := strings.Replace(bad, badUnl, fixedUnl, 1) + fmt.Sprintf("\n// edit %d\n", i)
		if err := os.WriteFile(filepath.Join(user, "port.go"), []byte(src), 0o666); err != nil {
			t.Fatal(err)
		}
		git(t, user, "add", "-A")
		for _, h := range ids {
			began := time.Now()
			code, out := run(t, user, "pre-commit", "run", h.id, "--all-files", "--color=never")
			t.Logf("warm run %d: pre-commit run %s --all-files: exit code %d in %v", i+1, h.id, code, time.Since(began).Round(time.Millisecond))
			if code != 0 {
				t.Errorf("warm run %d of %s: exit code %d, want 0\n%s", i+1, h.id, code, out)
			}
		}
	}
	t.Logf("%v in all, including the installation of the hooks", time.Since(start).Round(time.Millisecond))
}

// testEnv returns the environment for git and pre-commit: the test's own,
// without what would make git or pre-commit act on another repository or
// skip hooks, with a private pre-commit store and git configuration, and
// with go offline.
func testEnv(tmp, modcache string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GIT_") || strings.HasPrefix(k, "PRE_COMMIT") || k == "SKIP" {
			continue // e.g. GIT_DIR and GIT_INDEX_FILE when go test runs in a git hook
		}
		env = append(env, kv)
	}
	gitconfig := filepath.Join(tmp, "gitconfig")
	if err := os.WriteFile(gitconfig, []byte("[user]\n\tname = rcuvet test\n\temail = test@example.com\n[commit]\n\tgpgsign = false\n[init]\n\tdefaultBranch = main\n"), 0o666); err != nil {
		panic(err)
	}
	return append(env,
		"PRE_COMMIT_HOME="+filepath.Join(tmp, "pre-commit-home"),
		"GIT_CONFIG_GLOBAL="+gitconfig,
		"GIT_CONFIG_NOSYSTEM=1",
		// pre-commit sets GOPATH to the hook's environment, which would give
		// go an empty module cache of its own; use the one we have.
		"GOMODCACHE="+modcache,
		"GOPROXY=off",
		"GOFLAGS=-mod=mod",
		"GOWORK=off",
		"GOTOOLCHAIN=local",
	)
}

// snapshot copies the files of the working tree of root that git does not
// ignore (all files, if root is not in a git work tree) to dst.
func snapshot(ctx context.Context, root, dst string) error {
	var paths []string
	cmd := exec.CommandContext(ctx, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	cmd.Dir = root
	if out, err := cmd.Output(); err == nil {
		paths = strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	} else {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				if d != nil && d.IsDir() && d.Name() == ".git" {
					return filepath.SkipDir
				}
				return err
			}
			rel, err := filepath.Rel(root, path)
			paths = append(paths, rel)
			return err
		})
		if err != nil {
			return err
		}
	}
	for _, p := range paths {
		src, to := filepath.Join(root, p), filepath.Join(dst, p)
		fi, err := os.Lstat(src)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue // deleted, not yet committed
		case err != nil:
			return err
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o777); err != nil {
			return err
		}
		switch {
		case fi.Mode().IsRegular():
			b, err := os.ReadFile(src)
			if err != nil {
				return err
			}
			err = os.WriteFile(to, b, fi.Mode().Perm()|0o200)
			if err != nil {
				return err
			}
		case fi.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(src)
			if err != nil {
				return err
			}
			if err := os.Symlink(target, to); err != nil {
				return err
			}
		}
	}
	return nil
}
