// Package golangci is rcuvet's golangci-lint (v2) module plugin: one linter,
// named rcuvet, that runs every check of rcuvet (passes.All).
//
// Importing the package registers the plugin with
// github.com/golangci/plugin-module-register, so a golangci-lint binary
// that imports it (blank import) knows the linter. Build such a binary from
// a tiny main package that imports
// github.com/golangci/golangci-lint/v2/pkg/commands and this package, or
// with "golangci-lint custom" and a .custom-gcl.yml that names
//
//	module: github.com/rcuvet/rcuvet
//	import: github.com/rcuvet/rcuvet/plugin/golangci
//
// Then enable it in .golangci.yml:
//
//	version: "2"
//	linters:
//	  enable:
//	    - rcuvet
//	  settings:
//	    custom:
//	      rcuvet:
//	        type: module
//	        description: RCU misuse (rcuvet)
//	        settings:
//	          disable: [RCU1002]
//
// # Settings
//
// Two keys, both optional, each a list of check ids (RCU1001, ...; the case
// of the letters does not matter):
//
//	enable   run only these checks (all of them if the list is absent or empty)
//	disable  do not run these checks
//
// Settings are decoded strictly: an unknown key, a value of the wrong type,
// an id that is not one of the checks this rcuvet runs, an id both enabled
// and disabled, or settings that leave no check to run make golangci-lint
// stop with an error that says so, rather than silently run something else.
//
// # Reports and suppression
//
// Each finding is reported by the rcuvet linter with its text starting with
// the check's id, as under every other driver:
//
//	bad/port.go:16:33: RCU1001: Dereference under the section begun by ... (rcuvet)
//
// golangci-lint cannot show a finding's related positions with it, so
// their text is part of the finding's: "... (see port.go:12)".
//
// golangci-lint's "//nolint:rcuvet" silences every check on a line. To
// silence one check, with a reason, use rcuvet's own directive, which works
// the same under go vet, standalone rcuvet and golangci-lint:
//
//	//rcuvet:ignore RCU1002 the object is immutable once published
package golangci

import (
	"errors"
	"fmt"
	"go/token"
	"path/filepath"
	"slices"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/checklist"
	"github.com/rcuvet/rcuvet/passes"
)

// Name is the linter's name: the key under linters.settings.custom, the
// name in linters.enable, and the name //nolint: directives use.
const Name = "rcuvet"

func init() {
	register.Plugin(Name, New)
}

// Settings are the plugin's settings (linters.settings.custom.rcuvet.settings).
type Settings struct {
	// Enable lists the checks to run; empty means all of them.
	Enable []string `json:"enable"`
	// Disable lists checks not to run.
	Disable []string `json:"disable"`
}

// Plugin is the rcuvet linter, as golangci-lint sees it.
type Plugin struct {
	analyzers []*analysis.Analyzer
}

var _ register.LinterPlugin = (*Plugin)(nil)

// New decodes and validates the settings golangci-lint passes (nil when the
// configuration gives none) and returns the plugin.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("rcuvet settings: %w (the settings are enable and disable, each a list of check ids)", err)
	}
	analyzers, err := s.selection()
	if err != nil {
		return nil, fmt.Errorf("rcuvet settings: %w", err)
	}
	return &Plugin{analyzers: analyzers}, nil
}

// BuildAnalyzers returns the selected checks.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return p.analyzers, nil
}

// GetLoadMode asks for type information: the checks run on SSA and read
// facts of the packages they depend on.
func (p *Plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}

// selection returns the analyzers that s selects, in id order, each
// adapted to golangci-lint (see forGolangci).
func (s Settings) selection() ([]*analysis.Analyzer, error) {
	all := passes.All()
	enable, err := ids("enable", s.Enable, all)
	if err != nil {
		return nil, err
	}
	disable, err := ids("disable", s.Disable, all)
	if err != nil {
		return nil, err
	}
	for _, id := range enable {
		if slices.Contains(disable, id) {
			return nil, fmt.Errorf("%s is both in enable and in disable", id)
		}
	}
	var out []*analysis.Analyzer
	for _, a := range all {
		if len(enable) > 0 && !slices.Contains(enable, a.Name) || slices.Contains(disable, a.Name) {
			continue
		}
		out = append(out, forGolangci(a))
	}
	if len(out) == 0 {
		return nil, errors.New("disable leaves no check to run; to run none, remove rcuvet from linters.enable")
	}
	return out, nil
}

// ids validates the check ids listed under key and returns them in
// canonical (upper case) form.
func ids(key string, list []string, all []*analysis.Analyzer) ([]string, error) {
	var out []string
	for _, raw := range list {
		id := strings.ToUpper(strings.TrimSpace(raw))
		if !slices.ContainsFunc(all, func(a *analysis.Analyzer) bool { return a.Name == id }) {
			if c, ok := checklist.Lookup(id); ok && !c.Implemented {
				return nil, fmt.Errorf("%s: %s is catalogued, but this rcuvet does not run it yet; the checks are %s", key, id, names(all))
			}
			return nil, fmt.Errorf("%s: unknown check %q; the checks are %s", key, raw, names(all))
		}
		out = append(out, id)
	}
	return out, nil
}

func names(all []*analysis.Analyzer) string {
	var n []string
	for _, a := range all {
		n = append(n, a.Name)
	}
	return strings.Join(n, ", ")
}

// forGolangci returns a copy of check a adapted to golangci-lint, which
// keeps a's name, requirements and facts:
//
//   - Its diagnostics do not start with the check's id. golangci-lint puts
//     the analyzer's name (the id) in front of the message of every analyzer
//     of a linter whose name is not the analyzer's, so without this the id
//     would appear twice ("RCU1001: RCU1001: ...").
//   - Their related positions are part of the message. golangci-lint would
//     show each as an issue of its own whose whole text is the related
//     message ("see here"), away from the finding it belongs to.
func forGolangci(a *analysis.Analyzer) *analysis.Analyzer {
	c := *a
	prefix := a.Name + ": "
	c.Run = func(pass *analysis.Pass) (any, error) {
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) {
			d.Message = withRelated(pass.Fset, strings.TrimPrefix(d.Message, prefix), d.Related)
			d.Related = nil
			report(d)
		}
		return a.Run(pass)
	}
	return &c
}

// withRelated returns msg followed by the related positions it does not
// already name, as "(see file.go:12)" or, for a related message other than
// "see here", "(file.go:12: message)".
func withRelated(fset *token.FileSet, msg string, related []analysis.RelatedInformation) string {
	var notes []string
	for _, r := range related {
		if !r.Pos.IsValid() {
			continue
		}
		p := fset.Position(r.Pos)
		at := fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
		text := strings.TrimSpace(r.Message)
		switch {
		case text == "" || text == "see here":
			if strings.Contains(msg, at) {
				continue // the message says it already
			}
			notes = append(notes, "see "+at)
		default:
			notes = append(notes, at+": "+text)
		}
	}
	if len(notes) == 0 {
		return msg
	}
	return msg + " (" + strings.Join(notes, "; ") + ")"
}
