package golangci

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rcuvet/rcuvet/internal/recipes"
)

// golangciLintVersion is the golangci-lint the test builds with the plugin.
const golangciLintVersion = "v2.15.0"

// failureExit is golangci-lint's exit code when it stops on an error
// (exitcodes.Failure), e.g. a plugin whose settings are wrong.
const failureExit = 3

// TestGolangciLint builds a golangci-lint binary with the plugin as
// docs/ways-in.md says (its commands as written, with this clone's path, and
// its main.go), and runs it on the module of testdata/fixture, which uses
// the real rcuapi of this repository: with the .golangci.yml of the recipe,
// and with variants of the settings.
//
// The build needs golangci-lint and its dependencies: from the module
// cache, or from the module proxy the first time (they stay in the cache).
// When they cannot be downloaded the test is skipped, except under CI
// (CI set), where it fails.
func TestGolangciLint(t *testing.T) {
	if testing.Short() {
		t.Skip("builds golangci-lint")
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
	unavailable := func(format string, args ...any) {
		t.Helper()
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set, and golangci-lint cannot be downloaded: "+format, args...)
		}
		t.Skipf("skipped: golangci-lint cannot be downloaded (the module proxy is needed once): "+format, args...)
	}
	if out, err := exec.Command(goTool, "env", "GOPROXY").Output(); err != nil {
		t.Fatalf("go env GOPROXY: %v", err)
	} else if proxy := strings.TrimSpace(string(out)); proxy == "off" {
		unavailable("GOPROXY=off")
	}

	tmp := tempDir(t)
	env := goEnv(os.Environ(),
		"GOFLAGS=-mod=mod", // the temporary modules' go.sum are written as needed
		"GOWORK=off",
		"GOTOOLCHAIN=local",
	)

	// Build golangci-lint with the plugin, as the recipe says.
	build := recipes.Fill(recipe(t, root, "golangci-build"), root, "")
	if !strings.Contains(build, "github.com/golangci/golangci-lint/v2@"+golangciLintVersion+"\n") {
		t.Fatalf("the golangci-build recipe does not build golangci-lint %s:\n%s", golangciLintVersion, build)
	}
	before, after, ok := strings.Cut(build, "# save main.go (below) here\n")
	if !ok {
		t.Fatalf("the golangci-build recipe has no line that says where main.go goes:\n%s", build)
	}
	sh := func(dir, script string) (string, time.Duration, error) {
		cmd := exec.Command("sh", "-e", "-x", "-c", script)
		cmd.Dir = dir
		cmd.Env = env
		start := time.Now()
		out, err := cmd.CombinedOutput()
		return string(out), time.Since(start), err
	}
	if out, _, err := sh(tmp, before); err != nil {
		t.Fatalf("%s: %v\n%s", before, err, out)
	}
	gcl := filepath.Join(tmp, "golangci-lint-rcuvet")
	writeFile(t, filepath.Join(gcl, "main.go"), recipe(t, root, "golangci-main"))
	// go get and go mod tidy download what the build needs (nothing when it
	// is all in the module cache); a failure that comes from the network
	// means that the proxy cannot be reached.
	out, took, err := sh(gcl, after)
	if err != nil {
		if isNetworkError(out) {
			unavailable("%v\n%s", err, out)
		}
		t.Fatalf("%s: %v\n%s", after, err, out)
	}
	t.Logf("the build took %s", took.Round(time.Millisecond))
	bin := filepath.Join(gcl, "golangci-lint")

	// The fixture, once as it is and once with its suppression directives
	// turned into plain comments.
	fixture := newFixture(t, filepath.Join(tmp, "fixture"), root, false)
	stripped := newFixture(t, filepath.Join(tmp, "stripped"), root, true)
	want, silenced := expectations(t, filepath.Join(fixture, "bad"))
	ids := slices.Sorted(maps.Keys(invert(want)))
	for _, id := range []string{"RCU1001", "RCU1002", "RCU1003", "RCU2001"} {
		if !slices.Contains(ids, id) {
			t.Fatalf("testdata/fixture/bad has no bug for %s", id)
		}
	}
	if len(silenced) < 2 {
		t.Fatalf("testdata/fixture/bad has %d silenced bugs, want one //nolint:rcuvet and one //rcuvet:ignore", len(silenced))
	}
	lintEnv := goEnv(env,
		"GOPROXY=off", // the fixture needs nothing that is not in the module cache
		"GOLANGCI_LINT_CACHE="+filepath.Join(tmp, "cache"),
	)
	// run runs golangci-lint in dir with the given configuration, or, if
	// it is "", with the dir's .golangci.yml.
	run := func(t *testing.T, dir, config string, pkgs ...string) (code int, issues []issue, stderr string) {
		t.Helper()
		args := []string{"run"}
		if config != "" {
			cfg := strings.ReplaceAll(t.Name(), "/", "_") + ".yml"
			writeFile(t, filepath.Join(dir, cfg), config)
			args = append(args, "--config", cfg)
		}
		args = append(append(args,
			"--allow-parallel-runners", // no lock file shared with other golangci-lint runs
			"--output.json.path=stdout", "--show-stats=false",
			"--max-issues-per-linter=0", "--max-same-issues=0",
		), pkgs...)
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		cmd.Env = lintEnv
		var stdout, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &errOut
		start := time.Now()
		err := cmd.Run()
		var exit *exec.ExitError
		switch {
		case errors.As(err, &exit):
			code = exit.ExitCode()
		case err != nil:
			t.Fatalf("golangci-lint %s: %v", strings.Join(args, " "), err)
		}
		t.Logf("golangci-lint run: exit code %d, %s", code, time.Since(start).Round(time.Millisecond))
		if stdout.Len() > 0 {
			var report struct{ Issues []issue }
			if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
				t.Fatalf("golangci-lint's JSON output: %v\n%s", err, stdout.Bytes())
			}
			issues = report.Issues
		}
		return code, issues, errOut.String()
	}
	// checkFindings checks that the findings are want's, each once at its
	// line, and nothing else.
	checkFindings := func(t *testing.T, dir string, code int, issues []issue, stderr string, want map[line]string) {
		t.Helper()
		if code != 1 {
			t.Errorf("exit code %d, want 1 (findings)\n%s", code, stderr)
		}
		got := make(map[line][]string)
		for _, is := range issues {
			file := is.Pos.Filename
			if filepath.IsAbs(file) {
				if rel, err := filepath.Rel(dir, file); err == nil {
					file = rel
				}
			}
			l := line{filepath.ToSlash(file), is.Pos.Line}
			m := textRx.FindStringSubmatch(is.Text)
			switch {
			case is.FromLinter != Name:
				t.Errorf("%s: a finding of linter %q, want %q: %s", l, is.FromLinter, Name, is.Text)
				continue
			case m == nil:
				t.Errorf("%s: the text does not start with a check id: %s", l, is.Text)
				continue
			case strings.HasPrefix(is.Text, m[1]+": "+m[1]):
				t.Errorf("%s: the text names the id twice: %s", l, is.Text)
			}
			id := m[1]
			if want[l] != id {
				t.Errorf("%s: unexpected %s (the line wants %q): %s", l, id, want[l], is.Text)
			}
			got[l] = append(got[l], id)
		}
		for _, l := range slices.SortedFunc(maps.Keys(want), line.compare) {
			id := want[l]
			if n := count(got[l], id); n != 1 {
				t.Errorf("%s: %s reported %d times, want once", l, id, n)
			}
		}
		if t.Failed() {
			t.Logf("issues: %+v\nstderr:\n%s", issues, stderr)
		}
	}
	config := func(settings string) string {
		s := `version: "2"
linters:
  default: none
  enable:
    - rcuvet
  settings:
    custom:
      rcuvet:
        type: module
        description: RCU misuse (rcuvet)
`
		if settings != "" {
			s += "        settings:\n" + settings
		}
		return s
	}
	without := func(id string) map[line]string {
		m := maps.Clone(want)
		maps.DeleteFunc(m, func(_ line, x string) bool { return x == id })
		return m
	}

	t.Run("group", func(t *testing.T) {
		// The recipe's .golangci.yml, as written, in a copy of the
		// fixture: golangci-lint's default linters run too, and only
		// rcuvet's findings are looked at.
		t.Run("recipe", func(t *testing.T) {
			t.Parallel()
			config := recipe(t, root, "golangci-config")
			if !strings.Contains(config, "disable: [RCU1002]") {
				t.Fatalf("the golangci-config recipe no longer disables RCU1002; update this test:\n%s", config)
			}
			dir := newFixture(t, filepath.Join(tmp, "recipe"), root, false)
			writeFile(t, filepath.Join(dir, ".golangci.yml"), config)
			code, issues, stderr := run(t, dir, "", "./...")
			issues = slices.DeleteFunc(issues, func(is issue) bool { return is.FromLinter != Name })
			checkFindings(t, dir, code, issues, stderr, without("RCU1002"))
		})
		// Every check, no settings: the bugs are reported, the silenced
		// ones are not, and the clean package is clean.
		t.Run("all", func(t *testing.T) {
			t.Parallel()
			code, issues, stderr := run(t, fixture, config(""), "./...")
			checkFindings(t, fixture, code, issues, stderr, want)
		})
		// The same with the directives gone: the silenced lines do have the
		// bugs, so it is the directives that silence them.
		t.Run("directives-removed", func(t *testing.T) {
			t.Parallel()
			all := maps.Clone(want)
			maps.Copy(all, silenced)
			code, issues, stderr := run(t, stripped, config(""), "./...")
			checkFindings(t, stripped, code, issues, stderr, all)
		})
		t.Run("disable", func(t *testing.T) {
			t.Parallel()
			code, issues, stderr := run(t, fixture, config("          disable: [RCU1002]\n"), "./...")
			checkFindings(t, fixture, code, issues, stderr, without("RCU1002"))
		})
		t.Run("enable", func(t *testing.T) {
			t.Parallel()
			only := maps.Clone(want)
			maps.DeleteFunc(only, func(_ line, x string) bool { return x != "RCU1003" })
			code, issues, stderr := run(t, fixture, config("          enable: [RCU1003]\n"), "./...")
			checkFindings(t, fixture, code, issues, stderr, only)
		})
		t.Run("clean", func(t *testing.T) {
			t.Parallel()
			code, issues, stderr := run(t, fixture, config(""), "./good/...", "./helper/...")
			if code != 0 || len(issues) != 0 {
				t.Errorf("exit code %d, issues %+v; want 0 and none\n%s", code, issues, stderr)
			}
		})
		// Wrong settings stop golangci-lint with an error that says what is
		// wrong, before anything is analysed.
		for _, tt := range []struct {
			name, settings, err string
		}{
			{"unknown-key", "          disabled: [RCU1002]\n", `rcuvet settings: decoding settings: json: unknown field "disabled"`},
			{"unknown-check", "          disable: [RCU1002, RCU9999]\n", `rcuvet settings: disable: unknown check "RCU9999"`},
		} {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				code, issues, stderr := run(t, fixture, config(tt.settings), "./...")
				if code != failureExit || len(issues) != 0 || !strings.Contains(stderr, tt.err) {
					t.Errorf("exit code %d, issues %+v, stderr:\n%s\nwant exit code %d, no issues, and an error containing %q",
						code, issues, stderr, failureExit, tt.err)
				}
			})
		}
	})
}

