// Package nogo holds rcuvet's checks in the form that Bazel's nogo takes
// them: one package per check that rcuvet runs, named after the check's id
// in lower case (nogo/rcu1001, nogo/rcu1002, ...), each exporting the
// check's analyzer as the variable Analyzer. The packages are generated from
// passes.All(); go generate ./nogo/ writes them again when the set of checks
// changes, and a test fails until it has.
//
// With rules_go, name the checks to run in the deps of a nogo target, one
// line per check (the directories under nogo/ are the full list):
//
//	nogo(
//	    name = "rcuvet_nogo",
//	    deps = [
//	        "@com_github_rcuvet_rcuvet//nogo/rcu1001",
//	        "@com_github_rcuvet_rcuvet//nogo/rcu1002",
//	        "@com_github_rcuvet_rcuvet//nogo/rcu1003",
//	    ],
//	    config = "nogo_config.json",
//	    visibility = ["//visibility:public"],
//	)
//
// A nogo configuration addresses the checks by their ids, as every other
// driver of rcuvet does: {"RCU1002": {"exclude_files": {"third_party/": ""}}}.
package nogo

//go:generate go run ./internal/gen
