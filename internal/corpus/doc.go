// Package corpus scores rcuvet against the corpus in testdata/src/corpus:
// realistic programs written from real RCU incidents and from correct
// idioms, independently of the analyzer, whose expected findings are marked
// with a trailing "// expect RCUnnnn" comment on the line where each report
// belongs (see testdata/src/corpus/README.md).
//
// The test loads every package of the corpus once, runs every check of
// passes.All over them (facts flow across packages as under go vet), and
// matches the diagnostics against the markers: a diagnostic on a marked
// line with the marked id uses up that marker (a true positive); any other
// diagnostic is a false positive, including a second one on the same
// marker; a marker left unused is a false negative. With -v it prints
// precision and recall overall, per group of cases, per kind of case and per
// check, and lists every false positive and false negative; it fails when
// the overall precision or recall falls below the floors in corpus_test.go.
//
//	go test ./internal/corpus/ -v
//
// The package has no code of its own.
package corpus
