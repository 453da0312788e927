package nogo_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rcuvet/rcuvet/passes"
)

// TestPackages checks that there is one nogo package for each check that
// rcuvet runs, and for nothing else, and that each exports the check's
// analyzer, named by the check's id, as Analyzer.
func TestPackages(t *testing.T) {
	var names, dirs []string
	for _, a := range passes.All() {
		names = append(names, a.Name)
	}
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	pkgDir := regexp.MustCompile(`^rcu\d{4}$`)
	for _, e := range entries {
		if e.IsDir() && pkgDir.MatchString(e.Name()) {
			dirs = append(dirs, strings.ToUpper(e.Name()))
		}
	}
	if !slices.Equal(dirs, names) {
		t.Errorf("nogo has packages for %v, but rcuvet runs %v: run go generate ./nogo/", dirs, names)
	}
	var exported []string
	for id, a := range generated {
		exported = append(exported, id)
		switch {
		case a == nil:
			t.Errorf("nogo/%s: Analyzer is nil", strings.ToLower(id))
		case a.Name != id:
			t.Errorf("nogo/%s: Analyzer is named %q, want %q", strings.ToLower(id), a.Name, id)
		case a != passes.ByName(id):
			t.Errorf("nogo/%s: Analyzer is not the analyzer that passes.All() has for %s", strings.ToLower(id), id)
		case a.Run == nil || a.Doc == "":
			t.Errorf("nogo/%s: Analyzer has no Run or no Doc", strings.ToLower(id))
		}
	}
	slices.Sort(exported)
	if !slices.Equal(exported, names) {
		t.Errorf("the nogo packages export analyzers for %v, but rcuvet runs %v: run go generate ./nogo/", exported, names)
	}
}

func TestByName(t *testing.T) {
	for _, a := range passes.All() {
		if got := passes.ByName(a.Name); got != a {
			t.Errorf("passes.ByName(%q) = %v, want the analyzer of passes.All()", a.Name, got)
		}
	}
	if a := passes.ByName("RCU9999"); a != nil {
		t.Errorf(`passes.ByName("RCU9999") = %v, want nil`, a)
	}
}