// An issue is a finding in golangci-lint's JSON output.
type issue struct {
	FromLinter string
	Text       string
	Pos        struct {
		Filename     string
		Line, Column int
	}
}

var textRx = regexp.MustCompile(`^(RCU\d{4}): `)

// A line is a line of a file of the fixture, its path relative to the
// module's root in slash form.
type line struct {
	file string
	line int
}

func (l line) String() string { return fmt.Sprintf("%s:%d", l.file, l.line) }

func (l line) compare(m line) int {
	if c := strings.Compare(l.file, m.file); c != 0 {
		return c
	}
	return l.line - m.line
}

var (
	wantRx     = regexp.MustCompile(`// want (RCU\d{4})\s*$`)
	silencedRx = regexp.MustCompile(`//nolint:rcuvet // silenced (RCU\d{4})\s*$|//rcuvet:ignore (RCU\d{4}) `)
)

// expectations reads the .go files of dir, the fixture's package bad, and
// returns the lines marked "// want RCUxxxx" and the lines whose bug a
// directive silences, each with its id.
func expectations(t *testing.T, dir string) (want, silenced map[line]string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	want, silenced = make(map[line]string), make(map[line]string)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for n := 1; sc.Scan(); n++ {
			l := line{filepath.Base(dir) + "/" + filepath.Base(f), n}
			if m := wantRx.FindStringSubmatch(sc.Text()); m != nil {
				want[l] = m[1]
			}
			if m := silencedRx.FindStringSubmatch(sc.Text()); m != nil {
				silenced[l] = m[1] + m[2]
			}
		}
	}
	return want, silenced
}

