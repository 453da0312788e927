package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/rcuvet/rcuvet/checklist"
	"github.com/rcuvet/rcuvet/passes"
)

// moduleEnv is the environment of the go command in a temporary module
// that uses this repository's rcuapi through a replace directive, with
// extra variables (KEY=value) set.
func moduleEnv(extra ...string) []string {
	env := append(os.Environ(),
		"GOFLAGS=-mod=mod", // no go mod tidy in the temporary module
		"GOPROXY=off",      // nothing is downloaded
		"GOWORK=off",
		"GOTOOLCHAIN=local",
	)
	return append(env, extra...) // the last value of a key wins
}

// repoRoot returns the root of this repository.
func repoRoot(t *testing.T) string {
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

// TestSARIF runs rcuvet -sarif on the packages of testdata/e2e and checks
// the log against what SARIF 2.1.0 requires and what the fixtures expect.
// It runs the installed command: the same code in process, under the race
// detector, would cost several times the time and memory for nothing more.
func TestSARIF(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages with the go command")
	}
	bin := rcuvetBinary(t)
	mod := newModule(t, filepath.Join(tempDir(t), "mod"), repoRoot(t))
	want, err := expectations(filepath.Join(mod, "bad"))
	if err != nil {
		t.Fatal(err)
	}
	run := func(t *testing.T, dir string, args ...string) (int, []byte, string) {
		t.Helper()
		code, stdout, stderr := runCmd(t, dir, moduleEnv(), bin, append([]string{"-sarif", "-q"}, args...)...)
		return code, []byte(stdout), stderr
	}
	only := func(want map[line]string, keep func(id string) bool) map[line]string {
		m := make(map[line]string)
		for l, id := range want {
			if keep(id) {
				m[l] = id
			}
		}
		return m
	}

	t.Run("bad", func(t *testing.T) {
		t.Parallel()
		code, out, stderr := run(t, mod, "./...")
		if code != 3 || stderr != "" {
			t.Errorf("exit code %d, stderr %q; want 3 (findings) and none", code, stderr)
		}
		log := checkSARIF(t, out, mod, true)
		checkResults(t, log, want)
	})
	t.Run("good", func(t *testing.T) {
		t.Parallel()
		code, out, stderr := run(t, mod, "./good")
		if code != 0 || stderr != "" {
			t.Errorf("exit code %d, stderr %q; want 0 and none", code, stderr)
		}
		log := checkSARIF(t, out, mod, true)
		checkResults(t, log, nil)
	})
	t.Run("only", func(t *testing.T) {
		t.Parallel()
		code, out, _ := run(t, mod, "-RCU1003", "./bad")
		if code != 3 {
			t.Errorf("exit code %d, want 3", code)
		}
		log := checkSARIF(t, out, mod, true)
		checkResults(t, log, only(want, func(id string) bool { return id == "RCU1003" }))
	})
	t.Run("disabled", func(t *testing.T) {
		t.Parallel()
		code, out, _ := run(t, mod, "-RCU1003=false", "-test=false", "./bad")
		if code != 3 {
			t.Errorf("exit code %d, want 3", code)
		}
		log := checkSARIF(t, out, mod, true)
		checkResults(t, log, only(want, func(id string) bool { return id != "RCU1003" }))
	})
	t.Run("load-error", func(t *testing.T) {
		t.Parallel()
		mod := newModule(t, filepath.Join(tempDir(t), "mod"), repoRoot(t))
		broken := filepath.Join(mod, "broken")
		if err := os.MkdirAll(broken, 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(broken, "broken.go"), []byte("package broken\n\nvar x int = \"s\"\n"), 0o666); err != nil {
			t.Fatal(err)
		}
		code, out, stderr := run(t, mod, "./broken", "./good")
		if code != 1 || !strings.Contains(stderr, "broken.go:3") {
			t.Errorf("exit code %d, stderr %q; want 1 and the type error", code, stderr)
		}
		log := checkSARIF(t, out, mod, false)
		inv := log.Runs[0].Invocations[0]
		if !slices.ContainsFunc(inv.ToolExecutionNotifications, func(n sarifNotificationItem) bool {
			return n.Level == "error" && strings.Contains(n.Message.Text, "broken.go:3")
		}) {
			t.Errorf("no error notification names broken.go:3: %+v", inv.ToolExecutionNotifications)
		}
	})
}

