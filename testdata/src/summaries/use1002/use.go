// Package use1002 calls the summaries helpers from another package: RCU1002
// sees through them by their facts.
package use1002

import "fixtures/summaries"

func viaHelpers() int {
	s := summaries.Begin()
	c := summaries.Get(s)
	summaries.Done(s)
	return c.Port // want `RCU1002: a pointer obtained under the section begun by Begin at use.go:\d+ is used after the section ended at use.go:\d+`
}

func ok() int {
	s := summaries.Begin()
	defer summaries.Done(s)
	return summaries.Get(s).Port
}
