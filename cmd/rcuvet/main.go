package main

import (
	"flag"
	"os"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/rcuvet/rcuvet/passes"
)

func main() {
	if code, done := standalone(os.Args[1:], os.Stdout, os.Stderr); done {
		os.Exit(code)
	}
	flag.Usage = usage(flag.CommandLine)
	multichecker.Main(passes.All()...)
}
