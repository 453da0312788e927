package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"
	"honnef.co/go/tools/analysis/lint"

	"github.com/rcuvet/rcuvet/checklist"
	"github.com/rcuvet/rcuvet/passes"
)

// SARIF output: "rcuvet -sarif [flags] packages" writes the findings of a
// standalone run as one SARIF 2.1.0 log on stdout, with rcuvet's version
// and one rule per check, documented from the checklist. The log names no
// web address but the schema's: rcuvet has no published home yet, and a
// rule's help names docs/checks.md in rcuvet's source tree instead
// (helpUri appears once a check has a URL).
//
// Exit codes are those of the text output: 0 with no findings, 3 with
// findings (so that the step that produces the log can gate a build), 1
// when a package fails to load or an analysis fails (the log is still
// written, and says so), 2 for a bad flag.

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// srcRoot is the uriBaseId of the files under the working directory.
	srcRoot = "%SRCROOT%"
)

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
		Name            string      `json:"name"`
		Version         string      `json:"version"`
		SemanticVersion string      `json:"semanticVersion,omitempty"`
		InformationURI  string      `json:"informationUri,omitempty"`
		Rules           []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string             `json:"id"`
		Name                 string             `json:"name"`
		ShortDescription     sarifMessage       `json:"shortDescription"`
		FullDescription      sarifMessage       `json:"fullDescription"`
		HelpURI              string             `json:"helpUri,omitempty"`
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

// writeSARIF writes the outcome of a run as one SARIF 2.1.0 log: one rule
// per check that rcuvet runs (all of them, whichever were selected), one
// result per finding, and the errors as notifications of a failed
// invocation. args is the command line.
func writeSARIF(stdout io.Writer, res *outcome, args []string) error {
	w := &sarifWriter{wd: res.dir, files: make(map[string][]byte)}
	if real, err := filepath.EvalSymlinks(w.wd); err == nil && real != w.wd {
		w.aliases = append(w.aliases, real)
	}
	log := w.newLog(passes.All(), args)
	run := &log.Runs[0]
	for _, msg := range res.errs {
		run.Invocations[0].ExecutionSuccessful = false
		run.Invocations[0].ToolExecutionNotifications = append(run.Invocations[0].ToolExecutionNotifications,
			sarifNotificationItem{Level: "error", Message: sarifMessage{Text: res.relErr(msg)}})
	}
	ruleIndex := make(map[string]int)
	for i, r := range run.Tool.Driver.Rules {
		ruleIndex[r.ID] = i
	}
	for _, f := range res.findings {
		d := f.diag
		id := f.check.Name
		r := sarifResult{
			RuleID:    id,
			RuleIndex: ruleIndex[id],
			Level:     run.Tool.Driver.Rules[ruleIndex[id]].DefaultConfiguration.Level,
			Message:   sarifMessage{Text: d.Message},
			Locations: []sarifLocation{{PhysicalLocation: w.location(f.fset, d.Pos, d.End)}},
		}
		for i, rel := range d.Related {
			r.RelatedLocations = append(r.RelatedLocations, sarifLocation{
				ID:               i + 1,
				Message:          &sarifMessage{Text: rel.Message},
				PhysicalLocation: w.location(f.fset, rel.Pos, rel.End),
			})
		}
		for _, fix := range d.SuggestedFixes {
			r.Fixes = append(r.Fixes, w.fix(f.fset, fix))
		}
		run.Results = append(run.Results, r)
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
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
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
		Name:    "rcuvet",
		Version: version(),
		Rules:   []sarifRule{},
	}
	if v := driver.Version; strings.HasPrefix(v, "v") {
		driver.SemanticVersion = strings.TrimPrefix(v, "v")
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
	if u := c.URL(); u != "" {
		fmt.Fprintf(&md, "[%s documentation](%s)\n", c.ID, u)
	} else {
		fmt.Fprintf(&md, "More: `%s`, or `rcuvet -explain %s`.\n", c.DocRef(), c.ID)
	}
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
