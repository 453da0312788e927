// Package robust holds rcuvet's robustness tests: the analyzers on
// generated code far larger and deeper than anybody writes by hand, on
// packages with type errors, cgo, build tags, generics and range-over-func,
// on fuzzed programs (FuzzEngine), run twice for determinism, and over real
// code of the standard library. None of them may crash, hang, report an
// internal error or report a finding that is not there. It has no code of
// its own.
package robust
