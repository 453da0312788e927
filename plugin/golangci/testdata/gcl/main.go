// Command golangci-lint is golangci-lint v2 with rcuvet's module plugin
// built in: the main package of golangci-lint plus one blank import.
package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	_ "github.com/rcuvet/rcuvet/plugin/golangci" // registers the rcuvet linter
)

func main() {
	// The version "(devel)" makes golangci-lint key its cache on a hash of
	// this binary, so results cached by an older rcuvet are never reused.
	info := commands.BuildInfo{Version: "(devel)", Commit: "?", Date: "(unknown)", GoVersion: "unknown"}
	if bi, ok := debug.ReadBuildInfo(); ok {
		info.GoVersion = bi.GoVersion
		for _, m := range bi.Deps {
			if m.Path == "github.com/golangci/golangci-lint/v2" {
				info.Commit = "golangci-lint " + m.Version + " with the rcuvet plugin"
			}
		}
	}
	if err := commands.Execute(info); err != nil {
		_, _ = fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}
