package golangci

import (
	"go/token"
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/checklist"
	"github.com/rcuvet/rcuvet/passes"
)

func allNames() []string {
	var n []string
	for _, a := range passes.All() {
		n = append(n, a.Name)
	}
	return n
}

func analyzerNames(t *testing.T, p register.LinterPlugin) []string {
	t.Helper()
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	var n []string
	for _, a := range as {
		n = append(n, a.Name)
	}
	return n
}

func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin("rcuvet")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("GetLoadMode() = %q, want %q", got, register.LoadModeTypesInfo)
	}
	if got, want := analyzerNames(t, p), allNames(); !slices.Equal(got, want) {
		t.Errorf("with no settings the plugin runs %v, want every check: %v", got, want)
	}
}

func TestSettings(t *testing.T) {
	all := allNames()
	if len(all) < 2 {
		t.Fatalf("passes.All() has %d checks; this test needs at least 2", len(all))
	}
	first, second := all[0], all[1]
	notRun := "" // a catalogued check that rcuvet does not run yet
	for _, c := range checklist.Checks {
		if !c.Implemented {
			notRun = c.ID
			break
		}
	}
	tests := []struct {
		name string
		conf any      // as golangci-lint passes it: decoded YAML
		want []string // the checks run; nil when New must fail
		err  string   // a substring of the error
	}{
		{name: "nil", conf: nil, want: all},
		{name: "empty", conf: map[string]any{}, want: all},
		{name: "empty lists", conf: map[string]any{"enable": []any{}, "disable": []any{}}, want: all},
		{name: "disable", conf: map[string]any{"disable": []any{first}}, want: all[1:]},
		{name: "disable lower case", conf: map[string]any{"disable": []any{strings.ToLower(first)}}, want: all[1:]},
		{name: "enable", conf: map[string]any{"enable": []any{second, first}}, want: []string{first, second}},
		{name: "unknown id with enable", conf: map[string]any{"enable": []any{first, second}, "disable": []any{"RCU9999"}}, err: `disable: unknown check "RCU9999"`},
		{name: "enable minus disable", conf: map[string]any{"enable": []any{first}, "disable": []any{second}}, want: []string{first}},
		{name: "unknown key", conf: map[string]any{"disabled": []any{first}}, err: `unknown field "disabled"`},
		{name: "unknown key names the keys", conf: map[string]any{"severity": "error"}, err: "the settings are enable and disable"},
		{name: "not a list", conf: map[string]any{"disable": first}, err: "cannot unmarshal string"},
		{name: "not a map", conf: []any{first}, err: "cannot unmarshal array"},
		{name: "unknown id", conf: map[string]any{"disable": []any{"RCU9999"}}, err: `unknown check "RCU9999"; the checks are ` + strings.Join(all, ", ")},
		{name: "not an id", conf: map[string]any{"enable": []any{"readside"}}, err: `enable: unknown check "readside"`},
		{name: "catalogued, not run", conf: map[string]any{"disable": []any{notRun}}, err: notRun + " is catalogued, but this rcuvet does not run it yet"},
		{name: "both", conf: map[string]any{"enable": []any{first}, "disable": []any{first}}, err: first + " is both in enable and in disable"},
		{name: "nothing left", conf: map[string]any{"disable": toAny(all)}, err: "leaves no check to run"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "catalogued, not run" && notRun == "" {
				t.Skip("rcuvet runs every catalogued check")
			}
			p, err := New(tt.conf)
			if tt.err != "" {
				if err == nil {
					t.Fatalf("New(%v) runs %v, want an error containing %q", tt.conf, analyzerNames(t, p), tt.err)
				}
				if !strings.Contains(err.Error(), tt.err) || !strings.HasPrefix(err.Error(), "rcuvet settings: ") {
					t.Fatalf("New(%v): %v\nwant an error starting %q and containing %q", tt.conf, err, "rcuvet settings: ", tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("New(%v): %v", tt.conf, err)
			}
			if got := analyzerNames(t, p); !slices.Equal(got, tt.want) {
				t.Errorf("New(%v) runs %v, want %v", tt.conf, got, tt.want)
			}
		})
	}
}

func toAny(s []string) []any {
	var out []any
	for _, x := range s {
		out = append(out, x)
	}
	return out
}

// TestForGolangci checks that the adapted analyzers keep everything of the
// checks but the id in front of their messages, which golangci-lint adds
// itself.
func TestForGolangci(t *testing.T) {
	p, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := p.BuildAnalyzers()
	for i, a := range passes.All() {
		c := got[i]
		if c == a {
			t.Errorf("%s: the plugin returns the check itself, not an adapted copy", a.Name)
		}
		if c.Name != a.Name || c.Doc != a.Doc || c.URL != a.URL || !slices.Equal(c.Requires, a.Requires) ||
			!slices.Equal(c.FactTypes, a.FactTypes) || c.ResultType != a.ResultType {
			t.Errorf("%s: the adapted copy differs from the check in more than Run", a.Name)
		}
	}

	inner := &analysis.Analyzer{Name: "RCU1001", Doc: "test", Run: func(pass *analysis.Pass) (any, error) {
		pass.Report(analysis.Diagnostic{Message: "RCU1001: first"})
		pass.Reportf(0, "RCU1001: second")
		pass.Report(analysis.Diagnostic{Message: "RCU1002: not mine"})
		return "result", nil
	}}
	var msgs []string
	pass := &analysis.Pass{Report: func(d analysis.Diagnostic) { msgs = append(msgs, d.Message) }}
	res, err := forGolangci(inner).Run(pass)
	if res != "result" || err != nil {
		t.Errorf("Run = %v, %v; want the check's result", res, err)
	}
	if want := []string{"first", "second", "RCU1002: not mine"}; !slices.Equal(msgs, want) {
		t.Errorf("messages %q, want %q", msgs, want)
	}
}

// TestWithRelated checks how related positions become part of a message,
// since golangci-lint would show each as a separate "see here" issue.
func TestWithRelated(t *testing.T) {
	fset := token.NewFileSet()
	f := fset.AddFile("/src/app/port.go", -1, 100)
	f.SetLines([]int{0, 10, 20, 30, 40})
	at := func(line int) token.Pos { return f.LineStart(line) }
	tests := []struct {
		msg     string
		related []analysis.RelatedInformation
		want    string
	}{
		{"no related", nil, "no related"},
		{"published at port.go:2", []analysis.RelatedInformation{{Pos: at(2), Message: "see here"}}, "published at port.go:2"},
		{"published", []analysis.RelatedInformation{{Pos: at(3), Message: "see here"}}, "published (see port.go:3)"},
		{"two", []analysis.RelatedInformation{{Pos: at(3), Message: "see here"}, {Pos: at(4), Message: "the lock is taken here"}},
			"two (see port.go:3; port.go:4: the lock is taken here)"},
		{"no position", []analysis.RelatedInformation{{Pos: token.NoPos, Message: "see here"}}, "no position"},
	}
	for _, tt := range tests {
		if got := withRelated(fset, tt.msg, tt.related); got != tt.want {
			t.Errorf("withRelated(%q, %v) = %q, want %q", tt.msg, tt.related, got, tt.want)
		}
	}
}
