// Package use1003 calls the summaries helpers from another package: RCU1003
// sees through them by their facts.
package use1003

import "fixtures/summaries"

func neverDone() int {
	s := summaries.Begin()
	return summaries.Port(s) // want `RCU1003: function returns with the section begun by Begin at use.go:\d+ still open`
}

func ok() int {
	s := summaries.Begin()
	p := summaries.Port(s)
	summaries.Done(s)
	return p
}
