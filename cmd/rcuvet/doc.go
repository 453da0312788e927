// Command rcuvet reports misuse of rcuapi, the RCU runtime, by checking Go
// programs against the Linux kernel's RCU review checklist.
//
// Standalone, rcuvet loads the packages itself:
//
//	rcuvet [flags] packages
//
// It prints each finding on stderr, starting with the id of the check that
// reports it, then one summary line:
//
//	bad/port.go:12:28: RCU1001: Dereference under the section begun by ReadLock at port.go:10, which ended at port.go:11; ...
//	rcuvet: 3 packages checked, 1 finding
//
// Under go vet, which checks one package at a time, carries what a package
// tells its importers (facts) in files, and caches the results:
//
//	rcuvet vet [go vet flags] [packages]
//	go vet -vettool="$(command -v rcuvet || echo rcuvet-not-installed)" ./...
//
// "rcuvet vet" runs go vet with rcuvet's own path as the vet tool. Both
// forms fail when rcuvet is not installed, where go vet
// -vettool=$(which rcuvet) would silently run go vet's own checks instead.
// One binary serves both: go vet asks it for its version (-V=full, which
// prints the module version and a hash of the executable, so that go vet's
// cache never mixes the results of two builds), its flags (-flags), and
// then runs it on one package description (a *.cfg file) at a time.
//
// # Flags
//
// Standalone:
//
//	-fix            apply the suggested fixes, then print the findings
//	                that remain (exit 3 if any)
//	-json           print the findings as JSON on stdout, in go vet's shape
//	                (package -> check -> findings, with posn and end)
//	-sarif          print the findings as a SARIF 2.1.0 log on stdout
//	-q              print no summary line
//	-tags list      build tags, comma-separated, as for go build
//	-test=false     do not check test files
//	-RCU1001=false  run every check but RCU1001
//	-RCU1001        run only the checks named this way (-RCU1001 -RCU1003)
//	-explain ID     print the documentation of a check (exit 2 if the id
//	                is unknown)
//	-list           print the checks this rcuvet runs: id and title
//	-V              print rcuvet's version
//
// Under go vet, the -RCUxxxx flags work the same; -json is go vet's own.
//
// # Exit codes
//
// Standalone:
//
//	0  no findings
//	1  an error: a package failed to load or type-check (its error is
//	   printed once), or an analysis failed
//	2  a bad command line, or an unknown -explain id
//	3  findings (also with -json and -sarif; with -fix, findings that
//	   remain after the fixes)
//
// Under go vet, the go command exits 1 with findings or errors, and 0 with
// -json even when there are findings.
package main
