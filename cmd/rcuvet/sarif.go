package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
	"honnef.co/go/tools/analysis/lint"

	"github.com/rcuvet/rcuvet/checklist"
	"github.com/rcuvet/rcuvet/passes"
)

// SARIF output: "rcuvet -sarif [flags] packages" loads and analyzes the
// packages itself, with the analyzers of passes.All() (the same ones that
// multichecker runs), and writes one SARIF 2.1.0 log on stdout. Every help
// link in the log points at rcuvet's own documentation.
//
// Exit codes: 0 with no findings, 3 with findings (so that the step that
// produces the log can gate a build, as the text output does), 1 when a
// package fails to load or an analysis fails (the log is still written, and
// says so), 2 for a bad flag.

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// informationURI is rcuvet's home; every URI in the log is rcuvet's own.
	informationURI = "https://github.com/rcuvet/rcuvet"
	// srcRoot is the uriBaseId of the files under the working directory.
	srcRoot = "%SRCROOT%"
)

// sarifEnv is where a SARIF run loads its packages.
type sarifEnv struct {
	Dir string   // the working directory; "" for the process's
	Env []string // the environment of the go command; nil for the process's
}

// The SARIF 2.1.0 objects that rcuvet writes: the subset it needs, with the
// properties the specification requires always present.
type (
	sarifLog struct {
		Version string     `json:"version"`
		Schema  string     `json:"$schema"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                        `json:"tool"`
		Invocations        []sarifInvocation                `json:"invocations"`
		OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
		// Results is always present: an empty list says that the
		// analysis ran and found nothing.
		Results    []sarifResult `json:"results"`
		ColumnKind string        `json:"columnKind"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string             `json:"id"`
		Name                 string             `json:"name"`
		ShortDescription     sarifMessage       `json:"shortDescription"`
		FullDescription      sarifMessage       `json:"fullDescription"`
		HelpURI              string             `json:"helpUri"`
		Help                 sarifMessage       `json:"help"`
		DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
		Properties           sarifRuleProps     `json:"properties"`
	}
	sarifConfiguration struct {
		Level string `json:"level"`
	}
	sarifRuleProps struct {
		Tags           []string        `json:"tags"`
		ChecklistItems []checklistItem `json:"checklistItems"`
	}
	checklistItem struct {
		Number int    `json:"number"`
		Title  string `json:"title"`
	}
	sarifMessage struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	sarifInvocation struct {
		ExecutionSuccessful        bool                    `json:"executionSuccessful"`
		Arguments                  []string                `json:"arguments,omitempty"`
		WorkingDirectory           *sarifArtifactLocation  `json:"workingDirectory,omitempty"`
		ToolExecutionNotifications []sarifNotificationItem `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotificationItem struct {
		Level     string          `json:"level"`
		Message   sarifMessage    `json:"message"`
		Locations []sarifLocation `json:"locations,omitempty"`
	}
	sarifResult struct {
		RuleID           string          `json:"ruleId"`
		RuleIndex        int             `json:"ruleIndex"`
		Level            string          `json:"level"`
		Message          sarifMessage    `json:"message"`
		Locations        []sarifLocation `json:"locations"`
		RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
		Fixes            []sarifFix      `json:"fixes,omitempty"`
	}
	sarifLocation struct {
		ID               int                   `json:"id,omitempty"`
		Message          *sarifMessage         `json:"message,omitempty"`
		PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           sarifRegion           `json:"region"`
	}
	sarifArtifactLocation struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
	sarifFix struct {
		Description     sarifMessage          `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Replacements     []sarifReplacement    `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion  `json:"deletedRegion"`
		InsertedContent sarifMessage `json:"insertedContent"`
	}
)

// enableFlag is the value of a -RCUxxxx flag: unset, true or false, as in
// the x/tools drivers.
type enableFlag int

const (
	unset enableFlag = iota
	setTrue
	setFalse
)

func (f *enableFlag) IsBoolFlag() bool { return true }

func (f *enableFlag) String() string {
	switch *f {
	case setTrue:
		return "true"
	case setFalse:
		return "false"
	}
	return "unset"
}

func (f *enableFlag) Set(s string) error {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	*f = setFalse
	if b {
		*f = setTrue
	}
	return nil
}

// runSARIF runs rcuvet on the packages that args name and writes a SARIF log
// to stdout; args are the command's arguments, with -sarif among them. It
// returns the exit code.
func runSARIF(args []string, env sarifEnv, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rcuvet -sarif", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Bool("sarif", true, "write the findings as a SARIF 2.1.0 log on stdout") // standalone has checked it
	tests := fs.Bool("test", true, "analyze test files too")
	all := passes.All()
	enabled := make(map[*analysis.Analyzer]*enableFlag)
	for _, a := range all {
		e := new(enableFlag)
		fs.Var(e, a.Name, fmt.Sprintf("enable check %s", a.Name))
		enabled[a] = e
		a.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, a.Name+"."+f.Name, f.Usage) })
	}
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: rcuvet -sarif [-test=false] [-RCUxxxx[=false] ...] packages\n\n")
		fmt.Fprintf(stderr, "-sarif takes only these flags, before the packages (not -json, -fix, -diff or -c).\n")
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	patterns := fs.Args()
	for _, p := range patterns {
		if p == "--" {
			break
		}
		if strings.HasPrefix(p, "-") {
			fmt.Fprintf(stderr, "rcuvet: flag %s after the packages; put the flags first\n", p)
			return 2
		}
	}
	if len(patterns) == 0 {
		fmt.Fprintf(stderr, "rcuvet: -sarif needs packages to analyze, e.g. rcuvet -sarif ./...\n")
		return 1
	}

	// As the x/tools drivers do: if any -RCUxxxx flag is true, run only
	// those checks; otherwise, if any is false, run all but those.
	var hasTrue, hasFalse bool
	for _, e := range enabled {
		hasTrue = hasTrue || *e == setTrue
		hasFalse = hasFalse || *e == setFalse
	}
	var analyzers []*analysis.Analyzer
	for _, a := range all {
		if hasTrue && *enabled[a] == setTrue || !hasTrue && *enabled[a] != setFalse {
			analyzers = append(analyzers, a)
		}
	}

	wd := env.Dir
	if wd == "" {
		var err error
		if wd, err = os.Getwd(); err != nil {
			fmt.Fprintf(stderr, "rcuvet: %v\n", err)
			return 1
		}
	}
	if abs, err := filepath.Abs(wd); err == nil {
		wd = abs
	}
	w := &sarifWriter{wd: wd, files: make(map[string][]byte)}
	if real, err := filepath.EvalSymlinks(wd); err == nil && real != wd {
		w.aliases = append(w.aliases, real)
	}
	log := w.newLog(all, args)
	run := &log.Runs[0]

	code := 0
	fail := func(msg string) {
		fmt.Fprintf(stderr, "%s\n", msg)
		run.Invocations[0].ExecutionSuccessful = false
		run.Invocations[0].ToolExecutionNotifications = append(run.Invocations[0].ToolExecutionNotifications,
			sarifNotificationItem{Level: "error", Message: sarifMessage{Text: msg}})
		code = 1
	}

	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax | packages.NeedModule,
		Tests: *tests,
		Dir:   env.Dir,
		Env:   env.Env,
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err == nil && len(pkgs) == 0 {
		err = fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	if err != nil {
		fail("rcuvet: " + err.Error())
		return w.write(stdout, stderr, log, code)
	}
	seenErr := make(map[string]bool)
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			if msg := e.Error(); !seenErr[msg] {
				seenErr[msg] = true
				fail(msg)
			}
		}
	})

	graph, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		fail("rcuvet: " + err.Error())
		return w.write(stdout, stderr, log, code)
	}
	ruleIndex := make(map[string]int)
	for i, r := range run.Tool.Driver.Rules {
		ruleIndex[r.ID] = i
	}
	type key struct {
		pos, end token.Position
		analyzer *analysis.Analyzer
		message  string
	}
	seen := make(map[key]bool)
	for act := range graph.All() {
		if act.Err != nil {
			if slices.ContainsFunc(act.Deps, func(dep *checker.Action) bool { return dep.Err != nil }) {
				continue // "failed prerequisites": the failure itself is reported
			}
			if msg := fmt.Sprintf("%s: %v", act, act.Err); !seenErr[msg] {
				seenErr[msg] = true
				fail(msg)
			}
			continue
		}
		if !act.IsRoot {
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			// A file of both p and p's test variant is analyzed twice.
			k := key{fset.Position(d.Pos), fset.Position(d.End), act.Analyzer, d.Message}
			if seen[k] {
				continue
			}
			seen[k] = true
			id := act.Analyzer.Name
			res := sarifResult{
				RuleID:    id,
				RuleIndex: ruleIndex[id],
				Level:     run.Tool.Driver.Rules[ruleIndex[id]].DefaultConfiguration.Level,
				Message:   sarifMessage{Text: d.Message},
				Locations: []sarifLocation{{PhysicalLocation: w.location(fset, d.Pos, d.End)}},
			}
			for i, rel := range d.Related {
				res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
					ID:               i + 1,
					Message:          &sarifMessage{Text: rel.Message},
					PhysicalLocation: w.location(fset, rel.Pos, rel.End),
				})
			}
			for _, fix := range d.SuggestedFixes {
				res.Fixes = append(res.Fixes, w.fix(fset, fix))
			}
			run.Results = append(run.Results, res)
		}
	}
	slices.SortStableFunc(run.Results, func(a, b sarifResult) int {
		pa, pb := a.Locations[0].PhysicalLocation, b.Locations[0].PhysicalLocation
		return cmp.Or(
			cmp.Compare(pa.ArtifactLocation.URI, pb.ArtifactLocation.URI),
			cmp.Compare(pa.Region.StartLine, pb.Region.StartLine),
			cmp.Compare(pa.Region.StartColumn, pb.Region.StartColumn),
			cmp.Compare(a.RuleID, b.RuleID),
			cmp.Compare(a.Message.Text, b.Message.Text),
		)
	})
	if code == 0 && len(run.Results) > 0 {
		code = 3
	}
	return w.write(stdout, stderr, log, code)
}

// A sarifWriter turns positions into SARIF locations relative to the
// working directory wd.
type sarifWriter struct {
	wd      string
	aliases []string          // wd with symbolic links resolved, if that differs
	files   map[string][]byte // contents by file name, nil if unreadable
}

// newLog returns a log with one run, rcuvet's rules for the analyzers all,
// and no results yet.
func (w *sarifWriter) newLog(all []*analysis.Analyzer, args []string) *sarifLog {
	driver := sarifDriver{
		Name:           "rcuvet",
		InformationURI: informationURI,
		Rules:          []sarifRule{},
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		driver.Version = bi.Main.Version
	}
	for _, a := range all {
		if c, ok := checklist.Lookup(a.Name); ok {
			driver.Rules = append(driver.Rules, rule(c))
		}
	}
	wdURI := fileURI(w.wd) + "/"
	return &sarifLog{
		Version: sarifVersion,
		Schema:  sarifSchema,
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: driver},
			Invocations: []sarifInvocation{{
				ExecutionSuccessful: true,
				Arguments:           append([]string{"rcuvet"}, args...),
				WorkingDirectory:    &sarifArtifactLocation{URI: wdURI},
			}},
			OriginalURIBaseIDs: map[string]sarifArtifactLocation{srcRoot: {URI: wdURI}},
			Results:            []sarifResult{},
			ColumnKind:         "utf16CodeUnits",
		}},
	}
}

// write writes log to stdout and returns code, or 1 if it cannot.
func (w *sarifWriter) write(stdout, stderr io.Writer, log *sarifLog, code int) int {
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		fmt.Fprintf(stderr, "rcuvet: writing the SARIF log: %v\n", err)
		return 1
	}
	return code
}

// rule returns the SARIF rule of check c, documented from the checklist.
func rule(c *checklist.Check) sarifRule {
	var items []checklistItem
	var md strings.Builder
	md.WriteString("**Checklist items:** ")
	for i, n := range c.Items {
		it, _ := checklist.ItemByNumber(n)
		items = append(items, checklistItem{Number: n, Title: it.Title})
		if i > 0 {
			md.WriteString("; ")
		}
		fmt.Fprintf(&md, "%d. %s", n, it.Title)
	}
	fmt.Fprintf(&md, "\n\n%s\n\n", c.Doc.TextMarkdown)
	fmt.Fprintf(&md, "Bad:\n\n```go\n%s\n```\n\nGood:\n\n```go\n%s\n```\n\n", c.Doc.Before, c.Doc.After)
	fmt.Fprintf(&md, "[%s documentation](%s)\n", c.ID, c.URL())
	return sarifRule{
		ID:                   c.ID,
		Name:                 ruleName(c.Doc.Title),
		ShortDescription:     sarifMessage{Text: c.Doc.Title},
		FullDescription:      sarifMessage{Text: c.Doc.Text, Markdown: c.Doc.TextMarkdown},
		HelpURI:              c.URL(),
		Help:                 sarifMessage{Text: c.Explain(), Markdown: md.String()},
		DefaultConfiguration: sarifConfiguration{Level: level(c.Doc.Severity)},
		Properties: sarifRuleProps{
			Tags:           []string{"rcu", "concurrency", "correctness"},
			ChecklistItems: items,
		},
	}
}

// ruleName turns a title into a rule name in the style SARIF suggests:
// "Result of Access dereferenced" becomes "ResultOfAccessDereferenced".
func ruleName(title string) string {
	title = strings.NewReplacer("'", "", "\u2019", "").Replace(title)
	var b strings.Builder
	for _, w := range strings.FieldsFunc(title, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		r, n := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(w[n:])
	}
	return b.String()
}

// level maps a check's severity to a SARIF level.
func level(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "error"
	case lint.SeverityInfo, lint.SeverityHint:
		return "note"
	}
	return "warning"
}

// location returns the SARIF location of the range from pos to end (end may
// be NoPos).
func (w *sarifWriter) location(fset *token.FileSet, pos, end token.Pos) sarifPhysicalLocation {
	start := fset.Position(pos)
	loc := sarifPhysicalLocation{
		ArtifactLocation: w.artifact(start.Filename),
		Region:           w.region(start, fset.Position(end)),
	}
	return loc
}

// region returns the region from start to end, in lines and UTF-16
// columns, as SARIF counts them by default (go/token counts bytes).
func (w *sarifWriter) region(start, end token.Position) sarifRegion {
	r := sarifRegion{StartLine: max(start.Line, 1), StartColumn: w.column(start)}
	if end.IsValid() && end.Filename == start.Filename && end.Offset >= start.Offset {
		r.EndLine, r.EndColumn = end.Line, w.column(end)
	}
	return r
}

// column returns the 1-based UTF-16 column of p.
func (w *sarifWriter) column(p token.Position) int {
	if p.Column < 1 {
		return 1
	}
	data, ok := w.files[p.Filename]
	if !ok {
		data, _ = os.ReadFile(p.Filename)
		w.files[p.Filename] = data
	}
	lineStart := p.Offset - (p.Column - 1)
	if data == nil || lineStart < 0 || p.Offset > len(data) {
		return p.Column
	}
	return len(utf16.Encode([]rune(string(data[lineStart:p.Offset])))) + 1
}

// artifact returns the location of file: relative to the working
// directory if it lies within it, otherwise an absolute file URI.
func (w *sarifWriter) artifact(file string) sarifArtifactLocation {
	for _, dir := range append([]string{w.wd}, w.aliases...) {
		if rel, err := filepath.Rel(dir, file); err == nil && filepath.IsLocal(rel) {
			return sarifArtifactLocation{URI: (&url.URL{Path: filepath.ToSlash(rel)}).String(), URIBaseID: srcRoot}
		}
	}
	return sarifArtifactLocation{URI: fileURI(file)}
}

// fix returns the SARIF form of a suggested fix.
func (w *sarifWriter) fix(fset *token.FileSet, fix analysis.SuggestedFix) sarifFix {
	f := sarifFix{Description: sarifMessage{Text: fix.Message}}
	byFile := make(map[string]int)
	for _, e := range fix.TextEdits {
		start := fset.Position(e.Pos)
		end := start
		if e.End.IsValid() {
			end = fset.Position(e.End)
		}
		i, ok := byFile[start.Filename]
		if !ok {
			i = len(f.ArtifactChanges)
			byFile[start.Filename] = i
			f.ArtifactChanges = append(f.ArtifactChanges, sarifArtifactChange{ArtifactLocation: w.artifact(start.Filename)})
		}
		r := sarifRegion{StartLine: start.Line, StartColumn: w.column(start), EndLine: end.Line, EndColumn: w.column(end)}
		f.ArtifactChanges[i].Replacements = append(f.ArtifactChanges[i].Replacements,
			sarifReplacement{DeletedRegion: r, InsertedContent: sarifMessage{Text: string(e.NewText)}})
	}
	return f
}

// fileURI returns the file URI of an absolute path.
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