// checkSARIF checks that out is a SARIF 2.1.0 log as rcuvet writes it, run
// in dir, that the run succeeded if ok and failed otherwise, and returns it.
// The checks read the JSON itself, not rcuvet's Go types, for the
// properties that SARIF 2.1.0 requires and that code scanning reads.
func checkSARIF(t *testing.T, out []byte, dir string, ok bool) *sarifLog {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("the output is not JSON: %v\n%s", err, out)
	}
	// The required properties, per the SARIF 2.1.0 schema.
	if v := doc["version"]; v != "2.1.0" {
		t.Errorf("version = %v, want 2.1.0", v)
	}
	if s, _ := doc["$schema"].(string); !strings.HasPrefix(s, "https://") || !strings.HasSuffix(s, "sarif-schema-2.1.0.json") {
		t.Errorf("$schema = %q, want the URI of the SARIF 2.1.0 schema", s)
	}
	runs, _ := doc["runs"].([]any)
	if len(runs) != 1 {
		t.Fatalf("%d runs, want 1", len(runs))
	}
	run := jsonObject(t, runs[0], "runs[0]")
	driver := jsonObject(t, jsonObject(t, run["tool"], "tool")["driver"], "tool.driver")
	if driver["name"] != "rcuvet" {
		t.Errorf("driver name %v, want rcuvet", driver["name"])
	}
	if v, _ := driver["version"].(string); v == "" || v != version() {
		t.Errorf("driver version %v, want rcuvet's version %q", driver["version"], version())
	}
	rules := jsonArray(t, driver["rules"], "tool.driver.rules")
	ruleIDs := make([]string, len(rules))
	for i, r := range rules {
		r := jsonObject(t, r, fmt.Sprintf("rules[%d]", i))
		id := jsonString(t, r["id"], fmt.Sprintf("rules[%d].id", i))
		ruleIDs[i] = id
		c, found := checklist.Lookup(id)
		if !found {
			t.Errorf("rule %s is not a check of the checklist", id)
			continue
		}
		if helpURI, _ := r["helpUri"].(string); helpURI != c.URL() {
			t.Errorf("rule %s: helpUri %q, want %q (rcuvet's own docs, once published)", id, helpURI, c.URL())
		}
		if got := jsonString(t, jsonObject(t, r["shortDescription"], id+".shortDescription")["text"], id+".shortDescription.text"); got != c.Doc.Title {
			t.Errorf("rule %s: shortDescription %q, want the title %q", id, got, c.Doc.Title)
		}
		if got := jsonString(t, jsonObject(t, r["fullDescription"], id+".fullDescription")["text"], id+".fullDescription.text"); got != c.Doc.Text {
			t.Errorf("rule %s: fullDescription is not the check's text", id)
		}
		help := jsonObject(t, r["help"], id+".help")
		if text := jsonString(t, help["text"], id+".help.text"); !strings.Contains(text, c.Doc.Title) {
			t.Errorf("rule %s: help.text does not document the check", id)
		}
		if md := jsonString(t, help["markdown"], id+".help.markdown"); !strings.Contains(md, "```go\n"+c.Doc.Before) || !strings.Contains(md, c.DocRef()) {
			t.Errorf("rule %s: help.markdown lacks the bad example or the link", id)
		}
		level := jsonObject(t, r["defaultConfiguration"], id+".defaultConfiguration")["level"]
		if !slices.Contains([]any{"error", "warning", "note"}, level) {
			t.Errorf("rule %s: level %v", id, level)
		}
		var items []int
		for _, it := range jsonArray(t, jsonObject(t, r["properties"], id+".properties")["checklistItems"], id+".properties.checklistItems") {
			items = append(items, int(jsonObject(t, it, id+" item")["number"].(float64)))
		}
		if !slices.Equal(items, c.Items) {
			t.Errorf("rule %s: checklist items %v, want %v", id, items, c.Items)
		}
	}
	var checks []string
	for _, a := range passes.All() {
		checks = append(checks, a.Name)
	}
	if !slices.Equal(ruleIDs, checks) {
		t.Errorf("rules %v, want one per check that rcuvet runs: %v", ruleIDs, checks)
	}

	base := jsonObject(t, jsonObject(t, run["originalUriBaseIds"], "originalUriBaseIds")[srcRoot], srcRoot)
	if got, want := base["uri"], fileURI(dir)+"/"; got != want {
		t.Errorf("%s is %v, want %s", srcRoot, got, want)
	}
	invocations := jsonArray(t, run["invocations"], "invocations")
	if len(invocations) != 1 || jsonObject(t, invocations[0], "invocations[0]")["executionSuccessful"] != ok {
		t.Errorf("invocations %v; want one with executionSuccessful %v", invocations, ok)
	}

	results := jsonArray(t, run["results"], "results") // present even when empty
	for i, r := range results {
		name := fmt.Sprintf("results[%d]", i)
		r := jsonObject(t, r, name)
		id := jsonString(t, r["ruleId"], name+".ruleId")
		if !slices.Contains(ruleIDs, id) {
			t.Errorf("%s: ruleId %s has no rule", name, id)
		}
		if idx, ok := r["ruleIndex"].(float64); !ok || int(idx) >= len(ruleIDs) || ruleIDs[int(idx)] != id {
			t.Errorf("%s: ruleIndex %v does not point at rule %s", name, r["ruleIndex"], id)
		}
		if msg := jsonString(t, jsonObject(t, r["message"], name+".message")["text"], name+".message.text"); !strings.HasPrefix(msg, id+": ") {
			t.Errorf("%s: message %q does not start with its id", name, msg)
		}
		locs := jsonArray(t, r["locations"], name+".locations")
		if len(locs) == 0 {
			t.Errorf("%s has no location", name)
		}
		for j, l := range locs {
			checkLocation(t, jsonObject(t, l, fmt.Sprintf("%s.locations[%d]", name, j))["physicalLocation"], dir, fmt.Sprintf("%s.locations[%d]", name, j))
		}
	}

	// The log names no web address but the schema's: rcuvet has none yet
	// (and when it has, only rcuvet's own).
	urlRx := regexp.MustCompile(`[a-z]+://[^\s)"'\]]+`)
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if k != "$schema" {
					walk(x)
				}
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		case string:
			for _, u := range urlRx.FindAllString(v, -1) {
				if !strings.HasPrefix(u, "file://") && !slices.ContainsFunc(checklist.Checks, func(c checklist.Check) bool { return c.URL() != "" && u == c.URL() }) {
					t.Errorf("the log names %s, which is not an address of rcuvet's documentation", u)
				}
			}
		}
	}
	walk(doc)
	if bytes.Contains(out, []byte("staticcheck.dev")) {
		t.Error("the log mentions staticcheck.dev")
	}

	var log sarifLog
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	return &log
}

