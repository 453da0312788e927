// Package chain is the router's request filter chain: an RCU-protected list
// of filters, each owned by a loadable rcuapi.Module. Requests read the
// chain without a lock; modules attach and detach their filters while
// requests flow.
package chain

import (
	"net/http"
	"sync"

	"github.com/rcuvet/rcuvet/rcuapi"
)

// Stage is the behaviour of one request filter.
type Stage interface {
	// Before runs inside the reader's read-side section, so it must not
	// block. It may set response headers; a non-zero status rejects the
	// request.
	Before(r *http.Request, h http.Header) (status int)
}

// AfterStage is a Stage that also wants the outcome of the request. After
// runs once the response is written, outside any section: the request
// holds a reference on the filter's module for it.
type AfterStage interface {
	Stage
	After(status int)
}

// Filter is an element of the chain: a stage and the module that owns it.
type Filter struct {
	Module *rcuapi.Module
	Stage  Stage
}

// Chain is the RCU-protected filter chain. The zero value is an empty
// chain. A Chain must not be copied.
type Chain struct {
	list rcuapi.List[Filter]
	mu   sync.Mutex // serialises updaters
}

// Attach adds f at the end of the chain; a module calls it from its Init.
func (c *Chain) Attach(f Filter) *rcuapi.Element[Filter] {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.list.PushBack(f)
}

// Detach removes a filter from the chain; a module calls it from its Exit.
// Readers that are already traversing the chain may still reach it until a
// grace period has elapsed.
func (c *Chain) Detach(e *rcuapi.Element[Filter]) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.list.Remove(e)
}

// Held are the filters that a request holds module references on, so that
// they see its outcome after its read-side section has ended.
type Held []Filter

// Apply runs the chain for one request inside section s. For every filter
// that wants to see the request again after s has ended, it takes a module
// reference, which keeps the module from being unloaded until the request
// calls Finish. TryGet fails once unloading has begun: such a filter still
// sees the request now but not its outcome.
func (c *Chain) Apply(s rcuapi.Section, r *http.Request, h http.Header) (status int, held Held) {
	for e := range c.list.All(s) {
		f := e.Value
		if _, ok := f.Stage.(AfterStage); ok && f.Module.TryGet() {
			held = append(held, f)
		}
		if status = f.Stage.Before(r, h); status != 0 {
			break
		}
	}
	return status, held
}

// Finish tells every held filter the request's status and drops its module
// reference. It runs outside any section.
func (held Held) Finish(status int) {
	for _, f := range held {
		f.Stage.(AfterStage).After(status)
		f.Module.Put()
	}
}
