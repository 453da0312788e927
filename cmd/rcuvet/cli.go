package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rcuvet/rcuvet/checklist"
)

// env is where a run loads its packages.
type env struct {
	Dir string   // the working directory; "" for the process's
	Env []string // the environment of the go command; nil for the process's
}

// options are the standalone command's options.
type options struct {
	format   string // "text", "json" or "sarif"
	fix      bool
	quiet    bool
	tests    bool
	tags     string
	patterns []string
	selected []*analysis.Analyzer // the checks to run
	args     []string             // the command line, for SARIF
}

const usageText = `rcuvet checks Go code that uses rcuapi, the RCU runtime, against the
Linux kernel's RCU review checklist: sections that leak or end too early,
pointers used after their section, blocking readers and callbacks, wrong
grace periods, modules and SRCU domains torn down with callbacks queued.

Usage:

	rcuvet [flags] packages          check packages (e.g. ./...)
	rcuvet vet [go vet flags] [packages]
	                                 the same checks under go vet, which caches
	                                 results and runs one package at a time
	rcuvet -explain ID               a check's documentation (e.g. RCU1002)
	rcuvet -list                     the checks, one per line

Flags:

	-fix            apply the suggested fixes, then report what remains
	-json           print the findings as JSON on stdout
	-sarif          print the findings as a SARIF 2.1.0 log on stdout
	-q              no summary line on stderr
	-tags list      build tags, comma-separated, as for go build
	-test=false     do not check test files
	-RCU1002=false  run every check but RCU1002
	-RCU1001        run only the checks named so (-RCU1001 -RCU1003)

Findings are printed on stderr as file:line:col: RCUnnnn: message, followed
by a summary line. Exit status: 0 no findings, 1 an error (a package that
does not load, for instance), 2 a bad command line, 3 findings (also with
-json and -sarif; with -fix, findings that remain).

Under go vet itself (exit status 1 with findings):

	go vet -vettool="$(command -v rcuvet || echo rcuvet-not-installed)" ./...

Silence one finding with a comment on its line or the line above:
//rcuvet:ignore RCU1002 <reason>.
`

// parseArgs parses the standalone command line: flags, then packages.
// It returns the options, or an exit code and false when there is nothing
// to run (help was printed, or the command line is wrong).
func parseArgs(args []string, all []*analysis.Analyzer, stdout, stderr io.Writer) (*options, int, bool) {
	o := &options{format: "text", args: args}
	fs := flag.NewFlagSet("rcuvet", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are printed below, in one line
	jsonOut := fs.Bool("json", false, "")
	sarifOut := fs.Bool("sarif", false, "")
	fs.BoolVar(&o.fix, "fix", false, "")
	fs.BoolVar(&o.quiet, "q", false, "")
	fs.BoolVar(&o.tests, "test", true, "")
	fs.StringVar(&o.tags, "tags", "", "")
	enabled := make(map[*analysis.Analyzer]*enableFlag)
	for _, a := range all {
		e := new(enableFlag)
		fs.Var(e, a.Name, "")
		enabled[a] = e
		a.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, a.Name+"."+f.Name, f.Usage) })
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			io.WriteString(stdout, usageText)
			return nil, 0, false
		}
		fmt.Fprintf(stderr, "rcuvet: %v (rcuvet -h lists the flags)\n", err)
		return nil, 2, false
	}
	o.patterns = fs.Args()
	for _, p := range o.patterns {
		if strings.HasPrefix(p, "-") && p != "-" {
			fmt.Fprintf(stderr, "rcuvet: flag %s after the packages; put the flags first\n", p)
			return nil, 2, false
		}
	}
	switch {
	case *jsonOut && *sarifOut:
		fmt.Fprintf(stderr, "rcuvet: -json and -sarif cannot be used together\n")
		return nil, 2, false
	case o.fix && (*jsonOut || *sarifOut):
		fmt.Fprintf(stderr, "rcuvet: -fix prints the findings it cannot fix as text; use it without -json and -sarif\n")
		return nil, 2, false
	case *jsonOut:
		o.format = "json"
	case *sarifOut:
		o.format = "sarif"
	}
	if len(o.patterns) == 0 {
		fmt.Fprintf(stderr, "rcuvet: no packages to check; name them, e.g. rcuvet ./...\n")
		return nil, 2, false
	}

	// As go vet does: if any -RCUxxxx flag is true, run only those checks;
	// otherwise, if any is false, run all but those.
	var hasTrue bool
	for _, e := range enabled {
		hasTrue = hasTrue || *e == setTrue
	}
	for _, a := range all {
		if hasTrue && *enabled[a] == setTrue || !hasTrue && *enabled[a] != setFalse {
			o.selected = append(o.selected, a)
		}
	}
	if len(o.selected) == 0 {
		fmt.Fprintf(stderr, "rcuvet: the -RCUxxxx=false flags turn every check off\n")
		return nil, 2, false
	}
	return o, 0, true
}

// run is the standalone command: it returns the exit code.
func run(args []string, e env, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		io.WriteString(stderr, usageText)
		return 2
	}
	switch args[0] {
	case "help":
		if len(args) > 1 {
			return explain(args[1], stdout, stderr)
		}
		io.WriteString(stdout, usageText)
		return 0
	case "vet":
		return vet(args[1:], e, stdout, stderr)
	}
	// The options that print something and exit. They are not flags of
	// the analysis (and go vet, which asks rcuvet for its flags, never
	// sees them).
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" || !strings.HasPrefix(arg, "-") {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		switch name {
		case "tags":
			if !hasValue {
				i++ // its value
			}
		case "explain":
			if !hasValue {
				if i+1 >= len(args) {
					fmt.Fprintf(stderr, "rcuvet: -explain needs a check id, one of: %s\n", strings.Join(ids(), ", "))
					return 2
				}
				value = args[i+1]
			}
			return explain(value, stdout, stderr)
		case "list":
			if hasValue {
				fmt.Fprintf(stderr, "rcuvet: -list takes no value\n")
				return 2
			}
			list(stdout)
			return 0
		}
	}
	o, code, ok := parseArgs(args, analyzers(), stdout, stderr)
	if !ok {
		return code
	}
	return check(o, e, stdout, stderr)
}

// explain prints the documentation of check id.
func explain(id string, stdout, stderr io.Writer) int {
	c, ok := checklist.Lookup(strings.ToUpper(strings.TrimSpace(id)))
	if !ok {
		fmt.Fprintf(stderr, "rcuvet: unknown check %q; the checks are: %s\n", id, strings.Join(ids(), ", "))
		return 2
	}
	io.WriteString(stdout, c.Explain())
	if !c.Implemented {
		fmt.Fprintf(stdout, "\nNote: this version of rcuvet does not run %s yet.\n", c.ID)
	}
	return 0
}

// list prints one line per check that rcuvet runs: its id and title.
func list(stdout io.Writer) {
	for _, c := range checklist.Checks {
		if c.Implemented {
			fmt.Fprintf(stdout, "%s\t%s\n", c.ID, c.Doc.Title)
		}
	}
}

// ids returns the ids of every check in the catalogue.
func ids() []string {
	var ids []string
	for _, c := range checklist.Checks {
		ids = append(ids, c.ID)
	}
	return ids
}

// enableFlag is the value of a -RCUxxxx flag: unset, true or false, as in
// go vet.
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
