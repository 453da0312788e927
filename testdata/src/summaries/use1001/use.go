// Package use1001 calls the summaries helpers from another package: RCU1001
// sees through them by their facts.
package use1001

import "fixtures/summaries"

func portAfterDone() int {
	s := summaries.Begin()
	summaries.Done(s)
	return summaries.Port(s) // want `RCU1001: call to Port, which dereferences under its Section argument, under the section begun by Begin at use.go:\d+, which ended at use.go:\d+`
}

func ok() int {
	s := summaries.Begin()
	defer summaries.Done(s)
	return summaries.Port(s)
}
