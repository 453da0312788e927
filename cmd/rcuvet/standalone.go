package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/rcuvet/rcuvet/checklist"
)

// standalone handles the options that only the standalone command has,
// -explain ID, -list and -sarif, which multichecker knows nothing about. It scans
// the arguments (without the program name) up to a "--" and reports whether
// it handled the command line, and if so the exit code. Otherwise the
// arguments are left to multichecker, which serves go vet and standalone
// analysis.
//
// These options are deliberately not registered with the flag package: go
// vet asks the tool for its flags (-flags) and would otherwise accept them
// on its own command line, where they make no sense.
func standalone(args []string, stdout, stderr io.Writer) (code int, done bool) {
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			break
		}
		if !strings.HasPrefix(arg, "-") {
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		switch name {
		case "explain":
			if !hasValue {
				if i+1 >= len(args) {
					fmt.Fprintf(stderr, "rcuvet: -explain needs a check id, one of: %s\n", strings.Join(ids(), ", "))
					return 2, true
				}
				value = args[i+1]
			}
			return explain(value, stdout, stderr), true
		case "sarif":
			if hasValue {
				fmt.Fprintf(stderr, "rcuvet: -sarif takes no value\n")
				return 2, true
			}
			return runSARIF(args, sarifEnv{}, stdout, stderr), true
		case "list":
			if hasValue {
				fmt.Fprintf(stderr, "rcuvet: -list takes no value\n")
				return 2, true
			}
			list(stdout)
			return 0, true
		}
	}
	return 0, false
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

// usage returns a flag.Usage for fs that lists, after fs's own flags, the
// standalone options that standalone handles.
func usage(fs *flag.FlagSet) func() {
	return func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage of %s:\n", fs.Name())
		fs.PrintDefaults()
		fmt.Fprintf(w, "  -explain ID\n    \tprint the documentation of check ID and exit (standalone only)\n")
		fmt.Fprintf(w, "  -list\n    \tlist the checks this rcuvet runs and exit (standalone only)\n")
		fmt.Fprintf(w, "  -sarif\n    \twrite the findings as a SARIF 2.1.0 log on stdout; exit 3 with findings (standalone only)\n")
	}
}
