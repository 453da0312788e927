// Package headers is a filter that tags every response with a header.
package headers

import (
	"net/http"

	"github.com/rcuvet/rcuvet/examples/router/internal/chain"
	"github.com/rcuvet/rcuvet/rcuapi"
)

// Header is the response header that the filter sets.
const Header = "X-Router-Filter"

type filter struct {
	chain *chain.Chain
	mod   rcuapi.Module
	elem  *rcuapi.Element[chain.Filter]
	value string
}

// New returns an unloaded headers module that attaches its filter to c;
// the filter sets Header to value.
func New(c *chain.Chain, value string) *rcuapi.Module {
	f := &filter{chain: c, value: value}
	f.mod = rcuapi.Module{Name: "headers", Init: f.init, Exit: f.exit}
	return &f.mod
}

func (f *filter) init() error {
	f.elem = f.chain.Attach(chain.Filter{Module: &f.mod, Stage: f})
	return nil
}

func (f *filter) Before(_ *http.Request, h http.Header) int {
	h.Set(Header, f.value)
	return 0
}

// exit has nothing to wait for: the filter has no state to tear down and
// queues no callbacks. Readers that still see it finish harmlessly, and the
// garbage collector frees it after the last of them.
func (f *filter) exit() { f.chain.Detach(f.elem) }
