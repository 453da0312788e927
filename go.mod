module github.com/rcuvet/rcuvet

go 1.26.0

require (
	github.com/golangci/plugin-module-register v0.1.2
	github.com/rcuvet/rcuvet/rcuapi v0.0.0
	golang.org/x/tools v0.51.0
	honnef.co/go/tools v0.8.2
)

require (
	golang.org/x/mod v0.41.0 // indirect
	golang.org/x/sync v0.23.0 // indirect
)

// rcuapi is a module of its own (rcuapi/go.mod), so that programs that use
// the runtime get no dependency with it. Until it is tagged, the analyzer
// and the tests build against the copy in this repository.
replace github.com/rcuvet/rcuvet/rcuapi => ./rcuapi
