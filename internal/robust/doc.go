// Package robust holds rcuvet's robustness tests: the analyzers on
// generated code far larger and deeper than anybody writes by hand, on
// packages with type errors, cgo, build tags, generics and range-over-func,
// on fuzzed programs (FuzzEngine), run twice for determinism, and over real
// code of the standard library. None of them may crash, hang, report an
// internal error or report a finding that is not there. It has no code of
// its own.
//
// Under go test -race, the heaviest tests (the standard library, the
// determinism runs, the generated giants, the fuzz seeds) run in a child
// process built without the race detector: with it they took minutes and
// over 3 GB, most of it the detector's own. See internal/testchild.
package robust
