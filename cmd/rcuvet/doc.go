// Command rcuvet reports misuse of rcuapi, the RCU runtime, by checking Go
// programs against the RCU review checklist.
//
// One binary serves two modes.
//
// Under go vet, which drives rcuvet one package at a time and carries
// facts between packages:
//
//	go vet -vettool=$(which rcuvet) ./...
//
// Standalone, where rcuvet loads the packages itself:
//
//	rcuvet ./...
//
// Each check is an analyzer named by its stable id, and every diagnostic
// starts with that id, in both modes:
//
//	bad/port.go:12:28: RCU1001: Dereference under the section begun by ReadLock at port.go:10, which ended at port.go:11; ...
//
// # Flags
//
// The flags are those of any x/tools multichecker, in both modes (after
// -vettool=... for go vet):
//
//	-RCU1001=false  disable check RCU1001, run all the others
//	-RCU1001        run only the checks named this way (-RCU1001 -RCU1003)
//	-json           print the diagnostics as JSON on stdout
//	-c N            print N lines of context around each diagnostic
//	-fix            apply the suggested fixes (-diff: print them as a diff)
//	-test=false     do not analyze test files (standalone only)
//
// "rcuvet help" lists the checks, and "rcuvet help RCU1001" describes one
// with its flags.
//
// Two options belong to the standalone command only (go vet rejects them):
//
//	-explain RCU1002  print the documentation of a check: title, severity,
//	                  the checklist items it enforces, what it reports and
//	                  why, a bad and a good example, and a link; exit 2 if
//	                  the id is unknown
//	-sarif            write the findings as one SARIF 2.1.0 log on stdout
//	                  (help links to rcuvet's own docs); exit 0 clean, 3
//	                  with findings, 1 on errors (the log is still written)
//	-list             print the checks this rcuvet runs, one per line:
//	                  id and title
//
// # Exit codes
//
// Standalone:
//
//	0  no findings
//	1  an error: a package failed to load or type-check, or no packages
//	   were named
//	2  a bad flag or an unknown -explain id
//	3  findings, printed on stderr
//
// Under go vet, the go command exits 0 with no findings and 1 with
// findings (printed on stderr) as well as with errors; it exits 2 for a
// flag it does not know.
//
// With -json, in either mode, the diagnostics go to stdout and the exit
// code is 0 even when there are findings: only an error makes it non-zero
// (this is how the x/tools drivers behave). A script that uses -json must
// look at the output, not at the exit code, to decide whether there were
// findings.
package main