func invert(m map[line]string) map[string]line {
	out := make(map[string]line)
	for l, id := range m {
		out[id] = l
	}
	return out
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

// newFixture creates, in dir, the module of testdata/fixture, which uses
// the rcuapi of the clone at root. With strip, its suppression directives
// become plain comments.
func newFixture(t *testing.T, dir, root string, strip bool) string {
	t.Helper()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "fixture"))); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "go.mod"), fmt.Sprintf(`module example.com/fixture

go 1.26.0

require github.com/rcuvet/rcuvet/rcuapi v0.0.0

replace github.com/rcuvet/rcuvet/rcuapi => %s
`, strconv.Quote(filepath.Join(root, "rcuapi"))))
	if !strip {
		return dir
	}
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := strings.NewReplacer("//nolint:rcuvet", "// (nolint removed)", "//rcuvet:ignore", "// (ignore removed)").Replace(string(data))
		if err := os.WriteFile(f, []byte(s), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// networkRx matches what the go command prints when it cannot reach the
// module proxy or the checksum database.
var networkRx = regexp.MustCompile(`dial tcp|no such host|connection refused|network is unreachable|i/o timeout|TLS handshake|proxyconnect|server misbehaving|context deadline exceeded|GOPROXY=off|` +
	`\b(502 Bad Gateway|503 Service Unavailable|504 Gateway Timeout)\b`)

func isNetworkError(out string) bool { return networkRx.MatchString(out) }

// goEnv returns env with the given variables set, and without the
// variables of golangci-lint's own (GOLANGCI_LINT_*), which could change
// what it does.
func goEnv(env []string, set ...string) []string {
	var out []string
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GOLANGCI_LINT_") || slices.ContainsFunc(set, func(s string) bool { return strings.HasPrefix(s, k+"=") }) {
			continue
		}
		out = append(out, kv)
	}
	return append(out, set...)
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), 0o666); err != nil {
		t.Fatal(err)
	}
}

// tempDir returns t.TempDir() with symbolic links resolved, so that the
// paths golangci-lint prints can be made relative to it.
func tempDir(t *testing.T) string {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// recipe returns a recipe of README or docs/ways-in.md.
func recipe(t *testing.T, root, name string) string {
	t.Helper()
	r, err := recipes.Get(root, name)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