// checkLocation checks a physicalLocation: a URI relative to the working
// directory dir that names a file there, and a region within it.
func checkLocation(t *testing.T, v any, dir, name string) {
	t.Helper()
	loc := jsonObject(t, v, name+".physicalLocation")
	art := jsonObject(t, loc["artifactLocation"], name+".artifactLocation")
	uri := jsonString(t, art["uri"], name+".artifactLocation.uri")
	if strings.Contains(uri, ":") || strings.HasPrefix(uri, "/") || art["uriBaseId"] != srcRoot {
		t.Errorf("%s: uri %q, uriBaseId %v; want a path relative to the working directory, and %s", name, uri, art["uriBaseId"], srcRoot)
		return
	}
	region := jsonObject(t, loc["region"], name+".region")
	startLine, _ := region["startLine"].(float64)
	startColumn, _ := region["startColumn"].(float64)
	if startLine < 1 || startColumn < 1 {
		t.Errorf("%s: region %v; want startLine and startColumn from 1", name, region)
		return
	}
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(uri)))
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	lines := strings.Split(string(data), "\n")
	if int(startLine) > len(lines) {
		t.Errorf("%s: line %v of %s, which has %d", name, startLine, uri, len(lines))
		return
	}
	if n := len(utf16.Encode([]rune(lines[int(startLine)-1]))); int(startColumn) > n+1 {
		t.Errorf("%s: column %v of line %v of %s, which has %d", name, startColumn, startLine, uri, n)
	}
}

// checkResults checks that the log reports each expected id on its line,
// once, and nothing else.
func checkResults(t *testing.T, log *sarifLog, want map[line]string) {
	t.Helper()
	got := make(map[line][]string)
	for _, r := range log.Runs[0].Results {
		p := r.Locations[0].PhysicalLocation
		l := line{p.ArtifactLocation.URI, p.Region.StartLine}
		got[l] = append(got[l], r.RuleID)
	}
	for _, l := range slices.SortedFunc(maps.Keys(got), func(a, b line) int { return strings.Compare(a.String(), b.String()) }) {
		if ids := got[l]; len(ids) != 1 || ids[0] != want[l] {
			t.Errorf("%s: reported %v, want %q", l, ids, want[l])
		}
	}
	for l, id := range want {
		if len(got[l]) == 0 {
			t.Errorf("%s: %s not reported", l, id)
		}
	}
}

func jsonObject(t *testing.T, v any, name string) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s is %T, want an object", name, v)
	}
	return m
}

func jsonArray(t *testing.T, v any, name string) []any {
	t.Helper()
	a, ok := v.([]any)
	if !ok {
		t.Fatalf("%s is %T, want an array", name, v)
	}
	return a
}

func jsonString(t *testing.T, v any, name string) string {
	t.Helper()
	s, ok := v.(string)
	if !ok || s == "" {
		t.Fatalf("%s is %v, want a non-empty string", name, v)
	}
	return s
}

// TestRuleName checks the rule names derived from titles.
func TestRuleName(t *testing.T) {
	for title, want := range map[string]string{
		"Result of Access dereferenced":                                      "ResultOfAccessDereferenced",
		"Pointer read under one domain, retired with another's grace period": "PointerReadUnderOneDomainRetiredWithAnothersGracePeriod",
	} {
		if got := ruleName(title); got != want {
			t.Errorf("ruleName(%q) = %q, want %q", title, got, want)
		}
	}
}
