package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
)

// vet runs go vet with this executable as its vet tool: "rcuvet vet ./..."
// is "go vet -vettool=/path/to/rcuvet ./...", with go vet's flags, caching
// and exit status, and it cannot silently fall back to go vet's own
// analyzers, since the shell fails first when rcuvet is not installed.
func vet(args []string, e env, stdout, stderr io.Writer) int {
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			fmt.Fprintf(stdout, "usage: rcuvet vet [go vet flags] [packages]\n\nRuns go vet with rcuvet as its vet tool (go vet -vettool=rcuvet), with the\ngiven flags and packages; -RCU1002=false turns a check off, as in the\nstandalone command. Exit status 1 with findings.\n")
			return 0
		}
		if strings.HasPrefix(a, "-") && strings.HasPrefix(strings.TrimLeft(a, "-"), "vettool") {
			fmt.Fprintf(stderr, "rcuvet vet: -vettool is rcuvet itself; leave it out\n")
			return 2
		}
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintf(stderr, "rcuvet vet: cannot find this executable: %v\n", err)
		return 1
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		fmt.Fprintf(stderr, "rcuvet vet: %v\n", err)
		return 1
	}
	cmd := exec.Command(goTool, append([]string{"vet", "-vettool=" + self}, args...)...)
	cmd.Dir = e.Dir
	cmd.Env = e.Env
	cmd.Stdin = os.Stdin
	cmd.Stdout, cmd.Stderr = stdout, stderr
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		if code := exit.ExitCode(); code > 0 {
			return code
		}
		fmt.Fprintf(stderr, "rcuvet vet: go vet: %v\n", err)
		return 1
	case err != nil:
		fmt.Fprintf(stderr, "rcuvet vet: %v\n", err)
		return 1
	}
	return 0
}
